import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_script_prefix
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from conferences.models import ActionItem, Conference, Organization, Speech

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    OrganizationFactory,
    PersonFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import facts, links, row_links, row_titles

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def world():
    """A small published world: one of everything, all linked."""
    uzbekistan = CountryFactory(name="Uzbekistan", iso3="UZB")
    theme = ThemeFactory(name="Border security")
    unoct = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT")
    osce = OrganizationFactory(name="Organization for Security and Co-operation in Europe", acronym="OSCE")
    person = PersonFactory(name="Vladimir Voronkov", organization=unoct)
    conference = ConferenceFactory(title="Tashkent conference", short_title="Tashkent 2022", country=uzbekistan)
    conference.organizers.set([unoct])
    conference.themes.set([theme])
    speech = SpeechFactory(
        conference=conference,
        title="Opening remarks",
        speaker=person,
        speaker_organization=unoct,
        body="Excellencies,\n\nWe will help secure the borders of the region.\n\nThank you.",
    )
    speech.themes.set([theme])
    item = ActionItemFactory(
        title="Secure the borders", speech=speech, lead_organization=unoct, excerpt="We will help secure the borders"
    )
    item.partners.set([osce])
    item.countries.set([uzbekistan])
    item.themes.set([theme])
    ActionItemUpdateFactory(action_item=item, note="Training held in Termez.")
    return {
        "country": uzbekistan, "theme": theme, "organization": unoct, "partner": osce, "person": person,
        "conference": conference, "speech": speech, "item": item,
    }


def test_detail_pages_list_what_they_link_to_under_a_label_and_leave_out_empty_ones(client, world):
    def link(key):
        return world[key].get_absolute_url(), str(world[key])

    assert facts(client.get(world["conference"].get_absolute_url())) == {
        "Organisers": [link("organization")], "Themes": [link("theme")]}  # no participating countries
    item_facts = facts(client.get(world["item"].get_absolute_url()))
    assert item_facts["Partners"] == [("/organizations/organization-for-security-and-co-operation-in-europe/",
                                       "Organization for Security and Co-operation in Europe (OSCE)")]
    assert (item_facts["Countries"], item_facts["Themes"]) == ([link("country")], [link("theme")])
    assert "Speech" not in item_facts  # its quotation's caption links the speech


def test_an_item_without_a_quotation_still_links_the_speech_it_came_from(client, world):
    item = ActionItemFactory(title="Share border data", speech=world["speech"], excerpt="")
    speech = (world["speech"].get_absolute_url(), "Opening remarks")
    assert facts(client.get(item.get_absolute_url()))["Speech"] == [speech]
    assert facts(client.get("/ru" + item.get_absolute_url()))["Выступление"] == [("/ru" + speech[0], speech[1])]


def test_a_meeting_shows_its_days_and_a_due_date_its_day_for_readers_and_machines(client):
    two_days = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4), city="Tashkent")
    one_day = ConferenceFactory(start_date=dt.date(2022, 5, 1), end_date=dt.date(2022, 5, 1), city="Osh")
    both = '<time datetime="2022-03-03">3</time>–<time datetime="2022-03-04">4 March 2022</time>'
    single = '<time datetime="2022-05-01">1 May 2022</time> · <span>Osh</span>'
    listing = text(client.get(reverse("conferences:conference_list")))
    assert both in listing and single in listing
    assert both in text(client.get(two_days.get_absolute_url()))
    assert single in text(client.get(one_day.get_absolute_url()))
    item = ActionItemFactory(due_date=dt.date(2026, 3, 31))
    assert ('<time datetime="2026-03-31">31 March 2026</time>'
            in text(client.get(reverse("conferences:actionitem_list"))))
    assert '<time datetime="2026-03-31">31 March 2026</time>' in text(client.get(item.get_absolute_url()))


def test_a_meeting_yet_to_come_or_held_today_is_marked_so_where_it_is_listed_and_on_its_page(client):
    today = timezone.localdate()
    coming = ConferenceFactory(short_title="Almaty", start_date=today + dt.timedelta(days=30))
    today_s = ConferenceFactory(short_title="Osh", start_date=today - dt.timedelta(days=1),
                                end_date=today + dt.timedelta(days=1))
    over = ConferenceFactory(short_title="Termez", start_date=today - dt.timedelta(days=1), end_date=None)

    def mark(html: str, name: str) -> str:
        row = next(row for row in re.findall(r'<li class="row">.*?</li>', html, re.S) if f">{name}<" in row)
        return " ".join(re.findall(r'<span class="status[^"]*">([^<]+)</span>', row))

    for page in ("conferences:home", "conferences:conference_list"):
        html = text(client.get(reverse(page)))
        assert [mark(html, name) for name in ("Almaty", "Osh", "Termez")] == ["Upcoming", "Under way", ""]
    assert '<span class="status status--upcoming">Upcoming</span>' in text(client.get(coming.get_absolute_url()))
    assert "status--" not in text(client.get(over.get_absolute_url()))
    russian = text(client.get("/ru" + today_s.get_absolute_url()))
    assert '<span class="status status--under-way">Проходит сейчас</span>' in russian


LIST_PAGES = [
    "conferences:home",
    "conferences:conference_list",
    "conferences:speech_list",
    "conferences:actionitem_list",
    "conferences:document_list",
    "conferences:plan_list",
    "conferences:person_list",
    "conferences:organization_list",
    "conferences:country_list",
    "conferences:theme_list",
]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_list_pages_answer(client, world, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("key", ["conference", "speech", "item", "person", "organization", "country", "theme"])
def test_detail_pages_answer_for_published_content(client, world, key):
    obj = world[key]
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." not in text(response)


def test_every_cross_link_is_on_the_pages(client, world):
    conference_page = text(client.get(world["conference"].get_absolute_url()))
    assert world["speech"].get_absolute_url() in conference_page
    assert world["item"].get_absolute_url() in conference_page
    assert world["organization"].get_absolute_url() in conference_page
    assert world["country"].get_absolute_url() in conference_page

    speech_page = text(client.get(world["speech"].get_absolute_url()))
    assert world["conference"].get_absolute_url() in speech_page
    assert world["person"].get_absolute_url() in speech_page
    assert f'{world["item"].get_absolute_url()}' in speech_page
    assert 'href="#p2"' in speech_page  # the item points at the paragraph holding its excerpt

    item_page = text(client.get(world["item"].get_absolute_url()))
    # The excerpt quotes the original text: the link opens it, whatever the reader's language.
    assert f'{world["speech"].get_absolute_url()}?text=en#p2' in item_page
    assert world["organization"].get_absolute_url() in item_page
    assert world["partner"].get_absolute_url() in item_page
    assert world["country"].get_absolute_url() in item_page
    assert "Training held in Termez." in item_page

    assert world["speech"].get_absolute_url() in text(client.get(world["person"].get_absolute_url()))
    organization_page = text(client.get(world["organization"].get_absolute_url()))
    for obj in ["conference", "speech", "item", "person"]:
        assert world[obj].get_absolute_url() in organization_page
    assert world["item"].get_absolute_url() in text(client.get(world["partner"].get_absolute_url()))
    country_page = text(client.get(world["country"].get_absolute_url()))
    assert world["conference"].get_absolute_url() in country_page
    assert world["item"].get_absolute_url() in country_page
    theme_page = text(client.get(world["theme"].get_absolute_url()))
    for obj in ["conference", "speech", "item"]:
        assert world[obj].get_absolute_url() in theme_page


def test_a_speakers_page_lists_the_commitments_announced_in_their_public_speeches(client, world):
    person = world["person"]
    # A public item whose speech is still a draft does not yet say who announced it.
    unannounced = ActionItemFactory(title="Open a border post",
                                    speech=SpeechFactory(speaker=person, conference=world["conference"], draft=True))
    page = client.get(person.get_absolute_url()).content.decode()
    assert "Commitments announced in their speeches" in page
    assert world["item"].get_absolute_url() in page and unannounced.get_absolute_url() not in page
    announced = client.get(reverse("conferences:actionitem_list"), {"speaker": person.slug})
    assert titles(announced) == ["Secure the borders"]
    assert '<input type="hidden" name="speaker"' in announced.content.decode()  # no menu of every speaker
    api = client.get("/api/v1/action-items/", {"speaker": person.slug}).json()
    assert [record["title"] for record in api["results"]] == ["Secure the borders"]
    assert "Обязательства, объявленные в выступлениях" in client.get(f"/ru{person.get_absolute_url()}").content.decode()


def test_a_countrys_page_lists_what_its_representatives_said(client, world):
    kazakhstan = CountryFactory(name="Kazakhstan", iso3="KAZ")
    ministry = OrganizationFactory(name="Ministry of Foreign Affairs of Kazakhstan", kind="government",
                                   country=kazakhstan)
    minister = PersonFactory(name="A Deputy Minister", organization=ministry)
    said = SpeechFactory(title="Statement of Kazakhstan", speaker=minister, speaker_organization=ministry,
                         conference=world["conference"])
    draft = SpeechFactory(title="A statement not yet public", speaker=minister, speaker_organization=ministry,
                          conference=world["conference"], draft=True)
    # Kazakhstan hosted nothing and no commitment concerns it: its ministry's speech alone gives it a page.
    page = client.get(kazakhstan.get_absolute_url())
    assert page.status_code == 200
    assert "Speeches by its representatives" in page.content.decode()
    assert said.get_absolute_url() in page.content.decode() and draft.get_absolute_url() not in page.content.decode()
    # Uzbekistan's page does not list them, and the ministry's page names its country.
    assert said.get_absolute_url() not in client.get(world["country"].get_absolute_url()).content.decode()
    assert f'href="{kazakhstan.get_absolute_url()}"' in client.get(ministry.get_absolute_url()).content.decode()
    # The list the section links to, the form keeping the country out of sight, and the API, agree.
    listed = client.get(reverse("conferences:speech_list"), {"country": kazakhstan.slug})
    assert titles(listed) == ["Statement of Kazakhstan"]
    assert '<input type="hidden" name="country"' in listed.content.decode()
    api = client.get("/api/v1/speeches/", {"country": kazakhstan.slug}).json()
    assert [record["title"] for record in api["results"]] == ["Statement of Kazakhstan"]
    assert client.get(f"/api/v1/organizations/{ministry.slug}/").json()["country"]["slug"] == kazakhstan.slug
    assert "Выступления представителей страны" in client.get(f"/ru{kazakhstan.get_absolute_url()}").content.decode()


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
@pytest.mark.parametrize("factory", [ConferenceFactory, SpeechFactory, ActionItemFactory])
def test_unpublished_content_is_a_404_for_the_public(client, factory, trait):
    obj = factory(**{trait: True})
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in text(response)


def test_speech_of_a_draft_conference_is_a_404(client):
    speech = SpeechFactory(conference=ConferenceFactory(draft=True))
    assert client.get(speech.get_absolute_url()).status_code == 404


def test_hub_with_nothing_published_is_a_404(client):
    person = PersonFactory()
    SpeechFactory(speaker=person, draft=True)
    assert client.get(person.get_absolute_url()).status_code == 404
    assert person.name not in text(client.get(reverse("conferences:person_list")))


@pytest.mark.parametrize("factory", [ConferenceFactory, SpeechFactory, ActionItemFactory])
def test_staff_preview_drafts_under_a_banner(client, factory):
    staff = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Editors"))
    client.force_login(staff)
    obj = factory(draft=True)
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    assert "Not published." in text(response)
    assert "This is a draft" in text(response)


def test_logged_in_non_staff_does_not_see_drafts(client):
    client.force_login(get_user_model().objects.create_user("reader", password="x"))
    assert client.get(ConferenceFactory(draft=True).get_absolute_url()).status_code == 404


def test_published_page_lists_only_published_related_content(client, world):
    draft_speech = SpeechFactory(conference=world["conference"], title="Secret draft statement", draft=True)
    ActionItemFactory(speech=draft_speech, conference=world["conference"], title="Secret draft commitment", draft=True)
    page = text(client.get(world["conference"].get_absolute_url()))
    assert "Secret draft statement" not in page
    assert "Secret draft commitment" not in page


def test_action_item_whose_speech_is_a_draft_does_not_link_to_it(client):
    speech = SpeechFactory(title="Draft remarks", draft=True)
    item = ActionItemFactory(speech=speech)
    page = text(client.get(item.get_absolute_url()))
    assert speech.get_absolute_url() not in page
    assert "Draft remarks" not in page


# Filters: each parameter narrows the list.

def titles(response) -> list[str]:
    return row_titles(response)


def test_conference_filters_narrow_results(client, world):
    other_country = CountryFactory(name="Turkmenistan", iso3="TKM")
    other = ConferenceFactory(title="Ashgabat dialogue", short_title="Ashgabat 2017", country=other_country,
                              start_date=dt.date(2017, 6, 13))
    attended = ConferenceFactory(title="Dushanbe meeting", short_title="Dushanbe 2022", country=other_country)
    attended.countries.set([world["country"]])
    url = reverse("conferences:conference_list")
    assert titles(client.get(url)) == ["Dushanbe 2022", "Tashkent 2022", "Ashgabat 2017"]
    assert titles(client.get(url, {"year": "2017"})) == ["Ashgabat 2017"]
    assert titles(client.get(url, {"country": "uzbekistan"})) == ["Dushanbe 2022", "Tashkent 2022"]
    assert titles(client.get(url, {"organization": world["organization"].slug})) == ["Tashkent 2022"]
    assert titles(client.get(url, {"theme": world["theme"].slug})) == ["Tashkent 2022"]
    assert titles(client.get(url, {"q": "Ashgabat"})) == ["Ashgabat 2017"]
    assert titles(client.get(url, {"sort": "title"})) == ["Ashgabat 2017", "Dushanbe 2022", "Tashkent 2022"]
    assert titles(client.get(url, {"sort": "date"}))[:1] == [other.short_title]


def test_speech_filters_narrow_results(client, world):
    other = SpeechFactory(title="Closing remarks", language="ru", delivered_on=dt.date(2017, 6, 13),
                          body="Мы поддержим обмен опытом.")
    url = reverse("conferences:speech_list")
    everything = titles(client.get(url))
    assert len(everything) == 2
    assert titles(client.get(url, {"conference": world["conference"].slug})) == [world["speech"].title]
    assert titles(client.get(url, {"speaker": other.speaker.slug})) == [other.title]
    assert titles(client.get(url, {"organization": world["organization"].slug})) == [world["speech"].title]
    assert titles(client.get(url, {"theme": world["theme"].slug})) == [world["speech"].title]
    assert titles(client.get(url, {"year": "2017"})) == [other.title]
    assert titles(client.get(url, {"language": "ru"})) == [other.title]
    assert titles(client.get(url, {"q": "borders"})) == [world["speech"].title]


def test_action_item_filters_narrow_results(client, world):
    ActionItemFactory(title="Counter small arms", status="completed", due_date=dt.date(2030, 1, 1))
    ActionItem.objects.filter(pk=world["item"].pk).update(due_date=dt.date(2025, 1, 1))
    url = reverse("conferences:actionitem_list")
    assert titles(client.get(url)) == ["Counter small arms", "Secure the borders"]
    assert titles(client.get(url, {"status": "completed"})) == ["Counter small arms"]
    assert titles(client.get(url, {"conference": world["conference"].slug})) == ["Secure the borders"]
    # An organisation's items are those it leads and those it partners in.
    assert titles(client.get(url, {"organization": world["organization"].slug})) == ["Secure the borders"]
    assert titles(client.get(url, {"organization": world["partner"].slug})) == ["Secure the borders"]
    assert titles(client.get(url, {"country": "uzbekistan"})) == ["Secure the borders"]
    assert titles(client.get(url, {"theme": world["theme"].slug})) == ["Secure the borders"]
    assert titles(client.get(url, {"due_before": "2026-01-01"})) == ["Secure the borders"]
    assert titles(client.get(url, {"due_after": "2026-01-01"})) == ["Counter small arms"]
    assert titles(client.get(url, {"q": "small arms"})) == ["Counter small arms"]
    assert titles(client.get(url, {"sort": "due"})) == ["Secure the borders", "Counter small arms"]
    assert titles(client.get(url, {"sort": "status"})) == ["Secure the borders", "Counter small arms"]
    assert titles(client.get(url, {"status": "in_progress", "country": "uzbekistan"})) == ["Secure the borders"]


def test_filter_choices_offer_only_published_objects(client, world):
    ConferenceFactory(title="Hidden planning meeting", short_title="Hidden 2027", draft=True)
    page = text(client.get(reverse("conferences:speech_list")))
    assert "Tashkent 2022" in page
    assert "Hidden 2027" not in page


@pytest.mark.parametrize(
    "url, params, message",
    [
        ("conferences:conference_list", {"year": "abc"}, "Give a year from 1900 to 2100, e.g. 2022."),
        ("conferences:conference_list", {"year": "1850"}, "Give a year from 1900 to 2100, e.g. 2022."),
        # Django's whole numbers take these; the year's dropdown and its counts did not.
        ("conferences:conference_list", {"year": "2022.0"}, "Give a year from 1900 to 2100, e.g. 2022."),
        ("conferences:speech_list", {"year": "+2022"}, "Give a year from 1900 to 2100, e.g. 2022."),
        ("conferences:conference_list", {"country": "atlantis"}, "There is no published country “atlantis”."),
        ("conferences:speech_list", {"language": "xx"}, "“xx” is not a language code"),
        ("conferences:speech_list", {"speaker": "nobody"}, "There is no published speaker “nobody”."),
        ("conferences:actionitem_list", {"status": "nope"}, "“nope” is not a status"),
        ("conferences:actionitem_list", {"due_before": "yesterday"},
         "“yesterday” is not a date: give one as YYYY-MM-DD, e.g. 2025-12-31."),
        ("conferences:actionitem_list", {"sort": "chaos"}, "“chaos” is not a way to sort this list."),
        ("conferences:actionitem_list", {"due_after": "2/30/2026"},
         "“2/30/2026” is not a date: give one as YYYY-MM-DD, e.g. 2025-12-31."),
        ("conferences:actionitem_list", {"due_after": "2026-01-01", "due_before": "2025-01-01"},
         "This day is earlier than “Due on or after”: give a later one, or swap the two."),
    ],
)
def test_invalid_filter_value_shows_its_error_and_no_unfiltered_results(client, world, url, params, message):
    response = client.get(reverse(url), params)
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Some filters could not be used" in page
    assert row_titles(response) == []
    # A reader picks from the dropdown beside it: page addresses are for the API's and the CSV's clients.
    assert "last part of its page's address" not in page


def test_date_pickers_keep_a_date_and_leave_out_what_is_not_one(client, world):
    dates = {"due_after": "2026-01-01", "due_before": "2026-02-30"}
    page = text(client.get(reverse("conferences:actionitem_list"), dates))
    assert '<input type="date" name="due_after" value="2026-01-01"' in page
    assert '<input type="date" name="due_before" aria-invalid="true"' in page  # a picker cannot show it...
    # ...its error names it: in the right form, but no such day.
    assert "“2026-02-30” is not a date: give one as YYYY-MM-DD, e.g. 2025-12-31." in page


@pytest.mark.parametrize("page, shown", [("zzz", 1), ("999", 3), ("0", 1), ("-1", 1), ("2", 2)])
def test_bad_page_number_shows_the_nearest_page(client, page, shown):
    ActionItemFactory.create_batch(45)
    response = client.get(reverse("conferences:actionitem_list"), {"page": page, "status": "proposed"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == shown
    if page != str(shown):
        assert f"There is no page “{page}”" in text(response)


def test_a_page_past_the_end_of_a_long_list_is_counted_once(client, monkeypatch):
    """Counting a long list in full is worth it once per content version, not on every such request."""
    monkeypatch.setattr("conferences.pagination.CappedPaginator.cap", 10)  # so 45 rows are a long list
    ActionItemFactory.create_batch(45, status="proposed")
    url = reverse("conferences:actionitem_list")
    assert client.get(url, {"page": "999", "status": "proposed"}).context["page_obj"].number == 3
    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, {"page": "500", "status": "proposed"})
    assert again.context["page_obj"].number == 3
    assert "There is no page “500”" in text(again)
    assert not [query for query in queries.captured_queries if "COUNT(" in query["sql"]]


def test_the_last_page_of_a_long_list_says_how_long_it_is(client, monkeypatch):
    monkeypatch.setattr("conferences.pagination.CappedPaginator.cap", 10)  # so 45 rows are a long list
    ActionItemFactory.create_batch(45, status="proposed")
    url = reverse("conferences:actionitem_list")
    first = text(client.get(url, {"status": "proposed"}))
    assert "More than 1,000 action items" in first and "Download CSV (more than 1,000 rows)" in first
    last = text(client.get(url, {"status": "proposed", "page": "3"}))
    assert "45 action items" in last and "showing 41–45" in last and "Download CSV (45 rows)" in last


def test_pagination_links_keep_the_filters(client):
    ActionItemFactory.create_batch(25, status="planned")
    page = text(client.get(reverse("conferences:actionitem_list"), {"status": "planned"}))
    assert 'href="?status=planned&amp;page=2"' in page


def test_empty_state_offers_to_clear_filters(client, world):
    page = text(client.get(reverse("conferences:actionitem_list"), {"status": "cancelled"}))
    assert "No published action item matches these filters." in page
    assert "Clear all filters" in page


def test_home_counts_action_items_by_status(client, world):
    ActionItemFactory.create_batch(2, status="completed")
    ActionItemFactory(status="completed", draft=True)
    tally = client.get(reverse("conferences:home")).context["progress"].tally
    assert tally.counts == {"completed": 2, "in_progress": 1}
    assert tally.total == 3


def test_page_has_title_description_language_and_skip_link(client, world):
    page = text(client.get(world["speech"].get_absolute_url()))
    assert '<html lang="en">' in page
    assert "<title>Opening remarks, Vladimir Voronkov · JPoA Central Asia</title>" in page
    assert '<meta name="description" content="Opening remarks by Vladimir Voronkov at Tashkent 2022' in page
    assert '<a class="skip-link" href="#main">' in page


def test_content_is_escaped(client):
    item = ActionItemFactory(title='<script>alert("x")</script>')
    page = text(client.get(item.get_absolute_url()))
    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("address", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>"])
def test_addresses_that_are_not_web_pages_are_shown_but_never_linked(client, world, address):
    # Written past the forms' URL validation, as a script or an import could.
    Conference.objects.filter(pk=world["conference"].pk).update(website=address)
    Speech.objects.filter(pk=world["speech"].pk).update(source_url=address)
    Organization.objects.filter(pk=world["organization"].pk).update(website=address)
    for key in ["conference", "speech", "organization"]:
        page = client.get(world[key].get_absolute_url())
        assert escape(address) in text(page), key
        assert not [href for href, _ in links(page) if not href.startswith(("/", "#"))], key


def test_web_addresses_are_links(client, world):
    Conference.objects.filter(pk=world["conference"].pk).update(website="https://jpoa.example.org/")
    Speech.objects.filter(pk=world["speech"].pk).update(source_url="HTTP://un.example.org/a?b=1&c=2")
    assert ("https://jpoa.example.org/", "https://jpoa.example.org/") in links(
        client.get(world["conference"].get_absolute_url()))
    assert ("HTTP://un.example.org/a?b=1&c=2", "HTTP://un.example.org/a?b=1&c=2") in links(
        client.get(world["speech"].get_absolute_url()))


def test_speech_text_and_its_marked_commitments_are_escaped(client):
    speech = SpeechFactory(body='Excellencies,\n\nWe will fund <b>schools</b> & clinics. Then "more".')
    item = ActionItemFactory(speech=speech, title="Fund <i>schools</i>",
                             excerpt="We will fund <b>schools</b> & clinics.")
    page = text(client.get(speech.get_absolute_url()))
    assert "<b>schools</b>" not in page and "<i>schools</i>" not in page
    assert (
        '<p id="p2" class="announces"><a class="para-number" href="#p2" aria-label="Link to paragraph 2">2</a>'
        f'<mark class="commitment"><a href="{item.get_absolute_url()}" '
        'title="Action item: Fund &lt;i&gt;schools&lt;/i&gt;">We will fund &lt;b&gt;schools&lt;/b&gt; &amp; clinics.'
        '</a></mark> Then &quot;more&quot;.</p>'
    ) in page


def test_a_conference_with_many_speeches_shows_the_first_and_links_to_all(client):
    conference = ConferenceFactory()
    speeches = [SpeechFactory(conference=conference, title=f"Statement {n:02}") for n in range(12)]
    response = client.get(conference.get_absolute_url())
    [_documents, shown, _items] = response.context["sections"]
    assert (shown.title, shown.count, len(shown.items)) == ("Speeches", 12, 10)
    page = text(response)
    assert re.search(rf'href="/speeches/\?conference={conference.slug}"[^>]*>See all 12', page)
    assert re.search(rf'href="/speeches/export.csv\?conference={conference.slug}" download[^>]*>'
                     r'Download CSV \(12 rows\)', page)
    assert speeches[0].get_absolute_url() in page


def test_status_and_progress_show_on_the_item_its_row_and_its_timeline(client):
    item = ActionItemFactory(title="Train border officers")
    ActionItemUpdateFactory(action_item=item, status="in_progress", progress=40)
    badge = '<span class="status status--in_progress">In progress</span>'
    bar = '<span class="progress" role="img" aria-label="40% done"><span class="progress__bar">' \
          '<svg class="bar" viewBox="0 0 100 1" preserveAspectRatio="none" aria-hidden="true">' \
          '<rect width="40" height="1"/></svg></span>'
    page = text(client.get(item.get_absolute_url()))
    assert page.count(badge) == 2 and bar in page  # the item's status, and its update's in the timeline
    row = text(client.get(reverse("conferences:actionitem_list")))
    assert badge in row and bar in row


def test_friendly_404_for_unknown_address(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "There is no published page at this address." in text(response)


@pytest.mark.parametrize("prefix, words",
                         [("", "The request could not be read"), ("/ru", "Запрос не удалось прочитать")])
def test_a_request_django_refuses_gets_the_sites_page_in_its_language(client, prefix, words):
    too_many = "&".join(f"x{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"{prefix}/conferences/?{too_many}")
    assert response.status_code == 400
    assert words in text(response) and "site.css" in response.content.decode()


def test_a_host_the_site_does_not_serve_gets_the_sites_page_not_an_error(client):
    response = client.get("/ru/conferences/", HTTP_HOST="elsewhere.example")
    assert response.status_code == 400
    assert "Запрос не удалось прочитать" in text(response) and "elsewhere.example" not in text(response)


@pytest.mark.parametrize("address", ["/people/?page=%00%01", "/ru/speeches/any/?text=%00",
                                     "/action-items/?due_before=a%1bb", "/search/?q=border%7f",
                                     "/conferences/?page=%C2%85", "/documents/any/%00/download/",
                                     "/speeches/a%00b/"])
def test_an_address_with_control_characters_is_refused_not_shown_back(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert "could not be read" in text(response) or "не удалось прочитать" in text(response)
    assert not re.search(r"[\x00-\x08\x1b\x7f-\x9f]", response.content.decode())


def test_a_tab_or_line_break_pasted_into_a_search_is_searched(client):
    assert client.get("/search/?q=border%09security%0A").status_code == 200


def test_a_request_django_refuses_under_the_api_gets_json(client):
    too_many = "&".join(f"x{number}=1" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"/ru/api/v1/conferences/?{too_many}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "Запрос не удалось прочитать" in response.json()["detail"]
    # A control character is named as what is wrong, as every other 400 of the API names it.
    for address in ["/api/v1/conferences/?q=%1b", "/api/v1/conferences/%00/"]:  # PostgreSQL refuses a NUL in text
        response = client.get(address)
        assert response.status_code == 400 and response["Content-Type"] == "application/json"
        assert response.json()["detail"] == ("The address holds a control character (such as %00 or %01), which "
                                             "no address should: remove it.")


def test_500_page_renders_in_the_sites_design():
    from django.template import loader

    page = loader.get_template("500.html").render()
    assert "Something went wrong" in page
    assert "site.css" in page


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in text(response)
    assert "Sitemap: http://testserver/sitemap.xml" in text(response)


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="dropping a server's connection: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_healthz_reconnects_when_the_database_dropped_its_connection(client):
    """After a database restart a worker's kept connection is dead: the health check must reconnect, as
    pages do, or a load balancer would take every healthy node out at once."""
    import psycopg

    client.get("/healthz")
    where = ("dbname", "host", "port", "user", "password")
    with psycopg.connect(**{key: value for key, value in connection.get_connection_params().items()
                            if key in where}) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_the_database_is_down():
    # A fresh process whose database server is not there at all.
    script = (
        "import django, json; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, json.dumps(r.json()))"
    )
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "jpoa_site.settings",
        "DJANGO_SECRET_KEY": "tests-only",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing?connect_timeout=2",
    }
    result = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.stdout.strip() == '503 {"status": "unavailable", "database": "unreachable"}', result.stderr


# Query counts: pages cost the same whatever the number of rows they show.

def count_queries(client, url) -> tuple[int, int]:
    """The page's queries with nothing cached, then with its figures and rows cached."""
    cache.clear()
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts.append(len(queries))
    return tuple(counts)


def grow(world, extra):
    """Add `extra` published rows of every kind around the world's hubs."""
    for _ in range(extra):
        speech = SpeechFactory(conference=world["conference"], speaker=world["person"],
                               speaker_organization=world["organization"])
        speech.themes.add(world["theme"])
        item = ActionItemFactory(speech=speech, lead_organization=world["organization"])
        item.partners.add(world["partner"], OrganizationFactory())
        item.countries.add(world["country"], CountryFactory())
        item.themes.add(world["theme"])
        ActionItemUpdateFactory(action_item=item)
        ActionItemUpdateFactory(action_item=world["item"])
        conference = ConferenceFactory(country=world["country"])
        conference.organizers.add(world["organization"])
        conference.themes.add(world["theme"])
        PersonFactory(organization=world["organization"])
        SpeechFactory(conference=conference)


def page_urls(world):
    return [reverse(name) for name in LIST_PAGES] + [
        world[key].get_absolute_url()
        for key in ["conference", "speech", "item", "person", "organization", "country", "theme"]
    ] + [reverse("conferences:search") + "?q=borders",
         reverse("conferences:actionitem_list") + "?country=uzbekistan&status=in_progress"]


def test_query_count_of_every_page_does_not_grow_with_rows(client, world):
    few = {url: count_queries(client, url) for url in page_urls(world)}
    grow(world, 49)
    many = {url: count_queries(client, url) for url in page_urls(world)}
    assert many == few


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's")
def test_the_database_plans_a_pages_queries_once(client, world):
    """A page asked for again runs statements PostgreSQL prepared, instead of planning each query anew."""
    for _ in range(6):
        cache.clear()  # read from the database each time, not from the object kept for readers
        client.get(world["item"].get_absolute_url())
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "conferences_actionitem"' in statement for statement in prepared)


def test_an_absurd_page_number_shows_the_last_page(client):
    ActionItemFactory.create_batch(3)
    response = client.get(reverse("conferences:actionitem_list"), {"page": "9" * 30})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1


def test_a_staff_preview_is_never_cached(client):
    staff = get_user_model().objects.create_user("editor", password="x", is_staff=True)
    staff.groups.add(Group.objects.get(name="Editors"))
    client.force_login(staff)
    response = client.get(SpeechFactory(draft=True).get_absolute_url())
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_organisation_whose_only_link_is_a_published_speaker_has_a_page(client):
    org = OrganizationFactory(name="Ministry of Example Affairs", acronym="")
    speaker = PersonFactory(organization=org)
    SpeechFactory(speaker=speaker, speaker_organization=None)
    assert client.get(org.get_absolute_url()).status_code == 200
    assert org.get_absolute_url() in text(client.get(speaker.get_absolute_url()))


@pytest.mark.parametrize("url, params, language", [
    ("conferences:actionitem_list", {}, "en"),
    ("conferences:actionitem_list", {}, "ru"),
    ("conferences:actionitem_list", {"sort": "-progress"}, "en"),
    ("conferences:speech_list", {}, "en"),
    ("conferences:speech_list", {"sort": "title"}, "ru"),
    ("conferences:speech_list", {"sort": "date", "language": "en"}, "en"),
])
def test_deep_pages_resumed_from_bookmarks_show_the_same_rows(client, monkeypatch, url, params, language):
    """A deep page is first found by skipping rows, then resumed from where it starts: same rows, same order."""
    conference, speaker = ConferenceFactory(), PersonFactory()
    for n in range(75):  # ties on every sort column, so that only the key tells rows apart
        speech = SpeechFactory(title=f"Statement {n % 5}", title_ru=["", f"Заявление {n % 3}"][n % 2],
                               conference=conference, speaker=speaker, delivered_on=dt.date(2022, 5, 1 + n % 4))
        ActionItemFactory(title=f"Commitment {n % 7}", title_ru=["", f"Обязательство {n % 4}"][n % 2],
                          progress=n % 3 * 10, speech=speech)
    monkeypatch.setattr("conferences.pagination.BOOKMARK_FROM", 20)
    address = ("/ru" if language == "ru" else "") + reverse(url)

    def walk() -> tuple[list, list]:
        pages, offsets = [], []
        for page in range(1, 5):
            with CaptureQueriesContext(connection) as queries:
                pages.append(row_links(client.get(address, {**params, "page": page})))
            offsets.append(any("OFFSET" in query["sql"] for query in queries.captured_queries))
        return pages, offsets

    found, skipped = walk()
    resumed, skipped_again = walk()
    assert resumed == found
    assert [len(rows) for rows in found] == [20, 20, 20, 15]
    assert len({link for rows in found for link in rows}) == 75
    assert skipped == [False, True, False, False]  # page 2 is found by skipping; 3 and 4 start where 2 and 3 end
    assert skipped_again == [False, False, False, False]


@pytest.mark.parametrize("address", ["/action-items/", "/ru/action-items/", "/ru/speeches/?sort=title",
                                     "/ru/conferences/?sort=title", "/ru/documents/?sort=title"])
def test_a_list_sorted_by_title_follows_the_titles_the_reader_sees(client, address):
    kind = address.strip("/").removeprefix("ru/").split("/")[0]
    factory = {"action-items": ActionItemFactory, "speeches": SpeechFactory, "conferences": ConferenceFactory,
               "documents": DocumentFactory}[kind]
    factory(title="Water security")  # no Russian title: shown in English on Russian pages
    factory(title="Zero tolerance", title_ru="Ядерная безопасность")
    factory(title="Afghanistan", title_ru="Аналитика рисков")
    factory(title="Border management", title_ru="")
    shown = row_titles(client.get(address))
    if address.startswith("/ru/"):
        # Those shown in English first, then the Russian titles, each in alphabetical order.
        assert shown == ["Border management", "Water security", "Аналитика рисков", "Ядерная безопасность"]
    else:
        assert shown == ["Afghanistan", "Border management", "Water security", "Zero tolerance"]


def test_conferences_sorted_by_title_follow_the_names_their_headings_show(client):
    ConferenceFactory(title="Aral Sea conference on water", title_ru="Конференция по Аральскому морю",
                      short_title="Nukus 2019", short_title_ru="Нукус, 2019")
    ConferenceFactory(title="Zonal meeting of border services", title_ru="Зональное совещание",
                      short_title="Dushanbe 2022", short_title_ru="Душанбе, 2022")
    ConferenceFactory(title="Working meeting", title_ru="Рабочая встреча")  # named by its title alone
    assert row_titles(client.get("/conferences/", {"sort": "title"})) == ["Dushanbe 2022", "Nukus 2019",
                                                                          "Working meeting"]
    assert row_titles(client.get("/ru/conferences/", {"sort": "title"})) == ["Душанбе, 2022", "Нукус, 2019",
                                                                             "Рабочая встреча"]


def test_the_navigation_marks_the_section_of_the_page(client):
    speech = SpeechFactory()
    current = 'aria-current="page"'
    on_speech = client.get(speech.get_absolute_url()).content.decode()
    assert on_speech.count(current) == 1
    assert f'href="{reverse("conferences:speech_list")}" {current}' in on_speech
    on_people = client.get(reverse("conferences:person_list")).content.decode()
    assert f'href="{reverse("conferences:person_list")}" {current}' in on_people and on_people.count(current) == 1
    assert current not in client.get(reverse("conferences:home")).content.decode()


def test_an_address_with_the_english_prefix_leads_to_the_english_page(client):
    for address, page in [("/en/", "/"), ("/en", "/"),
                          ("/en/action-items/?status=planned", "/action-items/?status=planned"),
                          ("/en/%D0%B0/", "/%D0%B0/"), ("/en//elsewhere.example/", "/elsewhere.example/")]:
        response = client.get(address)
        assert (response.status_code, response["Location"]) == (301, page), address
    assert client.get("/english/").status_code == 404
    # Served under a path of its own (which the server, not the test client, announces), the site keeps it.
    with override_script_prefix("/jpoa/"):
        assert client.get("/en/action-items/", SCRIPT_NAME="/jpoa")["Location"] == "/jpoa/action-items/"


def test_the_themes_list_shortens_a_description_at_a_word(client):
    description = "Measures to address the conditions conducive to the spread of terrorism, " * 3
    ActionItemFactory().themes.add(ThemeFactory(name="Pillar I", description=description.strip()))
    shown = re.search(r'<span class="hub-list__meta">([^<]+)</span>', text(client.get("/themes/"))).group(1)
    assert shown.endswith("…") and description.startswith(shown.removesuffix("…").rstrip() + " ")


def test_a_summary_is_dated_as_issued_and_a_declaration_as_adopted(client):
    summary = DocumentFactory(title="Co-chairs' summary", kind="chairs_summary").get_absolute_url()
    declaration = DocumentFactory(title="Declaration", kind="declaration").get_absolute_url()
    assert "Issued" in text(client.get(summary)) and "Adopted" in text(client.get(declaration))
    assert "Дата выпуска:" in text(client.get("/ru" + summary))
    rows = text(client.get("/documents/"))
    assert "issued" in rows and "adopted" in rows
