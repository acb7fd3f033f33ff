"""The speech page as a reference: paragraph numbers a reader sees and cites, commitments marked
in the margin, a citation to copy, and a print that says where and when it came from."""

import datetime as dt
import re

import pytest
from django.utils import formats, timezone, translation

from conferences.models import SpeechTranslation

from .factories import ActionItemFactory, PersonFactory, SpeechFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def speech():
    speech = SpeechFactory(title="Opening remarks", body="Excellencies,\n\nThank you.\n\nWe will train border guards.",
                           delivered_on=dt.date(2022, 3, 3),
                           speaker=PersonFactory(name="Vladimir Voronkov", honorific="Mr."))
    ActionItemFactory(speech=speech, title="Train border guards", excerpt="We will train border guards.")
    return speech


def test_paragraphs_show_the_numbers_their_links_and_commitments_cite(client, speech):
    page = client.get(speech.get_absolute_url()).content.decode()
    numbers = re.findall(r'<p id="p(\d)"[^>]*><a class="para-number" href="#p(\d)"[^>]*>(\d)</a>', page)
    assert numbers == [("1", "1", "1"), ("2", "2", "2"), ("3", "3", "3")]
    # The commitment's "paragraph 3" points at the paragraph numbered 3, which alone is marked.
    assert 'href="#p3">paragraph 3</a>' in page
    assert re.findall(r'<p id="p(\d)" class="announces">', page) == ["3"]


def test_a_readers_translation_says_its_commitments_paragraph_is_the_originals(client, speech):
    """Reading the Russian translation, a commitment's paragraph leads to the English original, and says so;
    a screen reader reaches the text by a heading of its own."""
    SpeechTranslation.objects.create(speech=speech, language="ru", body="Ваши превосходительства,\n\nСпасибо.")
    address = speech.get_absolute_url()
    page = client.get("/ru" + address).content.decode()
    assert 'href="?text=en#p3" hreflang="en">абзац 3 оригинала (английский)</a>' in page
    assert '<h2 class="visually-hidden">Текст выступления</h2>' in page
    assert 'href="#p3">paragraph 3</a>' in client.get(address).content.decode()


def test_a_speech_can_be_cited_in_either_language(client, speech):
    page = client.get(speech.get_absolute_url()).content.decode()
    address = f"http://testserver{speech.get_absolute_url()}"
    with translation.override("en"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    # A reference names the speaker without the honorific the page's heading gives.
    assert (f'<p class="cite__text">Vladimir Voronkov, “Opening remarks”, {speech.conference.title}, 3 March 2022. '
            f"JPoA Central Asia, <code>{address}</code> (accessed {today}).") in page
    russian = client.get("/ru" + speech.get_absolute_url()).content.decode()
    cited = re.search(r'<p class="cite__text">(.*?)</p>', russian, re.DOTALL)[1]
    # As Russian references are written (ГОСТ Р 7.0.5): no quotation marks, the day read as digits.
    assert cited.startswith("Vladimir Voronkov. Opening remarks // ")  # the names have no Russian here
    russian_address = address.replace("testserver/", "testserver/ru/")
    assert (f", 3 марта 2022\xa0г.\xa0— СПД для Центральной Азии.\xa0— URL: <code>{russian_address}</code> "
            f"(дата обращения: {timezone.localdate():%d.%m.%Y}).") in cited


def test_a_printed_page_says_which_site_and_address_it_came_from_and_when(client, speech):
    page = client.get(speech.get_absolute_url()).content.decode()
    with translation.override("en"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    assert (f'<p class="print-only print-header">JPoA Central Asia · <code>http://testserver{speech.get_absolute_url()}'
            f"</code> · printed {today}</p>") in page
