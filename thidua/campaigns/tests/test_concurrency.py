"""Two officers saving at once: the database keeps one, the other gets a clear message."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from thidua.campaigns import actions
from thidua.campaigns.models import ProgressReport, Registration
from thidua.core.errors import StaleEditError

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
D = datetime.date


def _race(work, n=2):
    barrier, outcomes = threading.Barrier(n), []

    def run():
        try:
            barrier.wait()
            outcomes.append(work())
        except (ValidationError, StaleEditError) as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes


def test_the_same_report_sent_twice_at_once_is_stored_once(target, tree):
    outcomes = _race(
        lambda: actions.report_progress(
            target=target, unit=tree["d1"], as_of=D(2020, 9, 30), value=72, by=None
        )
    )
    assert ProgressReport.objects.count() == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1


def test_a_unit_registering_twice_at_once_is_registered_once(cluster, tree):
    outcomes = _race(
        lambda: actions.register_for_emulation(
            cluster=cluster, unit=tree["d3"], titles=["giay_khen"], models=[], by=None
        )
    )
    assert Registration.objects.count() == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1


def test_two_leaders_editing_the_rule_at_once_do_not_overwrite_each_other(rule):
    outcomes = _race(
        lambda: actions.set_registration_rule(
            cluster=rule.cluster, min_models=3, deadline=None, version=1, by=None
        )
    )
    assert sum(isinstance(o, StaleEditError) for o in outcomes) == 1
    rule.refresh_from_db()
    assert rule.version == 2
