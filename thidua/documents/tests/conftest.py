import datetime

import pytest

from thidua.clusters import actions as cluster_actions
from thidua.clusters.tests.factories import make_cluster
from thidua.organizations.models import Unit
from thidua.organizations.tests.factories import UnitFactory

DAY = datetime.date(2020, 2, 20)


@pytest.fixture
def year(cluster):
    """The city's 2020 emulation year of the shared `cluster` fixture (Cụm thi đua số I)."""
    return cluster.emulation_year


@pytest.fixture
def busy_year(tree, cast, cluster):
    """The same year with clusters II, IX, X and blocs 2, 10 (numbered out of text order)."""
    ey = cluster.emulation_year
    made = {"I": cluster}
    for kind, number in (("cum", "X"), ("khoi", "10"), ("cum", "IX"), ("khoi", "2"), ("cum", "II")):
        units = [
            UnitFactory(parent=tree["city"], kind="huyen", short_name=f"{s} {kind}{number}")
            for s in ("Ông", "Ấp", "Yên")
        ]
        made[f"{kind}{number}"] = cluster_actions.create_cluster(
            emulation_year=ey,
            kind=kind,
            number=number,
            name=f"{'Cụm' if kind == 'cum' else 'Khối'} thi đua số {number}",
            members=units,
            leader=units[0],
            deputy=None,
            description="",
            by=None,
        )
    return ey, made


@pytest.fixture
def sample_cluster(tree, cast):
    """A 2021 cluster marked as sample data, with one sample member unit."""
    cluster = make_cluster(
        unit=tree["city"],
        members=[tree["d1"], tree["d3"]],
        leader=tree["d3"],
        year=2021,
        number="V",
        name="Cụm thi đua số V",
    )
    type(cluster).objects.filter(pk=cluster.pk).update(is_sample=True)
    Unit.objects.filter(pk=tree["d1"].pk).update(is_sample=True)
    cluster.refresh_from_db()
    return cluster
