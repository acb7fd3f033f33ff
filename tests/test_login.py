"""Repeated failed sign-ins are locked out for a while, and the page says why."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("aigerim", password="the-right-password", is_staff=True,
                                                is_superuser=True)


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_wrong_password_just_fails(client, staff):
    response = attempt(client, "aigerim", "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=5)
def test_repeated_failures_for_one_account_lock_it_from_any_address(staff):
    for number in range(5):
        attempt(Client(REMOTE_ADDR=f"10.0.0.{number}"), "aigerim", "wrong")
    response = attempt(Client(REMOTE_ADDR="10.0.0.99"), "aigerim", "the-right-password")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in is locked for a while" in page
    assert "Try again in 15 minutes" in page
    assert "_auth_user_id" not in Client().session


@override_settings(AXES_FAILURE_LIMIT=5)
def test_repeated_failures_from_one_address_lock_it_for_every_account(staff):
    client = Client(REMOTE_ADDR="10.0.0.7")
    for number in range(5):
        attempt(client, f"guess{number}", "wrong")
    assert attempt(client, "aigerim", "the-right-password").status_code == 429
    # Someone else, elsewhere, still signs in.
    assert attempt(Client(REMOTE_ADDR="10.0.0.8"), "aigerim", "the-right-password").status_code == 302


def test_a_success_before_the_limit_starts_the_count_again(staff):
    client = Client()
    for _ in range(4):
        attempt(client, "aigerim", "wrong")
    assert attempt(client, "aigerim", "the-right-password").status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "aigerim", "wrong")
    assert attempt(client, "aigerim", "the-right-password").status_code == 302
