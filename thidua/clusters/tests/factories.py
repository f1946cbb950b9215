from thidua.clusters import actions
from thidua.clusters.models import EmulationYear


def make_cluster(
    *,
    unit,
    members,
    leader=None,
    deputy=None,
    year=2020,
    number="I",
    name="Cụm thi đua số I",
    kind="cum",
):
    ey = EmulationYear.objects.filter(unit=unit, year=year).first() or (
        actions.create_emulation_year(unit=unit, year=year, theme="Chủ đề thử", by=None)
    )
    return actions.create_cluster(
        emulation_year=ey,
        kind=kind,
        number=number,
        name=name,
        members=members,
        leader=leader,
        deputy=deputy,
        by=None,
    )
