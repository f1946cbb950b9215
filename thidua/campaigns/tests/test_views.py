import datetime

import pytest
from django.core import mail
from django.urls import reverse

from thidua.campaigns import actions
from thidua.campaigns.models import Inspection, Movement, Notification, ProgressReport, Registration
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date
NFD = "Toa\u0300n dân đoa\u0300n kê\u0301t xây dư\u0323ng đơ\u0300i sô\u0301ng văn hóa"


@pytest.fixture
def report(target, tree, cast):
    return actions.report_progress(
        target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=70, by=cast["leader"]
    )


@pytest.fixture
def inspection(cluster, tree):
    return actions.plan_inspection(
        cluster=cluster,
        inspecting=tree["d2"],
        inspected=tree["d3"],
        planned_on=D(2020, 11, 20),
        by=None,
    )


@pytest.fixture
def exemplar(tree):
    return actions.recognise_exemplar(
        recognised_by=tree["d1"],
        unit=tree["w1"],
        recognised_on=D(2020, 10, 20),
        achievement="Hoàn thành vượt mức",
        by=None,
    )


def _url(name, *args):
    return reverse(f"campaigns:{name}", args=args)


# --- the permission ladder of every view ------------------------------------------------------


def test_lists_and_own_pages_follow_the_ladder(cast, ladder):
    for name in ("index", "exemplar_list", "notification_list"):
        ladder(_url(name), allowed=list(cast.values()))


def test_movement_pages_follow_the_ladder(cast, ladder, movement):
    c = cast
    ladder(
        _url("movement_detail", movement.pk),
        allowed=[c["board"], c["leader"], c["officer"], c["member"], c["council"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    for name in ("movement_edit", "movement_leader_add", "movement_target_add"):
        ladder(
            _url(name, movement.pk),
            allowed=[c["board"]],
            forbidden=[c["leader"], c["member"], c["viewer"], c["council"]],
            hidden=[c["outsider"]],
        )
    for name in ("movement_create", "campaign_create"):
        ladder(
            _url(name),
            allowed=[c["board"]],
            forbidden=[c["leader"], c["member"], c["viewer"], c["council"], c["outsider"]],
        )


def test_campaign_pages_follow_the_ladder(cast, ladder, campaign, target, report):
    c = cast
    ladder(
        _url("campaign_detail", campaign.pk),
        allowed=[c["board"], c["leader"], c["council"], c["viewer"]],
        hidden=[c["outsider"], c["member"]],  # a campaign of d1 reaches d1's tree only
    )
    for name in ("campaign_edit", "campaign_target_add"):
        ladder(
            _url(name, campaign.pk),
            allowed=[c["board"]],
            forbidden=[c["leader"], c["viewer"]],
            hidden=[c["outsider"], c["member"]],
        )
    ladder(
        _url("report_create", target.pk),
        allowed=[c["leader"]],
        forbidden=[c["board"], c["viewer"], c["council"]],
        hidden=[c["outsider"], c["member"]],
    )
    ladder(
        _url("report_edit", report.pk),
        allowed=[c["leader"]],
        forbidden=[c["board"], c["viewer"]],
        hidden=[c["outsider"], c["member"]],
    )


def test_cluster_pages_follow_the_ladder(cast, ladder, cluster, tree, inspection):
    c = cast
    ladder(
        _url("cluster_registrations", cluster.pk),
        allowed=[c["board"], c["leader"], c["officer"], c["member"], c["council"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    for name in ("rule_edit", "remind", "inspection_plan"):
        ladder(
            _url(name, cluster.pk),
            allowed=[c["leader"], c["officer"]],
            forbidden=[c["member"], c["board"], c["viewer"]],
            hidden=[c["outsider"]],
        )
    ladder(
        _url("registration_edit", cluster.pk, tree["d3"].pk),
        allowed=[c["member"]],
        forbidden=[c["leader"], c["officer"], c["board"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    ladder(_url("registration_edit", cluster.pk, tree["w1"].pk), allowed=[], hidden=[c["board"]])
    ladder(
        _url("inspection_record", inspection.pk),
        allowed=[c["leader"], c["officer"]],  # the leader, and the inspecting unit's officer
        forbidden=[c["member"], c["board"], c["viewer"]],
        hidden=[c["outsider"]],
    )


def test_exemplar_pages_follow_the_ladder(cast, ladder, exemplar, cluster):
    c = cast
    ladder(
        _url("exemplar_detail", exemplar.pk),
        allowed=[c["board"], c["leader"], c["officer"], c["viewer"]],
        hidden=[c["outsider"]],
    )
    for name in ("exemplar_edit", "replication_add"):
        ladder(
            _url(name, exemplar.pk),
            allowed=[c["board"], c["leader"]],
            forbidden=[c["officer"], c["viewer"]],
            hidden=[c["outsider"]],
        )
    ladder(
        _url("exemplar_create"),
        allowed=[c["board"], c["leader"], c["member"], c["outsider"]],
        forbidden=[c["viewer"], c["council"]],
    )


def test_marking_a_notification_read_follows_the_ladder(cluster, cast, client_for):
    actions.send_registration_reminders(cluster=cluster, by=None)
    note = Notification.objects.get(recipient=cast["member"])
    url = _url("notification_read", note.pk)
    anonymous = client_for(None).post(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert client_for(cast["outsider"]).post(url).status_code == 404
    assert client_for(cast["officer"]).post(url).status_code == 404  # someone else's
    assert client_for(cast["member"]).get(url).status_code == 405
    response = client_for(cast["member"]).post(url, {"open": "1"})
    assert response.status_code == 302 and response["Location"] == note.link
    note.refresh_from_db()
    assert note.read_at is not None


# --- forms: valid input, Vietnamese messages, nothing changed ---------------------------------


def test_the_board_launches_a_movement_typed_in_nfd(cast, tree, client_for):
    response = client_for(cast["board"]).post(
        _url("movement_create"),
        {
            "launched_by": tree["city"].pk,
            "name": NFD,
            "kind": "chuyen_de",
            "start_year": 2020,
            "years": 3,
        },
    )
    assert response.status_code == 302
    movement = Movement.objects.get()
    assert movement.name == "Toàn dân đoàn kết xây dựng đời sống văn hóa"
    assert response["Location"] == _url("movement_detail", movement.pk)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "Trường này là bắt buộc."),  # the form's own check
        ("\u200b\u00ad", "Trường này không được để trống."),  # invisible only: the action's
        (NFD, "Phong trào cùng tên đã được phát động."),
    ],
)
def test_a_bad_movement_gets_the_form_back_with_a_vietnamese_message(
    cast, tree, client_for, name, message
):
    actions.create_movement(
        launched_by=tree["city"],
        name="Toàn dân đoàn kết xây dựng đời sống văn hóa",
        kind="chuyen_de",
        start_year=2020,
        by=None,
    )
    before = (Movement.objects.count(), AuditEntry.objects.count())
    response = client_for(cast["board"]).post(
        _url("movement_create"),
        {
            "launched_by": tree["city"].pk,
            "name": name,
            "kind": "chuyen_de",
            "start_year": 2020,
            "years": 1,
        },
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert (Movement.objects.count(), AuditEntry.objects.count()) == before


def test_an_edit_on_an_old_version_answers_409(cast, client_for, movement):
    data = {
        "name": movement.name,
        "kind": "chuyen_de",
        "start_year": 2020,
        "years": 4,
        "version": 1,
    }
    client = client_for(cast["board"])
    assert client.post(_url("movement_edit", movement.pk), data).status_code == 302
    response = client.post(_url("movement_edit", movement.pk), {**data, "years": 5})
    assert response.status_code == 409
    assert "vừa được người khác thay đổi" in response.content.decode()
    movement.refresh_from_db()
    assert movement.years == 4


def test_the_campaign_page_shows_the_plan_and_the_progress(cast, client_for, campaign, report):
    html = client_for(cast["leader"]).get(_url("campaign_detail", campaign.pk)).content.decode()
    assert "Kế hoạch số 172/KH-UBND ngày 07/9/2020" in html
    assert "từ ngày 16 tháng 9 năm 2020 đến ngày 16 tháng 10 năm 2020" in html
    assert "70%" in html and "87,5% so với mức phấn đấu" in html


def test_a_report_outside_the_window_gets_a_vietnamese_message(cast, tree, client_for, target):
    response = client_for(cast["leader"]).post(
        _url("report_create", target.pk),
        {"unit": tree["d1"].pk, "as_of": "2020-11-01", "value": "85"},
    )
    assert response.status_code == 400
    assert "Ngày báo cáo phải nằm trong thời gian của đợt thi đua" in response.content.decode()
    assert not ProgressReport.objects.exists()


@pytest.mark.parametrize(
    ("value", "status", "text"),
    [("-5", 400, "Giá trị không được âm."), ("năm", 400, "Nhập một số"), ("72,5", 302, "")],
)
def test_progress_values_are_typed_the_vietnamese_way(
    cast, tree, client_for, target, value, status, text
):
    response = client_for(cast["leader"]).post(
        _url("report_create", target.pk),
        {"unit": tree["d1"].pk, "as_of": "2020-09-30", "value": value},
    )
    assert response.status_code == status and text in response.content.decode()
    assert ProgressReport.objects.count() == (1 if status == 302 else 0)


def test_an_officer_cannot_report_for_a_unit_that_is_not_theirs(cast, tree, client_for, target):
    response = client_for(cast["leader"]).post(
        _url("report_create", target.pk),
        {"unit": tree["w1"].pk, "as_of": "2020-09-30", "value": "5"},
    )
    assert response.status_code == 400  # w1 is not among the leader's choices
    assert not ProgressReport.objects.exists()


def test_a_member_registers_and_a_flag_shows_below_the_minimum(
    cast, tree, client_for, cluster, rule, on_day
):
    on_day(D(2020, 3, 1))
    response = client_for(cast["member"]).post(
        _url("registration_edit", cluster.pk, tree["d3"].pk),
        {"titles": ["tap_the_lao_dong_xuat_sac"], "new_models": "Mô hình “Phố văn minh”\n\n"},
    )
    assert response.status_code == 302
    html = client_for(cast["leader"]).get(_url("cluster_registrations", cluster.pk)).content
    html = html.decode()
    assert "1/2 — chưa đủ mức tối thiểu" in html and "Mô hình “Phố văn minh”" in html
    assert html.count('flag">chưa đăng ký</span>') == 2  # d1 and d2


def test_a_members_officer_cannot_register_for_another_unit(cast, tree, client_for, cluster):
    response = client_for(cast["member"]).post(
        _url("registration_edit", cluster.pk, tree["d2"].pk),
        {"new_models": "Mô hình"},
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_registering_after_the_deadline_gets_a_vietnamese_message(
    cast, tree, client_for, cluster, rule, on_day
):
    on_day(D(2020, 4, 1))
    response = client_for(cast["member"]).post(
        _url("registration_edit", cluster.pk, tree["d3"].pk), {"new_models": "Mô hình"}
    )
    assert response.status_code == 400
    assert "Đã quá hạn đăng ký (15/03/2020)" in response.content.decode()
    assert not Registration.objects.exists()


def test_the_leader_sends_reminders_from_the_page(
    cast, tree, client_for, cluster, emails, django_capture_on_commit_callbacks
):
    client = client_for(cast["leader"])
    page = client.get(_url("remind", cluster.pk)).content.decode()
    assert "Quận Hà Đông — chưa đăng ký" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("remind", cluster.pk))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leader@example.vn",
        "member@example.vn",
        "officer@example.vn",
    ]


def test_inspection_of_itself_gets_a_vietnamese_message(cast, tree, client_for, cluster):
    response = client_for(cast["leader"]).post(
        _url("inspection_plan", cluster.pk),
        {"inspecting": tree["d2"].pk, "inspected": tree["d2"].pk, "planned_on": "2020-11-20"},
    )
    assert response.status_code == 400
    assert "Đơn vị không được tự kiểm tra chính mình." in response.content.decode()
    assert not Inspection.objects.exists()


def test_the_inspecting_officer_records_findings(cast, client_for, inspection):
    response = client_for(cast["officer"]).post(
        _url("inspection_record", inspection.pk),
        {"held_on": "2020-11-20", "findings": "Hồ sơ đầy đủ.", "version": 1},
    )
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.status == "done"


def test_an_exemplar_is_recorded_through_the_page(cast, tree, client_for):
    response = client_for(cast["leader"]).post(
        _url("exemplar_create"),
        {
            "recognised_by": tree["d1"].pk,
            "unit": tree["w1"].pk,
            "achievement": "Mô hình tổ dân phố văn minh",
            "recognised_on": "2020-10-20",
        },
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="campaigns.exemplar.recognised").exists()


# --- htmx partials ----------------------------------------------------------------------------


def test_the_movement_filter_answers_htmx_with_the_rows_only(cast, client_for, movement, tree):
    actions.create_movement(
        launched_by=tree["city"],
        name="Thi đua thực hiện tốt chủ đề năm",
        kind="thuong_xuyen",
        start_year=2020,
        by=None,
    )
    response = client_for(cast["viewer"]).get(
        _url("index"), {"kind": "thuong_xuyen"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html and "Thi đua thực hiện tốt chủ đề năm" in html
    assert movement.name not in html


def test_the_units_behind_filter_answers_htmx_with_the_table_only(cast, tree, client_for, cluster):
    actions.register_for_emulation(
        cluster=cluster, unit=tree["d1"], titles=[], models=[("mo_hinh_moi", "A")], by=None
    )
    html = (
        client_for(cast["leader"])
        .get(
            _url("cluster_registrations", cluster.pk),
            {"behind": "1"},
            headers={"HX-Request": "true"},
        )
        .content.decode()
    )
    assert html.startswith("<table") and "Quận Cầu Giấy" not in html and "Quận Hà Đông" in html


def test_marking_read_with_htmx_answers_an_empty_fragment(cast, client_for, cluster):
    actions.send_registration_reminders(cluster=cluster, by=None)
    note = Notification.objects.get(recipient=cast["member"])
    response = client_for(cast["member"]).post(
        _url("notification_read", note.pk), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and response.content == b""


# --- bounded queries on list pages ------------------------------------------------------------


@pytest.fixture
def busy(tree, cast, cluster, movement, campaign, target, exemplar):
    """Enough rows that a per-row query would show."""
    for i in range(12):
        m = actions.create_movement(
            launched_by=tree["city"],
            name=f"Phong trào {i}",
            kind="chuyen_de",
            start_year=2020,
            by=None,
        )
        t = actions.add_target(
            owner=m, name="Số hộ", measure="count", unit_of_measure="hộ", by=None
        )
        for unit in ("d1", "d2", "d3"):
            actions.report_progress(
                target=t, unit=tree[unit], as_of=D(2020, 6, i + 1), value=i, by=None
            )
        actions.add_target(owner=campaign, name=f"Chỉ tiêu {i}", measure="money", by=None)
        actions.report_progress(
            target=target, unit=tree["d1"], as_of=D(2020, 9, 16 + i), value=i, by=None
        )
    for unit in ("d2", "d3"):
        actions.record_replication(
            exemplar=exemplar, unit=tree[unit], replicated_on=D(2020, 11, 1), by=None
        )
    for unit in ("d1", "d2"):
        actions.register_for_emulation(
            cluster=cluster,
            unit=tree[unit],
            titles=["giay_khen", "bang_khen_cap_tinh"],
            models=[("mo_hinh_moi", f"Mô hình {n}") for n in range(3)],
            by=None,
        )
    for a, b in (("d1", "d2"), ("d2", "d3"), ("d3", "d1")):
        actions.plan_inspection(
            cluster=cluster,
            inspecting=tree[a],
            inspected=tree[b],
            planned_on=D(2020, 11, 1),
            by=None,
        )
    return Movement.objects.first()


@pytest.mark.parametrize(
    ("user", "page", "limit"),
    [
        ("board", "index", 9),
        ("member", "index", 9),
        ("board", "exemplar_list", 6),
        ("leader", "cluster_registrations", 13),
        ("leader", "campaign_detail", 10),
        ("board", "movement_detail", 12),
    ],
)
def test_list_pages_run_a_bounded_number_of_queries(
    busy, cast, cluster, campaign, client_for, django_assert_max_num_queries, user, page, limit
):
    args = {
        "cluster_registrations": [cluster.pk],
        "campaign_detail": [campaign.pk],
        "movement_detail": [busy.pk],
    }.get(page, [])
    client = client_for(cast[user])
    with django_assert_max_num_queries(limit):
        response = client.get(_url(page, *args))
    assert response.status_code == 200
