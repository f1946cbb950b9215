import pytest
from django.urls import reverse

from thidua.organizations import actions

pytestmark = pytest.mark.django_db


def test_audit_log_follows_the_permission_ladder(cast, ladder):
    c = cast
    ladder(
        reverse("audit_log"),
        allowed=[c["board"]],
        forbidden=[c["leader"], c["viewer"], c["council"], c["outsider"]],
    )


def test_board_sees_changes_in_its_subtree_only(tree, cast, client_for):
    actions.update_unit(unit=tree["o1"], version=1, name="Thành phố Từ Sơn mới", by=None)
    actions.update_unit(unit=tree["d2"], version=1, name="Quận Thanh Xuân mới", by=cast["board"])
    html = client_for(cast["board"]).get(reverse("audit_log")).content.decode()
    assert "Quận Thanh Xuân mới" in html
    assert "Từ Sơn mới" not in html


def test_audit_log_filters_by_action_and_actor(tree, cast, client_for):
    actions.update_unit(unit=tree["d2"], version=1, name="Quận Thanh Xuân mới", by=cast["board"])
    board = client_for(cast["board"])
    html = board.get(
        reverse("audit_log"), {"action": "organizations.unit.updated", "actor": "board"}
    ).content.decode()
    assert html.count("<code>organizations.unit.updated</code>") == 1
    assert "organizations.unit.created" not in html


def test_a_bad_filter_date_is_a_400_with_a_vietnamese_message(cast, client_for):
    response = client_for(cast["board"]).get(reverse("audit_log"), {"since": "31/31/2020"})
    assert response.status_code == 400
    assert "hợp lệ" in response.content.decode()


def test_the_log_cannot_be_changed_from_the_admin(cast, client_for, tree):
    from thidua.core.models import AuditEntry

    cast["board"].is_staff = cast["board"].is_superuser = True
    cast["board"].save()
    entry = AuditEntry.objects.first()
    admin = client_for(cast["board"])
    assert admin.get(reverse("admin:core_auditentry_change", args=[entry.pk])).status_code == 200
    response = admin.post(reverse("admin:core_auditentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
