"""A conference's agenda and the plans: sessions in order with their speeches, times in the meeting's
own time, the calendar, and how a plan's commitments stand."""

import csv
import datetime as dt
import io
import re
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from icalendar import Calendar

from conferences.models import ActionItem, Session, Speech
from conferences.progress import plan_progress

from .admin_forms import delete_box_disabled, form_data
from .factories import (
    ActionItemFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    PersonFactory,
    PlanFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import links

pytestmark = pytest.mark.django_db
TASHKENT = zoneinfo.ZoneInfo("Asia/Tashkent")
Status = ActionItem.Status


@pytest.fixture
def tashkent():
    return ConferenceFactory(title="Tashkent conference", short_title="Tashkent 2022",
                             country=CountryFactory(name="Uzbekistan", iso3="UZB"),
                             start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4))


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2022, 3, day, hour, minute, tzinfo=TASHKENT)


def test_the_agenda_lists_sessions_in_order_each_with_its_public_speeches(client, tashkent):
    closing = SessionFactory(conference=tashkent, position=9, kind=Session.Kind.CLOSING, title="Closing session")
    opening = SessionFactory(conference=tashkent, position=1, kind=Session.Kind.OPENING, title="Opening session",
                             starts_at=at(3, 10), ends_at=at(3, 11), room="Congress Hall")
    opening.chairs.set([PersonFactory(name="A chair who never speaks")])
    thematic = SessionFactory(conference=tashkent, position=2, title="Thematic session I")
    SpeechFactory(conference=tashkent, session=opening, title="Opening remarks")
    SpeechFactory(conference=tashkent, session=closing, title="Closing remarks")
    SpeechFactory(conference=tashkent, session=thematic, title="Unpublished statement", draft=True)
    response = client.get(tashkent.get_absolute_url())
    assert [s.title for s in response.context["sessions"]] == ["Opening session", "Thematic session I",
                                                               "Closing session"]
    page = response.content.decode()
    agenda = page[page.index('id="agenda"'):page.index("</ol>", page.index('id="agenda"'))]
    assert agenda.index("Opening session") < agenda.index("Opening remarks") < agenda.index("Thematic session I")
    assert agenda.index("Closing session") < agenda.index("Closing remarks")
    assert "Unpublished statement" not in page
    # In the meeting's own time, named by its offset, in the reader's language.
    assert "3 March 2022, 10:00–11:00</time> (UTC+5)" in agenda and "Congress Hall" in agenda
    assert ("3 марта 2022\u00a0г., 10:00–11:00</time> (UTC+5)"
            in client.get("/ru" + tashkent.get_absolute_url()).content.decode())
    # A chair is named, and linked only where their page is public.
    assert "A chair who never speaks" in agenda
    assert not [href for href, text in links(response) if text == "A chair who never speaks"]


def test_a_speech_belongs_to_a_session_of_its_own_conference_only(tashkent):
    other = SessionFactory(conference=ConferenceFactory(title="Another meeting"))
    speech = SpeechFactory(conference=tashkent)
    speech.session = other
    with pytest.raises(ValidationError) as refused:
        speech.full_clean()
    assert "session" in refused.value.message_dict
    # Moved to another conference, a speech leaves its session behind.
    speech.session = SessionFactory(conference=tashkent)
    speech.save()
    speech.conference = other.conference
    speech.delivered_on = None
    speech.save()
    speech.refresh_from_db()
    assert speech.session is None


def test_a_session_starts_on_one_of_its_conferences_days(tashkent):
    session = Session(conference=tashkent, title_en="Late session", kind=Session.Kind.PLENARY, starts_at=at(5, 10))
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "from 3 March 2022 to 4 March 2022" in str(refused.value.message_dict["starts_at"])
    # 02:00 on 5 March in Tashkent is still 4 March in UTC: the day is the meeting's, so it is refused too.
    session.starts_at = at(5, 2)
    assert session.starts_at.astimezone(dt.UTC).day == 4
    with pytest.raises(ValidationError):
        session.full_clean()
    session.starts_at = at(4, 18)
    session.full_clean()


def test_a_session_that_ends_before_it_starts_is_told_so_beside_its_end(tashkent):
    session = Session(conference=tashkent, title_en="Opening", kind=Session.Kind.OPENING, starts_at=at(3, 11),
                      ends_at=at(3, 10))
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert refused.value.message_dict == {"ends_at": ["A session cannot end before it starts."]}


def test_agenda_times_are_typed_in_the_meetings_own_time_in_the_admin(superuser_client, tashkent):
    url = reverse("admin:conferences_conference_change", args=[tashkent.pk])
    data = form_data(superuser_client.get(url), "conference")
    data.update({
        "sessions-TOTAL_FORMS": ["1"], "sessions-0-position": ["1"], "sessions-0-kind": ["opening"],
        "sessions-0-title_en": ["Opening session"], "sessions-0-starts_at_0": ["2022-03-03"],
        "sessions-0-starts_at_1": ["10:00"], "sessions-0-ends_at_0": ["2022-03-03"], "sessions-0-ends_at_1": ["11:00"],
    })
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    session = tashkent.sessions.get()
    assert session.starts_at == dt.datetime(2022, 3, 3, 5, 0, tzinfo=dt.UTC)  # 10:00 in Tashkent
    # and the form shows it back as typed
    assert 'name="sessions-0-starts_at_1" value="10:00"' in superuser_client.get(url).content.decode()


def test_a_speech_links_the_session_it_was_delivered_in_as_do_the_api_and_the_calendar(client, tashkent):
    """A session has no page: its place on its conference's page is where a reader is sent."""
    session = SessionFactory(conference=tashkent, title="Border security panel", starts_at=at(3, 10))
    speech = SpeechFactory(conference=tashkent, session=session, title="Remarks on borders")
    place = f"{tashkent.get_absolute_url()}#session-{session.pk}"
    assert f'<li class="agenda__session agenda__session--{session.kind}" id="session-{session.pk}">' in client.get(
        tashkent.get_absolute_url()).content.decode()
    assert (place, "Border security panel") in links(client.get(speech.get_absolute_url()))
    assert "Заседание:" in client.get("/ru" + speech.get_absolute_url()).content.decode()
    assert client.get(f"/api/v1/sessions/{session.pk}/").json()["url"] == "http://testserver" + place
    calendar = Calendar.from_ical(
        client.get(reverse("conferences:conference_agenda_ics", args=[tashkent.slug])).content)
    [event] = [event for event in calendar.walk("VEVENT") if "Border security panel" in str(event["summary"])]
    assert str(event["url"]) == "http://testserver" + place


def test_each_session_is_an_event_in_the_calendars(client, tashkent):
    session = SessionFactory(conference=tashkent, title="Opening session", starts_at=at(3, 10), ends_at=at(3, 11))
    session.chairs.set([PersonFactory(name="Chair Person")])
    SessionFactory(conference=tashkent, title="Session with no time yet")
    SessionFactory(conference=ConferenceFactory(draft=True), title="Session of a draft", starts_at=at(3, 12))
    for address in ["/conferences.ics", reverse("conferences:conference_agenda_ics", args=[tashkent.slug])]:
        calendar = Calendar.from_ical(client.get(address).content)
        events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
        assert set(events) == {"Tashkent 2022", "Opening session (Tashkent 2022)"}, address
        opening = events["Opening session (Tashkent 2022)"]
        assert opening.decoded("dtstart") == dt.datetime(2022, 3, 3, 5, 0, tzinfo=dt.UTC)
        assert opening.decoded("dtend") == dt.datetime(2022, 3, 3, 6, 0, tzinfo=dt.UTC)
        assert str(opening["description"]) == "Chair: Chair Person"
    draft = ConferenceFactory(draft=True)
    assert client.get(reverse("conferences:conference_agenda_ics", args=[draft.slug])).status_code == 404


def test_a_sessions_chairs_are_headed_as_many_in_russian_whatever_their_number(client, tashkent):
    # Russian counts 21 as it counts 1 ("21 председатель"), but a heading over 21 names is plural.
    session = SessionFactory(conference=tashkent, title="Opening session", starts_at=at(3, 10))
    session.chairs.set([PersonFactory(name=f"Chair {number}") for number in range(21)])
    # Both addresses before the first Russian request, after which reverse() would give Russian ones.
    page_url = "/ru" + tashkent.get_absolute_url()
    calendar_url = "/ru" + reverse("conferences:conference_agenda_ics", args=[tashkent.slug])
    page = client.get(page_url).content.decode()
    assert "Председатели:" in page and "Председатель:" not in page
    calendar = Calendar.from_ical(client.get(calendar_url).content)
    [event] = [event for event in calendar.walk("VEVENT") if str(event["summary"]).startswith("Opening")]
    assert str(event["description"]).startswith("Председатели: Chair 0")
    session.chairs.set(session.chairs.all()[:1])
    assert "Председатель:" in client.get(page_url).content.decode()


@pytest.fixture
def plan(tashkent):
    pillars = [ThemeFactory(name=f"Pillar {n}", position=n) for n in (1, 2)]
    plan = PlanFactory(name="Updated plan", conference=tashkent, document=DocumentFactory(title="Plan text"))
    plan.pillars.set(pillars)
    past, future = dt.date(2024, 1, 1), dt.date(2099, 1, 1)
    items = [
        ("Done", Status.COMPLETED, past, [0]),
        ("Late", Status.IN_PROGRESS, past, [0]),
        ("Late and planned", Status.PLANNED, past, [1]),
        ("Due later", Status.IN_PROGRESS, future, [1]),
        ("Dropped", Status.CANCELLED, past, [0, 1]),
        ("No pillar", Status.PROPOSED, None, []),
    ]
    for title, status, due, pillar_numbers in items:
        item = ActionItemFactory(title=title, status=status, due_date=due, plan=plan)
        item.themes.set([pillars[n] for n in pillar_numbers])
    ActionItemFactory(title="Hidden draft", status=Status.COMPLETED, plan=plan, draft=True)
    ActionItemFactory(title="Of no plan", status=Status.COMPLETED)
    return plan


def test_the_plans_page_counts_its_commitments_by_status_and_pillar(client, plan):
    progress = plan_progress(plan)
    assert progress.overall.counts == {"completed": 1, "in_progress": 2, "planned": 1, "cancelled": 1, "proposed": 1}
    assert progress.overall.total == 6 and progress.overall.overdue == 2
    assert progress.overall.completed_percent == 20  # 1 of the 5 not cancelled
    first, second = (tally for _key, tally in progress.pillars)
    assert (first.total, first.overdue, first.completed_percent) == (3, 1, 50)
    assert (second.total, second.overdue) == (3, 1)
    assert progress.outside_pillars == 1

    response = client.get(plan.get_absolute_url())
    page = response.content.decode()
    assert "6 action items" in page and "1 of 5 completed (20%)" in page and "2 overdue" in page
    assert "1 cancelled, not counted" in page  # why 5, not 6
    assert f'href="/action-items/?plan={plan.slug}&amp;overdue=1&amp;sort=due"' in page
    assert "Overdue action items <span class=\"count\">(2)</span>" in page
    assert re.search(rf'href="/action-items/export.csv\?plan={plan.slug}&amp;overdue=1&amp;sort=due" download[^>]*>'
                     r'Download CSV \(2 rows\)', page)
    assert "1 action item of this plan is under none of its pillars." in page
    # Heading by heading, a screen reader finds each pillar with its action items under it.
    pillars = re.findall(r'<section class="section pillar"[^>]*>\s*<h(\d) id="pillar-\d">.*?<h(\d) class="row__title">',
                         page, re.S)
    assert pillars and all(int(item) == int(pillar) + 1 for pillar, item in pillars), pillars
    assert "Hidden draft" not in page and "Of no plan" not in page
    assert "Plan text" in page and "Tashkent 2022" in page


def test_a_plan_whose_items_are_not_on_the_site_says_so_once(client, tashkent):
    plan = PlanFactory(name="Plan of 2011", conference=tashkent)  # public through the conference that adopted it
    plan.pillars.set([ThemeFactory(name=f"Pillar {n}", position=n) for n in (1, 2)])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert page.count('class="empty"') == 1 and "No action items of this plan are on this site yet." in page
    assert "By pillar" not in page
    # Nor does the description a shared link shows claim a share completed.
    description = "Plan of 2011: no action items of this plan are on this site yet."
    assert f'<meta name="description" content="{description}">' in page


def test_action_items_filter_by_plan_and_overdue_in_the_list_and_its_csv(client, plan):
    def titles(address, **params):
        response = client.get(address, params)
        if address.endswith(".csv"):
            content = b"".join(response.streaming_content).decode("utf-8-sig")
            return {row[2] for row in list(csv.reader(io.StringIO(content, newline="")))[1:]}
        return {item.title for item in response.context["filter"].qs}

    for address in [reverse("conferences:actionitem_list"), reverse("conferences:actionitem_export")]:
        assert titles(address, plan=plan.slug) == {"Done", "Late", "Late and planned", "Due later", "Dropped",
                                                   "No pillar"}
        assert titles(address, plan=plan.slug, overdue="1") == {"Late", "Late and planned"}
        # Not overdue: due later, done, dropped, or with no due date at all.
        assert titles(address, plan=plan.slug, overdue="0") == {"Done", "Due later", "Dropped", "No pillar"}
    refused = client.get(reverse("conferences:actionitem_export"), {"overdue": "yes"})
    assert refused.status_code == 400 and "“yes” is not a choice here. Give one of: 1, 0." in refused.content.decode()
    page = client.get(reverse("conferences:actionitem_list"), {"plan": "no-such-plan"})
    assert "There is no published plan “no-such-plan”." in page.content.decode()


def test_a_plan_with_nothing_public_is_not_public(client):
    hidden = PlanFactory(name="Plan still in the works", document=DocumentFactory(draft=True))
    ActionItemFactory(plan=hidden, draft=True)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "Plan still in the works" not in client.get(reverse("conferences:plan_list")).content.decode()
    ActionItem.objects.filter(plan=hidden).update(is_published=True, published_at=dt.datetime(2023, 1, 1,
                                                                                             tzinfo=dt.UTC))
    assert client.get(hidden.get_absolute_url()).status_code == 200
    assert "Plan still in the works" in client.get(reverse("conferences:plan_list")).content.decode()


def test_an_items_page_names_its_plan_and_document_and_says_when_it_is_overdue(client, plan):
    item = ActionItem.objects.get(title_en="Late")
    item.document = DocumentFactory(title="Tashkent Declaration", symbol="A/76/751")
    item.save()
    page = client.get(item.get_absolute_url()).content.decode()
    assert "Updated plan" in page and "Tashkent Declaration (A/76/751)" in page and ">overdue<" in page
    assert ">overdue<" not in client.get(ActionItem.objects.get(title_en="Done").get_absolute_url()).content.decode()


def test_speech_sessions_follow_the_speech_admin(superuser_client, tashkent):
    session = SessionFactory(conference=tashkent, title="Opening session")
    speech = SpeechFactory(conference=tashkent)
    url = reverse("admin:conferences_speech_change", args=[speech.pk])
    data = form_data(superuser_client.get(url), "speech")
    data["session"] = [str(session.pk)]
    assert superuser_client.post(url, data).status_code == 302
    assert Speech.objects.get(pk=speech.pk).session == session


def test_the_rest_of_the_conference_form_keeps_the_sites_time(superuser_client, tashkent):
    tashkent.published_at = dt.datetime(2022, 3, 4, 12, 0, tzinfo=dt.UTC)
    tashkent.save()
    page = superuser_client.get(reverse("admin:conferences_conference_change", args=[tashkent.pk])).content.decode()
    assert 'name="published_at_1" value="12:00:00"' in page  # UTC, the site's time, as on every admin page
    assert "In the time of Uzbekistan, as the agenda gives it (UTC+5)." in page


def test_editors_cannot_cut_the_agenda_of_a_published_conference(client, tashkent):
    from .test_workflow import member

    session = SessionFactory(conference=tashkent, title="Opening session")
    client.force_login(member("editor", "Editors"))
    url = reverse("admin:conferences_conference_change", args=[tashkent.pk])
    form = client.get(url)
    assert delete_box_disabled(form, "sessions-0")
    data = form_data(form, "conference")
    data["sessions-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert client.get(reverse("admin:conferences_session_delete", args=[session.pk])).status_code == 403
    assert Session.objects.filter(pk=session.pk).exists()
    # Nor move a session to another conference's agenda.
    page = client.get(reverse("admin:conferences_session_change", args=[session.pk])).content.decode()
    assert 'name="conference"' not in page


def test_a_wrong_address_in_the_admin_is_not_an_error(superuser_client):
    for name in ["conference", "session"]:
        response = superuser_client.get(f"/admin/conferences/{name}/not-a-number/change/")
        assert response.status_code == 302  # Django's "doesn't exist" message, not a server error


def test_an_end_needs_a_start(tashkent):
    session = Session(conference=tashkent, title_en="Closing", kind=Session.Kind.CLOSING, ends_at=at(4, 16))
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert "starts_at" in refused.value.message_dict


def test_an_item_shows_as_overdue_the_day_after_its_due_date_with_no_write(client):
    from unittest import mock

    from django.utils import timezone

    today = timezone.localdate()
    item = ActionItemFactory(title="Due today", due_date=today, status=Status.IN_PROGRESS)
    url = reverse("conferences:actionitem_list")
    assert ">overdue<" not in client.get(url).content.decode()
    assert client.get(url, {"overdue": "1"}).context["paginator"].count == 0
    with mock.patch("django.utils.timezone.localdate", return_value=today + dt.timedelta(days=1)):
        assert ">overdue<" in client.get(url).content.decode()  # the row kept yesterday is not reused
        assert [row.title for row in client.get(url, {"overdue": "1"}).context["filter"].qs] == [item.title]
