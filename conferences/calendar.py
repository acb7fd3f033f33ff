"""Published conferences as iCalendar files, for calendar applications: all of them, each with
its agenda's sessions, in one file, and one conference's agenda on its own."""

import datetime as dt
from urllib.parse import urlsplit

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from . import visibility
from .models import Conference, Session


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//JPoA Central Asia//Conferences//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    return calendar


def place(conference: Conference) -> str:
    return ", ".join(part for part in [conference.city, str(conference.country or "")] if part)


def uid(kind: str, key: int, request: HttpRequest) -> str:
    """An event's lasting, world-unique name: its record's, at the site's host without its port (an IPv6
    address whole: it holds colons of its own)."""
    return f"{kind}-{key}@{urlsplit('//' + request.get_host()).hostname}"


def conference_event(conference: Conference, request: HttpRequest) -> Event:
    event = Event()
    event.add("uid", uid("conference", conference.pk, request))
    event.add("dtstamp", conference.updated_at.astimezone(dt.UTC))
    event.add("summary", conference.display_name)
    event.add("dtstart", conference.start_date)
    # All-day events end on the day after the last day (RFC 5545).
    event.add("dtend", (conference.end_date or conference.start_date) + dt.timedelta(days=1))
    if where := place(conference):
        event.add("location", where)
    # The full title, where the summary does not already give it.
    title = conference.title if conference.title != conference.display_name else ""
    event.add("description", "\n\n".join(part for part in [title, conference.summary] if part))
    event.add("url", request.build_absolute_uri(conference.get_absolute_url()))
    return event


def session_event(session: Session, request: HttpRequest) -> Event | None:
    """A session with a start time as an event of its own; without one it is not on any calendar."""
    if session.starts_at is None:
        return None
    conference = session.conference
    event = Event()
    event.add("uid", uid("session", session.pk, request))
    event.add("dtstamp", session.updated_at.astimezone(dt.UTC))
    event.add("summary", f"{session.title} ({conference.display_name})")
    event.add("dtstart", session.starts_at.astimezone(dt.UTC))
    if session.ends_at:
        event.add("dtend", session.ends_at.astimezone(dt.UTC))
    event.add("location", ", ".join(part for part in [session.room, place(conference)] if part))
    chairs = [person.full_name for person in session.chairs.all()]
    if chairs:
        event.add("description", f"{session.chairs_heading} {'; '.join(chairs)}")
    event.add("url", request.build_absolute_uri(conference.get_absolute_url()) + "#" + session.anchor)
    return event


def add_with_sessions(calendar: Calendar, conference: Conference, request: HttpRequest) -> None:
    calendar.add_component(conference_event(conference, request))
    for session in conference.sessions.all():
        event = session_event(session, request)
        if event is not None:
            calendar.add_component(event)


def ics_response(calendar: Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def published_conferences():
    return Conference.objects.published().select_related("country").prefetch_related("sessions__chairs")


@require_safe
def conferences_ics(request: HttpRequest) -> HttpResponse:
    calendar = new_calendar(gettext("JPoA Central Asia conferences"))
    for conference in published_conferences().order_by("start_date", "pk").iterator(chunk_size=2000):
        add_with_sessions(calendar, conference, request)
    return ics_response(calendar, "jpoa-conferences.ics")


@require_safe
def conference_ics(request: HttpRequest, slug: str) -> HttpResponse:
    conference = published_conferences().filter(slug=slug).first()
    if conference is None:
        raise Http404(visibility.NOT_PUBLIC)
    calendar = new_calendar(conference.display_name)
    add_with_sessions(calendar, conference, request)
    return ics_response(calendar, f"{conference.slug}.ics")
