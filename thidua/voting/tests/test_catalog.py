"""The award codes of council questions and the default rules loaded by the data migration."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from thidua.voting.catalog import VOTABLE_AWARDS
from thidua.voting.models import ApprovalThreshold, QuorumRule

CATALOGUE = Path(settings.BASE_DIR) / "thidua/awards/data/awards-catalog.json"


@pytest.mark.skipif(not CATALOGUE.exists(), reason="the awards app's catalogue is not there")
def test_every_votable_code_is_in_the_award_catalogue():
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    names = {a["code"]: a.get("vi_hanoi") or a["vi"] for a in data["titles"] + data["forms"]}
    assert {code: name for code, name, _subject in VOTABLE_AWARDS} == {
        code: names[code] for code, _name, _subject in VOTABLE_AWARDS
    }


@pytest.mark.django_db
def test_the_defaults_are_loaded_for_both_regimes_and_every_province():
    rows = ApprovalThreshold.objects.filter(province__isnull=True)
    assert rows.count() == 10
    assert set(rows.values_list("regime", flat=True)) == {
        "luat_2022_nd_98_2023",
        "luat_2022_nd_152_2025",
    }
    assert set(rows.values_list("of_all_members", flat=True)) == {True}
    quorum = QuorumRule.objects.get()
    assert (quorum.numerator, quorum.denominator, quorum.comparison) == (2, 3, "at_least")


@pytest.mark.django_db
def test_the_data_migration_itself_loads_the_defaults_once():
    """Not only the tests' fixture or the demo: migration 0002 loads the rows, idempotently."""
    ApprovalThreshold.objects.all().delete()
    QuorumRule.objects.all().delete()
    loader = MigrationLoader(connection)
    key = ("voting", "0002_load_default_thresholds")
    [operation] = loader.get_migration(*key).operations
    historical = loader.project_state(key).apps
    for _run in range(2):
        operation.code(historical, connection.schema_editor)
        assert ApprovalThreshold.objects.count() == 10
        assert QuorumRule.objects.count() == 1
    shares = dict(
        ApprovalThreshold.objects.filter(regime="luat_2022_nd_98_2023").values_list(
            "award_code", "numerator"
        )
    )
    assert shares == {
        "chien_si_thi_dua_toan_quoc": 90,
        "chien_si_thi_dua_cap_tinh": 90,
        "chien_si_thi_dua_co_so": 80,
        "co_thi_dua_cap_tinh": 80,
        "co_thi_dua_chinh_phu": 80,
    }
    operation.reverse_code(historical, connection.schema_editor)
    assert not ApprovalThreshold.objects.exists() and not QuorumRule.objects.exists()


def _catalogue_entries():
    """(context, msgid, msgstr) of every singular entry of the voting app's .po file."""
    po = Path(__file__).resolve().parents[1] / "locale/vi/LC_MESSAGES/django.po"
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, str] = {}
        key = None
        for line in block.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line.startswith('"'):
                fields[key] += json.loads(line)
                continue
            key, _sep, value = line.partition(" ")
            fields[key] = json.loads(value)
        if fields.get("msgid") and "msgid_plural" not in fields:
            yield fields.get("msgctxt"), fields["msgid"], fields["msgstr"]


def test_every_voting_message_reads_as_the_voting_catalogue_says():
    """Apps listed before voting win when they translate the same message differently ("Check"
    once read "Xét" on the receipt page): such messages take a context here."""
    from django.utils import translation

    overridden = []
    with translation.override("vi"):
        for context, msgid, msgstr in _catalogue_entries():
            shown = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
            if shown != msgstr:
                overridden.append((context, msgid, msgstr, shown))
    assert not overridden
