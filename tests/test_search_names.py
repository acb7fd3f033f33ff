"""Search that finds: countries, themes, organisations, plans and people by name in either language,
shown above the other results, and "Did you mean" for a misspelt name."""

import pytest
from django.utils import translation

from .factories import (
    ActionItemFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    PlanFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import links

pytestmark = pytest.mark.django_db


@pytest.fixture
def named():
    """One public record of each kind found by name, each with its Russian name."""
    records = {
        "country": CountryFactory(name="Kyrgyzstan", name_ru="Кыргызстан"),
        "theme": ThemeFactory(name="Water security", name_ru="Водная безопасность"),
        "organisation": OrganizationFactory(name="Regional Water Centre", name_ru="Региональный водный центр"),
        "plan": PlanFactory(name="Joint Plan of Action 2030", name_ru="Совместный план действий 2030"),
        "person": PersonFactory(name="Aigul Osmonova", name_ru="Айгуль Осмонова"),
    }
    item = ActionItemFactory(title="Shared monitoring of river flows", plan=records["plan"],
                             lead_organization=records["organisation"],
                             speech=SpeechFactory(speaker=records["person"]))
    item.countries.set([records["country"]])
    item.themes.set([records["theme"]])
    return records


def found_by_name(response) -> list[tuple[str, str]]:
    return links(response, within=("ul", "named-results"))


@pytest.mark.parametrize("kind, english, russian", [
    ("country", "Kyrgyzstan", "Кыргызстан"),
    ("theme", "Water security", "Водная безопасность"),
    ("organisation", "Water Centre", "водный центр"),
    ("plan", "Plan of Action 2030", "план действий"),
    ("person", "Osmonova", "Осмонова"),
])
def test_each_kind_of_record_is_found_by_name_in_either_language_above_the_rest(client, named, kind, english,
                                                                                 russian):
    with translation.override("en"):
        address = named[kind].get_absolute_url()
    for prefix, words in [("", english), ("/ru", russian)]:
        response = client.get(f"{prefix}/search/", {"q": words})
        assert f"{prefix}{address}" in [found for found, _text in found_by_name(response)], (prefix, words)
        page = response.content.decode()
        others = [page.find(f'id="group-{group}"') for group in ("conference", "speech", "actionitem", "document")]
        assert all(position == -1 or position > page.index('id="group-names"') for position in others)


def test_a_misspelt_name_gets_did_you_mean(client, named):
    page = client.get("/search/", {"q": "Kyrgystan"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Kyrgyzstan">Kyrgyzstan</a>?' in page
    russian = client.get("/ru/search/", {"q": "Кыргызтан"}).content.decode()
    assert "Кыргызстан</a>?" in russian and "Возможно, вы имели в виду" in russian
    # A name spelt right finds it, and nothing is suggested.
    assert "Did you mean" not in client.get("/search/", {"q": "Kyrgyzstan"}).content.decode()
    # Nothing close: nothing suggested.
    assert "Did you mean" not in client.get("/search/", {"q": "zzqxw"}).content.decode()


def test_a_name_of_something_not_public_is_neither_found_nor_suggested(client, named):
    CountryFactory(name="Turkmenistan")  # nothing public concerns it
    page = client.get("/search/", {"q": "Turkmenistan"})
    assert not found_by_name(page)
    assert "Did you mean" not in client.get("/search/", {"q": "Turkmenistn"}).content.decode()


def test_a_country_is_found_by_an_older_name_readers_still_search_by(client):
    kyrgyzstan = CountryFactory(name="Kyrgyzstan", name_ru="Кыргызстан", iso3="KGZ")
    ActionItemFactory().countries.set([kyrgyzstan])  # a country is public once public content concerns it
    address = kyrgyzstan.get_absolute_url()
    for prefix, words in [("/ru", "Киргизия"), ("", "Kirghizia")]:
        found = [link for link, _text in found_by_name(client.get(f"{prefix}/search/", {"q": words}))]
        assert found == [f"{prefix}{address}"], words
    # As names are matched: by the start of a word, so a fragment inside one finds nothing.
    assert found_by_name(client.get("/search/", {"q": "ghizia"})) == []
