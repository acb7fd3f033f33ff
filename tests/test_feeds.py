"""Feeds, calendar and sitemap, read back with real parsers."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from .factories import ActionItemFactory, ConferenceFactory, PersonFactory, SpeechFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def mixed():
    """Public content beside drafts, scheduled items and a speech hidden by its draft conference."""
    live_conference = ConferenceFactory(title="Live conference", start_date=dt.date(2022, 3, 3),
                                        end_date=dt.date(2022, 3, 4), city="Tashkent")
    draft_conference = ConferenceFactory(title="Draft conference", draft=True)
    ConferenceFactory(title="Scheduled conference", scheduled=True)
    live_speech = SpeechFactory(conference=live_conference, title="Live speech")
    SpeechFactory(conference=live_conference, title="Draft speech", draft=True)
    SpeechFactory(conference=live_conference, title="Scheduled speech", scheduled=True)
    SpeechFactory(conference=draft_conference, title="Speech at a draft conference")
    live_item = ActionItemFactory(speech=live_speech, title="Live item")
    ActionItemFactory(speech=live_speech, title="Draft item", draft=True)
    return {"conference": live_conference, "speech": live_speech, "item": live_item}


def test_rss_feed_holds_exactly_the_published_speeches(client, mixed):
    response = client.get("/feeds/speeches/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    assert [urlsplit(item.findtext("link")).path for item in items] == [mixed["speech"].get_absolute_url()]
    speaker = mixed["speech"].speaker.name  # named as everywhere else, not "Speech: speaker", which reads as addressed
    assert items[0].findtext("title") == f"Live speech, {speaker} (Live conference)"


def test_atom_feed_holds_exactly_the_published_speeches(client, mixed):
    root = ET.fromstring(client.get("/feeds/speeches/atom/").content)
    entries = root.findall(f"{ATOM}entry")
    assert [urlsplit(e.find(f"{ATOM}link").get("href")).path for e in entries] == [mixed["speech"].get_absolute_url()]


@pytest.mark.parametrize("address", ["/feeds/speeches/", "/feeds/updates/", "/ru/feeds/documents/", "/sitemap.xml",
                                     "/sitemap-conference.xml"])
def test_a_feed_is_read_never_posted_to(client, address):
    """As every page: a feed or the sitemap answers GET and HEAD, and anything else is refused."""
    assert client.head(address).status_code == 200
    for method in (client.post, client.put, client.delete, client.options):
        assert method(address).status_code == 405
    assert client.generic("TRACE", address).status_code == 405


def test_feed_holds_the_latest_50(client):
    conference = ConferenceFactory()
    SpeechFactory.create_batch(55, conference=conference)
    items = ET.fromstring(client.get("/feeds/speeches/").content).find("channel").findall("item")
    assert len(items) == 50


def test_feed_query_count_does_not_grow(client, django_assert_max_num_queries):
    conference = ConferenceFactory()
    SpeechFactory.create_batch(30, conference=conference)
    with django_assert_max_num_queries(2):
        client.get("/feeds/speeches/")


def test_calendar_holds_exactly_the_published_conferences(client, mixed):
    response = client.get("/conferences.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == ["Live conference"]
    event = events[0]
    assert event.decoded("DTSTART") == dt.date(2022, 3, 3)
    assert event.decoded("DTEND") == dt.date(2022, 3, 5)  # all-day events end the day after
    assert str(event["URL"]) == "http://testserver" + mixed["conference"].get_absolute_url()
    assert str(event["LOCATION"]).startswith("Tashkent, ")
    assert str(event["UID"]) == f"conference-{mixed['conference'].pk}@testserver"
    # Its name is the host's, without the port, an IPv6 host's whole.
    served = Calendar.from_ical(client.get("/conferences.ics", HTTP_HOST="[::1]:8000").content)
    assert str(served.walk("VEVENT")[0]["UID"]) == f"conference-{mixed['conference'].pk}@::1"


def sitemap_paths(client) -> set[str]:
    index = ET.fromstring(client.get("/sitemap.xml").content)
    paths = set()
    for section in index.iter(f"{SITEMAP}loc"):
        response = client.get(urlsplit(section.text).path + "?" + (urlsplit(section.text).query or ""))
        assert response.status_code == 200
        paths |= {urlsplit(loc.text).path for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")}
    return paths


def test_sitemap_lists_every_public_page_and_nothing_else(client, mixed):
    speech, item, conference = mixed["speech"], mixed["item"], mixed["conference"]
    expected_content = {
        conference.get_absolute_url(),
        speech.get_absolute_url(),
        item.get_absolute_url(),
        speech.speaker.get_absolute_url(),
        speech.speaker_organization.get_absolute_url(),
        item.lead_organization.get_absolute_url(),
        conference.country.get_absolute_url(),
    }
    paths = sitemap_paths(client)
    pages = {"/", "/conferences/", "/speeches/", "/action-items/", "/documents/", "/plans/", "/people/",
             "/organizations/", "/countries/", "/themes/"}
    english = pages | expected_content
    assert paths == english | {"/ru" + path for path in english}  # each page in each language


def rss_items(client, address) -> list[tuple[str, str]]:
    response = client.get(address)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    return [(item.findtext("title"), urlsplit(item.findtext("link")).path) for item in channel.findall("item")]


def test_the_progress_feed_holds_the_updates_of_public_items_only(client, mixed):
    from .factories import ActionItemUpdateFactory

    ActionItemUpdateFactory(action_item=mixed["item"], progress=40, note="Training held in Termez.")
    hidden = ActionItemFactory(speech=mixed["speech"], title="Hidden item", draft=True)
    ActionItemUpdateFactory(action_item=hidden, note="Not for the public.")
    items = rss_items(client, "/feeds/updates/")
    # Titled with the day of the step, not the day it was recorded, written as the reader writes dates.
    assert items == [("Live item\u00a0— 1 January 2023: In progress, 40%", mixed["item"].get_absolute_url())]
    assert "Training held in Termez." in client.get("/feeds/updates/").content.decode()
    assert "Not for the public" not in client.get("/feeds/updates/").content.decode()
    russian = client.get("/ru/feeds/updates/").content.decode()
    assert "1 января 2023\u00a0г.: Выполняется, 40%" in russian


def test_a_filtered_list_of_action_items_has_a_feed_of_their_progress(client, mixed):
    """A journalist following the overdue items of one country subscribes to that list's progress."""
    from .factories import ActionItemUpdateFactory, CountryFactory

    uzbekistan = CountryFactory(name="Uzbekistan", slug="uzbekistan")
    mixed["item"].countries.add(uzbekistan)
    other = ActionItemFactory(speech=mixed["speech"], title="Elsewhere")
    ActionItemUpdateFactory(action_item=mixed["item"], note="Border post opened.")
    ActionItemUpdateFactory(action_item=other, note="Elsewhere, too.")
    page = client.get("/action-items/", {"country": "uzbekistan"}).content.decode()
    feed = "/feeds/updates/?country=uzbekistan"
    assert f'<link rel="alternate" type="application/rss+xml" title="Progress of these action items (RSS)" ' \
           f'href="{feed}">' in page and f'<a class="data-link" href="{feed}"' in page
    assert [link for _title, link in rss_items(client, feed)] == [mixed["item"].get_absolute_url()]
    channel = ET.fromstring(client.get(feed).content).find("channel")
    assert channel.findtext("title") == "JPoA Central Asia: progress of commitments (Country: Uzbekistan)"
    assert channel.findtext("link").endswith("/action-items/?country=uzbekistan")
    # A filter whose choice names it is named once, as its chip on the list is.
    overdue = ET.fromstring(client.get(feed + "&overdue=1").content).find("channel")
    assert overdue.findtext("title") == "JPoA Central Asia: progress of commitments (Country: Uzbekistan; Overdue only)"
    # A filter it cannot use, or one it does not know, gets the reasons, never a feed of everything.
    for address, reason in [("/feeds/updates/?country=atlantis", "There is no published country “atlantis”."),
                            ("/feeds/updates/?contry=uzbekistan", "“contry” is not a parameter here")]:
        refused = client.get(address)
        assert refused.status_code == 400 and reason in refused.content.decode()
    assert "Лента не создана" in client.get("/ru/feeds/updates/?status=nope").content.decode()


def test_the_demos_progress_feed_reads_as_a_site_kept_up_to_date_would(client):
    from email.utils import parsedate_to_datetime

    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    root = ET.fromstring(client.get("/feeds/updates/").content)
    steps, recorded = [], []
    for item in root.iter("item"):
        day = item.findtext("title").split("\u00a0— ")[-1].split(":")[0]
        steps.append(dt.datetime.strptime(day, "%d %B %Y").date())
        recorded.append(parsedate_to_datetime(item.findtext("pubDate")).date())
    # Each update recorded on its day, newest first: not all on the day the demo was loaded.
    assert len(steps) > 5 and recorded == steps == sorted(steps, reverse=True)


def test_each_hub_has_a_feed_of_what_is_new_about_it_linked_from_its_page(client, mixed):
    from .factories import ActionItemUpdateFactory, DocumentFactory

    country = mixed["conference"].country
    document = DocumentFactory(title="Live declaration")
    document.countries.set([country])
    DocumentFactory(title="Draft declaration", draft=True).countries.set([country])
    mixed["item"].countries.set([country])
    ActionItemUpdateFactory(action_item=mixed["item"], progress=40)  # a commitment about it making progress
    hidden = ActionItemFactory(title="Hidden item", draft=True)
    hidden.countries.set([country])
    ActionItemUpdateFactory(action_item=hidden, progress=90)
    items = rss_items(client, f"{country.get_absolute_url()}feed/")
    assert {title for title, _path in items} == {"Conference: Live conference", "Document: Live declaration",
                                                  "Action item: Live item",
                                                  "Live item\u00a0— 1 January 2023: In progress, 40%"}
    assert (("Live item\u00a0— 1 January 2023: In progress, 40%", mixed["item"].get_absolute_url())) in items
    # Content keeps the lasting name it had (its address); an update is named by its place on its item's page.
    root = ET.fromstring(client.get(f"{country.get_absolute_url()}feed/").content)
    guids = {item.findtext("title"): item.findtext("guid") for item in root.iter("item")}
    assert guids["Conference: Live conference"] == "http://testserver" + mixed["conference"].get_absolute_url()
    update_guid = guids["Live item\u00a0— 1 January 2023: In progress, 40%"]
    assert update_guid.startswith(f"http://testserver{mixed['item'].get_absolute_url()}#update-")
    anchor = update_guid.rsplit("#", 1)[1]
    assert f'<li id="{anchor}">' in client.get(mixed["item"].get_absolute_url()).content.decode()
    page = client.get(country.get_absolute_url()).content.decode()
    assert f'<link rel="alternate" type="application/rss+xml" title="What is new about {country} (RSS)" ' \
           f'href="{country.get_absolute_url()}feed/">' in page
    speaker = mixed["speech"].speaker
    # A speaker's: their speeches, the commitments announced in them and those commitments' progress.
    assert mixed["item"].speech == mixed["speech"]
    assert {title for title, _path in rss_items(client, f"{speaker.get_absolute_url()}feed/")} == {
        f"Speech: {mixed['speech']}", "Action item: Live item", "Live item\u00a0— 1 January 2023: In progress, 40%"}
    # It says it holds what they said, not things "about" them.
    english = ET.fromstring(client.get(f"{speaker.get_absolute_url()}feed/").content).find("channel")
    assert english.findtext("description") == (f"Speeches by {speaker}, the commitments announced in them and the "
                                               "progress of those commitments, newest first.")
    russian = ET.fromstring(client.get(f"/ru{speaker.get_absolute_url()}feed/").content).find("channel")
    assert russian.findtext("title") == f"СПД для Центральной Азии: что нового\u00a0— {speaker}"
    assert {item.findtext("title").split(":")[0] for item in russian.iter("item")} >= {"Выступление", "Обязательство"}
    assert russian.findtext("description") == (f"{speaker}: выступления, объявленные в них обязательства и ход их "
                                               "выполнения (от новых к старым).")


def test_a_record_is_described_alike_in_every_feed_and_link_preview(client):
    from .factories import CountryFactory, DocumentFactory

    country = CountryFactory(name="Tajikistan")
    document = DocumentFactory(title="Dushanbe declaration", summary="")  # described by its kind and date
    document.countries.set([country])

    def description(address):
        channel = ET.fromstring(client.get(address).content).find("channel")
        return next(item.findtext("description") for item in channel.iter("item")
                    if item.findtext("link").endswith(document.get_absolute_url()))

    assert description("/feeds/documents/") == description(f"{country.get_absolute_url()}feed/") == \
        "Declaration, 3 March 2022"
    page = client.get(document.get_absolute_url()).content.decode()
    assert '<meta property="og:description" content="Declaration, 3 March 2022">' in page


def test_a_speech_is_described_in_the_readers_language_where_it_has_a_translation(client):
    from conferences.models import SpeechTranslation

    speech = SpeechFactory(title="Opening remarks", body="Excellencies, we meet in Tashkent.\n\nThank you.")
    SpeechTranslation.objects.create(speech=speech, language="ru", body="Уважаемые коллеги, мы собрались в Ташкенте.")
    speaker_feed, page = f"/ru{speech.speaker.get_absolute_url()}feed/", f"/ru{speech.get_absolute_url()}"

    def description(address):
        return ET.fromstring(client.get(address).content).find("channel").find("item").findtext("description")

    assert description("/feeds/speeches/") == "Excellencies, we meet in Tashkent."
    assert description("/ru/feeds/speeches/") == "Уважаемые коллеги, мы собрались в Ташкенте."
    assert description(speaker_feed) == "Уважаемые коллеги, мы собрались в Ташкенте."
    assert '<meta property="og:description" content="Уважаемые коллеги, мы собрались в Ташкенте.">' in \
        client.get(page).content.decode()


def test_a_hubs_feed_in_russian_reads_its_speeches_translations_in_one_query(client):
    from conferences.models import SpeechTranslation

    def queries(speeches: int) -> int:
        person = PersonFactory()
        for speech in SpeechFactory.create_batch(speeches, speaker=person, speaker_organization=None):
            SpeechTranslation.objects.create(speech=speech, language="ru", body="Уважаемые коллеги!")
        address = f"/ru/people/{person.slug}/feed/"
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured)

    assert queries(2) == queries(6)


def test_a_hub_that_nothing_public_points_at_has_no_feed(client):
    from .factories import PersonFactory

    hidden = SpeechFactory(title="Draft speech", draft=True)
    assert client.get(f"{hidden.speaker.get_absolute_url()}feed/").status_code == 404
    assert client.get("/themes/no-such-theme/feed/").status_code == 404
    assert client.get(f"{PersonFactory().get_absolute_url()}feed/").status_code == 404


def test_a_speech_is_new_in_the_feeds_when_its_conference_is_published_not_before(client):
    from django.utils import timezone

    from .factories import PersonFactory

    speaker = PersonFactory(name="Aida Nurova")
    week_ago = timezone.now() - dt.timedelta(days=7)
    conference = ConferenceFactory(title="Late conference", draft=True)
    late = SpeechFactory(conference=conference, speaker=speaker, title="Speech made public late",
                         published_at=week_ago)  # published a week ago, behind its draft conference
    yesterday = SpeechFactory(speaker=speaker, title="Speech of yesterday")
    conference.is_published, conference.published_at = True, timezone.now().replace(microsecond=0)
    conference.save()
    titles = [title for title, _path in rss_items(client, f"{speaker.get_absolute_url()}feed/")]
    assert titles == [f"Speech: {late}", f"Speech: {yesterday}"]
    channel = ET.fromstring(client.get("/feeds/speeches/").content).find("channel")
    first = channel.find("item")
    assert first.findtext("title").startswith("Speech made public late")
    assert dt.datetime.strptime(first.findtext("pubDate"), "%a, %d %b %Y %H:%M:%S %z") == conference.published_at
