"""Cached pages are never stale: every kind of change, and the moment a scheduled item goes live,
makes them fresh on the next request."""

import datetime as dt
import threading
import time

import psycopg
import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from conferences.caching import new_content_version
from conferences.models import Conference, ContentVersion, Country, DocumentVersion, Speech, SpeechTranslation

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    OrganizationFactory,
    PersonFactory,
    PlanFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("page_cache")]


@pytest.fixture
def page_cache():
    cache.clear()
    with override_settings(PAGE_CACHE_SECONDS=600):
        yield
    cache.clear()


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def cached_then_fresh(client, url, change, expect_before, expect_after):
    """The page is served from the cache, then `change()` happens, and the next request shows it."""
    get(client, url)
    cached = get(client, url)
    assert cached["X-Cache"] == "hit"
    assert expect_before in cached.content.decode()
    change()
    fresh = get(client, url)
    assert not fresh.has_header("X-Cache")
    page = fresh.content.decode()
    assert expect_after in page, page[:500]
    return page


def test_a_saved_title_shows_at_once(client):
    conference = ConferenceFactory(title="Old title")

    def rename():
        conference.title = "New title"
        conference.save()

    cached_then_fresh(client, "/conferences/", rename, "Old title", "New title")


def test_publishing_and_unpublishing_show_at_once(client):
    item = ActionItemFactory(title="Border commitment", draft=True)

    def publish():
        item.is_published = True
        item.save()

    page = cached_then_fresh(client, "/action-items/", publish, "No published action item", "Border commitment")
    assert page

    def unpublish():
        item.is_published = False
        item.save()

    cached_then_fresh(client, "/action-items/", unpublish, "Border commitment", "No published action item")


def test_a_deletion_shows_at_once(client):
    item = ActionItemFactory(title="Doomed commitment")
    cached_then_fresh(client, "/action-items/", item.delete, "Doomed commitment", "No published action item")


def test_a_many_to_many_change_shows_at_once(client):
    item = ActionItemFactory(title="Linked commitment")
    country = CountryFactory(name="Kyrgyzstan", iso3="KGZ")
    cached_then_fresh(client, item.get_absolute_url(), lambda: item.countries.add(country), "Lead organisation",
                      "Kyrgyzstan")


def test_a_progress_update_shows_at_once(client):
    item = ActionItemFactory(status="planned")
    cached_then_fresh(
        client, item.get_absolute_url(),
        lambda: ActionItemUpdateFactory(action_item=item, status="completed", progress=100, note="All done."),
        "No progress updates yet", "All done.",
    )


def test_a_renamed_organisation_shows_at_once_on_other_pages(client):
    org = OrganizationFactory(name="Old agency name", acronym="")
    item = ActionItemFactory(lead_organization=org)

    def rename():
        org.name = "New agency name"
        org.save()

    cached_then_fresh(client, item.get_absolute_url(), rename, "Old agency name", "New agency name")


def test_a_new_theme_link_on_a_speech_shows_at_once(client):
    speech = SpeechFactory()
    theme = ThemeFactory(name="Early warning")
    cached_then_fresh(client, speech.get_absolute_url(), lambda: speech.themes.add(theme), "Commitments announced",
                      "Early warning")


def test_a_hub_pages_sections_show_a_newly_published_item_at_once(client):
    country = CountryFactory(name="Kazakhstan", iso3="KAZ")
    ActionItemFactory(title="First commitment").countries.add(country)
    item = ActionItemFactory(title="Second commitment", draft=True)
    item.countries.add(country)

    def publish():
        item.is_published = True
        item.save()

    page = cached_then_fresh(client, country.get_absolute_url(), publish, "First commitment", "Second commitment")
    assert "Action items concerning it <span class=\"count\">(2)</span>" in page


def test_search_finds_a_new_speaker_and_organisation_at_once(client):
    SpeechFactory(speaker=PersonFactory(name="Aliya Nurlanovna"))

    def add():
        org = OrganizationFactory(name="Nurlan Foundation", acronym="")
        SpeechFactory(speaker=PersonFactory(name="Timur Nurlanov"), speaker_organization=org)

    page = cached_then_fresh(client, "/search/?q=nurlan", add, "Aliya Nurlanovna", "Timur Nurlanov")
    assert "Nurlan Foundation" in page


def test_a_scheduled_item_goes_live_on_cached_pages_at_its_time(client):
    ConferenceFactory(title="Scheduled meeting", is_published=True,
                      published_at=timezone.now() + dt.timedelta(seconds=2))
    cached_then_fresh(client, "/conferences/", lambda: time.sleep(2.5), "No published conference",
                      "Scheduled meeting")


def test_staff_are_never_served_from_the_cache(client, superuser):
    ConferenceFactory(title="Visible meeting")
    client.force_login(superuser)
    get(client, "/conferences/")
    assert not get(client, "/conferences/").has_header("X-Cache")


def test_pages_answer_304_to_a_matching_etag(client):
    ConferenceFactory()
    first = get(client, "/conferences/")
    assert first["Cache-Control"] == "no-cache"
    again = client.get("/conferences/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


@pytest.mark.parametrize("url", ["/feeds/speeches/", "/conferences.ics", "/sitemap.xml"])
def test_feeds_calendar_and_sitemap_answer_304(client, url):
    SpeechFactory()
    first = get(client, url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_exports_answer_304_until_the_content_changes(client):
    item = ActionItemFactory()
    first = client.get("/action-items/export.csv?status=proposed")
    etag = first["ETag"]
    assert client.get("/action-items/export.csv?status=proposed", HTTP_IF_NONE_MATCH=etag).status_code == 304
    item.title = "Renamed"
    item.save()
    changed = client.get("/action-items/export.csv?status=proposed", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    # A refused download is refused each time it is asked for, whatever the client kept.
    refused = "/action-items/export.csv?status=nope"
    tag = client.get(refused).get("ETag", '"any"')
    assert client.get(refused, HTTP_IF_NONE_MATCH=tag).status_code == 400


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dropping a server's connection: PostgreSQL")
def test_a_public_page_reconnects_when_the_database_dropped_its_connection(client):
    ConferenceFactory(short_title="Tashkent 2022")
    get(client, "/conferences/")
    where = ("dbname", "host", "port", "user", "password")
    with psycopg.connect(**{key: value for key, value in connection.get_connection_params().items()
                            if key in where}) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    assert "Tashkent 2022" in get(client, "/conferences/").content.decode()


def test_a_cached_page_costs_one_query(client, django_assert_num_queries):
    ConferenceFactory.create_batch(3)
    get(client, "/conferences/")
    with django_assert_num_queries(1):  # the content version, by primary key
        assert get(client, "/conferences/")["X-Cache"] == "hit"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="two connections at once: PostgreSQL")
def test_an_item_scheduled_while_a_reader_draws_a_token_still_goes_live_at_its_time():
    """A reader drawing a token (the last scheduled item went live) while a publisher's transaction
    schedules another must count the new one, or its time would pass with no new token."""
    ConferenceFactory()
    ContentVersion.objects.filter(pk=1).update(next_publication=0)  # due: the next reader draws a token
    drawn = []

    def reader():
        try:
            drawn.append(new_content_version(if_due=True))
        finally:
            connection.close()

    with transaction.atomic():
        when = timezone.now() + dt.timedelta(hours=1)
        ConferenceFactory(is_published=True, published_at=when)  # locks the version row until commit
        thread = threading.Thread(target=reader)
        thread.start()
        with connection.cursor() as cursor:
            for _ in range(100):  # until the reader waits for this transaction
                cursor.execute("SELECT pg_stat_clear_snapshot()")  # else a transaction sees one snapshot
                cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the reader never waited for the publisher")
    thread.join(10)
    assert drawn
    assert ContentVersion.objects.get(pk=1).next_publication == pytest.approx(when.timestamp(), abs=1)


def test_a_head_request_is_answered_from_what_a_get_stored(client):
    ConferenceFactory()
    get(client, "/conferences/")
    head = client.head("/conferences/")
    assert head.status_code == 200
    assert head["X-Cache"] == "hit"


def test_an_address_that_is_no_page_is_not_answered_with_a_kept_page(client):
    """Kept pages and answers are found by the address as sent: one with "." or ".." in it is not
    the page it would lead to once resolved, kept or not."""
    ConferenceFactory()
    for kept, odd in [("/conferences/", "/speeches/../conferences/"), ("/ru/", "/ru/nope/../"),
                      ("/api/v1/conferences/", "/api/v1/zzz/../conferences/")]:
        assert client.get(kept).status_code == 200 and client.get(kept).status_code == 200
        assert client.get(odd).status_code == 404, odd


def test_every_cache_key_holds_the_release_the_content_version_and_the_language(settings):
    from django.utils import translation

    from conferences.caching import content_version, key

    with translation.override("en"):
        english = key("row", "conferences.Conference", 1)
    with translation.override("ru"):
        russian = key("row", "conferences.Conference", 1)
    assert english.startswith(f"jpoa:{settings.RELEASE}:{content_version()}:en:row:")
    assert russian.startswith(f"jpoa:{settings.RELEASE}:{content_version()}:ru:row:")
    ConferenceFactory()
    assert key("row", "conferences.Conference", 1) != english  # a write is a new content version


def test_a_raw_sql_update_shows_on_the_next_request(client):
    conference = ConferenceFactory(title="Termez transport forum")

    def raw_rename():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE conferences_conference SET title = %s WHERE id = %s",
                           ["Termez transport and trade forum", conference.pk])

    cached_then_fresh(client, "/conferences/", raw_rename, "Termez transport forum", "Termez transport and trade forum")


def test_a_publication_time_moved_into_the_past_with_update_lists_the_speech(client):
    speech = SpeechFactory(title="Statement on water", is_published=True,
                           published_at=timezone.now() + dt.timedelta(days=2))

    def move():
        Speech.objects.filter(pk=speech.pk).update(published_at=timezone.now() - dt.timedelta(minutes=1))

    cached_then_fresh(client, "/speeches/", move, "No published speech", "Statement on water")


def test_a_bulk_insert_shows_on_the_next_request(client):
    ConferenceFactory(title="Existing meeting")
    country = CountryFactory()

    def bulk():
        Conference.objects.bulk_create([Conference(
            title_en="Bulk-loaded meeting", slug="bulk-loaded-meeting", start_date=dt.date(2024, 5, 1),
            country=country, is_published=True, published_at=timezone.now() - dt.timedelta(hours=1))])

    cached_then_fresh(client, "/conferences/", bulk, "Existing meeting", "Bulk-loaded meeting")


def test_every_content_table_changes_the_content_version():
    """Each table of content, many-to-many ones included, has the triggers: a write that no Django
    signal sees still makes a new version."""
    from django.apps import apps

    from conferences.caching import content_version
    from conferences.content_triggers import NOT_CONTENT

    item = ActionItemFactory()
    item.partners.add(OrganizationFactory())
    item.countries.add(CountryFactory())
    item.themes.add(ThemeFactory())
    item.speech.themes.add(ThemeFactory())
    conference = item.speech.conference
    conference.organizers.add(OrganizationFactory())
    conference.countries.add(CountryFactory())
    conference.themes.add(ThemeFactory())
    ActionItemUpdateFactory(action_item=item)
    SpeechTranslation.objects.create(speech=item.speech, language="ru", body="Текст.")
    document = DocumentFactory(conference=conference)
    document.countries.add(CountryFactory())
    document.themes.add(ThemeFactory())
    DocumentVersion.objects.create(document=document, language="en", url="https://undocs.org/A/76/751")
    session = SessionFactory(conference=conference)
    session.chairs.add(item.speech.speaker)
    session.themes.add(ThemeFactory())
    plan = PlanFactory(document=document)
    plan.pillars.add(ThemeFactory())
    tables = sorted(model._meta.db_table
                    for model in apps.get_app_config("conferences").get_models(include_auto_created=True)
                    if model._meta.db_table not in NOT_CONTENT)
    assert len(tables) == 25
    for table in tables:
        before = content_version()
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET id = id")
            assert cursor.rowcount > 0, table
        assert content_version() != before, table


def test_a_detail_pages_kept_object_follows_raw_sql_and_update(client):
    """Without the page cache, a reader's detail page is built from its object kept per content
    version: a raw SQL rename shows, and an item unpublished with .update() is gone, at once."""
    item = ActionItemFactory(title="Water data exchange", is_published=True)
    url = item.get_absolute_url()
    with override_settings(PAGE_CACHE_SECONDS=0):
        assert "Water data exchange" in get(client, url).content.decode()
        with connection.cursor() as cursor:
            cursor.execute("UPDATE conferences_actionitem SET title = %s WHERE id = %s",
                           ["Water and climate data exchange", item.pk])
        assert "Water and climate data exchange" in get(client, url).content.decode()
        type(item).objects.filter(pk=item.pk).update(is_published=False)
        assert client.get(url).status_code == 404


def test_the_kept_filter_form_shows_each_readers_own_choices_and_errors(client):
    """The list's form is kept per the values asked for: one reader's choice or error never shows to another."""
    ActionItemFactory(status="completed")
    url = "/action-items/"
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _ in range(2):  # the second time from what was kept
            completed = get(client, url + "?status=completed").content.decode()
            assert '<option value="completed" selected>' in completed
            other = get(client, url + "?status=in_progress&utm_source=mail").content.decode()
            assert '<option value="in_progress" selected>' in other
            assert '<option value="completed" selected>' not in other
            wrong = get(client, url + "?status=nope").content.decode()
            assert "field--error" in wrong and "field--error" not in completed
        CountryFactory(name="Mongolia")
        ActionItemFactory(status="completed").countries.add(Country.objects.get(name_en="Mongolia"))
        assert "Mongolia" in get(client, url + "?status=completed").content.decode()  # a new content version


def test_only_addresses_a_page_reads_all_of_are_kept(client):
    ConferenceFactory(title="Kept")
    for url in ["/conferences/?page=1", "/search/?q=kept", "/ru/conferences/?sort=date", "/people/?page=1",
                "/feeds/updates/?status=planned", "/sitemap-pages.xml?p=1"]:
        get(client, url)
        assert get(client, url)["X-Cache"] == "hit", url
    # Answered in full, but not kept: each made-up address would otherwise take an entry of its own. Nor a
    # parameter of some page given to one that does not read it (a list's filter on a conference's page).
    conference = ConferenceFactory().get_absolute_url()
    for url in ["/conferences/?utm_source=newsletter", "/conferences/?page=1&page=1", "/conferences/?made-up=1",
                f"{conference}?country=anything-1", "/?q=kept", "/feeds/speeches/?theme=x", "/sitemap.xml?q=x",
                f"{conference}?text=en"]:
        get(client, url)
        repeated = get(client, url)
        assert repeated.status_code == 200 and not repeated.has_header("X-Cache"), url
    # Nor one that is not what its address names: a page that is not there, a filter refused, a text
    # in a language the speech lacks.
    speech = SpeechFactory().get_absolute_url()
    for url in ["/conferences/?page=zz1", "/people/?page=99", "/conferences/?year=someday", f"{speech}?text=xx"]:
        get(client, url)
        repeated = get(client, url)
        assert not repeated.has_header("X-Cache") and "no-store" in repeated["Cache-Control"], url
