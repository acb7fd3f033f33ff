"""Lists that guide: the filters in use as chips that remove themselves, where the page is in the
list ("showing 21–40"), and numbered pages around the current one."""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from conferences.models import Status

from .factories import ActionItemFactory, CountryFactory, OrganizationFactory, PlanFactory, SpeechFactory
from .pages import links, row_titles

pytestmark = pytest.mark.django_db
LIST = reverse("conferences:actionitem_list")


@pytest.fixture
def items():
    uzbekistan = CountryFactory(name="Uzbekistan", name_ru="Узбекистан")
    lead, speech = OrganizationFactory(), SpeechFactory()  # one of each, not one per item
    for n in range(45):
        item = ActionItemFactory(title=f"Commitment {n:02}", status=Status.IN_PROGRESS if n % 3 else Status.PLANNED,
                                 lead_organization=lead, speech=speech)
        if n % 2:
            item.countries.set([uzbekistan])
    return uzbekistan


def test_each_filter_in_use_is_a_chip_that_removes_it(client, items):
    page = client.get(LIST, {"country": "uzbekistan", "status": "in_progress", "sort": "title", "page": "1"})
    chips = links(page, within=("ul", "chips"))
    shown = [text.removeprefix("Remove the filter ") for _address, text in chips]
    assert shown == ["Status: In progress ×", "Country: Uzbekistan ×"]
    without = {text.split(":")[0]: address for (address, _text), text in zip(chips, shown, strict=True)}
    assert parse_qs(urlsplit(without["Status"]).query) == {"country": ["uzbekistan"], "sort": ["title"]}
    assert parse_qs(urlsplit(without["Country"]).query) == {"status": ["in_progress"], "sort": ["title"]}
    # Removing one widens the list to what the other filter alone gives.
    assert client.get(without["Status"]).context["paginator"].count == 22
    assert client.get(without["Country"]).context["paginator"].count == 30
    russian = client.get("/ru" + LIST, {"country": "uzbekistan"}).content.decode()
    assert "Страна: <strong>Узбекистан</strong>" in russian and "Убрать фильтр" in russian
    assert not links(client.get(LIST), within=("ul", "chips"))  # no filter, no chips


def test_a_filtered_lists_link_says_its_filters_where_it_is_shared(client, items):
    page = client.get(LIST, {"country": "uzbekistan", "status": "in_progress"}).content.decode()
    assert "<title>Action items · Status: In progress, Country: Uzbekistan · JPoA Central Asia</title>" in page
    assert '<meta property="og:title" content="Action items · Status: In progress, Country: Uzbekistan">' in page
    russian = client.get("/ru" + LIST, {"country": "uzbekistan"}).content.decode()
    assert '<meta property="og:title" content="Обязательства · Страна: Узбекистан">' in russian
    assert "<title>Action items · JPoA Central Asia</title>" in client.get(LIST).content.decode()  # no filter


def test_a_chip_whose_value_names_its_filter_does_not_say_it_twice(client, items):
    shown = [text for _address, text in links(client.get(LIST, {"overdue": "1"}), within=("ul", "chips"))]
    assert shown == ["Remove the filter Overdue only ×"]
    russian = client.get("/ru" + LIST, {"overdue": "0"}).content.decode()
    assert '<span class="visually-hidden">Убрать фильтр </span><strong>Непросроченные</strong>' in russian
    title = "<title>Action items · Overdue only · JPoA Central Asia</title>"
    assert title in client.get(LIST, {"overdue": "1"}).content.decode()
    # Any other filter keeps its label, even where its value holds the word.
    plan = PlanFactory(name="Joint Plan of Action 2022")
    ActionItemFactory(plan=plan)
    shown = [text for _address, text in links(client.get(LIST, {"plan": plan.slug}), within=("ul", "chips"))]
    assert shown == ["Remove the filter Plan: Joint Plan of Action 2022 ×"]


def test_a_date_chip_writes_its_day_as_the_page_writes_dates(client, items):
    shown = [text for _address, text in links(client.get(LIST, {"due_after": "2026-01-01"}), within=("ul", "chips"))]
    assert shown == ["Remove the filter Due on or after: 1 January 2026 ×"]
    russian = client.get("/ru" + LIST, {"due_after": "2026-01-01"}).content.decode()
    assert "Срок\u00a0— не ранее: <strong>1 января 2026\u00a0г.</strong>" in russian


def test_a_page_says_which_rows_it_shows_and_offers_the_pages_around_it(client, items):
    page = client.get(LIST, {"page": "2"})
    text = page.content.decode()
    assert "45 action items" in text and "showing 21–40" in text
    assert row_titles(page)[0] == "Commitment 20"
    pages = links(page, within=("ol", "pagination__pages"))
    assert [text.split()[-1] for _address, text in pages] == ["1", "3"]  # the current one is not a link
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2</span>' in text
    assert [parse_qs(urlsplit(address).query)["page"] for address, _text in pages] == [["1"], ["3"]]
    last = client.get(LIST, {"page": "3"}).content.decode()
    assert "showing 41–45" in last
    assert "показаны 21–40" in client.get("/ru" + LIST, {"page": "2"}).content.decode()


def dropdowns(response) -> dict[str, list[tuple[str, str]]]:
    """Each dropdown of a page's filter form: {its name: [(value, label)]}."""
    html = response.content.decode()
    found = {}
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        found[name] = [(value, unescape(label)) for value, label in
                       re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', body)]
    return found


@pytest.mark.parametrize("params", [{}, {"country": "uzbekistan"}, {"country": "uzbekistan", "status": "in_progress"}])
def test_each_option_counts_the_results_it_would_give(client, items, params):
    found = dropdowns(client.get(LIST, params))
    assert {"status", "country", "overdue"} <= set(found)
    for name, options in found.items():
        if name == "sort":
            continue
        for value, label in options:
            count = int(re.search(r"\((\d+)\)$", label).group(1))
            chosen = {**params, name: value}
            assert client.get(LIST, {key: v for key, v in chosen.items() if v}).context["paginator"].count == count, (
                name, value, label)


def test_options_are_counted_in_the_pages_language(client, items):
    russian = dropdowns(client.get("/ru" + LIST, {"status": "in_progress"}))
    assert ("uzbekistan", "Узбекистан (15)") in russian["country"]
    assert ("", "Любой статус (45)") in russian["status"]


def test_options_are_not_counted_while_words_are_searched_for(client, items):
    # Each option would run the search again, for words any reader can make up.
    found = dropdowns(client.get(LIST, {"q": "Commitment", "status": "planned"}))
    assert ("planned", "Planned") in found["status"]


def test_a_year_with_nothing_in_it_is_left_out_of_the_years(client):
    for day in ["2015-05-05", "2022-03-03"]:
        SpeechFactory(delivered_on=dt.date.fromisoformat(day))
    years = dropdowns(client.get("/speeches/"))["year"]
    assert [value for value, _label in years] == ["", "2022", "2015"]
    chosen = dropdowns(client.get("/speeches/", {"year": "2018"}))["year"]  # shown as chosen, with its count
    assert ("2018", "2018 (0)") in chosen
