"""Receipt codes: how a voter checks that their vote was counted without showing how they voted.

At casting, the voter is shown a random code once (it is stored nowhere in clear, not in the
session, not in a log). Each vote row of that cast stores HMAC(SECRET_KEY, question, slot, code),
one different hash per row, so the rows of one voter cannot be grouped without the code. Checking
a code recomputes the hashes and answers only "counted" or "not found": the choice is never shown,
to the voter or to anyone they hand the code to.
"""

from __future__ import annotations

import secrets

from django.utils.crypto import salted_hmac

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0, 1: read aloud and copied by hand
GROUPS, GROUP_LENGTH = 4, 4  # 16 characters, about 79 bits
KEY_SALT = "thidua.voting.receipt"


def new_code() -> str:
    """ "K7QX-M2PA-9TRE-WH4C"."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(chars[i : i + GROUP_LENGTH] for i in range(0, len(chars), GROUP_LENGTH))


def normalise(code: str) -> str:
    """Upper case, separators and spaces dropped: "k7qx m2pa-9tre wh4c" → "K7QXM2PA9TREWH4C"."""
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def is_well_formed(code: str) -> bool:
    clean = normalise(code)
    return len(clean) == GROUPS * GROUP_LENGTH and all(ch in ALPHABET for ch in clean)


def receipt_hash(code: str, question_id: int, slot: int) -> str:
    value = f"{question_id}:{slot}:{normalise(code)}"
    return salted_hmac(KEY_SALT, value, algorithm="sha256").hexdigest()
