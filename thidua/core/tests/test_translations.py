"""The Vietnamese catalogue is complete: every message has a translation, none is fuzzy."""

from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
# The project catalogue and each app's own (apps may keep a locale/ folder beside their code).
CATALOGUES = sorted(
    [BASE / "locale/vi/LC_MESSAGES/django.po", *BASE.glob("thidua/*/locale/vi/LC_MESSAGES/*.po")]
)


def _entries(text: str):
    """Yield (flags, msgid, msgstrs) for each entry of a .po file (enough for this test)."""
    for block in text.split("\n\n"):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        flags = " ".join(ln for ln in lines if ln.startswith("#,"))
        fields: dict[str, str] = {}
        key = None
        for ln in lines:
            if ln.startswith("#"):
                continue
            if ln.startswith('"'):
                fields[key] += ln.strip()[1:-1]
                continue
            key, _, value = ln.partition(" ")
            fields[key] = value.strip()[1:-1]
        if "msgid" in fields:
            yield flags, fields["msgid"], [v for k, v in fields.items() if k.startswith("msgstr")]


def test_vietnamese_catalogue_has_no_missing_or_fuzzy_entry():
    missing, fuzzy = [], []
    for po in CATALOGUES:
        for flags, msgid, msgstrs in _entries(po.read_text(encoding="utf-8")):
            if not msgid:
                continue  # the header
            if "fuzzy" in flags:
                fuzzy.append(f"{po.parent.parent.parent.parent.name}: {msgid}")
            if not all(msgstrs):
                missing.append(f"{po.parent.parent.parent.parent.name}: {msgid}")
    assert not missing, f"untranslated: {missing}"
    assert not fuzzy, f"fuzzy: {fuzzy}"


def test_compiled_catalogue_is_used_for_vietnamese():
    from django.utils import translation

    with translation.override("vi"):
        assert translation.gettext("Clusters and blocs") == "Cụm, khối thi đua"
    with translation.override("en"):
        assert translation.gettext("Clusters and blocs") == "Clusters and blocs"
