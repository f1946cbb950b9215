import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_and_reaches_the_home_page(cast, client):
    response = client.post(reverse("login"), {"username": "viewer", "password": "demo"})
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_password_gets_a_vietnamese_message(cast, client):
    response = client.post(reverse("login"), {"username": "viewer", "password": "sai"})
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_sign_in_is_throttled_after_repeated_failures(cast, client, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "viewer", "password": "sai"})
    locked = client.post(reverse("login"), {"username": "viewer", "password": "demo"})
    assert locked.status_code == 429
    assert "quá nhiều lần" in locked.content.decode()
    assert client.get(reverse("home")).status_code == 302


def test_passwords_are_hashed_with_djangos_defaults():
    import thidua.settings as project_settings

    assert not hasattr(project_settings, "PASSWORD_HASHERS")  # Django's PBKDF2 default applies
