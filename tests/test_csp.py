"""Every page, public or the admin's, tells browsers to run and apply only this site's own scripts and styles."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from conferences.models import ActionItem, Conference, Speech

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


def test_every_public_page_sends_the_policy(client, public_addresses):
    for address in public_addresses:
        assert policy(client.get(address)) == POLICY, address


def test_a_page_served_from_the_cache_sends_it_too(client):
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        client.get(reverse("conferences:home"))
        response = client.get(reverse("conferences:home"))
    cache.clear()
    assert response["X-Cache"] == "hit"
    assert policy(response) == POLICY


def test_the_admin_sends_it(client, superuser, public_addresses):
    assert policy(client.get(reverse("admin:login"))) == POLICY
    client.force_login(superuser)
    speech, item = Speech.objects.first(), ActionItem.objects.first()
    addresses = [
        reverse("admin:index"),
        reverse("admin:conferences_speech_change", args=[speech.pk]),
        reverse("admin:conferences_speech_history", args=[speech.pk]),
        reverse("admin:conferences_actionitem_change", args=[item.pk]),
        reverse("admin:conferences_conference_change", args=[Conference.objects.first().pk]),
        reverse("admin:conferences_speech_import"),
        reverse("admin:conferences_actionitem_import_progress"),
        reverse("admin:password_change"),
    ]
    for model in ["conference", "speech", "actionitem", "actionitemupdate", "person", "organization", "country",
                  "theme"]:
        addresses += [reverse(f"admin:conferences_{model}_changelist"), reverse(f"admin:conferences_{model}_add")]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        assert policy(response) == POLICY, address
