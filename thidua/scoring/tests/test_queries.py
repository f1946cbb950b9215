"""Reads of scoring: progress, discrepancies, scoreboard (bounded queries at 10 × 50), the
published ranking for the voting app, year-over-year change, reminders."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from thidua.campaigns.models import Notification
from thidua.core.models import AuditEntry
from thidua.scoring import actions, consolidation, queries
from thidua.scoring.models import RoundUnit
from thidua.scoring.tests import factories as sf

pytestmark = pytest.mark.django_db
D = Decimal


def test_progress_counts_per_unit_and_per_criterion(scoring_round, tree, cast):
    sf.self_score(scoring_round, tree["d3"], cast["member"], **{"1.1": {"value": 90}})
    sf.self_score(scoring_round, tree["d2"], cast["officer"], **sf.FULL)
    rows = {r.unit.pk: r for r in queries.progress_by_unit(scoring_round)}
    assert (rows[tree["d3"].pk].scored, rows[tree["d3"].pk].criteria) == (1, 3)
    assert rows[tree["d3"].pk].lacking_evidence == 1  # 1.1 scored above 0, no file
    assert rows[tree["d2"].pk].lacking_evidence == 2 and rows[tree["d1"].pk].is_leader
    by_code = {r["criterion"].code: r for r in queries.progress_by_criterion(scoring_round)}
    assert by_code["1.1"]["scored"] == 2 and by_code["2.1"]["scored"] == 1
    assert by_code["1.1"]["average"] == D("3.8")


def test_discrepancies_respect_the_threshold_and_missing_self_scores(scored, tree, cast):
    actions.assign_cross_scorers(scoring_round=scored, mode="all", by=None)
    line = sf.line(scored, tree["d3"], "1.1")  # self 4
    actions.save_cross_score(
        line=line, scorer=tree["d2"], version=0, value="90", reason="90%", by=cast["officer"]
    )  # 3,6: 0,4 below
    assert list(queries.discrepancies(scored)) == [line]
    scored.refresh_from_db()
    actions.update_round(
        scoring_round=scored,
        version=scored.version,
        title=scored.title,
        opens_on=scored.opens_on,
        closes_on=scored.closes_on,
        grace_days=scored.grace_days,
        discrepancy_threshold="0,5",
        by=None,
    )
    scored.refresh_from_db()
    assert not queries.discrepancies(scored).exists()
    counts = queries.discrepancy_counts(scored)
    assert counts == {"total": 0, "resolved": 0, "open": 0}


def test_a_cross_score_on_a_line_the_unit_did_not_score_is_a_discrepancy(scoring_round, tree, cast):
    actions.assign_cross_scorers(scoring_round=scoring_round, mode="all", by=None)
    line = sf.line(scoring_round, tree["d3"], "2.1")
    actions.save_cross_score(
        line=line,
        scorer=tree["d1"],
        version=0,
        choice="yes",
        reason="Có báo cáo",
        by=cast["leader"],
    )
    assert list(queries.discrepancies(scoring_round, tree["d3"].pk)) == [line]


def test_the_scoreboard_of_10_units_and_50_criteria_takes_few_queries(
    tree, cast, client_for, django_assert_max_num_queries
):
    scoring_round, _members = sf.large_round(tree)
    client = client_for(cast["board"])
    url = reverse("scoring:scoreboard", args=[scoring_round.pk])
    with django_assert_max_num_queries(16):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('class="rank"') == 10
    actions.close_round(scoring_round=scoring_round, by=None)
    actions.publish_round(scoring_round=scoring_round, by=None)
    viewer = client_for(cast["viewer"])
    with django_assert_max_num_queries(16):
        assert viewer.get(url).status_code == 200
    with django_assert_max_num_queries(20):
        sheet = viewer.get(reverse("scoring:score_sheet", args=[scoring_round.pk, "xlsx"]))
    assert sheet.status_code == 200


def test_the_published_ranking_is_what_voting_reads(scored, tree, cluster):
    assert queries.published_ranking(cluster) is None
    actions.close_round(scoring_round=scored, by=None)
    actions.publish_round(scoring_round=scored, by=None)
    ranking = queries.published_ranking(cluster)
    assert ranking == [tree["d1"].pk, tree["d2"].pk, tree["d3"].pk]
    from thidua.voting.candidates import candidates_for

    pool = candidates_for(cluster, top_n=2)
    assert pool.ranked and [u.pk for u in pool.units] == ranking[:2]


def test_the_stored_results_are_the_live_consolidation(scored):
    live = consolidation.standings([scored])
    actions.close_round(scoring_round=scored, by=None)
    actions.publish_round(scoring_round=scored, by=None)
    rows = queries.scoreboard(scored).rows
    assert [(r.unit.pk, r.rank, r.total, r.grade) for r in rows] == [
        (s.unit_id, s.rank, s.total, s.grade) for s in live
    ]


def test_year_over_year_change_comes_from_the_latest_earlier_published_round(
    scored, tree, cast, cluster
):
    from thidua.clusters.tests.factories import make_cluster

    actions.close_round(scoring_round=scored, by=None)
    actions.publish_round(scoring_round=scored, by=None)
    later = make_cluster(
        unit=tree["city"],
        members=[tree["d1"], tree["d2"], tree["d3"]],
        leader=tree["d1"],
        year=2021,
        number="I",
    )
    version = sf.locked_version(later, cast, tree, signed_on=sf.SIGNED.replace(year=2021))
    next_round = actions.create_round(
        cluster=later,
        opens_on=sf.OPENS.replace(year=2021),
        closes_on=sf.CLOSES.replace(year=2021),
        by=None,
    )
    assert next_round.pledge_version == version
    rows = {r.unit.pk: r for r in queries.scoreboard(next_round).rows}
    assert rows[tree["d1"].pk].previous_year == 2020
    assert rows[tree["d1"].pk].previous_total == D(10)
    assert rows[tree["d1"].pk].change == D(-10)  # nothing scored yet in 2021


def test_group_scores_sum_the_final_points_of_each_content_group(scored, tree, version):
    groups = {g.title: g.pk for g in version.groups.all()}
    scores = queries.group_scores([scored])[(scored.pk, tree["d2"].pk)]
    assert scores == {groups["Kinh tế"]: D(6), groups["An ninh – quốc phòng"]: D(3)}


# --- reminders ----------------------------------------------------------------------------------


def test_reminders_reach_the_officers_of_units_that_have_not_handed_in(
    scoring_round, tree, cast, django_capture_on_commit_callbacks
):
    cast["member"].email = "member@example.vn"
    cast["member"].save(update_fields=["email"])
    RoundUnit.objects.filter(round=scoring_round, unit=tree["d2"]).update(
        submitted_at="2020-12-05T08:00:00+07:00"
    )
    with django_capture_on_commit_callbacks(execute=True):
        outcome = actions.send_scoring_reminders(scoring_round=scoring_round, by=cast["leader"])
    assert {u.pk for u in outcome.units} == {tree["d1"].pk, tree["d3"].pk}
    assert outcome.notifications == 2 and outcome.emails == 1
    note = Notification.objects.get(recipient=cast["member"])
    assert note.kind == "scoring_reminder" and "0/3" in note.message
    assert note.link == reverse("scoring:sheet", args=[scoring_round.pk, tree["d3"].pk])
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["member@example.vn"]
    assert "Hạn: 17/12/2020" in mail.outbox[0].body
    assert AuditEntry.objects.get(action="scoring.round.reminded").after["emails"] == 1


def test_the_reminder_command_runs_once_a_day_near_the_deadline(scoring_round, on_day, capsys):
    on_day(sf.CLOSES)
    call_command("remind_scoring", "--dry-run", verbosity=1)
    assert "sẽ nhắc 3 đơn vị của 1 đợt chấm" in capsys.readouterr().out
    assert not Notification.objects.exists()
    call_command("remind_scoring", verbosity=1)
    call_command("remind_scoring", verbosity=1)
    assert Notification.objects.count() == 3


def test_the_reminder_command_leaves_rounds_far_from_their_deadline(scoring_round, on_day):
    on_day(sf.OPENS)
    call_command("remind_scoring", "--days", "3", verbosity=0)
    assert not Notification.objects.exists()
