"""What public pages say about themselves to search engines and link previews: schema.org JSON-LD,
Open Graph and the canonical address, in the page's language, naming nothing unpublished."""

import json
import re

import pytest
from django.core.management import call_command

from conferences.models import Document, Speech

from .factories import ConferenceFactory, DocumentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def json_ld(page: str) -> dict:
    [found] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(found)


def meta(page: str, name: str) -> str:
    return re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', page).group(1)


def test_a_conference_is_an_event_with_its_dates_place_and_organisers(client, demo):
    page = client.get("/conferences/tashkent-2022/").content.decode()
    event = json_ld(page)
    assert event["@context"] == "https://schema.org" and event["@type"] == "Event"
    assert (event["startDate"], event["endDate"]) == ("2022-03-03", "2022-03-04")
    assert event["location"]["address"] == {"@type": "PostalAddress", "addressLocality": "Tashkent",
                                            "addressCountry": "UZ"}
    assert any(org.get("alternateName") == "OSCE" for org in event["organizer"])
    assert '<link rel="canonical" href="http://testserver/conferences/tashkent-2022/">' in page
    assert meta(page, "og:title") == "Tashkent 2022" and meta(page, "og:locale") == "en_GB"
    assert meta(page, "og:description").startswith(event["description"][:40])


def test_documents_speeches_people_and_organisations_describe_themselves_in_the_pages_language(client, demo):
    document = Document.objects.published().get(symbol="A/76/751")
    described = json_ld(client.get("/ru" + document.get_absolute_url()).content.decode())
    assert described["@type"] == "CreativeWork" and described["identifier"] == "A/76/751"
    assert described["inLanguage"] == "ru" and described["recordedAt"]["url"].endswith("/ru/conferences/tashkent-2022/")
    speech = Speech.objects.published().first()
    described = json_ld(client.get(speech.get_absolute_url()).content.decode())
    assert described["author"]["@type"] == "Person" and described["author"]["name"] == speech.speaker.name
    assert json_ld(client.get(speech.speaker.get_absolute_url()).content.decode())["@type"] == "Person"
    organization = json_ld(client.get("/organizations/osce/").content.decode())
    assert organization["@type"] == "Organization" and organization["alternateName"] == "OSCE"


def test_a_document_of_a_draft_conference_does_not_name_it(client):
    document = DocumentFactory(title="Declaration", conference=ConferenceFactory(title="Secret meeting", draft=True))
    page = client.get(document.get_absolute_url()).content.decode()
    assert "recordedAt" not in json_ld(page) and "Secret meeting" not in page


def test_nothing_in_the_data_can_close_its_script_element(client):
    document = DocumentFactory(title="</script><script>alert(1)</script>", summary="A & B")
    page = client.get(document.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in page
    assert json_ld(page)["name"] == "</script><script>alert(1)</script>"


def test_list_pages_have_a_canonical_address_and_a_title_with_their_filters(client, demo):
    page = client.get("/action-items/?country=uzbekistan").content.decode()
    assert '<link rel="canonical" href="http://testserver/action-items/?country=uzbekistan">' in page
    assert meta(page, "og:title") == "Action items · Country: Uzbekistan" and "application/ld+json" not in page
    assert meta(client.get("/action-items/").content.decode(), "og:title") == "Action items"  # no filter
    # The page it shows, without what the address added: a page past the end shows the last one.
    page = client.get("/action-items/?page=99&utm_source=mail&country=uzbekistan").content.decode()
    assert '<link rel="canonical" href="http://testserver/action-items/?country=uzbekistan">' in page
    page = client.get("/people/?utm_source=mail").content.decode()  # a list of names has no filters
    assert '<link rel="canonical" href="http://testserver/people/">' in page and meta(page, "og:title") == "People"


def test_a_russian_speech_page_describes_the_russian_text_past_its_greeting(client):
    from conferences.models import SpeechTranslation

    from .factories import SpeechFactory

    speech = SpeechFactory(language="en", body="Excellencies, ladies and gentlemen,\n\n"
                           "We will open a regional training centre for border guards in Termez next year.")
    SpeechTranslation.objects.create(speech=speech, language="ru", body="Уважаемые дамы и господа!\n\n"
                                     "В следующем году мы откроем в Термезе региональный учебный центр "
                                     "для пограничников.")
    english, russian = speech.get_absolute_url(), f"/ru{speech.get_absolute_url()}"
    page = client.get(english).content.decode()
    assert json_ld(page)["inLanguage"] == "en"
    assert meta(page, "og:description").startswith("We will open a regional training centre")
    page = client.get(russian).content.decode()
    assert json_ld(page)["inLanguage"] == "ru"
    assert json_ld(page)["description"].startswith("В следующем году мы откроем")
    assert meta(page, "description").endswith("г.")  # the date's own full stop, not two

