"""Feeds, calendar and sitemap, read back with real parsers."""

import datetime as dt
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from .factories import ActionItemFactory, ConferenceFactory, SpeechFactory

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
    assert items[0].findtext("title").startswith("Live speech")


def test_atom_feed_holds_exactly_the_published_speeches(client, mixed):
    root = ET.fromstring(client.get("/feeds/speeches/atom/").content)
    entries = root.findall(f"{ATOM}entry")
    assert [urlsplit(e.find(f"{ATOM}link").get("href")).path for e in entries] == [mixed["speech"].get_absolute_url()]


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
