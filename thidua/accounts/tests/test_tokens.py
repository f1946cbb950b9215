import pytest
from django.urls import reverse

from thidua.accounts import actions
from thidua.accounts.models import ApiToken
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_token_pages_follow_the_ladder(cast, ladder):
    ladder(reverse("api_tokens"), allowed=list(cast.values()))


def test_a_created_token_is_shown_once_and_stored_hashed(cast, client_for):
    response = client_for(cast["officer"]).post(reverse("api_tokens"), {"name": "Báo cáo"})
    assert response.status_code == 201
    raw = response.context["created"]
    token = ApiToken.objects.get(user=cast["officer"])
    # The secret itself may contain "_": split only at the first one after the prefix.
    assert raw.startswith(actions.TOKEN_PREFIX)
    prefix, _, secret = raw.removeprefix(actions.TOKEN_PREFIX).partition("_")
    assert token.prefix == prefix and len(secret) >= 40
    assert token.key_hash == actions.hash_secret(secret) != secret
    assert secret not in token.key_hash and token.key_hash not in raw
    assert AuditEntry.objects.filter(action="accounts.api_token.created").exists()
    again = client_for(cast["officer"]).get(reverse("api_tokens")).content.decode()
    assert raw not in again


def test_a_token_reads_the_api_with_its_users_scope(tree, cast, cluster, client_for):
    _, raw = actions.create_api_token(user=cast["member"], name="máy")
    anon = client_for(None)
    ok = anon.get(f"/api/v1/clusters/{cluster.pk}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert ok.status_code == 200
    _, other = actions.create_api_token(user=cast["outsider"], name="máy")
    hidden = anon.get(f"/api/v1/clusters/{cluster.pk}", HTTP_AUTHORIZATION=f"Bearer {other}")
    assert hidden.status_code == 404


def test_a_revoked_or_forged_token_is_refused(cast, client_for):
    token, raw = actions.create_api_token(user=cast["board"], name="x")
    anon = client_for(None)
    forged = raw[:-4] + "abcd"
    assert anon.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {forged}").status_code == 401
    client_for(cast["board"]).post(reverse("revoke_token", args=[token.pk]))
    assert anon.get("/api/v1/units", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401
    assert AuditEntry.objects.filter(action="accounts.api_token.revoked").exists()


def test_a_user_cannot_revoke_someone_elses_token(cast, client_for):
    token, _ = actions.create_api_token(user=cast["board"], name="x")
    response = client_for(cast["viewer"]).post(reverse("revoke_token", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_an_empty_token_name_is_refused(cast, client_for):
    response = client_for(cast["viewer"]).post(reverse("api_tokens"), {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()
