"""Default approval thresholds (Nghị định 98/2023/NĐ-CP art. 30.7, the default of every province
from 01/07/2025) and the quorum rule (2/3 of the members present): see thidua/voting/defaults.py."""

from django.db import migrations

from thidua.voting import defaults


def load(apps, schema_editor):
    defaults.load(apps.get_model("voting", "ApprovalThreshold"), apps.get_model("voting", "QuorumRule"))


def unload(apps, schema_editor):
    apps.get_model("voting", "ApprovalThreshold").objects.filter(province__isnull=True).delete()
    apps.get_model("voting", "QuorumRule").objects.filter(province__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("voting", "0001_ballots_turnout_votes_and_thresholds")]

    operations = [migrations.RunPython(load, unload)]
