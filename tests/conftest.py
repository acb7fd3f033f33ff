import shutil

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from conferences.models import ActionItem, Conference, Document, Plan
from conferences.templatetags.site_tags import NAVIGATION


@pytest.fixture(autouse=True)
def english_to_begin_with():
    """Each test starts in English, whatever language the request before it left active."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def uploaded_files_removed_at_the_end():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.org", "a-long-test-password")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def public_addresses(db) -> list[str]:
    """One address of every kind of public page, in the states a reader meets, over the demo content."""
    call_command("load_demo", verbosity=0)
    item = ActionItem.objects.published().filter(speech__isnull=False).exclude(excerpt="").first()
    speech, country = item.speech, item.countries.first()
    details = [Conference.objects.published().get(slug="tashkent-2022"), speech, item, item.lead_organization, country,
               item.themes.first(), speech.speaker, Document.objects.published().get(symbol="A/76/751"),
               Plan.objects.get(slug="jpoa-2022")]
    return [
        reverse("conferences:home"),
        *(reverse(name) for _, name in NAVIGATION),
        *(obj.get_absolute_url() for obj in details),
        reverse("conferences:actionitem_list") + f"?status=in_progress&country={country.slug}&sort=due",
        reverse("conferences:actionitem_list") + "?status=nope&due_after=someday",  # the form shows its errors
        reverse("conferences:speech_list") + "?year=1900",  # nothing matches
        reverse("conferences:conference_list") + "?page=99",  # past the end
        reverse("conferences:actionitem_list") + "?plan=jpoa-2022&overdue=1",
        reverse("conferences:document_list") + "?kind=declaration&language=ru",
        reverse("conferences:search") + "?q=border",
        reverse("conferences:search") + "?q=A/76/751",
        reverse("conferences:search") + "?q=zzzzqqq",
        reverse("conferences:search"),
        reverse("conferences:data"),
        reverse("api:docs"),
        reverse("conferences:follow", args=["country", country.slug]),
        "/no-such-page/",
    ]


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}"
