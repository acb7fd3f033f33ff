"""Nothing unpublished reaches the public: drafts and scheduled items carry markers that no public
address, export, feed, calendar, sitemap or search may show; once published, they show everywhere."""

import datetime as dt
import io
import re
import zipfile

import pytest
from django.utils import timezone

from conferences.models import ActionItem, Conference, Document, Plan, Publishable, Session, Speech

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    DocumentVersionFactory,
    OrganizationFactory,
    PersonFactory,
    PlanFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
STATES = ["draft", "scheduled"]
# Kinds of record whose drafts carry a marker; sessions and plans are hidden with what they belong to.
MARKED = (Conference, Speech, ActionItem, Document, Session, Plan)


def marker(model, state) -> str:
    return f"Zq{model.__name__}{state.capitalize()}Marker"


@pytest.fixture
def world():
    """Published content, and beside it, linked to it, a draft and a scheduled item of every kind."""
    country = CountryFactory(name="Tajikistan", iso3="TJK")
    theme = ThemeFactory(name="Border security")
    org = OrganizationFactory(name="OSCE secretariat", acronym="OSCE")
    conference = ConferenceFactory(title="Public conference on borders", country=country, summary="Border talks.")
    conference.organizers.set([org])
    conference.countries.set([country])
    conference.themes.set([theme])
    speech = SpeechFactory(conference=conference, title="Public remarks", speaker_organization=org,
                           body="Excellencies,\n\nWe will help secure the borders.")
    speech.themes.set([theme])
    item = ActionItemFactory(speech=speech, title="Public commitment on borders", lead_organization=org)
    item.countries.set([country])
    item.themes.set([theme])
    document = DocumentFactory(title="Public declaration on borders", conference=conference)
    document.countries.set([country])
    document.themes.set([theme])
    DocumentVersionFactory(document=document, language="ru")
    SessionFactory(conference=conference, title="Public opening session")
    plan = PlanFactory(name="Public plan", document=document)
    plan.pillars.set([theme])
    hidden = {}
    for state in STATES:
        m = {model: marker(model, state) for model in (Conference, Speech, ActionItem)}
        c = ConferenceFactory(title=f"{m[Conference]} borders meeting", short_title=m[Conference], country=country,
                              summary=f"{m[Conference]} on borders.", slug=m[Conference].lower(), **{state: True})
        c.organizers.set([org])
        c.countries.set([country])
        c.themes.set([theme])
        # A speech at the published conference, by a speaker who speaks nowhere else.
        s = SpeechFactory(conference=conference, title=f"{m[Speech]} remarks", slug=m[Speech].lower(),
                          speaker=PersonFactory(name=f"{m[Speech]} Speaker"), speaker_organization=org,
                          body=f"Excellencies,\n\n{m[Speech]}: we will help secure the borders.", **{state: True})
        s.themes.set([theme])
        i = ActionItemFactory(speech=speech, title=f"{m[ActionItem]} borders", slug=m[ActionItem].lower(),
                              description=f"{m[ActionItem]} text", excerpt=f"{m[ActionItem]} excerpt",
                              lead_organization=org, **{state: True})
        i.countries.set([country])
        i.themes.set([theme])
        i.partners.set([OrganizationFactory(name=f"{m[ActionItem]} partner")])
        ActionItemUpdateFactory(action_item=i, note=f"{m[ActionItem]} update")
        # A published item whose source speech is the hidden one: it must neither name nor quote it.
        ActionItemFactory(speech=s, title=f"Public item announced in hidden speech {state}", lead_organization=org,
                          excerpt=quoted_from_hidden(state))
        # A document with its file, adopted at the published conference, and an item of the public plan in it.
        m[Document] = marker(Document, state)
        d = DocumentFactory(title=f"{m[Document]} declaration", symbol=f"A/{'99' if state == 'draft' else '98'}/1",
                            summary=f"{m[Document]} on borders.", slug=m[Document].lower(), conference=conference,
                            **{state: True})
        d.countries.set([country])
        d.themes.set([theme])
        DocumentVersionFactory(document=d, language="en")
        i.document = d
        i.plan = plan
        i.save()
        ActionItemFactory(title=f"Public item recorded in hidden document {state}", document=d, plan=plan)
        # The hidden conference's agenda, and a plan whose only items and text are hidden.
        session = SessionFactory(conference=c, title=f"{marker(Session, state)} session",
                                 starts_at=dt.datetime(2022, 3, 3, 6, tzinfo=dt.UTC))
        session.chairs.set([PersonFactory(name=f"{marker(Session, state)} Chair")])
        hidden_plan = PlanFactory(name=f"{marker(Plan, state)} plan", slug=marker(Plan, state).lower(), document=d,
                                  conference=c)
        ActionItemFactory(title=f"{m[ActionItem]} of the hidden plan", plan=hidden_plan, **{state: True})
        hidden.update({(Conference, state): c, (Speech, state): s, (ActionItem, state): i, (Document, state): d,
                       (Plan, state): hidden_plan})
    return {"country": country, "theme": theme, "org": org, "conference": conference, "speech": speech,
            "item": item, "document": document, "plan": plan, "hidden": hidden}


API_LISTS = ["conferences", "speeches", "action-items", "documents", "plans", "sessions", "people", "organizations",
             "countries", "themes"]
# The API's address of each kind of hidden record.
API_DETAIL = {Conference: "conferences", Speech: "speeches", ActionItem: "action-items", Document: "documents",
              Plan: "plans"}


def public_addresses(client, world) -> list[str]:
    """Every public address a reader or a crawler could reach, sitemap sections included."""
    addresses = [
        "/", "/conferences/", "/speeches/", "/action-items/", "/people/", "/organizations/", "/countries/", "/themes/",
        "/data/", "/data/jpoa-open-data.zip", "/ru/data/jpoa-open-data.zip", "/robots.txt", "/feeds/speeches/",
        "/feeds/speeches/atom/", "/conferences.ics", "/sitemap.xml",
        "/conferences/export.csv", "/speeches/export.csv", "/action-items/export.csv",
        "/documents/", "/documents/export.csv", "/plans/", "/feeds/documents/", "/feeds/updates/",
        *(f"{world[key].get_absolute_url()}feed/" for key in ["country", "theme", "org"]),
        f"{world['speech'].speaker.get_absolute_url()}feed/",
        f"/documents/?country={world['country'].slug}", f"/documents/export.csv?theme={world['theme'].slug}",
        f"/action-items/?plan={world['plan'].slug}", f"/action-items/export.csv?plan={world['plan'].slug}&overdue=1",
        f"/conferences/{world['conference'].slug}/agenda.ics", "/search/?q=declaration", "/search/?q=A/99/1",
        f"/action-items/?country={world['country'].slug}", f"/action-items/export.csv?theme={world['theme'].slug}",
        f"/speeches/?organization={world['org'].slug}", f"/conferences/?theme={world['theme'].slug}",
        f"/speeches/export.csv?conference={world['conference'].slug}", "/search/?q=borders", "/search/?q=Zq",
        *(f"{prefix}/api/v1/{name}/?page_size=200" for prefix in ("", "/ru") for name in API_LISTS),
        f"/api/v1/action-items/?plan={world['plan'].slug}", "/api/v1/documents/?q=declaration",
        f"/api/v1/conferences/{world['conference'].slug}/", f"/api/v1/plans/{world['plan'].slug}/",
        f"/api/v1/documents/{world['document'].slug}/", f"/api/v1/speeches/{world['speech'].slug}/",
        *(f"/api/v1/action-items/{obj.slug}/" for obj in ActionItem.objects.published()),
    ]
    for key in ["country", "theme", "org", "conference", "speech", "item", "document", "plan"]:
        addresses.append(world[key].get_absolute_url())
    addresses += [obj.get_absolute_url() for obj in ActionItem.objects.published()]
    addresses += [person.get_absolute_url() for person in world["speech"].speaker.__class__.objects.published()]
    sitemap = client.get("/sitemap.xml").content.decode()
    addresses += [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    return addresses


def body(client, address) -> str:
    """What a reader gets at a public address, which must be there: a page that went missing would hide
    nothing and prove nothing."""
    response = client.get(address)
    assert response.status_code == 200, address
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type") == "application/zip":  # the complete download: every file in it
        archive = zipfile.ZipFile(io.BytesIO(content))
        return "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
    return content.decode("utf-8-sig")


def quoted_from_hidden(state: str) -> str:
    return f"We will help secure the borders, said the {state} speech."


def test_nothing_unpublished_reaches_any_public_address(client, world):
    markers = [marker(model, state).lower() for model in MARKED for state in STATES]
    markers += [quoted_from_hidden(state).lower() for state in STATES]  # a hidden speech's words, quoted
    seen = {}
    for address in public_addresses(client, world):
        text = body(client, address).lower()
        for m in markers:
            assert m not in text, f"{m} leaked at {address}"
        seen[address] = text
    assert len(seen) > 30
    for m in markers[:-len(STATES)]:  # searching for the marker itself finds nothing
        assert "0 results" in body(client, f"/search/?q={m}")
    for obj in world["hidden"].values():
        assert client.get(obj.get_absolute_url()).status_code == 404
        assert client.get(f"/api/v1/{API_DETAIL[type(obj)]}/{obj.slug}/").status_code == 404
        assert client.get(f"/search/?q={obj.slug}").context["total"] == 0
    for state in STATES:  # the hidden documents' files, and the hidden conferences' calendars
        document, conference = world["hidden"][(Document, state)], world["hidden"][(Conference, state)]
        assert client.get(document.versions.get().get_absolute_url()).status_code == 404
        assert client.get(f"/conferences/{conference.slug}/agenda.ics").status_code == 404
    # The public document's file is there (the addresses above were not all 404s).
    assert client.get(world["document"].versions.get().get_absolute_url()).status_code == 200
    # The published item announced in a hidden speech does not link to it.
    announced = ActionItem.objects.get(title_en="Public item announced in hidden speech draft")
    assert world["hidden"][(Speech, "draft")].get_absolute_url() not in body(client, announced.get_absolute_url())


def publish_everything(world):
    past = timezone.now() - dt.timedelta(minutes=1)
    for obj in world["hidden"].values():
        if isinstance(obj, Publishable):  # a plan is public with what belongs to it
            type(obj).objects.filter(pk=obj.pk).update(is_published=True, published_at=past)
    ActionItem.objects.update(is_published=True, published_at=past)


@pytest.mark.parametrize("state", STATES)
def test_once_published_they_appear_everywhere_they_should(client, world, state):
    publish_everything(world)
    conference, speech, item = (world["hidden"][(model, state)] for model in (Conference, Speech, ActionItem))
    c, s, i, d = (marker(model, state) for model in (Conference, Speech, ActionItem, Document))
    assert c in body(client, conference.get_absolute_url())
    assert s in body(client, speech.get_absolute_url())
    assert i in body(client, item.get_absolute_url())
    announced = ActionItem.objects.get(title_en=f"Public item announced in hidden speech {state}")
    assert quoted_from_hidden(state) in body(client, announced.get_absolute_url())  # its speech is public now
    assert c in body(client, "/conferences/") and c in body(client, "/conferences/export.csv")
    assert c in body(client, "/conferences.ics")
    assert s in body(client, "/speeches/") and s in body(client, "/speeches/export.csv")
    assert s in body(client, "/feeds/speeches/")
    assert s in body(client, world["conference"].get_absolute_url())
    assert f"{s} Speaker" in body(client, "/people/")
    assert i in body(client, "/action-items/?page=1&sort=title") and i in body(client, "/action-items/export.csv")
    assert i in body(client, world["org"].get_absolute_url())
    assert i in body(client, f"/api/v1/action-items/{item.slug}/") and d in body(client, "/api/v1/documents/")
    assert marker(Session, state) in body(client, f"/api/v1/conferences/{conference.slug}/")
    for m in (c, s, i, d):
        assert m in body(client, f"/search/?q={m}")
    document = world["hidden"][(Document, state)]
    assert d in body(client, document.get_absolute_url()) and d in body(client, "/documents/export.csv")
    assert d in body(client, "/feeds/documents/") and d in body(client, world["country"].get_absolute_url())
    assert all(m in body(client, "/data/jpoa-open-data.zip") for m in (c, s, i, d, marker(Session, state)))
    assert client.get(document.versions.get().get_absolute_url()).status_code == 200
    assert marker(Session, state) in body(client, conference.get_absolute_url())
    assert marker(Session, state) in body(client, "/conferences.ics")
    assert marker(Plan, state) in body(client, world["hidden"][(Plan, state)].get_absolute_url())
    sitemap = " ".join(body(client, section) for section in ["/sitemap-conference.xml", "/sitemap-speech.xml",
                                                              "/sitemap-actionitem.xml", "/sitemap-document.xml",
                                                              "/sitemap-plan.xml"])
    for obj in (conference, speech, item, document, world["hidden"][(Plan, state)]):
        assert obj.get_absolute_url() in sitemap
