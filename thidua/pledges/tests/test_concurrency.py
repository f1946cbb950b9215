"""Two members sign at the same moment: the pledge locks exactly once (PostgreSQL)."""

import contextlib
import datetime
import threading

import pytest
from django.db import connection

from thidua.core.models import AuditEntry
from thidua.pledges import actions
from thidua.pledges.models import PledgeVersion, Signature, VersionStatus

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_members_signing_at_once_lock_the_pledge_exactly_once(opened, signers, monkeypatch):
    from thidua.core import audit

    leader, leader_unit = signers[0]
    actions.sign_pledge(pledge_version=opened, unit=leader_unit, by=leader)

    record = audit.record
    inside = threading.Barrier(2)

    def record_then_wait(**kwargs):
        # Hold each signer between its insert and the count that decides the lock until the
        # other one gets there too: without the row lock both would count 2 of 3 and nobody
        # would lock. With it the second signer waits for the row, and this wait times out.
        entry = record(**kwargs)
        if kwargs["action"] == "pledges.pledge.signed":
            with contextlib.suppress(threading.BrokenBarrierError):
                inside.wait(timeout=1)
        return entry

    monkeypatch.setattr(audit, "record", record_then_wait)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def sign(user, unit):
        try:
            version = PledgeVersion.objects.get(pk=opened.pk)  # this thread's own connection
            barrier.wait(timeout=10)
            actions.sign_pledge(
                pledge_version=version, unit=unit, by=user, signed_on=datetime.date(2020, 2, 20)
            )
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=pair) for pair in signers[1:]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    opened.refresh_from_db()
    assert opened.status == VersionStatus.LOCKED
    assert Signature.objects.filter(pledge_version=opened).count() == 3
    assert AuditEntry.objects.filter(action="pledges.pledge.signed").count() == 3
    assert AuditEntry.objects.filter(action="pledges.pledge.locked").count() == 1
