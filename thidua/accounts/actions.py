"""Writes on accounts: API tokens are created and revoked by their users, audited."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit, vn

from .models import ApiToken

TOKEN_PREFIX = "thd_"


def hash_secret(secret: str) -> str:
    # Tokens are 256 random bits: a plain SHA-256 is enough, no slow hash needed.
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token; the clear text is returned once and never stored."""
    name = vn.clean_text(name or "")
    if not name:
        raise ValidationError({"name": _("This field cannot be empty.")})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=prefix, key_hash=hash_secret(secret)
    )
    audit.record(
        actor=user,
        action="accounts.api_token.created",
        obj=token,
        after={"name": name, "prefix": prefix},
    )
    return token, f"{TOKEN_PREFIX}{prefix}_{secret}"


@transaction.atomic
def revoke_api_token(*, token: ApiToken, by) -> ApiToken:
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This token has already been revoked."))
    token.refresh_from_db()
    audit.record(
        actor=by,
        action="accounts.api_token.revoked",
        obj=token,
        before={"revoked_at": None},
        after={"revoked_at": token.revoked_at},
    )
    return token


def user_for_token(raw: str):
    """The active user a presented token belongs to, or None. Marks the token used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    prefix, _, secret = raw[len(TOKEN_PREFIX) :].partition("_")
    token = (
        ApiToken.objects.select_related("user")
        .filter(prefix=prefix, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, hash_secret(secret)):
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user
