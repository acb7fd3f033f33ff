import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conferences import pagination, search
from conferences.models import ActionItem, Conference, Speech, SpeechTranslation

from .factories import (
    ActionItemFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import row_links

pytestmark = pytest.mark.django_db
SEARCH = reverse("conferences:search")


def found(response, kind):
    return [str(obj) for group in response.context["groups"] if group.kind == kind for obj in group.items]


def test_search_finds_a_speech_by_a_word_in_its_body(client):
    speech = SpeechFactory(title="Opening remarks", body="Excellencies,\n\nWe will reinforce cooperation on aviation.")
    SpeechFactory(title="Other remarks", body="Nothing about planes here.")
    response = client.get(SEARCH, {"q": "aviation"})
    assert found(response, "speech") == [str(speech)]
    assert "<mark>aviation</mark>" in response.content.decode()


def in_russian(passage: str, whole: bool = True) -> str:
    """A result's passage in Russian on the English page: marked so for the eye and for a screen reader."""
    marked = ('<p class="snippet"><span class="tag"><span class="visually-hidden">Passage in: </span>Russian</span> '
              f'<span lang="ru">{passage}')
    return marked + "</span></p>" if whole else marked


def in_english(passage: str, whole: bool = True) -> str:
    """The same on the Russian page."""
    marked = ('<p class="snippet"><span class="tag"><span class="visually-hidden">Фрагмент на языке: </span>'
              f'Английский</span> <span lang="en">{passage}')
    return marked + "</span></p>" if whole else marked


def test_words_of_the_other_language_show_the_passage_that_holds_them_in_that_language(client):
    item = ActionItemFactory(title="Joint border exercise", title_ru="Совместные учения на границе",
                             description="Two services train together.",
                             description_ru="Две службы проведут учения на общей границе.")
    conference = ConferenceFactory(summary="Ministers met on water.", summary_ru="Министры обсудили водные ресурсы.")
    # The English page found them by their Russian words: its passage is the Russian one, saying so.
    page = client.get(SEARCH, {"q": "границе"}).content.decode()
    assert found(client.get(SEARCH, {"q": "границе"}), "actionitem") == [str(item)]
    assert in_russian('Две службы проведут учения на общей <mark>границе</mark>.') in page
    page = client.get(SEARCH, {"q": "водные"}).content.decode()
    assert found(client.get(SEARCH, {"q": "водные"}), "conference") == [str(conference)]
    assert in_russian('Министры обсудили <mark>водные</mark> ресурсы.') in page
    # Words of the page's language keep its passage.
    page = client.get(SEARCH, {"q": "services"}).content.decode()
    assert '<p class="snippet">Two <mark>services</mark> train together.</p>' in page


def test_a_speech_is_found_by_its_translation_and_shows_the_readers_text(client):
    speech = SpeechFactory(language="en", body="We will reinforce cooperation on aviation.")
    translation = SpeechTranslation.objects.create(
        speech=speech, language="ru", body="Мы укрепим сотрудничество в области авиации и таможни.")
    # The Russian page finds it by a word of its Russian text, and shows that text around it.
    page = client.get("/ru/search/", {"q": "таможни"})
    assert found(page, "speech") == [str(speech)]
    assert "<mark>таможни</mark>" in page.content.decode()
    # The English page finds it by the same word, and shows the passage in Russian, saying so: the
    # English text it shows otherwise does not hold the word.
    page = client.get(SEARCH, {"q": "таможни"}).content.decode()
    assert in_russian('Мы укрепим сотрудничество в области авиации и <mark>таможни</mark>', whole=False) in page
    assert f'href="{speech.get_absolute_url()}?text=ru"' in page  # its page showing that text
    # A word of the English text gives the English passage on either page.
    page = client.get("/ru/search/", {"q": "aviation"}).content.decode()
    assert in_english('We will reinforce cooperation on <mark>aviation</mark>', whole=False) in page
    # An edited or deleted translation is searched as it now is.
    translation.body = "Мы укрепим сотрудничество в области энергетики."
    translation.save()
    assert found(client.get("/ru/search/", {"q": "таможни"}), "speech") == []
    assert found(client.get("/ru/search/", {"q": "энергетики"}), "speech") == [str(speech)]
    translation.delete()
    assert found(client.get("/ru/search/", {"q": "энергетики"}), "speech") == []


def test_a_speech_edited_after_its_translation_is_still_found_by_both(client):
    speech = SpeechFactory(language="en", body="Cooperation on aviation.")
    SpeechTranslation.objects.create(speech=speech, language="ru", body="Сотрудничество в области таможни.")
    speech.body = "Cooperation on railways."
    speech.save()
    assert found(client.get(SEARCH, {"q": "railways"}), "speech") == [str(speech)]
    assert found(client.get(SEARCH, {"q": "aviation"}), "speech") == []
    assert found(client.get(SEARCH, {"q": "таможни"}), "speech") == [str(speech)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="triggers keep PostgreSQL's search documents")
def test_a_speechs_search_document_follows_its_translations_however_they_are_written(client):
    first, second = SpeechFactory(body="Cooperation on aviation."), SpeechFactory(body="Cooperation on railways.")
    translation = SpeechTranslation.objects.create(speech=first, language="ru", body="Сотрудничество таможен.")
    # Moved to another speech in one statement, as a bulk edit or psql would.
    SpeechTranslation.objects.filter(pk=translation.pk).update(speech=second)
    assert found(client.get(SEARCH, {"q": "таможен"}), "speech") == [str(second)]
    # Publishing a conference passes its time on to each speech without working the vector out again.
    second.conference.is_published = False
    second.conference.save()
    second.conference.is_published = True
    second.conference.save()
    assert found(client.get(SEARCH, {"q": "таможен"}), "speech") == [str(second)]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's transaction holds deferred checks
        cursor.execute("TRUNCATE conferences_speechtranslation")
    assert found(client.get(SEARCH, {"q": "таможен"}), "speech") == []
    assert found(client.get(SEARCH, {"q": "railways"}), "speech") == [str(second)]


@pytest.mark.parametrize("address", [SEARCH, "/ru/search/"])
def test_russian_words_are_found_whatever_their_case_and_with_е_for_ё(client, address):
    speech = SpeechFactory(language="ru", body="Мы поддержим пенитенциарные службы и работу с заключёнными.")
    organization = OrganizationFactory(name="Organization for Security and Co-operation in Europe", acronym="OSCE",
                                       name_ru="Организация по безопасности и сотрудничеству в Европе",
                                       acronym_ru="ОБСЕ")
    SpeechFactory(speaker_organization=organization)
    for words in ["Пенитенциарные", "заключенными", "ПЕНИТЕНЦИАРНЫЕ СЛУЖБЫ"]:
        assert found(client.get(address, {"q": words}), "speech") == [str(speech)], words
    # The passage marks the word found, written with "ё" as it is.
    assert "<mark>заключёнными</mark>" in client.get(address, {"q": "заключенными"}).content.decode()
    for words in ["обсе", "безопасности И сотрудничеству"]:
        assert [obj for _kind, obj in client.get(address, {"q": words}).context["named"]] == [organization], words


def test_a_word_is_not_found_inside_another(client):
    item = ActionItemFactory(title="Train border guards", description="Counter-terrorism training.")
    for words in ["order", "or", "rain"]:  # inside "border", "terrorism", "train"
        assert found(client.get(SEARCH, {"q": words}), "actionitem") == [], words
    assert found(client.get(SEARCH, {"q": "border guards"}), "actionitem") == [str(item)]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL cuts the passage (ts_headline)")
def test_a_passage_cut_from_the_middle_of_a_text_says_so(client):
    filler = " ".join(["the delegations discussed many other matters of common interest"] * 12)
    SpeechFactory(body=f"Excellencies, {filler} and agreed to build a hydropower station near the border {filler}")
    page = client.get(SEARCH, {"q": "hydropower"}).content.decode()
    [passage] = re.findall(r'<p class="snippet"[^>]*>(.*?)</p>', page, re.S)
    assert passage.startswith("…") and passage.endswith("…") and "<mark>hydropower</mark>" in passage


def test_a_speech_found_opens_at_the_paragraph_of_its_passage(client):
    speech = SpeechFactory(body="Excellencies,\n\nWe discussed water.\n\nWe agreed to build a hydropower station.\n\n"
                                "Thank you.")
    page = client.get(SEARCH, {"q": "hydropower"}).content.decode()
    assert f'href="{speech.get_absolute_url()}#p3"' in page


def test_a_passage_that_straddles_paragraphs_opens_at_the_one_holding_the_words_found(client):
    # The passage starts in the paragraph before; the reader is taken to the words, as cited by paragraph.
    speech = SpeechFactory(body="Excellencies,\n\nWe discussed the risks arising from the situation in the region.\n\n"
                                "Our thanks go to the OSCE for its shared work.\n\nThank you.")
    page = client.get(SEARCH, {"q": "OSCE"}).content.decode()
    [passage] = re.findall(r'<p class="snippet"[^>]*>(.*?)</p>', page, re.S)
    assert "situation in the region" in passage  # the passage does start before the paragraph
    assert f'href="{speech.get_absolute_url()}#p3"' in page


def test_search_never_returns_drafts_or_scheduled_items(client):
    SpeechFactory(body="The word zanzibar in a draft.", draft=True)
    SpeechFactory(body="The word zanzibar, scheduled.", scheduled=True)
    SpeechFactory(body="The word zanzibar at a draft conference.", conference=ConferenceFactory(draft=True))
    ConferenceFactory(title="Zanzibar meeting", draft=True)
    ActionItemFactory(title="Zanzibar commitment", draft=True)
    response = client.get(SEARCH, {"q": "zanzibar"})
    assert response.context["total"] == 0
    assert "Nothing published matches these words." in response.content.decode()


def test_search_groups_results_by_type(client):
    conference = ConferenceFactory(title="Conference on early warning")
    speech = SpeechFactory(conference=conference, body="An early warning network for the region.")
    item = ActionItemFactory(speech=speech, title="Build an early warning network")
    response = client.get(SEARCH, {"q": "warning"})
    assert found(response, "conference") == [str(conference)]
    assert found(response, "speech") == [str(speech)]
    assert found(response, "actionitem") == [str(item)]


def test_a_repeated_search_is_answered_from_what_was_kept_until_the_content_changes(client):
    speech = SpeechFactory(title="Opening remarks", body="We will reinforce cooperation on aviation.")
    with CaptureQueriesContext(connection) as first_time:
        first = client.get(SEARCH, {"q": "aviation"})
    with CaptureQueriesContext(connection) as second_time:
        again = client.get(SEARCH, {"q": "aviation"})
    assert found(again, "speech") == found(first, "speech") == [str(speech)]
    assert "<mark>aviation</mark>" in again.content.decode()  # the snippet was kept with its row
    assert len(second_time) < len(first_time)
    newer = SpeechFactory(title="Closing remarks", body="Aviation security, once more.")
    assert str(newer) in found(client.get(SEARCH, {"q": "aviation"}), "speech")


def test_an_action_items_snippet_is_in_one_language_and_marked_with_it(client):
    """A Russian description and the English sentence of the speech that announced it: the passage is
    cut from whichever holds the words, so that a screen reader reads it in its own language."""
    speech = SpeechFactory(language="en", body="We will keep helping Member States with border posts.")
    ActionItemFactory(speech=speech, excerpt="We will keep helping Member States with border posts.",
                      title_ru="Пограничные посты",
                      description_ru="Помощь государствам в обустройстве пограничных постов.")
    passages = {}
    for words in ("Member States", "государствам"):
        response = client.get("/ru/search/", {"q": words})
        [item] = [obj for group in response.context["groups"] if group.kind == "actionitem" for obj in group.items]
        marked = in_english(item.snippet) if item.snippet_lang == "en" else f'<p class="snippet">{item.snippet}</p>'
        assert marked in response.content.decode()
        passages[words] = (item.snippet_lang, item.snippet)
    assert passages["Member States"][0] == "en" and "Помощь" not in passages["Member States"][1]
    assert passages["государствам"][0] == "" and "We will" not in passages["государствам"][1]


def test_search_snippet_escapes_the_text(client):
    SpeechFactory(body='We will counter <script>alert("x")</script> extremism.')
    page = client.get(SEARCH, {"q": "extremism"}).content.decode()
    assert '<script>alert("x")</script>' not in page
    assert "alert(&quot;x&quot;)" in page  # the text is kept, escaped (PostgreSQL drops the tags themselves)


def test_search_names_only_organisations_that_published_content_points_at(client):
    shown, hidden = OrganizationFactory(name="Border Agency One"), OrganizationFactory(name="Border Agency Two")
    ActionItemFactory(lead_organization=shown)
    ActionItemFactory(lead_organization=hidden, draft=True)
    assert client.get(SEARCH, {"q": "border agency"}).context["named"] == [("Organisation", shown)]
    assert client.get(SEARCH, {"q": hidden.acronym}).context["named"] == []


@pytest.mark.parametrize("address", ["/search/", "/ru/search/"])
def test_people_organisations_countries_and_themes_are_found_by_name_in_either_language(client, address):
    person = PersonFactory(name="Anna Ivanova", name_ru="Анна Иванова")
    country = CountryFactory(name="Kyrgyzstan", name_ru="Кыргызстан", iso3="KGZ")
    theme = ThemeFactory(name="Early warning", name_ru="Раннее предупреждение")
    organization = OrganizationFactory(name="Organization for Security and Co-operation in Europe", acronym="OSCE",
                                       name_ru="Организация по безопасности и сотрудничеству в Европе",
                                       acronym_ru="ОБСЕ")
    conference = ConferenceFactory(country=country)
    conference.themes.add(theme)
    SpeechFactory(conference=conference, speaker=person, speaker_organization=organization)

    def named(query):
        return [obj for _kind, obj in client.get(address, {"q": query}).context["named"]]

    assert named("Иванова") == named("Ivanova") == [person]
    assert named("Кыргызстан") == named("Kyrgyz") == [country]
    assert named("Раннее") == named("warning") == [theme]
    assert named("ОБСЕ") == named("OSCE") == [organization]


@pytest.mark.parametrize("address", ["/search/", "/ru/search/"])
def test_an_organisation_is_found_by_each_word_of_its_acronym_but_not_by_part_of_one(client, address):
    centre = OrganizationFactory(name="United Nations Counter-Terrorism Centre", acronym="UNCCT",
                                 name_ru="Контртеррористический центр ООН", acronym_ru="КТЦ ООН")
    office = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT",
                                 name_ru="Контртеррористическое управление ООН", acronym_ru="КТУ ООН")
    for organization in (centre, office):
        SpeechFactory(speaker_organization=organization)

    def named(query):
        return {obj for _kind, obj in client.get(address, {"q": query}).context["named"]}

    assert named("КТЦ") == named("ктц оон") == named("UNCCT") == {centre}
    assert named("КТУ") == {office}
    assert named("ООН") == {centre, office}  # each Russian acronym ends with it
    assert named("UNC") == named("КТ") == set()  # the start of an acronym is not the acronym


@pytest.mark.parametrize("address", ["/search/", "/ru/search/"])
def test_names_are_found_from_the_start_of_a_word(client, address):
    person = PersonFactory(name="Vladimir Voronkov", name_ru="Владимир Воронков")
    SpeechFactory(speaker=person)
    theme = ThemeFactory(name="Border security and management", name_ru="Безопасность границ")
    ActionItemFactory().themes.add(theme)

    def named(query):
        return [obj for _kind, obj in client.get(address, {"q": query}).context["named"]]

    for query in ["Voron", "воронков", "border SEC", "границ", "security and"]:
        assert named(query), query
    for query in ["order", "ronkov", "ронков", "urity", "аница"]:  # inside a word
        assert named(query) == [], query


def test_empty_and_odd_queries_do_not_fail(client):
    ActionItemFactory().themes.add(ThemeFactory(name="Co-operation (regional) [draft] $1.5 C++ \\d"))
    for query in ["", "   ", '"', "-", "a | b & !", "x" * 500, "' OR 1=1 --", "(regional", "[draft]", "$1.5",
                  "C++", "\\d", "й\u0306", "\\", "^"]:
        assert client.get(SEARCH, {"q": query}).status_code == 200, query
    # Signs are themselves in a name; alone, before any letter, they name nothing.
    for query in ["(regional", "[draft]", "$1.5", "C++", "\\d"]:
        assert client.get(SEARCH, {"q": query}).context["named"], query
    for query in ["-", "(", "..."]:
        assert not client.get(SEARCH, {"q": query}).context["named"], query


def test_list_page_words_filter_uses_the_same_search(client):
    speech = SpeechFactory(body="Cooperation on aviation security.")
    SpeechFactory(body="Something else.")
    response = client.get(reverse("conferences:speech_list"), {"q": "aviation"})
    assert row_links(response) == [(speech.get_absolute_url(), speech.title)]


def test_words_too_long_to_search_are_refused_with_the_reason_never_cut_without_a_word(client):
    SpeechFactory(body="Cooperation on aviation security.")
    words = "aviation " + "x" * 300
    page = client.get(reverse("conferences:speech_list"), {"q": words})
    assert page.status_code == 200 and "Ensure this value has at most 200 characters" in page.content.decode()
    assert 'maxlength="200"' in page.content.decode()  # the box itself takes no more
    refused = client.get(reverse("conferences:speech_export"), {"q": words})
    assert refused.status_code == 400 and "at most 200 characters" in refused.content.decode()
    assert client.get("/ru/api/v1/speeches/", {"q": words}).status_code == 400
    # The site's search says the same, and searches nothing rather than the first 200 characters.
    searched = client.get(SEARCH, {"q": words})
    assert "Ensure this value has at most 200 characters" in searched.content.decode()
    assert searched.context["query"] == "" and not searched.context["groups"]
    assert f'value="{words}"' in searched.content.decode()  # kept in the box, to be shortened there
    assert "не более 200 символов" in client.get("/ru" + SEARCH, {"q": words}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only")
@pytest.mark.parametrize("model", [Conference, Speech, ActionItem])
def test_full_text_search_uses_its_index(model):
    with connection.cursor() as cursor:
        # On a tiny table a scan is cheaper; forbid it to see that the index can serve the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = search.matching(model.objects.all(), "border security").explain()
    assert f"{model._meta.model_name}_search_idx" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is a PostgreSQL feature")
def test_full_text_search_ranks_title_matches_first(client):
    body_only = SpeechFactory(title="General statement", body="Some words about borders among many others.")
    in_title = SpeechFactory(title="Statement on borders", body="Some words.")
    response = client.get(SEARCH, {"q": "borders"})
    assert found(response, "speech") == [str(in_title), str(body_only)]



@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is a PostgreSQL feature")
def test_a_word_matching_too_many_to_rank_lists_the_most_recently_added_first(client):
    first = ActionItemFactory(title="Aaa river basin plan")
    # Copies of one item: later ones sort last by title, so the list's own order would show them last.
    copies = []
    for number in range(1, pagination.COUNT_CAP + 1):
        copy = ActionItem.objects.get(pk=first.pk)
        copy.pk, copy.slug, copy.title_en = None, f"river-{number}", f"Zzz river basin plan {number:04d}"
        copies.append(copy)
    ActionItem.objects.bulk_create(copies)
    response = client.get(SEARCH, {"q": "river"})
    newest = ActionItem.objects.order_by("-pk")[:10]
    assert found(response, "actionitem") == [str(item) for item in newest]
    assert "So many match that the most recently added are listed first" in response.content.decode()
    assert '<span class="count">(1,000+)</span>' in response.content.decode()
    # A comma is the decimal mark in Russian: "1,000" would read as one.
    assert '<span class="count">(более 1000)</span>' in client.get("/ru" + SEARCH, {"q": "river"}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's full-text search")
@pytest.mark.parametrize("address", ["/search/", "/ru/search/"])
def test_russian_words_are_found_in_their_other_forms_in_either_language(client, address):
    conference = ConferenceFactory(title="Tashkent conference", title_ru="Конференция в Ташкенте",
                                   summary_ru="Встреча о сотрудничестве пограничных служб.")
    item = ActionItemFactory(title="Data exchange", title_ru="Обмен данными о сотрудничестве")
    english = SpeechFactory(title="Remarks", body="We will strengthen cooperation among border services.")

    def slugs(query, kind):
        groups = client.get(address, {"q": query}).context["groups"]
        return [obj.url.rstrip("/").rpartition("/")[2] for group in groups if group.kind == kind for obj in group.items]

    assert slugs("сотрудничество", "conference") == [conference.slug]
    assert slugs("сотрудничество", "actionitem") == [item.slug]
    assert slugs("ташкент", "conference") == [conference.slug]  # a capital in the text, none in the query
    assert slugs("cooperating", "speech") == [english.slug]  # English words stemmed as English


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_names_in_either_language_are_looked_up_by_index():
    from conferences import search
    from conferences.models import Person

    with connection.cursor() as cursor:
        # On a tiny table a scan is cheaper; forbid it to see that the indexes can serve the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = Person.objects.filter(search.holds("name_en", "ivan") | search.holds("name_ru", "иван")).explain()
    assert "person_name_trgm_idx" in plan and "person_name_ru_trgm_idx" in plan
