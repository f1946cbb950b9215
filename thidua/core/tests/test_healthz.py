"""/healthz: the proxy's liveness check and the trivial view of the load benchmark."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_healthz_answers_without_the_database(client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert len(queries) == 0
    assert "sessionid" not in response.cookies


def test_healthz_refuses_other_methods(client, db):
    assert client.post("/healthz").status_code == 405
