"""Copy last year's pledge as a start; see the difference between two years or two versions."""

import pytest
from django.core.exceptions import ValidationError

from thidua.clusters import actions as cluster_actions
from thidua.core.models import AuditEntry
from thidua.pledges import actions, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def next_year(cluster, cast):
    ey = cluster_actions.create_emulation_year(
        unit=cluster.emulation_year.unit, year=2021, theme="Chủ đề năm 2021", by=cast["board"]
    )
    return cluster_actions.roll_over_cluster(cluster=cluster, emulation_year=ey, by=cast["board"])


def test_copying_last_years_pledge_starts_a_draft_with_its_content(locked, next_year, cast):
    sources = list(queries.copy_sources(cast["leader"], next_year))
    assert sources == [locked]
    pledge = actions.copy_pledge(cluster=next_year, source=locked, by=cast["leader"])
    version = pledge.versions.get()
    assert version.is_draft and version.based_on == locked
    assert version.title == "Giao ước thi đua năm 2021"
    assert version.theme == "Chủ đề năm 2021"
    assert version.scale == locked.scale and version.bonus_cap == locked.bonus_cap
    assert list(version.criteria.values_list("code", "key")) == list(
        locked.criteria.values_list("code", "key")
    )
    assert version.key_tasks.count() == 1 and version.groups.count() == 2
    entry = AuditEntry.objects.get(action="pledges.pledge.copied")
    assert entry.after["source_version"] == locked.pk and entry.after["criteria"] == 3


def test_copy_sources_exclude_later_years_and_other_organisers(locked, cluster, cast):
    assert list(queries.copy_sources(cast["leader"], cluster)) == []


def test_a_pledge_is_not_copied_onto_itself(locked, cluster, cast):
    with pytest.raises(ValidationError):
        actions.copy_pledge(cluster=cluster, source=locked, by=cast["leader"])


def test_the_diff_between_two_years_names_added_removed_and_changed_rows(locked, next_year, cast):
    version = actions.copy_pledge(
        cluster=next_year, source=locked, by=cast["leader"]
    ).versions.get()
    leader = cast["leader"]
    c11 = version.criteria.get(code="1.1")
    actions.update_criterion(
        criterion=c11,
        version=c11.version,
        by=leader,
        code="1.1",
        text=c11.text,
        max_score="3",
        method="target",
        target_value="105",
        target_unit="%",
        threshold_value="90",
        evidence=c11.evidence,
    )
    actions.delete_criterion(criterion=version.criteria.get(code="1.2"), by=leader)
    actions.add_criterion(
        group=version.groups.get(title="Kinh tế"),
        code="1.3",
        text="Phát triển doanh nghiệp mới",
        max_score="4",
        method="free",
        by=leader,
    )
    diff = queries.compare_versions(locked, version)
    assert [r["code"] for r in diff.criteria.added] == ["1.3"]
    assert [r["code"] for r in diff.criteria.removed] == ["1.2"]
    ((_old, new, changes),) = diff.criteria.changed
    assert new["code"] == "1.1"
    assert {(c.field, c.old, c.new) for c in changes} == {
        ("max_score", "4", "3"),
        ("target", "100 %", "105 %"),
        ("threshold_value", "80", "90"),
    }
    assert [c.field for c in diff.settings] == ["title", "theme"]
    assert not diff.groups and not diff.key_tasks


def test_an_amendment_diff_shows_only_what_changed(locked, cast):
    amendment = actions.amend_pledge(pledge=locked.pledge, reason="Sửa", by=cast["leader"])
    assert queries.compare_versions(locked, amendment).is_empty
    task = amendment.key_tasks.get()
    actions.update_key_task(
        task=task, version=task.version, text="Hoàn thành vượt mức các chỉ tiêu", by=cast["leader"]
    )
    diff = queries.compare_versions(locked, amendment)
    assert len(diff.key_tasks.changed) == 1 and not diff.criteria


def test_rows_without_a_shared_key_are_matched_by_code(locked, cluster, cast, tree):
    from thidua.clusters.tests.factories import make_cluster
    from thidua.pledges.tests.factories import build_draft

    other = build_draft(
        make_cluster(unit=tree["city"], members=[tree["w1"]], year=2021), cast["board"]
    )
    diff = queries.compare_versions(locked, other)
    assert not diff.criteria and not diff.groups
