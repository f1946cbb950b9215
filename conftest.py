"""Test set-up shared by every app: the fixed unit tree, the named cast of users, and the rules for
tests that need PostgreSQL or a browser (skipped with a reason on a developer's machine, required in
CI through THIDUA_REQUIRE_POSTGRES=1 and THIDUA_REQUIRE_BROWSER=1)."""

import os
import shutil

import hypothesis
import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

# Property tests draw the same examples on every run, so a red CI run is red again when repeated
# (THIDUA_HYPOTHESIS_RANDOM=1 explores new ones); no per-example deadline on a shared machine.
hypothesis.settings.register_profile(
    "thidua",
    derandomize=os.environ.get("THIDUA_HYPOTHESIS_RANDOM", "") != "1",
    deadline=None,
)
hypothesis.settings.load_profile("thidua")

CHROMIUM = os.environ.get("THIDUA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


def _required(name: str) -> bool:
    return os.environ.get(name, "") in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = "postgresql" in settings.DATABASES["default"]["ENGINE"]
    has_browser = shutil.which(CHROMIUM) is not None or os.path.exists(CHROMIUM)
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            if _required("THIDUA_REQUIRE_POSTGRES"):
                item.add_marker(
                    pytest.mark.xfail(reason="PostgreSQL required", run=False, strict=True)
                )
                raise pytest.UsageError(
                    "THIDUA_REQUIRE_POSTGRES=1 but DATABASE_URL does not point at PostgreSQL"
                )
            item.add_marker(pytest.mark.skip(reason="needs PostgreSQL: set DATABASE_URL"))
        if "browser" in item.keywords and not has_browser:
            if _required("THIDUA_REQUIRE_BROWSER"):
                raise pytest.UsageError(f"THIDUA_REQUIRE_BROWSER=1 but {CHROMIUM} is missing")
            item.add_marker(
                pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """Uploads of a test go to its own folder, never into var/; passwords hash fast."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "uploads")},
        },
    }


DB_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "live_server"}


@pytest.fixture(autouse=True)
def _data_migration_rows(request):
    """Transactional tests (browser, concurrency) flush the database when they end, taking with them
    the rows data migrations loaded (the award catalogue, the voting thresholds); put them back
    for the next test."""
    marker = request.node.get_closest_marker("django_db")
    names = set(request.fixturenames)
    if marker is None and not DB_FIXTURES & names:
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & names
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    from thidua.awards.actions import ensure_catalogue
    from thidua.voting.defaults import ensure_default_rules

    ensure_catalogue()
    ensure_default_rules()


# --- the fixed unit tree and the cast -----------------------------------------------------------


@pytest.fixture
def tree(db):
    from thidua.organizations.tests.factories import UnitFactory

    city = UnitFactory(short_name="Thành phố Thử", name="Thành phố Thử", kind="tinh", parent=None)
    d1 = UnitFactory(parent=city, short_name="Cầu Giấy", name="Quận Cầu Giấy", kind="huyen")
    d2 = UnitFactory(parent=city, short_name="Thanh Xuân", name="Quận Thanh Xuân", kind="huyen")
    d3 = UnitFactory(parent=city, short_name="Hà Đông", name="Quận Hà Đông", kind="huyen")
    w1 = UnitFactory(parent=d1, short_name="Mai Dịch", name="Phường Mai Dịch", kind="xa")
    other = UnitFactory(short_name="Bắc Ninh", name="Tỉnh Bắc Ninh", kind="tinh", parent=None)
    o1 = UnitFactory(parent=other, short_name="Từ Sơn", name="Thành phố Từ Sơn", kind="huyen")
    return {"city": city, "d1": d1, "d2": d2, "d3": d3, "w1": w1, "other": other, "o1": o1}


@pytest.fixture
def cast(tree):
    """board officer, cluster leader (officer of d1), unit officer (of d2, deputy), member officer
    (of d3), council member, viewer, and an outsider from another province."""
    from thidua.accounts.tests.factories import UserFactory, grant

    users = {
        "board": grant(UserFactory(username="board"), "board_officer", tree["city"]),
        "leader": grant(UserFactory(username="leader"), "unit_officer", tree["d1"]),
        "officer": grant(UserFactory(username="officer"), "unit_officer", tree["d2"]),
        "member": grant(UserFactory(username="member"), "unit_officer", tree["d3"]),
        "council": grant(UserFactory(username="council"), "council_member", tree["city"]),
        "viewer": grant(UserFactory(username="viewer"), "viewer", tree["city"]),
        "outsider": grant(UserFactory(username="outsider"), "unit_officer", tree["o1"]),
    }
    return users


@pytest.fixture
def cluster(tree, cast):
    from thidua.clusters.tests.factories import make_cluster

    return make_cluster(
        unit=tree["city"],
        members=[tree["d1"], tree["d2"], tree["d3"]],
        leader=tree["d1"],
        deputy=tree["d2"],
    )


@pytest.fixture
def client_for(client):
    """client_for(user) → a test client logged in as that user (None: anonymous)."""
    from django.test import Client

    def make(user):
        c = Client()
        if user is not None:
            c.force_login(user)
        return c

    return make


@pytest.fixture
def ladder(client_for):
    """The permission ladder of one URL: anonymous → login, outsider → 404, wrong role → 403,
    right role → 200. Each argument is a list of users expected to get that answer."""

    def check(url, *, allowed, forbidden=(), hidden=(), method="get"):
        anonymous = getattr(client_for(None), method)(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], url
        for expected, users in ((200, allowed), (403, forbidden), (404, hidden)):
            for user in users:
                response = getattr(client_for(user), method)(url)
                assert response.status_code == expected, (
                    url,
                    user.username,
                    expected,
                    response.status_code,
                )

    return check
