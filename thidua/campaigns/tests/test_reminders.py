import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.template import Context, Template
from django.test import RequestFactory

from thidua.accounts.tests.factories import UserFactory, grant
from thidua.campaigns import actions
from thidua.campaigns.models import Notification
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db
D = datetime.date
NEW = "mo_hinh_moi"


@pytest.fixture
def behind(cluster, tree, rule, emails, on_day):
    """d1 registered enough, d2 below the minimum of 2, d3 not at all; today 10/3/2020."""
    on_day(D(2020, 3, 10))
    for unit, models in (("d1", ["Mô hình A", "Mô hình B"]), ("d2", ["Mô hình C"])):
        actions.register_for_emulation(
            cluster=cluster,
            unit=tree[unit],
            titles=[],
            models=[(NEW, name) for name in models],
            by=None,
        )
    return cluster


def test_reminders_go_to_the_right_units_only(
    behind, tree, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = actions.send_registration_reminders(cluster=behind, by=cast["leader"])
    assert {u.short_name for u in outcome.units} == {"Thanh Xuân", "Hà Đông"}
    assert sorted(m.to[0] for m in mail.outbox) == ["member@example.vn", "officer@example.vn"]
    by_recipient = {n.recipient.username: n for n in Notification.objects.all()}
    assert set(by_recipient) == {"officer", "member"}
    assert "Quận Hà Đông chưa đăng ký thi đua năm 2020" in by_recipient["member"].message
    assert "mới đăng ký 1 chuyên đề" in by_recipient["officer"].message
    assert "Hạn đăng ký: 15/03/2020." in by_recipient["officer"].message
    assert mail.outbox[0].subject.startswith("Nhắc đăng ký thi đua năm 2020")


def test_every_officer_of_a_unit_behind_is_reminded_even_without_email(behind, tree):
    second = grant(UserFactory(username="member2"), "unit_officer", tree["d3"])
    actions.send_registration_reminders(cluster=behind, by=None)
    assert Notification.objects.filter(recipient=second).count() == 1


def test_reminder_mails_leave_only_after_commit(behind, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.send_registration_reminders(cluster=behind, by=cast["leader"])
        assert mail.outbox == []
    assert len(callbacks) == 1 and mail.outbox == []
    callbacks[0]()
    assert len(mail.outbox) == 2


def test_reminders_rolled_back_send_no_mail(behind, cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                actions.send_registration_reminders(cluster=behind, by=cast["leader"])
                raise RuntimeError("something failed later in the same transaction")
        except RuntimeError:
            pass
    assert mail.outbox == [] and not Notification.objects.exists()
    assert not AuditEntry.objects.filter(action="campaigns.registration.reminded").exists()


def test_reminders_are_audited(behind, tree, cast):
    actions.send_registration_reminders(cluster=behind, by=cast["officer"])
    entry = AuditEntry.objects.get(action="campaigns.registration.reminded")
    assert entry.actor == cast["officer"] and entry.object_id == str(behind.pk)
    assert entry.after["missing"] == [tree["d3"].pk]
    assert entry.after["below_minimum"] == [tree["d2"].pk]
    assert (entry.after["notifications"], entry.after["emails"]) == (2, 2)


def test_nobody_to_remind_writes_nothing(cluster, tree, emails):
    for unit in ("d1", "d2", "d3"):
        actions.register_for_emulation(
            cluster=cluster, unit=tree[unit], titles=[], models=[(NEW, "Mô hình")], by=None
        )
    before = AuditEntry.objects.count()
    assert actions.send_registration_reminders(cluster=cluster, by=None).units == []
    assert AuditEntry.objects.count() == before and not Notification.objects.exists()


def _command(*args, **kwargs) -> str:
    out = io.StringIO()
    call_command("send_registration_reminders", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_the_command_reminds_before_the_deadline_once_a_day(
    behind, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        out = _command()
    assert "Đã nhắc 2 đơn vị của 1 cụm: 2 thông báo, 2 thư điện tử." in out
    assert len(mail.outbox) == 2
    assert AuditEntry.objects.get(action="campaigns.registration.reminded").via == "command"
    with django_capture_on_commit_callbacks(execute=True):
        out = _command(verbosity=2)
    assert "đã nhắc hôm nay" in out and len(mail.outbox) == 2


def test_the_command_waits_until_the_deadline_is_near(behind, on_day):
    on_day(D(2020, 2, 1))
    assert "Đã nhắc 0 đơn vị" in _command()
    on_day(D(2020, 3, 16))  # past the deadline: nothing either
    assert "Đã nhắc 0 đơn vị" in _command(days=30)
    assert not Notification.objects.exists()


def test_the_command_dry_run_writes_nothing_and_lists_the_units(behind):
    before = AuditEntry.objects.count()
    out = _command(dry_run=True, verbosity=2)
    assert "Quận Hà Đông: chưa đăng ký" in out and "Quận Thanh Xuân: 1/2" in out
    assert "Chạy thử: sẽ nhắc 2 đơn vị của 1 cụm" in out
    assert AuditEntry.objects.count() == before and not Notification.objects.exists()
    assert mail.outbox == []


def test_the_command_is_silent_at_verbosity_0(behind):
    assert _command(verbosity=0) == ""
    assert Notification.objects.count() == 2


def test_reading_a_notification_is_audited_once(behind, cast):
    actions.send_registration_reminders(cluster=behind, by=None)
    note = Notification.objects.get(recipient=cast["member"])
    assert actions.mark_notification_read(notification=note, by=cast["member"]) is True
    assert actions.mark_notification_read(notification=note, by=cast["member"]) is False
    assert AuditEntry.objects.filter(action="campaigns.notification.read").count() == 1


def test_the_home_page_tag_shows_the_users_unread_reminders(behind, cast):
    actions.send_registration_reminders(cluster=behind, by=None)
    request = RequestFactory().get("/")
    request.user = cast["member"]
    html = Template("{% load campaigns %}{% campaign_notifications %}").render(
        Context({"request": request})
    )
    assert "chưa đăng ký thi đua năm 2020" in html and "mới đăng ký" not in html
    request.user = cast["leader"]
    assert "campaign-notifications" not in Template(
        "{% load campaigns %}{% campaign_notifications %}"
    ).render(Context({"request": request}))
