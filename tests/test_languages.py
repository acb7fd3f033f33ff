"""Every public page in English and in Russian: its address, its language, the switcher between
them, and no interface string left in English on a Russian page."""

import datetime as dt
import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from conferences.models import SpeechTranslation
from conferences.templatetags.site_tags import NAVIGATION

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    SpeechFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

# Latin words a Russian page may hold: names of formats, programs and the programme, and
# language codes.
LATIN_ALLOWED = {"CSV", "RSS", "Atom", "iCalendar", "JPoA", "PDF", "ISO", "alpha", "URL", "ID", "UTF", "UTC", "Excel",
                 # EN, RU: the phone's language switcher
                 "Windows", "en", "ru", "EN", "RU", "API", "JSON", "OpenAPI", "Frictionless",
                 "true", "false", "pdf",  # values a file's column holds, as the data page explains them
                 # The licence of the open data: its Russian name keeps the licensor's.
                 "Creative", "Commons"}


@pytest.fixture
def russian_content():
    """Content with its Russian, so that any English left on a Russian page is either the
    interface's or content shown for want of a translation without being marked as English."""
    country = CountryFactory(name="Uzbekistan", name_ru="Узбекистан", iso3="UZB", slug="uzbekistan")
    theme = ThemeFactory(name="Border security", name_ru="Безопасность границ",
                         description="Cooperation of border services.",
                         description_ru="Сотрудничество пограничных служб.")
    organization = OrganizationFactory(name="United Nations Regional Centre for Preventive Diplomacy for Central Asia",
                                       name_ru="Региональный центр ООН по превентивной дипломатии для Центральной Азии",
                                       acronym="UNRCCA", acronym_ru="РЦПДЦА ООН")
    speaker = PersonFactory(name="Anna Ivanova", name_ru="Анна Иванова", title="Political adviser",
                            title_ru="Политический советник", organization=organization)
    conference = ConferenceFactory(title="Tashkent meeting on cooperation",
                                   title_ru="Встреча в Ташкенте по сотрудничеству",
                                   short_title="Tashkent 2022", short_title_ru="Ташкент, 2022",
                                   city="Tashkent", city_ru="Ташкент", country=country,
                                   start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4),
                                   summary="A meeting of the region's experts.",
                                   summary_ru="Встреча экспертов региона.")
    conference.organizers.add(organization)
    conference.countries.add(country)
    conference.themes.add(theme)
    speech = SpeechFactory(conference=conference, title="Opening remarks", title_ru="Вступительное слово",
                           speaker=speaker, speaker_role="Head of delegation", speaker_role_ru="Глава делегации",
                           language="ru", delivered_on=dt.date(2022, 3, 3),
                           body="Уважаемые коллеги!\n\nМы укрепим сотрудничество пограничных служб.\n\nБлагодарю.")
    speech.themes.add(theme)
    item = ActionItemFactory(title="Border data exchange", title_ru="Обмен данными о границах", speech=speech,
                             conference=conference, excerpt="Мы укрепим сотрудничество пограничных служб.",
                             lead_organization=organization, description="Quarterly exchange of data.",
                             description_ru="Ежеквартальный обмен данными.", due_date=dt.date(2024, 6, 30))
    item.countries.add(country)
    item.themes.add(theme)
    item.partners.add(organization)
    ActionItemUpdateFactory(action_item=item, note="Первая встреча проведена.")
    return {"conference": conference, "speech": speech, "item": item, "person": speaker,
            "organization": organization, "country": country, "theme": theme}


def addresses(content) -> list[str]:
    """One address of every kind of public page, English, in the states a reader meets."""
    with translation.override("en"):
        return [
            reverse("conferences:home"),
            *(reverse(name) for _, name in NAVIGATION),
            *(obj.get_absolute_url() for obj in content.values()),
            reverse("conferences:actionitem_list") + "?status=in_progress&country=uzbekistan",
            reverse("conferences:actionitem_list") + "?status=nope&due_after=someday",  # the form's errors
            reverse("conferences:speech_list") + "?year=1900",  # nothing matches
            reverse("conferences:conference_list") + "?page=99",  # past the end
            reverse("conferences:search") + "?q=" + quote("Ташкент"),  # as browsers send it
            reverse("conferences:search") + "?q=zzzzqqq",
            reverse("conferences:search"),
            reverse("conferences:data"),
        ]


class _Reading(HTMLParser):
    """What a reader reads on a page (text, and the labels of controls) outside parts marked as another language."""

    SKIPPED = {"script", "style", "code"}  # code: file names and the like, in no language
    READ_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "col", "wbr"}

    def __init__(self, language: str):
        super().__init__()
        self.language, self.stack, self.read = language, [], []

    def other_language(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        skipped = tag in self.SKIPPED or (tag != "html" and lang is not None and not lang.startswith(self.language))
        if not self.other_language() and not skipped:
            self.read += [value for name, value in attrs.items() if name in self.READ_ATTRIBUTES and value]
            if tag == "meta" and attrs.get("name") == "description":
                self.read.append(attrs.get("content") or "")
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.other_language() and data.strip():
            self.read.append(data.strip())


def english_words(html: str, typed: str = "") -> set[str]:
    """Latin words a reader of a Russian page reads, but for those allowed and those the reader typed."""
    reading = _Reading("ru")
    reading.feed(html)
    words = set(re.findall(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]", " ".join(reading.read)))
    return {word for word in words if word not in LATIN_ALLOWED and word not in typed}


def russian(address: str) -> str:
    return "/ru" + address


def test_every_page_is_in_both_languages_with_a_switcher_and_hreflang(client, russian_content):
    for address in addresses(russian_content):
        for language, here, there in [("en", address, russian(address)), ("ru", russian(address), address)]:
            response = client.get(here)
            assert response.status_code == 200, here
            page = response.content.decode()
            assert f'<html lang="{language}">' in page, here
            other = "ru" if language == "en" else "en"
            switch = re.search(rf'<a href="([^"]*)" hreflang="{other}" lang="{other}">', page)
            assert switch and switch.group(1).replace("&amp;", "&") == there, (here, switch and switch.group(1))
            for code, target in [(language, here), (other, there)]:
                assert f'hreflang="{code}" href="http://testserver{target}"'.replace("&", "&amp;") in page, (here, code)


def test_no_interface_string_is_left_in_english_on_a_russian_page(client, russian_content):
    left = {}
    for address in [*addresses(russian_content), "/no-such-page/"]:
        response = client.get(russian(address))
        typed = " ".join(value for values in response.wsgi_request.GET.lists() for value in values[1])
        words = english_words(response.content.decode(), typed=typed)
        if words:
            left[russian(address)] = sorted(words)
    assert not left, left


def test_the_address_not_the_browser_chooses_the_language(client, russian_content):
    english = client.get("/conferences/", HTTP_ACCEPT_LANGUAGE="ru")
    assert '<html lang="en">' in english.content.decode()
    assert "Conferences" in english.content.decode()
    assert '<html lang="ru">' in client.get("/ru/conferences/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


@pytest.mark.parametrize(("address", "language"), [("/conferences/", "en"), ("/ru/conferences/", "ru"),
                                                   ("/api/v1/conferences/", "en"), ("/robots.txt", "en")])
def test_no_answer_tells_shared_caches_it_varies_with_the_browsers_language(client, address, language):
    # A cache in front of the site would otherwise keep an English page once per Accept-Language.
    answer = client.get(address, HTTP_ACCEPT_LANGUAGE="ru")
    assert answer.status_code == 200
    assert "accept-language" not in answer.get("Vary", "").lower()
    assert answer["Content-Language"] == language


@pytest.mark.parametrize(("count", "words"), [(1, "1 конференция"), (2, "2 конференции"), (5, "5 конференций"),
                                              (21, "21 конференция")])
def test_counts_take_the_russian_plural_forms(client, count, words):
    ConferenceFactory.create_batch(count)
    page = client.get("/ru/conferences/").content.decode()
    assert words in page


def test_content_shows_in_the_pages_language_and_english_stands_in_marked_as_english(client, russian_content):
    conference = russian_content["conference"]
    url = conference.get_absolute_url()
    # The short title as the heading, the full one beneath it.
    english = client.get(url).content.decode()
    assert '<h1>Tashkent 2022</h1>' in english
    assert '<p class="detail__subtitle">Tashkent meeting on cooperation</p>' in english
    assert '<p class="detail__subtitle">Встреча в Ташкенте по сотрудничеству</p>' in client.get(
        russian(url)).content.decode()
    type(conference).objects.filter(pk=conference.pk).update(title_ru="", short_title_ru="")  # not translated yet
    untranslated = client.get(russian(url)).content.decode()
    assert '<h1 lang="en">Tashkent 2022</h1>' in untranslated
    assert '<p class="detail__subtitle" lang="en">Tashkent meeting on cooperation</p>' in untranslated


def test_a_person_is_headed_and_listed_by_name_and_a_byline_starts_with_a_capital(client):
    # A heading or a list of names reads best by name alone ("Г-н" before a name heading a page is
    # a calque of "Mr."); a byline keeps the honorific, which Russian writes small ("г-н"), but a
    # line starts with a capital, in the feeds' author too.
    person = PersonFactory(name="Vladimir Voronkov", name_ru="Владимир Воронков", honorific="Mr.",
                           honorific_ru="г-н")
    speech = SpeechFactory(speaker=person)
    person_url, speech_url, feed_url = (person.get_absolute_url(), speech.get_absolute_url(),
                                        reverse("conferences:speech_feed"))
    assert re.search(r"<h1[^>]*>Владимир Воронков</h1>", client.get(russian(person_url)).content.decode())
    assert "<h1>Vladimir Voronkov</h1>" in client.get(person_url).content.decode()
    people = client.get(russian(reverse("conferences:person_list"))).content.decode()
    assert ">Владимир Воронков</a>" in people and "г-н" not in people.lower()
    assert ">Г-н Владимир Воронков</a>" in client.get(russian(speech_url)).content.decode()
    assert "/\">Г-н Владимир Воронков</dc:creator>" in client.get(russian(feed_url)).content.decode()


def test_a_language_named_after_a_label_is_written_small_in_russian(client):
    speech_url = SpeechFactory(language="en").get_absolute_url()
    assert "Original language: English" in client.get(speech_url).content.decode()
    assert "Язык оригинала: английский" in client.get(russian(speech_url)).content.decode()


def test_dates_follow_the_pages_language(client, russian_content):
    url = russian_content["conference"].get_absolute_url()
    assert "3 March 2022" in client.get(url).content.decode()
    assert "3 марта 2022\u00a0г." in client.get(russian(url)).content.decode()


@pytest.mark.parametrize(("start", "end", "english", "russian_days"), [
    (dt.date(2022, 10, 18), dt.date(2022, 10, 19), "18–19 October 2022", "18–19 октября 2022\u00a0г."),
    (dt.date(2022, 11, 30), dt.date(2022, 12, 2), "30 November – 2 December 2022",
     "30 ноября – 2 декабря 2022\u00a0г."),
    (dt.date(2022, 12, 31), dt.date(2023, 1, 1), "31 December 2022 – 1 January 2023",
     "31 декабря 2022\u00a0г. – 1 января 2023\u00a0г."),
])
def test_a_meetings_days_say_their_month_and_year_once(client, start, end, english, russian_days):
    url = ConferenceFactory(start_date=start, end_date=end).get_absolute_url()
    for address, expected in [(url, english), (russian(url), russian_days)]:
        for page in [address, address.replace(url, "/conferences/")]:  # its page, and its row in the list
            text = re.sub(r"<[^>]+>", "", client.get(page).content.decode())
            assert expected in text, page


def test_dates_are_typed_day_first_in_the_admin_and_in_filters(superuser_client):
    conference = ConferenceFactory(start_date=dt.date(2022, 3, 25))
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    assert 'value="25/03/2022"' in superuser_client.get(url).content.decode()
    with translation.override("ru"):
        russian_url = reverse("admin:conferences_conference_change", args=[conference.pk])
    assert russian_url.startswith("/ru/admin/")
    assert 'value="25.03.2022"' in superuser_client.get(russian_url).content.decode()
    typed = superuser_client.get("/action-items/", {"due_after": "30/06/2024"})
    assert not typed.context["filter"].errors
    # The same address lists the same items in Russian, where Django's own formats have no slashes.
    for day in ("30/06/2024", "30.06.2024"):
        assert not superuser_client.get("/ru/action-items/", {"due_after": day}).context["filter"].errors


def test_the_admin_heads_sign_in_protection_by_what_it_keeps_in_both_languages(superuser_client):
    english = superuser_client.get("/admin/").content.decode()
    russian_page = superuser_client.get("/ru/admin/").content.decode()
    assert "Sign-in protection" in english and "Защита входа" in russian_page
    assert ">Axes<" not in english and ">Axes<" not in russian_page


def test_russian_kept_in_an_english_field_is_marked_as_russian_on_english_pages(client):
    # As a Russian speech's import leaves a new conference until a translator writes its English.
    conference = ConferenceFactory(title="Конференция по безопасности границ", short_title="Бишкек, 2023")
    english = client.get(conference.get_absolute_url()).content.decode()
    assert '<h1 lang="ru">Бишкек, 2023</h1>' in english
    page = client.get(russian(conference.get_absolute_url())).content.decode()
    assert "<h1>Бишкек, 2023</h1>" in page


def test_the_russian_admin_names_each_kind_of_record_without_breaking_its_grammar(superuser_client):
    from .admin_forms import form_data

    ConferenceFactory(title="Tashkent meeting", short_title="Tashkent 2022")
    conference = ConferenceFactory(title="Dushanbe meeting", short_title="Dushanbe 2023")
    changes = html.unescape(superuser_client.get("/ru/admin/conferences/conference/").content.decode())
    assert "Выберите объект для изменения: конференция" in changes
    assert "Добавить: конференция" in changes and "Добавить конференция" not in changes
    # A count with its noun in the form its number asks for.
    assert re.search(r"\s2 конференции\s", changes)
    assert re.search(r"\s2 conferences\s", superuser_client.get("/admin/conferences/conference/").content.decode())
    ThemeFactory.create_batch(5)
    themes = superuser_client.get("/ru/admin/conferences/theme/").content.decode()
    assert re.search(r"\s5 тем\s", themes)
    url = f"/ru/admin/conferences/conference/{conference.pk}/change/"
    form = superuser_client.get(url)
    page = form.content.decode()
    assert "Изменение: конференция" in html.unescape(page)
    # A tooltip keeps its whole sentence: no straight quote ends its attribute early.
    assert 'title="Изменить выбранный объект типа «страна»"' in page
    saved = superuser_client.post(url, {**form_data(form, "conference"), "_continue": "1"}, follow=True)
    said = re.sub(r"<[^>]+>", "", html.unescape(saved.content.decode()))  # the record's name is a link
    assert "Изменения сохранены: конференция «Dushanbe 2023». Ниже можно продолжить редактирование." in said


def test_readers_of_two_languages_each_get_their_own_cached_page(client):
    ConferenceFactory(title="Tashkent meeting")
    cache.clear()
    served = []
    with override_settings(PAGE_CACHE_SECONDS=600):
        for address, language in [("/conferences/", "en"), ("/ru/conferences/", "ru")] * 3:
            response = client.get(address)
            assert f'<html lang="{language}">' in response.content.decode(), (len(served), language)
            served.append(response.get("X-Cache"))
    assert served == [None, None, "hit", "hit", "hit", "hit"]


def test_the_sitemap_lists_both_languages(client, russian_content):
    url = russian_content["speech"].get_absolute_url()
    section = client.get("/sitemap-speech.xml").content.decode()
    assert f"http://testserver{url}</loc>" in section
    assert f"http://testserver/ru{url}</loc>" in section


def test_robots_keep_crawlers_out_of_both_languages_search_and_admin(client):
    robots = client.get("/robots.txt").content.decode()
    for path in ["/admin/", "/ru/admin/", "/search/", "/ru/search/", "/ru/speeches/export.csv"]:
        assert f"Disallow: {path}\n" in robots


CATALOGUE = settings.BASE_DIR / "locale" / "ru" / "LC_MESSAGES"


def msgfmt() -> str:
    path = shutil.which("msgfmt")
    if not path:
        pytest.fail("Checking the catalogue needs gettext's msgfmt (apt install gettext).", pytrace=False)
    return path


def test_every_message_of_the_catalogue_is_translated():
    result = subprocess.run([msgfmt(), "--check", "--statistics", "-o", "/dev/null", CATALOGUE / "django.po"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def test_the_compiled_catalogue_the_site_serves_is_the_translation(tmp_path):
    subprocess.run([msgfmt(), "-o", tmp_path / "django.mo", CATALOGUE / "django.po"], check=True)
    assert (tmp_path / "django.mo").read_bytes() == (CATALOGUE / "django.mo").read_bytes(), (
        "locale/ru/LC_MESSAGES/django.mo is not compiled from django.po: run `make messages`.")


def test_a_speech_shows_its_translation_in_the_readers_language_and_says_which_text_is_the_original(client):
    speech = SpeechFactory(language="en", title="Opening remarks", title_ru="Вступительное слово",
                           body="Excellencies,\n\nWe will help secure the borders of the region.\n\nThank you.",
                           source_url="https://un.example.org/remarks")
    SpeechTranslation.objects.create(speech=speech, language="ru",
                                     body="Уважаемые коллеги!\n\nМы поможем обеспечить безопасность границ региона.")
    item = ActionItemFactory(speech=speech, excerpt="We will help secure the borders of the region.")
    url = speech.get_absolute_url()

    russian_page = client.get(russian(url)).content.decode()
    assert '<div class="speech__body" lang="ru">' in russian_page
    assert "Мы поможем обеспечить безопасность границ региона." in russian_page
    assert "We will help secure" not in russian_page
    assert '<a href="?text=en" hreflang="en">' in russian_page  # the original, one click away
    assert 'href="?text=en#p2"' in russian_page  # its commitment points to the original's paragraph
    # The translation has no source of its own: where the original was published is still given.
    assert 'Источник оригинала: <a href="https://un.example.org/remarks"' in russian_page
    # On a phone the commitments follow the whole text: a link to them comes before it.
    jump = russian_page.index('<a href="#commitments-heading">Объявленные обязательства')
    assert jump < russian_page.index("Мы поможем")

    english_page = client.get(url).content.decode()
    assert '<div class="speech__body" lang="en">' in english_page
    assert f'<mark class="commitment"><a href="{item.get_absolute_url()}"' in english_page
    assert '<a href="?text=ru" hreflang="ru">' in english_page

    original = client.get(russian(url), {"text": "en"}).content.decode()
    assert '<div class="speech__body" lang="en">' in original and "Вступительное слово" in original

    unknown = client.get(url, {"text": "xx"})
    assert unknown.status_code == 200 and "has no text in “xx”" in unknown.content.decode()
    # A language the site knows is named, in the page's language.
    assert "This speech has no text in Kazakh." in client.get(url, {"text": "kk"}).content.decode()
    assert "нет текста на языке «Казахский»." in client.get(russian(url), {"text": "kk"}).content.decode()


def test_a_speech_list_marks_the_speeches_a_reader_cannot_read_in_the_pages_language(client):
    translated = SpeechFactory(language="en", title="Translated remarks", title_ru="Переведённое выступление")
    SpeechTranslation.objects.create(speech=translated, language="ru", body="Текст.")
    english_only = SpeechFactory(language="en", title="English remarks", title_ru="Выступление на английском")
    SpeechFactory(language="ru", title="Russian remarks", title_ru="Выступление на русском")
    english_only_url, translated_url = english_only.get_absolute_url(), translated.get_absolute_url()

    def tags(prefix):
        page = client.get(prefix + reverse("conferences:speech_list")).content.decode()
        rows = re.findall(r'<li class="row">(.*?)</li>', page, re.S)
        return {re.search(r'<h3 class="row__title"><a [^>]*>([^<]*)', row).group(1):
                re.findall(r'<span class="tag"><span class="visually-hidden">[^<]*</span>([^<]*)', row) for row in rows}

    assert tags("") == {"Translated remarks": [], "English remarks": [], "Russian remarks": ["Russian"]}
    assert tags("/ru") == {"Переведённое выступление": [], "Выступление на английском": ["Английский"],
                           "Выступление на русском": []}
    assert ("Перевода на русский язык пока нет: это оригинальный текст."
            in client.get("/ru" + english_only_url).content.decode())
    assert "Перевода на русский" not in client.get("/ru" + translated_url).content.decode()


def test_an_action_item_not_translated_yet_says_so_where_its_title_is_listed(client):
    ActionItemFactory(title="Train border officers", title_ru="Обучить пограничников")
    waiting = ActionItemFactory(title="Host a working group")  # no Russian title yet
    ActionItemUpdateFactory(action_item=waiting, date=dt.date(2026, 11, 1))
    list_address = reverse("conferences:actionitem_list")

    def tags(address):
        page = client.get(address).content.decode()
        return {title: tag for title, tag in re.findall(
            r'<a href="/[^"]*action-items/[^"]+"[^>]*>([^<]*)</a>(?: <span class="tag"><span class="visually-hidden">'
            r'[^<]*</span>([^<]*)</span>)?', page)}

    assert tags(list_address) == {"Host a working group": "", "Train border officers": ""}
    assert tags("/ru" + list_address) == {"Host a working group": "Английский", "Обучить пограничников": ""}
    assert tags("/ru/")["Host a working group"] == "Английский"  # among the latest progress updates too


def test_a_translation_into_the_speechs_own_language_is_refused(superuser_client):
    speech = SpeechFactory(language="en")
    translation_ = SpeechTranslation(speech=speech, language="en", body="Text.")
    with pytest.raises(ValidationError) as refused:
        translation_.full_clean()
    assert "language" in refused.value.message_dict


def test_on_a_page_that_does_not_exist_the_switcher_leads_to_the_other_languages_home(client):
    english = client.get("/no-such-page/")
    assert english.status_code == 404
    assert '<a href="/ru/" hreflang="ru" lang="ru">' in english.content.decode()
    russian_page = client.get("/ru/no-such-page/")
    assert russian_page.status_code == 404 and '<html lang="ru">' in russian_page.content.decode()
    assert '<a href="/" hreflang="en" lang="en">' in russian_page.content.decode()


def test_organisations_and_countries_are_listed_in_the_order_of_the_names_shown(client):
    from .factories import ActionItemFactory, CountryFactory, OrganizationFactory

    apple = OrganizationFactory(name="Apple Institute", name_ru="Яблочный институт", acronym="AI")
    pear = OrganizationFactory(name="Pear Agency", name_ru="Агентство груш", acronym="PA")
    item = ActionItemFactory(lead_organization=apple)
    item.partners.set([pear])
    for country in (CountryFactory(name="Belarus", name_ru="Беларусь"),
                    CountryFactory(name="Armenia", name_ru="Армения"),
                    CountryFactory(name="Azerbaijan", name_ru="Азербайджан")):
        item.countries.add(country)

    def order(address: str, *names: str) -> list[str]:
        page = client.get(address).content.decode()
        return sorted(names, key=page.index)

    assert order("/organizations/", "Apple Institute", "Pear Agency") == ["Apple Institute", "Pear Agency"]
    assert order("/ru/organizations/", "Яблочный институт", "Агентство груш") == ["Агентство груш",
                                                                                   "Яблочный институт"]
    assert order("/countries/", "Armenia", "Azerbaijan", "Belarus") == ["Armenia", "Azerbaijan", "Belarus"]
    assert order("/ru/countries/", "Армения", "Азербайджан", "Беларусь") == ["Азербайджан", "Армения", "Беларусь"]
    # The lists' filter menus too, whichever language the list was first shown in.
    client.get("/action-items/")
    menu = client.get("/ru/action-items/").content.decode().split('name="organization"', 1)[1]
    assert menu.index("Агентство груш") < menu.index("Яблочный институт")


def test_people_are_listed_in_the_order_of_the_names_shown_on_each_page_and_in_the_api(client):
    from .factories import PersonFactory, SpeechFactory

    # Latin order and Cyrillic order disagree on these three, as they do for real names.
    people = [("Vladimir Voronkov", "Владимир Воронков"), ("Kairat Umarov", "Кайрат Умаров"),
              ("Alisher Ergashev", "Алишер Эргашев")]
    for name, name_ru in people:
        SpeechFactory(speaker=PersonFactory(name=name, name_ru=name_ru))

    def order(address: str, names: list[str]) -> list[str]:
        page = client.get(address).content.decode()
        return sorted(names, key=page.index)

    assert order("/people/", [en for en, _ru in people]) == ["Alisher Ergashev", "Kairat Umarov", "Vladimir Voronkov"]
    russian = ["Алишер Эргашев", "Владимир Воронков", "Кайрат Умаров"]
    assert order("/ru/people/", [ru for _en, ru in people]) == russian
    # A page at a time, resumed from the row before it, in the same order.
    first = client.get("/ru/api/v1/people/", {"page_size": 2}).json()
    rest = client.get(first["next"]).json()
    assert [person["name"] for person in first["results"] + rest["results"]] == russian
