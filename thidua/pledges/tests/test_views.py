"""The pledge pages: a permission ladder for every URL, Vietnamese errors that change nothing,
the htmx running total, stale edits (409), and a fixed number of queries on the pledge page."""

import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.models import AuditEntry
from thidua.pledges import actions
from thidua.pledges.models import Criterion, Pledge, Signature

pytestmark = pytest.mark.django_db


def _readers(c):
    return [c["board"], c["leader"], c["officer"], c["member"], c["viewer"], c["council"]]


def _editors(c):
    return {
        "allowed": [c["board"], c["leader"], c["officer"]],
        "forbidden": [c["member"], c["viewer"], c["council"]],
        "hidden": [c["outsider"]],
    }


def test_lists_and_the_template_are_open_to_every_signed_in_user(cast, draft, ladder):
    ladder(reverse("pledges:pledge_list"), allowed=list(cast.values()))
    ladder(reverse("pledges:criteria_template"), allowed=list(cast.values()))


def test_reading_pages_follow_the_ladder(cast, draft, ladder):
    for url in (
        reverse("pledges:pledge_detail", args=[draft.pledge_id]),
        reverse("pledges:compare", args=[draft.pk, draft.pk]),
        reverse("pledges:criteria_export", args=[draft.pk]),
    ):
        ladder(url, allowed=_readers(cast), hidden=[cast["outsider"]])


def test_drafting_a_pledge_follows_the_ladder(cast, cluster, ladder):
    ladder(reverse("pledges:pledge_create", args=[cluster.pk]), **_editors(cast))


def test_editing_pages_follow_the_ladder(cast, draft, ladder):
    v = draft
    task = v.key_tasks.get()
    group = v.groups.first()
    criterion = v.criteria.first()
    rule = actions.add_rule(pledge_version=v, kind="bonus", text="Mô hình", points=1, by=None)
    urls = [
        reverse(f"pledges:{name}", args=[v.pk])
        for name in (
            "settings_edit",
            "running_total",
            "discard",
            "open_signing",
            "criteria_import",
            "key_task_add",
            "group_add",
            "rule_add",
            "grades_edit",
            "tie_breaks_edit",
        )
    ] + [
        reverse("pledges:key_task_edit", args=[task.pk]),
        reverse("pledges:key_task_delete", args=[task.pk]),
        reverse("pledges:group_edit", args=[group.pk]),
        reverse("pledges:group_delete", args=[group.pk]),
        reverse("pledges:criterion_add", args=[group.pk]),
        reverse("pledges:criterion_edit", args=[criterion.pk]),
        reverse("pledges:criterion_delete", args=[criterion.pk]),
        reverse("pledges:rule_edit", args=[rule.pk]),
        reverse("pledges:rule_delete", args=[rule.pk]),
    ]
    for url in urls:
        ladder(url, **_editors(cast))


def test_withdrawing_and_amending_follow_the_ladder(cast, opened, signers, ladder):
    ladder(reverse("pledges:withdraw", args=[opened.pk]), **_editors(cast))
    for user, unit in signers:
        actions.sign_pledge(pledge_version=opened, unit=unit, by=user)
    ladder(reverse("pledges:amend", args=[opened.pledge_id]), **_editors(cast))


def test_signing_follows_the_ladder(cast, opened, ladder):
    ladder(
        reverse("pledges:sign", args=[opened.pk]),
        allowed=[cast["leader"], cast["officer"], cast["member"]],
        forbidden=[cast["board"], cast["viewer"], cast["council"]],
        hidden=[cast["outsider"]],
    )


def test_missing_objects_answer_404_like_invisible_ones(cast, client_for):
    c = client_for(cast["leader"])
    for name in ("pledge_detail", "amend"):
        assert c.get(reverse(f"pledges:{name}", args=[999999])).status_code == 404
    for name in ("settings_edit", "sign", "criteria_export"):
        assert c.get(reverse(f"pledges:{name}", args=[999999])).status_code == 404


# --- signing through the page ------------------------------------------------------------------


def test_each_member_signs_through_the_page_and_the_last_locks(cast, opened, signers, client_for):
    url = reverse("pledges:sign", args=[opened.pk])
    for user, unit in signers:
        response = client_for(user).post(url, {"unit": unit.pk, "signed_on": "2020-02-20"})
        assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.is_locked
    page = client_for(cast["viewer"]).get(reverse("pledges:pledge_detail", args=[opened.pledge_id]))
    html = page.content.decode()
    assert "Đã khóa" in html and "có hiệu lực từ ngày 20 tháng 02 năm 2020" in html


def test_posting_another_members_unit_is_forbidden(cast, opened, tree, client_for):
    url = reverse("pledges:sign", args=[opened.pk])
    response = client_for(cast["member"]).post(
        url, {"unit": tree["d2"].pk, "signed_on": "2020-02-20"}
    )
    assert response.status_code == 403
    assert client_for(cast["outsider"]).post(url, {"unit": tree["o1"].pk}).status_code == 404
    assert client_for(cast["viewer"]).post(url, {"unit": tree["d1"].pk}).status_code == 403
    assert not Signature.objects.exists()


def test_signing_a_draft_gets_a_vietnamese_message(cast, draft, tree, client_for):
    response = client_for(cast["member"]).post(
        reverse("pledges:sign", args=[draft.pk]), {"unit": tree["d3"].pk, "signed_on": "2020-02-20"}
    )
    assert response.status_code == 400
    assert "Bản này chưa mở ký." in response.content.decode()


# --- bad input through the pages ------------------------------------------------------------------


def _criterion_post(**overrides):
    data = {"code": "1.3", "text": "Tiêu chí mới", "max_score": "1", "method": "free"}
    return {**data, **overrides}


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"max_score": "-1"}, "Điểm không được âm."),
        ({"max_score": "abc"}, "Nhập một số, ví dụ 10 hoặc 2,5."),
        ({"max_score": "5"}, "Tổng điểm tối đa sẽ là 15, vượt thang điểm 10."),
        ({"text": " \u200b "}, "Trường này không được để trống."),
    ],
)
def test_bad_criterion_input_is_refused_with_400_and_changes_nothing(
    cast, draft, client_for, overrides, message
):
    before = (Criterion.objects.count(), AuditEntry.objects.count())
    response = client_for(cast["leader"]).post(
        reverse("pledges:criterion_add", args=[draft.groups.first().pk]),
        _criterion_post(**overrides),
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Criterion.objects.count(), AuditEntry.objects.count()) == before


def test_nfd_input_is_stored_in_nfc(cast, draft, client_for):
    c = draft.criteria.get(code="2.1")
    text = unicodedata.normalize("NFD", "Không để xảy ra trọng án")
    response = client_for(cast["leader"]).post(
        reverse("pledges:criterion_edit", args=[c.pk]),
        {
            "group": c.group_id,
            "code": "2.1",
            "text": text,
            "max_score": "3",
            "method": "yes_no",
            "version": c.version,
        },
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.text == unicodedata.normalize("NFC", text)


def test_opening_with_a_wrong_total_gets_a_vietnamese_message(cast, draft, client_for):
    actions.delete_criterion(criterion=draft.criteria.get(code="2.1"), by=cast["leader"])
    response = client_for(cast["leader"]).post(reverse("pledges:open_signing", args=[draft.pk]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tổng điểm tối đa là 7, không bằng thang điểm 10." in html
    assert "An ninh – quốc phòng" in html  # the group left without criteria is named
    draft.refresh_from_db()
    assert draft.is_draft


def test_a_stale_edit_answers_409(cast, draft, client_for):
    task = draft.key_tasks.get()
    url = reverse("pledges:key_task_edit", args=[task.pk])
    first = client_for(cast["leader"]).post(url, {"text": "Bản của cụm trưởng", "version": 1})
    second = client_for(cast["officer"]).post(url, {"text": "Bản của cụm phó", "version": 1})
    assert (first.status_code, second.status_code) == (302, 409)
    assert "vừa được người khác thay đổi" in second.content.decode()
    task.refresh_from_db()
    assert task.text == "Bản của cụm trưởng"


def test_grades_are_set_through_the_page(cast, draft, client_for):
    data = {"version": draft.version, "grades-TOTAL_FORMS": 3, "grades-INITIAL_FORMS": 0}
    for i, (label, minimum) in enumerate([("Xuất sắc", "9,5"), ("Tốt", "8,5"), ("", "")]):
        data |= {f"grades-{i}-label": label, f"grades-{i}-min_score": minimum}
    data["grades-0-excluded_by_zero_criterion"] = "on"
    response = client_for(cast["leader"]).post(
        reverse("pledges:grades_edit", args=[draft.pk]), data
    )
    assert response.status_code == 302
    assert list(draft.grades.values_list("label", "excluded_by_zero_criterion")) == [
        ("Xuất sắc", True),
        ("Tốt", False),
    ]
    data["grades-1-min_score"] = "9,9"
    bad = client_for(cast["leader"]).post(reverse("pledges:grades_edit", args=[draft.pk]), data)
    assert bad.status_code in (400, 409)


def test_tie_breaks_are_set_through_the_page(cast, draft, client_for):
    group = draft.groups.first()
    data = {
        "version": draft.version,
        "steps-TOTAL_FORMS": 2,
        "steps-INITIAL_FORMS": 0,
        "steps-0-kind": "group",
        "steps-0-group": group.pk,
        "steps-1-kind": "body",
    }
    response = client_for(cast["leader"]).post(
        reverse("pledges:tie_breaks_edit", args=[draft.pk]), data
    )
    assert response.status_code == 302
    assert draft.tie_breaks.count() == 2


def test_creating_a_pledge_through_the_page_copies_last_years(cast, locked, client_for):
    from thidua.clusters import actions as cluster_actions

    cluster = locked.pledge.cluster
    cluster_actions.choose_next_leader(cluster=cluster, unit=cluster.leader, by=None)
    ey = cluster_actions.create_emulation_year(unit=cluster.emulation_year.unit, year=2021, by=None)
    new = cluster_actions.roll_over_cluster(cluster=cluster, emulation_year=ey, by=None)
    url = reverse("pledges:pledge_create", args=[new.pk])
    form = client_for(cast["leader"]).get(url).content.decode()
    assert f'<option value="{locked.pk}" selected>' in form
    response = client_for(cast["leader"]).post(
        url, {"source": locked.pk, "title": "Giao ước thi đua năm 2021", "scale": "100"}
    )
    assert response.status_code == 302
    assert Pledge.objects.get(cluster=new).versions.get().criteria.count() == 3


# --- htmx and queries ---------------------------------------------------------------------------


def test_running_total_is_an_htmx_partial(cast, draft, client_for):
    c = draft.criteria.get(code="1.1")
    url = reverse("pledges:running_total", args=[draft.pk])
    response = client_for(cast["leader"]).get(
        url, {"max_score": "6", "criterion": c.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'data-total="12"' in html and "vượt thang điểm" in html
    response = client_for(cast["leader"]).get(url, {"max_score": "4", "criterion": c.pk})
    assert 'data-total="10"' in response.content.decode()


def test_the_criterion_form_answers_htmx_with_the_form_alone(cast, draft, client_for):
    url = reverse("pledges:criterion_add", args=[draft.groups.first().pk])
    response = client_for(cast["leader"]).post(
        url, _criterion_post(max_score="-1"), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 400 and "<html" not in html and 'id="criterion-form"' in html
    assert 'hx-get="/pledges/versions/' in html


def _page_queries(client, pledge_id):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("pledges:pledge_detail", args=[pledge_id])).status_code == 200
    return len(ctx)


def test_the_pledge_page_runs_a_fixed_number_of_queries(cast, draft, client_for):
    client = client_for(cast["leader"])
    actions.update_settings(
        pledge_version=draft,
        version=draft.version,
        title=draft.title,
        scale=100,
        bonus_cap=3,
        penalty_cap=3,
        by=None,
    )
    small = _page_queries(client, draft.pledge_id)
    group = actions.add_group(pledge_version=draft, title="Văn hóa – xã hội", by=None)
    for i in range(20):
        criterion = actions.add_criterion(
            group=group, code=f"3.{i}", text=f"Tiêu chí {i}", max_score=1, method="free", by=None
        )
        actions.add_rule(
            pledge_version=draft,
            kind="penalty",
            text=f"Trừ {i}",
            points="0,5",
            criterion=criterion,
            by=None,
        )
        actions.add_key_task(pledge_version=draft, text=f"Nhiệm vụ {i}", by=None)
    assert _page_queries(client, draft.pledge_id) == small
    assert small <= 20


def test_the_pledge_page_links_to_last_years_pledge(cast, locked, client_for):
    from thidua.clusters import actions as cluster_actions

    cluster = locked.pledge.cluster
    ey = cluster_actions.create_emulation_year(unit=cluster.emulation_year.unit, year=2021, by=None)
    new = cluster_actions.roll_over_cluster(cluster=cluster, emulation_year=ey, by=None)
    pledge = actions.create_pledge(cluster=new, title="Giao ước thi đua năm 2021", by=None)
    page = client_for(cast["viewer"]).get(reverse("pledges:pledge_detail", args=[pledge.pk]))
    compare = reverse("pledges:compare", args=[locked.pk, pledge.versions.get().pk])
    assert compare in page.content.decode()
    diff = client_for(cast["viewer"]).get(compare).content.decode()
    assert "Bỏ: <del>1.1. Hoàn thành chỉ tiêu thu ngân sách được giao</del>" in diff
