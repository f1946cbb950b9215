"""Signing: each member's officer for their own unit; the last signature locks; amendments are
signed again; scores refer to the version in force."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEntry
from thidua.pledges import actions, queries
from thidua.pledges.models import Signature, VersionStatus

pytestmark = pytest.mark.django_db
DAY = datetime.date(2020, 2, 20)


def _sign(version, user, unit, day=DAY):
    return actions.sign_pledge(pledge_version=version, unit=unit, by=user, signed_on=day)


def test_signing_locks_the_pledge_exactly_when_the_last_member_signs(opened, signers):
    for user, unit in signers[:-1]:
        _sign(opened, user, unit)
        opened.refresh_from_db()
        assert opened.status == VersionStatus.SIGNING and opened.locked_at is None
    assert not AuditEntry.objects.filter(action="pledges.pledge.locked").exists()
    user, unit = signers[-1]
    _sign(opened, user, unit, datetime.date(2020, 2, 21))
    opened.refresh_from_db()
    assert opened.status == VersionStatus.LOCKED
    assert opened.in_force_from == datetime.date(2020, 2, 21)
    assert AuditEntry.objects.filter(action="pledges.pledge.locked").count() == 1
    assert AuditEntry.objects.filter(action="pledges.pledge.signed").count() == 3


def test_a_signature_records_who_and_when(opened, signers):
    user, unit = signers[1]
    signature = _sign(opened, user, unit)
    assert (signature.signed_by, signature.signed_on, signature.unit) == (user, DAY, unit)
    assert signature.recorded_at is not None
    entry = AuditEntry.objects.get(action="pledges.pledge.signed")
    assert entry.actor == user and entry.unit_id == unit.pk


def test_a_member_signs_only_once(opened, signers):
    user, unit = signers[0]
    _sign(opened, user, unit)
    with pytest.raises(ValidationError) as exc:
        _sign(opened, user, unit)
    assert "đã ký bản này" in str(exc.value)
    assert Signature.objects.count() == 1


def test_a_members_officer_cannot_sign_for_another_unit(opened, cast, tree):
    with pytest.raises(PermissionDenied):
        _sign(opened, cast["member"], tree["d2"])
    assert not Signature.objects.exists()


def test_a_non_member_cannot_sign(opened, tree, cast):
    from thidua.accounts.tests.factories import UserFactory, grant

    ward_officer = grant(UserFactory(username="ward"), "unit_officer", tree["w1"])
    with pytest.raises(ValidationError) as exc:
        _sign(opened, ward_officer, tree["w1"])
    assert "không phải thành viên" in str(exc.value)
    with pytest.raises(PermissionDenied):
        _sign(opened, cast["outsider"], tree["d1"])
    with pytest.raises(PermissionDenied):
        _sign(opened, cast["board"], tree["d1"])
    assert not Signature.objects.exists()


def test_a_draft_cannot_be_signed(draft, signers):
    user, unit = signers[0]
    with pytest.raises(ValidationError) as exc:
        _sign(draft, user, unit)
    assert "chưa mở ký" in str(exc.value)


def test_a_locked_pledge_cannot_be_signed_or_edited(locked, signers, cast):
    with pytest.raises(ValidationError):
        _sign(locked, *signers[0])
    with pytest.raises(ValidationError):
        actions.add_key_task(pledge_version=locked, text="Thêm", by=cast["leader"])


@time_machine.travel(datetime.datetime(2020, 2, 20, 9, tzinfo=datetime.UTC))
def test_the_signing_date_cannot_be_in_the_future(opened, signers):
    with pytest.raises(ValidationError) as exc:
        _sign(opened, *signers[0], day=datetime.date(2020, 2, 21))
    assert "tương lai" in str(exc.value)
    signature = actions.sign_pledge(pledge_version=opened, unit=signers[0][1], by=signers[0][0])
    assert signature.signed_on == datetime.date(2020, 2, 20)


def test_withdrawing_cancels_the_signatures_and_reopens_the_draft(opened, signers, cast):
    _sign(opened, *signers[0][:2])
    actions.withdraw_from_signing(pledge_version=opened, by=cast["leader"])
    opened.refresh_from_db()
    assert opened.is_draft and not Signature.objects.exists()
    entry = AuditEntry.objects.get(action="pledges.version.withdrawn")
    assert entry.before["signatures"][0]["unit"] == signers[0][1].pk


def test_an_amendment_needs_every_signature_again(locked, signers, cast):
    amendment = actions.amend_pledge(
        pledge=locked.pledge, reason="Điều chỉnh chỉ tiêu thu ngân sách", by=cast["leader"]
    )
    assert amendment.number == 2 and amendment.is_draft
    assert amendment.criteria.count() == 3 and amendment.signatures.count() == 0
    criterion = amendment.criteria.get(code="1.1")
    actions.update_criterion(
        criterion=criterion,
        version=criterion.version,
        by=cast["leader"],
        code="1.1",
        text="Hoàn thành 105% dự toán thu ngân sách",
        max_score="4",
        method="target",
        target_value="105",
        target_unit="%",
    )
    actions.open_for_signing(pledge_version=amendment, by=cast["leader"])
    for user, unit in signers[:-1]:
        _sign(amendment, user, unit, datetime.date(2020, 6, 1))
    amendment.refresh_from_db()
    assert amendment.status == VersionStatus.SIGNING
    pledge = locked.pledge
    # Until every member has signed again, the original stays in force.
    assert queries.version_in_force(pledge, on=datetime.date(2020, 12, 31)) == locked
    _sign(amendment, *signers[-1], day=datetime.date(2020, 6, 2))
    assert queries.version_in_force(pledge, on=datetime.date(2020, 12, 31)) == amendment
    assert queries.version_in_force(pledge, on=datetime.date(2020, 3, 1)) == locked
    assert queries.version_in_force(pledge, on=datetime.date(2020, 1, 1)) is None
    # Scores point at immutable criteria: the original's text is unchanged.
    assert locked.criteria.get(code="1.1").text == "Hoàn thành chỉ tiêu thu ngân sách được giao"
    in_force = queries.criteria_of(queries.version_in_force(pledge, on=datetime.date(2020, 12, 1)))
    assert in_force.get(code="1.1").target_value == 105


def test_an_amendment_waits_for_the_current_version_to_lock(opened, cast):
    with pytest.raises(ValidationError) as exc:
        actions.amend_pledge(pledge=opened.pledge, reason="Sửa", by=cast["leader"])
    assert "chưa khóa" in str(exc.value)


def test_an_amendment_needs_a_reason(locked, cast):
    with pytest.raises(ValidationError) as exc:
        actions.amend_pledge(pledge=locked.pledge, reason="  ", by=cast["leader"])
    assert "reason" in exc.value.error_dict


def test_only_one_amendment_is_drafted_at_a_time(locked, cast):
    actions.amend_pledge(pledge=locked.pledge, reason="Sửa lần 1", by=cast["leader"])
    with pytest.raises(ValidationError):
        actions.amend_pledge(pledge=locked.pledge, reason="Sửa lần 2", by=cast["leader"])
    assert locked.pledge.versions.count() == 2


def test_discarding_an_amendment_keeps_the_version_in_force(locked, cast):
    amendment = actions.amend_pledge(pledge=locked.pledge, reason="Sửa", by=cast["leader"])
    actions.discard_draft(pledge_version=amendment, by=cast["leader"])
    assert list(locked.pledge.versions.all()) == [locked]
    assert AuditEntry.objects.filter(action="pledges.amendment.discarded").count() == 1


def test_the_cluster_summary_names_who_has_not_signed(opened, signers, cluster, cast):
    _sign(opened, *signers[0])
    summary = queries.cluster_pledge_summary(cluster, cast["viewer"])
    assert [u.short_name for u in summary["unsigned"]] == ["Hà Đông", "Thanh Xuân"]
    assert len(summary["signed"]) == 1 and summary["member_count"] == 3
    assert summary["can_edit"] is False
