"""Published conferences as an iCalendar file, for calendar applications."""

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from .models import Conference


@require_safe
def conferences_ics(request: HttpRequest) -> HttpResponse:
    calendar = Calendar()
    calendar.add("prodid", "-//JPoA Central Asia//Conferences//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", gettext("JPoA Central Asia conferences"))
    host = request.get_host().split(":")[0]
    conferences = Conference.objects.published().select_related("country").order_by("start_date", "pk")
    for conference in conferences.iterator(chunk_size=2000):
        event = Event()
        event.add("uid", f"conference-{conference.pk}@{host}")
        event.add("dtstamp", conference.updated_at.astimezone(dt.timezone.utc))
        event.add("summary", conference.display_name)
        event.add("dtstart", conference.start_date)
        # All-day events end on the day after the last day (RFC 5545).
        event.add("dtend", (conference.end_date or conference.start_date) + dt.timedelta(days=1))
        place = ", ".join(part for part in [conference.city, str(conference.country or "")] if part)
        if place:
            event.add("location", place)
        # The full title, where the summary does not already give it.
        title = conference.title if conference.title != conference.display_name else ""
        event.add("description", "\n\n".join(part for part in [title, conference.summary] if part))
        event.add("url", request.build_absolute_uri(conference.get_absolute_url()))
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="jpoa-conferences.ics"'
    return response
