"""Country names come from ISO 3166 (pycountry); the cities and their countries are listed once."""

import pytest
from django.core.management import call_command

from conferences.countries import CENTRAL_ASIA, CITIES, CITY_COUNTRIES, country_name, states_named_in
from conferences.imports import import_speech
from conferences.models import Conference, Country


def test_the_five_states_and_afghanistan_keep_their_everyday_names():
    assert [country_name(code) for code in CENTRAL_ASIA] == [
        "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan"]
    assert country_name("AFG") == "Afghanistan"


def test_the_common_name_wins_over_the_formal_one():
    assert country_name("IRN") == "Iran"  # ISO's name is "Iran, Islamic Republic of"
    assert country_name("uzb") == "Uzbekistan"


def test_names_in_russian():
    assert country_name("KAZ", language="ru") == "Казахстан"
    assert country_name("UZB", language="ru") == "Узбекистан"


def test_an_unknown_code_is_an_error_not_a_made_up_name():
    with pytest.raises(LookupError):
        country_name("XXX")


def test_every_city_is_in_a_country_iso_knows_and_no_name_names_two_cities():
    assert all(country_name(city.iso3) for city in CITIES)
    names = [name for city in CITIES for name in (city.name, *city.other_names)]
    assert len(names) == len(set(names)) == len(CITY_COUNTRIES)


@pytest.mark.django_db
def test_demo_countries_keep_their_names_and_addresses():
    call_command("load_demo")
    assert dict(Country.objects.values_list("iso3", "slug")) == {
        "AFG": "afghanistan", "KAZ": "kazakhstan", "KGZ": "kyrgyzstan", "TJK": "tajikistan", "TKM": "turkmenistan",
        "UZB": "uzbekistan"}
    assert Country.objects.get(iso3="UZB").name == "Uzbekistan"
    assert Conference.objects.get(slug="tashkent-2022").country.iso3 == "UZB"


@pytest.mark.django_db
def test_an_imported_speech_names_its_host_country_as_iso_does():
    speech = ("MEETING ON BORDER SECURITY\n\n2 June 2024, Вена\n\n"
              "Statement by Ms. Ann Example, Director\n\nWe will help.\n")
    assert import_speech(speech.encode(), name="vienna.txt").ok
    assert Country.objects.get(iso3="AUT").name == "Austria"


@pytest.mark.django_db
def test_synthetic_conferences_are_held_in_their_city_s_country():
    call_command("generate_data", "--scale", "0.005")
    hosts = Conference.objects.values_list("city_en", "country__iso3").distinct()
    assert hosts
    assert all(CITY_COUNTRIES[city] == iso3 for city, iso3 in hosts)
    assert Country.objects.get(iso3="KGZ").name == "Kyrgyzstan"


@pytest.mark.parametrize("sentence, named", [
    ("The Kyrgyz Republic and Kazakhstan will open a joint post.", ("KAZ", "KGZ")),
    ("Туркменская сторона и Узбекистан проведут учения, при поддержке Киргизии.", ("KGZ", "TKM", "UZB")),
    ("We will train officers from Pakistan and Afghanistan.", ()),  # not one of the five, nor "stan" alone
])
def test_a_sentence_names_the_states_by_any_word_of_theirs(sentence, named):
    assert states_named_in(sentence) == named
