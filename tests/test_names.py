"""Each name the site shows has one definition: its SQL twin agrees with it, and every page,
list, export and calendar shows the same name."""

import csv
import io

import pytest
from django.urls import reverse
from icalendar import Calendar

from conferences.models import ActionItem, Conference, Organization, Speech

from .factories import ActionItemFactory, ConferenceFactory, OrganizationFactory, SpeechFactory
from .pages import row_titles

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"), newline="")))


@pytest.fixture
def conferences():
    """One conference with a short title, and one without."""
    return [
        ConferenceFactory(title="High-level conference on regional cooperation", short_title="Tashkent 2022"),
        ConferenceFactory(title="Expert workshop on border security", short_title=""),
    ]


def test_conference_display_name_is_the_short_title_else_the_title(conferences):
    assert [c.display_name for c in conferences] == ["Tashkent 2022", "Expert workshop on border security"]
    assert [str(c) for c in conferences] == ["Tashkent 2022", "Expert workshop on border security"]


def test_conference_display_name_in_sql_agrees_with_python(conferences):
    for conference in conferences:
        SpeechFactory(conference=conference)
    by_sql = dict(Conference.objects.annotate(sql_name=Conference.display_name_sql()).values_list("pk", "sql_name"))
    assert by_sql == {c.pk: c.display_name for c in conferences}
    # Reached through a relation, as the speech and action item exports reach it.
    through = Speech.objects.annotate(sql_name=Conference.display_name_sql("conference__"))
    assert {s.conference_id: s.sql_name for s in through} == by_sql


@pytest.mark.parametrize("short_title", ["Tashkent 2022", ""])
def test_list_page_speech_page_csv_and_calendar_give_a_conference_the_same_name(client, short_title):
    conference = ConferenceFactory(title="High-level conference on regional cooperation", short_title=short_title,
                                   summary="What was agreed.")
    speech = SpeechFactory(conference=conference, title="Opening remarks")
    name = short_title or conference.title

    assert row_titles(client.get(reverse("conferences:conference_list"))) == [name]
    speech_page = client.get(speech.get_absolute_url()).content.decode()
    assert f'<p class="kicker"><a href="{conference.get_absolute_url()}">{name}</a></p>' in speech_page
    [row] = csv_rows(client.get(reverse("conferences:speech_export")))
    assert row["Conference"] == name
    [event] = Calendar.from_ical(client.get("/conferences.ics").content).walk("VEVENT")
    assert str(event["SUMMARY"]) == name
    # The full title is given once: in the description only when the summary is the short title.
    description = str(event["DESCRIPTION"])
    assert description == (f"{conference.title}\n\nWhat was agreed." if short_title else "What was agreed.")


def test_conference_row_shows_the_full_title_only_when_it_differs(client, conferences):
    page = client.get(reverse("conferences:conference_list")).content.decode()
    assert page.count('<p class="row__subtitle">') == 1
    assert '<p class="row__subtitle">High-level conference on regional cooperation</p>' in page


@pytest.fixture
def organizations():
    """One organisation with an acronym, one without, and one whose name needs escaping in HTML."""
    return [
        OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT"),
        OrganizationFactory(name="Ministry of Foreign Affairs", acronym=""),
        OrganizationFactory(name="Science & Security <Forum>", acronym="S&S"),
    ]


def test_organization_display_name_is_the_name_with_its_acronym(organizations):
    assert [str(org) for org in organizations] == [
        "United Nations Office of Counter-Terrorism (UNOCT)", "Ministry of Foreign Affairs",
        "Science & Security <Forum> (S&S)",
    ]
    assert [org.display_name_html for org in organizations] == [
        'United Nations Office of Counter-Terrorism <span class="acronym">(UNOCT)</span>',
        "Ministry of Foreign Affairs",
        'Science &amp; Security &lt;Forum&gt; <span class="acronym">(S&amp;S)</span>',
    ]


def test_organization_display_name_in_sql_agrees_with_python(organizations):
    by_sql = dict(Organization.objects.annotate(sql_name=Organization.display_name_sql())
                  .values_list("pk", "sql_name"))
    assert by_sql == {org.pk: org.display_name for org in organizations}
    # Through a relation that may be empty: no organisation is no name, not " ()".
    led = [ActionItemFactory(lead_organization=org) for org in organizations]
    unled = ActionItemFactory(lead_organization=None)
    through = ActionItem.objects.annotate(sql_name=Organization.display_name_sql("lead_organization__"))
    assert {item.pk: item.sql_name for item in through} == {
        **{item.pk: item.lead_organization.display_name for item in led}, unled.pk: None}


@pytest.mark.parametrize("acronym", ["UNOCT", ""])
def test_organisation_page_and_csv_give_the_same_name(client, acronym):
    org = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym=acronym)
    ActionItemFactory(lead_organization=org)
    page = client.get(org.get_absolute_url()).content.decode()
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    [row] = csv_rows(client.get(reverse("conferences:actionitem_export")))
    assert row["Lead organisation"] == heading.replace('<span class="acronym">', "").replace("</span>", "")
    assert row["Lead organisation"] == ("United Nations Office of Counter-Terrorism (UNOCT)" if acronym
                                        else "United Nations Office of Counter-Terrorism")
