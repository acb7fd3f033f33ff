"""The JSON API: the same records as the list pages for every filter, published records only, its
schema, errors, languages, conditional requests, the throttle and reading from other sites."""

import base64
import datetime as dt
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from conferences.api.throttling import AnonWindowThrottle
from conferences.exports import EXPORTS
from conferences.filters import FILTERSETS, SlugFilter, SortFilter, YearFilter
from conferences.models import ActionItem, ActionItemUpdate, Conference, Document, Plan, Session, Speech

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)
from .pages import links
from .test_exports import list_page_slugs

pytestmark = pytest.mark.django_db

API_LIST = {Conference: "conferences", Speech: "speeches", ActionItem: "action-items", Document: "documents"}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def api_slugs(client, address: str, params: dict, page_size: int = 4) -> list[str]:
    """Every record of an API list, following its cursors a few records at a time; each page says how
    many there are in all."""
    found, counts, response = [], set(), client.get(address, {**params, "page_size": page_size})
    while True:
        assert response.status_code == 200, response.content
        data = response.json()
        found += [record["slug"] for record in data["results"]]
        counts.add((data["count"], data["more"]))
        if data["next"] is None:
            assert counts == {(len(found), False)}, (address, params, counts)
            return found
        assert urlsplit(data["next"]).path == address
        response = client.get(data["next"])


def candidate_values(model, name, flt) -> list[str]:
    """Values of one filter worth trying on the demo content, most likely to select something first."""
    if isinstance(flt, SortFilter):
        return list(flt.orderings)
    if isinstance(flt, SlugFilter):
        related = flt.queryset(None).model
        return list(related.objects.published().values_list("slug", flat=True)[:8])
    if isinstance(flt, YearFilter):
        return ["2022", "2011", "2017"]
    if name == "q":
        return ["border", "terrorism", "A/76/751"]
    if name in ("due_after", "due_before"):
        return ["2025-01-01"]
    return [str(value) for value, _label in flt.extra["choices"]]


def every_filter():
    return [(model, name) for model, filterset in FILTERSETS.items() for name in filterset.base_filters]


@pytest.mark.parametrize("model, name", every_filter(), ids=lambda v: getattr(v, "__name__", v))
def test_api_and_list_page_give_the_same_records_for_each_filter(client, demo, model, name):
    flt = FILTERSETS[model].base_filters[name]
    list_url = reverse(f"conferences:{model._meta.model_name}_list")
    api_url = f"/api/v1/{API_LIST[model]}/"
    tried = []
    for value in candidate_values(model, name, flt):
        expected = list_page_slugs(client, list_url, {name: value})
        assert api_slugs(client, api_url, {name: value}) == expected, (name, value)
        tried.append(len(expected))
        if expected and not isinstance(flt, SortFilter):
            break
    assert any(tried), f"no value of {name} selects anything"


@pytest.mark.parametrize("model", list(API_LIST), ids=lambda model: model.__name__)
def test_in_russian_the_api_lists_records_in_the_russian_lists_order(client, demo, model):
    list_url = "/ru" + reverse(f"conferences:{model._meta.model_name}_list")
    api_url = f"/ru/api/v1/{API_LIST[model]}/"
    for params in ({}, {"sort": "title"}):
        expected = list_page_slugs(client, list_url, params)
        assert expected and api_slugs(client, api_url, params) == expected, params


def test_filters_combine_as_on_the_list_page(client, demo):
    params = {"country": "uzbekistan", "theme": "border-security", "sort": "due", "overdue": "0"}
    expected = list_page_slugs(client, reverse("conferences:actionitem_list"), params)
    assert expected
    assert api_slugs(client, "/api/v1/action-items/", params, page_size=2) == expected


def test_a_filtered_list_page_links_to_the_same_list_as_json(client, demo):
    params = {"country": "uzbekistan", "sort": "due"}
    page = client.get(reverse("conferences:actionitem_list"), params)
    [(address, _text)] = [link for link in links(page) if "/api/v1/" in link[0]]
    assert urlsplit(address).path == "/api/v1/action-items/"
    found = client.get(address).json()["results"]
    assert ([record["slug"] for record in found]
            == list_page_slugs(client, reverse("conferences:actionitem_list"), params))
    russian = client.get("/ru" + reverse("conferences:actionitem_list"), params)
    assert [urlsplit(link[0]).path for link in links(russian) if "/api/v1/" in link[0]] == ["/ru/api/v1/action-items/"]


@pytest.mark.parametrize("language", ["", "/ru"])
def test_hub_lists_hold_what_their_pages_list_in_their_order(client, demo, language):
    for name in ["people", "organizations", "countries", "themes", "plans"]:
        listed = links(client.get(f"{language}/{name}/"), within=("ul", "hub-list"))
        expected = [urlsplit(url).path.strip("/").split("/")[-1] for url, _text in listed]
        assert expected
        assert api_slugs(client, f"{language}/api/v1/{name}/", {}, page_size=3) == expected, name


def test_an_invalid_filter_is_a_400_with_the_reasons(client, demo):
    response = client.get("/api/v1/action-items/", {"status": "nope", "country": "atlantis", "due_after": "someday"})
    assert response.status_code == 400
    errors = response.json()
    # Each says what is wrong and what to give instead: a client has no dropdown to read the values from.
    assert errors["status"] == [
        "“nope” is not a status. Give one of: proposed, planned, in_progress, completed, on_hold, cancelled."]
    assert errors["country"] == [
        "There is no published country “atlantis”. Give the last part of its page's address."]
    assert errors["due_after"] == ["“someday” is not a date: give one as YYYY-MM-DD, e.g. 2025-12-31."]
    russian = client.get("/ru/api/v1/action-items/", {"status": "nope"}).json()
    assert russian["status"] == [
        "«nope» не является статусом. Укажите одно из значений: proposed, planned, in_progress, completed, on_hold, "
        "cancelled."]
    reversed_range = client.get("/api/v1/action-items/", {"due_after": "2026-01-01", "due_before": "2025-01-01"})
    assert (reversed_range.status_code, reversed_range.json()) == (400, {"due_before": [
        "This day is earlier than “Due on or after”: give a later one, or swap the two."]})
    sorts = client.get("/api/v1/action-items/", {"sort": "chaos"}).json()["sort"]
    assert sorts == ["“chaos” is not a way to sort this list. Give one of: title, status, due, -progress."]
    # A filter given twice is refused, not read as its last value.
    twice = client.get("/api/v1/action-items/?status=completed&status=planned")
    assert twice.status_code == 400
    assert twice.json() == {"status": ["Give one value: a list is filtered by one at a time."]}


@pytest.mark.parametrize("params", [{"cursor": "not-a-cursor"}, {"cursor": "eyJhZnRlciI6IFsieCJdfQ=="},
                                    {"cursor": base64.urlsafe_b64encode(b"[" * 3000).decode()},
                                    {"page_size": "0"}, {"page_size": "many"}, {"page_size": "\u00b2"},
                                    {"lang": "de"}])
def test_a_bad_cursor_page_size_or_language_is_a_400_that_says_what_to_do(client, demo, params):
    response = client.get("/api/v1/speeches/", params)
    assert response.status_code == 400
    (name, messages), = response.json().items()
    assert name in params and messages[0]


def test_a_lists_json_link_carries_its_filters_and_nothing_the_api_would_refuse(client, demo):
    page = client.get("/action-items/", {"status": "in_progress", "utm_source": "newsletter", "page": "1"})
    found = re.findall(r'<a class="data-link" href="([^"]+)"', page.content.decode())
    # What the file's columns mean; as JSON, and its items' progress as RSS, which refuse what they do not
    # know.
    assert found == ["/data/#export-action-items", "/api/v1/action-items/?status=in_progress",
                     "/feeds/updates/?status=in_progress"]
    assert 'href="/action-items/export.csv?status=in_progress" download' in page.content.decode()
    assert all(client.get(link).status_code == 200 for link in found)


def test_a_cursor_of_another_order_is_refused_rather_than_misread(client, demo):
    next_url = client.get("/api/v1/action-items/", {"page_size": 2}).json()["next"]
    assert client.get(next_url + "&sort=status").status_code == 400


def test_records_link_what_they_point_at_by_slug_and_public_page(client, demo):
    record = client.get("/api/v1/documents/tashkent-declaration-2022/").json()
    assert record["symbol"] == "A/76/751"
    assert record["url"] == "http://testserver/documents/tashkent-declaration-2022/"
    conference = Conference.objects.get(slug="tashkent-2022")
    assert record["conference"] == {"id": conference.pk, "slug": "tashkent-2022", "name": "Tashkent 2022",
                                    "url": "http://testserver/conferences/tashkent-2022/",
                                    "api_url": "http://testserver/api/v1/conferences/tashkent-2022/"}
    # A link is followed in the API as it reads, and its id is the conference's in the CSV files.
    assert client.get(urlsplit(record["conference"]["api_url"]).path).json()["id"] == conference.pk
    russian_record = client.get("/ru/api/v1/documents/tashkent-declaration-2022/").json()
    assert russian_record["conference"]["api_url"] == "http://testserver/ru/api/v1/conferences/tashkent-2022/"
    russian = next(version for version in record["versions"] if version["language"] == "ru")
    assert russian["download_url"] == "http://testserver/documents/tashkent-declaration-2022/ru/download/"
    assert client.get(urlsplit(russian["download_url"]).path).status_code == 200


def test_a_list_says_how_many_match_and_when_there_are_more_than_it_counts(client, monkeypatch):
    ActionItemFactory.create_batch(4, title="Train border guards")
    first = client.get("/api/v1/action-items/", {"page_size": 2, "q": "border"}).json()
    assert (first["count"], first["more"], len(first["results"])) == (4, False, 2)
    assert client.get(first["next"]).json()["count"] == 4  # on every page
    monkeypatch.setattr("conferences.api.pagination.COUNT_CAP", 3)  # as a list of more than 1,000 is counted
    cache.clear()
    capped = client.get("/api/v1/action-items/").json()
    assert (capped["count"], capped["more"]) == (3, True)


def test_an_action_item_comes_with_its_updates_newest_first(client):
    item = ActionItemFactory(title="Train border guards")
    ActionItemUpdateFactory(action_item=item, date="2023-01-10", status="planned", progress=0, note="Agreed")
    ActionItemUpdateFactory(action_item=item, date="2024-05-02", status="in_progress", progress=40, note="Begun")
    record = client.get(f"/api/v1/action-items/{item.slug}/").json()
    assert [(u["date"], u["progress"], u["note"]) for u in record["updates"]] == [
        ("2024-05-02", 40, "Begun"), ("2023-01-10", 0, "Agreed")]


def test_progress_updates_are_listed_on_their_own_and_since_they_became_public(client):
    """A client that follows the commitments asks for what became public since it last asked: progress
    recorded since then, and progress recorded long ago on an item published since then."""
    long_ago = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    known = ActionItemFactory(title="Train border guards")
    ActionItem.objects.filter(pk=known.pk).update(published_at=long_ago)
    old = ActionItemUpdateFactory(action_item=known, date="2020-12-01", note="Agreed")
    recent = ActionItemUpdateFactory(action_item=known, date="2024-05-02", note="Begun")
    newly_public = ActionItemFactory(title="Share border data")
    late = ActionItemUpdateFactory(action_item=newly_public, date="2020-06-01", note="Planned while a draft")
    ActionItemUpdate.objects.filter(pk__in=[old.pk, late.pk]).update(created_at=long_ago)
    hidden = ActionItemUpdateFactory(action_item=ActionItemFactory(draft=True), note="Not yet public")

    def ids(**params) -> list[int]:
        response = client.get("/api/v1/progress-updates/", params)
        assert response.status_code == 200, response.content
        return [update["id"] for update in response.json()["results"]]

    assert ids() == [recent.pk, old.pk, late.pk]  # newest first by the day each records; no draft's
    assert ids(since="2025-01-01T00:00:00Z") == [recent.pk, late.pk]
    assert ids(since="2025-01-01", action_item=known.slug) == [recent.pk]
    assert ids(sort="date", year="2020") == [late.pk, old.pk]
    uzbekistan = CountryFactory(slug="uzbekistan")
    known.countries.add(uzbekistan)
    assert ids(country="uzbekistan") == [recent.pk, old.pk]
    record = client.get(f"/api/v1/progress-updates/{late.pk}/").json()
    assert record["url"] == f"http://testserver/action-items/{newly_public.slug}/#update-{late.pk}"
    assert record["action_item"]["slug"] == newly_public.slug and record["note"] == "Planned while a draft"
    newly_public.refresh_from_db()
    assert parse_datetime(record["public_since"]) == newly_public.published_at
    # A correction made after it became public shows as a later updated_at, in the list and on the item.
    late.note = "Planned while a draft; corrected"
    late.save()
    corrected = client.get(f"/api/v1/progress-updates/{late.pk}/").json()
    assert parse_datetime(corrected["updated_at"]) > parse_datetime(corrected["public_since"])
    item_record = client.get(f"/api/v1/action-items/{newly_public.slug}/").json()
    assert item_record["updates"][0]["updated_at"] == corrected["updated_at"]
    assert client.get(f"/api/v1/progress-updates/{hidden.pk}/").status_code == 404
    # Words, a moment the database could not hold, or an offset whose + the address turned into a space.
    for moment in ["last week", "0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "2026-11-01T09:00:00 05:00"]:
        refused = client.get("/api/v1/progress-updates/", {"since": moment})
        assert refused.status_code == 400 and refused.json() == {
            "since": ["Give a moment from 1900 to 2100 in ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z."]}, moment
    assert client.get("/api/v1/progress-updates/", {"action_item": hidden.action_item.slug}).status_code == 400


def test_drafts_are_not_found_and_not_named(client):
    draft_speech = SpeechFactory(title="Draft remarks", draft=True)
    item = ActionItemFactory(title="Public item", speech=draft_speech)
    ConferenceFactory(title="Draft meeting", slug="draft-meeting", draft=True)
    assert client.get("/api/v1/conferences/draft-meeting/").status_code == 404
    assert client.get(f"/api/v1/speeches/{draft_speech.slug}/").json() == {
        "detail": "Nothing public has this address."}
    assert client.get(f"/api/v1/action-items/{item.slug}/").json()["speech"] is None
    assert client.get(f"/api/v1/people/{draft_speech.speaker.slug}/").status_code == 404
    assert "draft-meeting" not in client.get("/api/v1/conferences/").content.decode()


def test_both_languages_by_address_or_parameter(client, demo):
    english = client.get("/api/v1/conferences/tashkent-2022/").json()
    russian = client.get("/ru/api/v1/conferences/tashkent-2022/").json()
    assert english["short_title"] == "Tashkent 2022"
    assert russian["short_title"] != english["short_title"]
    assert russian["url"].endswith("/ru/conferences/tashkent-2022/")
    assert client.get("/api/v1/conferences/tashkent-2022/", {"lang": "ru"}).json()["title"] == russian["title"]


def test_answers_carry_an_etag_and_a_304_when_unchanged(client, demo):
    first = client.get("/api/v1/action-items/")
    assert first["Cache-Control"] == "no-cache" and first.has_header("ETag")
    again = client.get("/api/v1/action-items/", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304
    ActionItem.objects.filter(slug=first.json()["results"][0]["slug"]).update(progress=99)
    changed = client.get("/api/v1/action-items/", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200 and changed.json()["results"][0]["progress"] == 99


def test_anonymous_clients_are_throttled_with_a_clear_429(client, demo, monkeypatch):
    monkeypatch.setattr(AnonWindowThrottle, "rate", "3/day", raising=False)  # a window no test run straddles
    cache.clear()  # what the requests of other tests left in the throttle's history
    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/themes/")
    wait = int(refused["Retry-After"])
    assert 0 < wait <= 24 * 3600  # when the day's window ends
    assert refused.json()["detail"] == f"Too many requests from your address: try again in {wait} seconds."
    russian = client.get("/ru/api/v1/themes/").json()["detail"]
    assert russian.startswith("Слишком много запросов с вашего адреса: повторите через ") and "Expected" not in russian
    # Every address of the API says so alike, its first page and the schema too.
    for address in ["/ru/api/v1/", "/ru/api/v1/schema/"]:
        answer = client.get(address, headers={"accept": "application/json"})
        assert answer.status_code == 429 and answer.json()["detail"].startswith("Слишком много запросов"), address


def test_other_sites_may_read_the_data_but_not_the_pages(client, demo):
    origin = {"origin": "https://research.example.org"}
    for address in ["/api/v1/countries/", "/ru/api/v1/countries/", "/action-items/export.csv",
                    "/ru/speeches/export.csv", "/data/jpoa-open-data.zip"]:
        answer = client.get(address, headers=origin)
        assert answer["Access-Control-Allow-Origin"] == "*", address
        assert answer["Access-Control-Expose-Headers"] == "ETag, Retry-After", address  # a script may ask again
    for address in ["/countries/", "/action-items/", "/admin/login/"]:
        assert not client.get(address, headers=origin).has_header("Access-Control-Allow-Origin"), address
    # A browser asks first whether it may send If-None-Match with the ETag it was given.
    preflight = client.options("/api/v1/countries/", headers={**origin, "access-control-request-method": "GET",
                                                               "access-control-request-headers": "if-none-match"})
    assert "if-none-match" in preflight["Access-Control-Allow-Headers"]


def test_a_page_costs_the_same_queries_however_many_records_it_holds(client):
    def queries(count):
        country, theme, partner = CountryFactory(), ThemeFactory(), OrganizationFactory()
        for _ in range(count):
            item = ActionItemFactory()
            item.countries.add(country)
            item.themes.add(theme)
            item.partners.add(partner)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/action-items/", {"page_size": 100}).status_code == 200
        return len(captured)

    assert queries(2) == queries(30)


def test_sessions_cost_the_same_queries_however_many_themes_they_name(client):
    def queries(count):
        cache.clear()  # as after any change to the content, when nothing is kept yet
        conference = ConferenceFactory()
        for _ in range(count):
            theme = ThemeFactory()
            ActionItemFactory().themes.add(theme)  # something public names it: it is public
            SessionFactory(conference=conference).themes.add(theme)
        with CaptureQueriesContext(connection) as captured:
            sessions = client.get("/api/v1/sessions/", {"page_size": 100}).json()["results"]
        assert sum(len(session["themes"]) for session in sessions) == len(sessions)
        return len(captured)

    assert queries(2) == queries(6)


def test_the_schema_is_valid_openapi_3_and_documents_every_list_and_filter(client):
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)  # raises on anything OpenAPI 3.0 does not allow
    assert schema["openapi"].startswith("3.0")
    parameters = {p["name"] for p in schema["paths"]["/api/v1/action-items/"]["get"]["parameters"]}
    assert set(FILTERSETS[ActionItem].base_filters) | {"cursor", "page_size", "lang"} <= parameters
    lists = ["conferences", "speeches", "action-items", "progress-updates", "documents", "plans", "sessions",
             "people", "organizations", "countries", "themes"]
    for name in lists:
        assert f"/api/v1/{name}/" in schema["paths"]
    # Those lists and their records only: no catch-all address, nothing but reading.
    assert {path.split("/")[3] for path in schema["paths"]} == set(lists)
    assert {method for item in schema["paths"].values() for method in item} == {"get"}
    served = client.get("/api/v1/schema/")
    assert served.status_code == 200 and b"openapi: 3.0" in served.content
    # Written for a reader of the data, not for an editor filling in the admin's forms.
    described = {p["name"]: p["description"] for p in schema["paths"]["/api/v1/action-items/"]["get"]["parameters"]}
    assert described["country"] == "Country, by the last part of its page's address, e.g. uzbekistan."
    fields = schema["components"]["schemas"]["ActionItem"]["properties"]
    assert fields["published_at"]["description"] == "When it was published, in ISO 8601 with its offset from UTC."
    assert "Left empty" not in str(schema)
    # Every field of every record says what it means, as the CSV column of the same field does.
    unexplained = [f"{name}.{field}" for name, component in schema["components"]["schemas"].items()
                   for field, property_ in component.get("properties", {}).items() if not property_.get("description")]
    assert unexplained == [], unexplained
    assert fields["title"]["description"] == str(EXPORTS[ActionItem].columns[0].description)
    # And every filter, beyond repeating its name: a year of what, which status, which time zone.
    vague = [f"{path} {p['name']}" for path, item in schema["paths"].items() for p in item["get"].get("parameters", [])
             if p.get("description", "").rstrip(".").lower() in ("", p["name"])]
    assert vague == [], vague
    updates = {p["name"]: p["description"] for p in schema["paths"]["/api/v1/progress-updates/"]["get"]["parameters"]}
    assert "whatever the action item's status is now" in updates["status"]
    assert "in the site's time zone (UTC)" in updates["since"]


def as_json_schema(node):
    """OpenAPI 3.0's schema objects as JSON Schema: `nullable` becomes a null alternative."""
    if isinstance(node, list):
        return [as_json_schema(child) for child in node]
    if not isinstance(node, dict):
        return node
    node = {key: as_json_schema(value) for key, value in node.items()}
    return {"anyOf": [node, {"type": "null"}]} if node.pop("nullable", False) else node


def test_every_answer_is_what_the_schema_says_empty_values_too(client, demo):
    from jsonschema import Draft202012Validator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = as_json_schema({"components": schema["components"]})

    def check(path: str, answer) -> None:
        declared = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        errors = Draft202012Validator({**components, **as_json_schema(declared)}).iter_errors(answer)
        assert not [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in errors], path

    for name in ["conferences", "speeches", "action-items", "progress-updates", "documents", "plans", "sessions",
                 "people", "organizations", "countries", "themes"]:
        answer = client.get(f"/api/v1/{name}/", {"page_size": 100}).json()
        check(f"/api/v1/{name}/", answer)
        key = "id" if name in ("sessions", "progress-updates") else "slug"
        for record in answer["results"]:
            check(f"/api/v1/{name}/{{{key}}}/", client.get(f"/api/v1/{name}/{record[key]}/").json())


def test_the_reference_page_lists_every_address_with_its_parameters_and_fields_in_either_language(client):
    for prefix, heading, field, overdue in [
            ("", "API reference", "Countries it concerns.", "<code>1</code>: Overdue only"),
            # In a Russian sentence a label after a colon is in lower case, as «en: английский».
            ("/ru", "Справочник API", "Страны, которых касается обязательство.",
             "<code>1</code>: только просроченные")]:
        page = client.get(f"{prefix}/api/v1/docs/").content.decode()
        assert f"<h1>{heading}</h1>" in page and "<script>" not in page  # no script of its own
        for path in ["/api/v1/action-items/", "/api/v1/action-items/{slug}/", "/api/v1/themes/"]:
            assert f"<code>GET {prefix}{path}</code>" in page  # the addresses that answer in the page's language
        # The filters of a list, with the values they take, and each field of its records (read without
        # the marks that let a phone break a name after an underscore).
        names = re.sub(r'<span class="whole">|</span><wbr>|</span>', "", page).replace('<code class="whole">', "<code>")
        assert re.search(r"<code>overdue</code></th>\s*<td><code>string</code>: <code>0</code>, <code>1</code>", names)
        assert re.search(r"<code>countries</code></th>\s*<td><code>\[link\]</code></td>\s*<td>" + field, names)
        assert f'<a href="{prefix}/api/v1/schema/">' in page
        # What each choice means, in a sentence: not the schema's Markdown list.
        assert overdue in page and "* <code>" not in page
        assert "A unique integer value" not in page  # the framework's own words, English on the Russian page


def test_plans_and_sessions_are_public_with_what_holds_them(client, demo):
    plan = client.get("/api/v1/plans/jpoa-2022/").json()
    assert plan["conference"]["slug"] == "tashkent-2022" and plan["pillars"]
    sessions = client.get("/api/v1/sessions/", {"page_size": 200}).json()["results"]
    assert sessions and {s["conference"]["slug"] for s in sessions} <= set(
        Conference.objects.published().values_list("slug", flat=True))
    # When each last changed, as its row in sessions.csv says, so that a client knows what to fetch again.
    session = Session.objects.get(pk=sessions[0]["id"])
    assert parse_datetime(sessions[0]["updated_at"]) == session.updated_at
    assert Plan.objects.count() == len(client.get("/api/v1/plans/").json()["results"])


def test_answers_are_kept_like_pages_until_the_content_changes(client, demo):
    with override_settings(PAGE_CACHE_SECONDS=600):
        cache.clear()
        client.get("/api/v1/action-items/", {"country": "uzbekistan"})
        with CaptureQueriesContext(connection) as kept:
            again = client.get("/api/v1/action-items/", {"country": "uzbekistan"}).json()
        assert len(kept) == 1  # the content version only
        first = again["results"][0]
        ActionItem.objects.filter(slug=first["slug"]).update(progress=77)
        assert client.get("/api/v1/action-items/", {"country": "uzbekistan"}).json()["results"][0]["progress"] == 77
    cache.clear()


def test_kept_answers_keep_their_language_and_etag_and_still_count_against_the_throttle(client, demo, monkeypatch):
    monkeypatch.setattr(AnonWindowThrottle, "rate", "4/day", raising=False)
    with override_settings(PAGE_CACHE_SECONDS=600):
        cache.clear()
        english = client.get("/api/v1/themes/").json()
        answers = [client.get("/api/v1/themes/", {"lang": "ru"}) for _ in range(4)]
    cache.clear()
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    first, kept = answers[0], answers[1]
    assert kept.content == first.content and kept["ETag"] == first["ETag"]
    assert kept.json()["results"][0]["name"] != english["results"][0]["name"]  # Russian, as asked
    assert kept["Cache-Control"] == "no-cache"


def test_a_kept_answer_is_refused_as_the_first_was_to_a_client_that_takes_no_json(client, demo):
    with override_settings(PAGE_CACHE_SECONDS=600):
        cache.clear()
        statuses = [client.get("/api/v1/themes/", headers={"accept": "text/html"}).status_code,
                    client.get("/api/v1/themes/").status_code,
                    client.get("/api/v1/themes/", headers={"accept": "text/html"}).status_code]
    cache.clear()
    assert statuses == [406, 200, 406]


def test_a_kept_answer_is_refused_to_a_client_asking_for_a_kind_of_json_the_api_does_not_render(client, demo):
    with override_settings(PAGE_CACHE_SECONDS=600):
        cache.clear()
        jsonapi = {"accept": "application/vnd.api+json"}
        statuses = [client.get("/api/v1/themes/", headers=jsonapi).status_code,
                    client.get("/api/v1/themes/").status_code,
                    client.get("/api/v1/themes/", headers=jsonapi).status_code,
                    client.get("/api/v1/themes/", headers={"accept": "text/html, application/json;q=0.9"}).status_code]
    cache.clear()
    assert statuses == [406, 200, 406, 200]


@pytest.mark.parametrize("position", [
    {"after": [None, None, None], "order": ["-start_date", "title_en", "pk"]},
    {"after": ["2022-03-03", "a\u0000", 1], "order": ["-start_date", "title_en", "pk"]},
    {"after": ["2022-03-03", "\ud800", 1], "order": ["-start_date", "title_en", "pk"]},  # no character at all
    {"after": ["not a date", "x", 1], "order": ["-start_date", "title_en", "pk"]},
    {"offset": 10 ** 30},
    {"offset": 3, "last": "1"},
    {"after": ["2022-03-03", "x", 10 ** 30], "order": ["-start_date", "title_en", "pk"]},
    {"after": ["2022-03-03", "x", float("inf")], "order": ["-start_date", "title_en", "pk"]},
    {"after": ["2022-03-03", ["x"], 1], "order": ["-start_date", "title_en", "pk"]},  # was read as the text "['x']"
    {"after": ["2022-03-03", "x", True], "order": ["-start_date", "title_en", "pk"]},  # was read as 1
    ["a list"],
])
def test_a_cursor_made_by_hand_is_a_400_not_an_error(client, demo, position):
    from conferences.api.pagination import encode_cursor

    response = client.get("/api/v1/conferences/", {"cursor": encode_cursor(position)})
    assert response.status_code == 400 and "cursor" in response.json()


def test_a_cursor_is_read_only_as_the_api_wrote_it(client, demo):
    from conferences.api.pagination import encode_cursor

    next_url = client.get("/api/v1/action-items/", {"page_size": 2, "sort": "status"}).json()["next"]
    cursor = parse_qs(urlsplit(next_url).query)["cursor"][0]
    assert client.get("/api/v1/action-items/", {"page_size": 2, "sort": "status", "cursor": cursor}).status_code == 200
    # Characters outside its alphabet were dropped, and `true` read as the offset 1.
    position = json.loads(base64.urlsafe_b64decode(cursor))
    for forged in [cursor + "!", cursor + "*", encode_cursor({**position, "offset": True})]:
        response = client.get("/api/v1/action-items/", {"page_size": 2, "sort": "status", "cursor": forged})
        assert response.status_code == 400 and "cursor" in response.json()


def test_a_walk_in_an_order_of_offsets_is_stopped_rather_than_skip_a_record_when_the_list_shifts(client, demo):
    def walk_first_page():
        first = client.get("/api/v1/action-items/", {"page_size": 3, "sort": "due"}).json()
        return [record["slug"] for record in first["results"]], first["next"]

    seen, next_url = walk_first_page()
    # Unpublishing a record after where the page ended shifts nothing the walk has passed.
    unseen = list_page_slugs(client, reverse("conferences:actionitem_list"), {"sort": "due"})[5]
    ActionItem.objects.filter(slug=unseen).update(is_published=False)
    assert client.get(next_url).status_code == 200
    # Unpublishing one the walk has seen moves every later record up one: the next page would skip one.
    seen, next_url = walk_first_page()
    ActionItem.objects.filter(slug=seen[0]).update(is_published=False)
    refused = client.get(next_url)
    assert refused.status_code == 400
    assert refused.json()["cursor"][0].startswith("The list has changed since this cursor was made")


@pytest.mark.parametrize("twice", ["cursor", "page_size", "lang"])
def test_a_paging_or_language_parameter_given_twice_is_refused_not_read_as_its_last(client, demo, twice):
    next_url = client.get("/api/v1/conferences/", {"page_size": 1}).json()["next"]
    given = {"cursor": parse_qs(urlsplit(next_url).query)["cursor"][0], "page_size": "1", "lang": "ru"}
    response = client.get("/api/v1/conferences/", {**given, twice: [given[twice], given[twice]]})
    assert response.status_code == 400
    assert response.json() == {twice: ["Give this parameter once."]}


@pytest.mark.parametrize("params", [{"lang": "xx"}, {"version": "2"}, {"lang": ["en", "ru"]}, {"format": "xml"}])
def test_the_schema_refuses_what_it_does_not_take_as_the_lists_do(client, params):
    response = client.get("/api/v1/schema/", params)
    assert response.status_code == 400 and list(response.json()) == list(params)


def test_options_names_an_address_in_the_readers_language(client, demo):
    assert client.options("/ru/api/v1/conferences/").json()["name"] == "Конференции"
    assert client.options("/api/v1/conferences/tashkent-2022/").json()["name"] == "Conference"
    assert client.options("/api/v1/conferences/").json()["description"] == ""
    assert client.options("/ru/api/v1/").json()["name"] == "API открытых данных СПД"
    schema = client.options("/ru/api/v1/schema/", headers={"accept": "application/json"})
    assert schema.json()["name"] == "Схема OpenAPI"
    # No address describes itself with its code's comments, which are English.
    assert client.options("/ru/api/v1/").json()["description"] == schema.json()["description"] == ""


def test_a_cursor_of_the_reverse_order_is_refused(client, demo):
    next_url = client.get("/api/v1/conferences/", {"page_size": 2}).json()["next"]
    assert client.get(next_url + "&sort=date").status_code == 400  # the same columns, the other way round


def test_a_forged_forwarded_address_does_not_escape_the_throttle(client, demo, monkeypatch):
    monkeypatch.setattr(AnonWindowThrottle, "rate", "2/day", raising=False)
    cache.clear()
    statuses = [client.get("/api/v1/themes/", headers={"x-forwarded-for": f"10.0.0.{n}"}).status_code
                for n in range(4)]
    assert statuses == [200, 200, 429, 429]
    cache.clear()


@override_settings(BEHIND_PROXY=True, PROXY_COUNT=2)
def test_behind_the_sites_proxies_each_client_has_its_own_allowance(client, demo, monkeypatch):
    monkeypatch.setattr(AnonWindowThrottle, "rate", "2/day", raising=False)
    cache.clear()

    def status(forged: str, real: str) -> int:  # the outer proxy appends the client, the inner the outer proxy
        return client.get("/api/v1/themes/", headers={"x-forwarded-for": f"{forged}, {real}, 10.0.0.1"}).status_code

    assert [status(f"192.0.2.{n}", "203.0.113.5") for n in range(3)] == [200, 200, 429]
    assert status("192.0.2.9", "203.0.113.6") == 200
    cache.clear()


def test_a_misspelt_or_unknown_parameter_is_a_400_that_names_what_is_taken(client, demo):
    response = client.get("/api/v1/action-items/", {"contry": "uzbekistan"})
    assert response.status_code == 400
    [message] = response.json()["contry"]
    assert "“contry” is not a parameter here" in message and "country" in message
    assert client.get("/api/v1/conferences/tashkent-2022/", {"sort": "date"}).status_code == 400


def test_the_first_page_lists_every_list_and_points_to_the_reference_and_schema(client):
    root = client.get("/api/v1/").json()
    assert root["docs"] == "http://testserver/api/v1/docs/" and root["schema"] == "http://testserver/api/v1/schema/"
    assert root["action-items"] == "http://testserver/api/v1/action-items/"
    # Asked for in Russian, it leads to the Russian lists, as the lists' own ?lang= does.
    assert client.get("/api/v1/", {"lang": "ru"}).json()["action-items"] == "http://testserver/ru/api/v1/action-items/"
    assert client.get("/api/v1/", {"lang": "de"}).status_code == 400
    assert "“x” is not a parameter here" in client.get("/api/v1/", {"x": "1"}).json()["x"][0]


def test_an_address_the_api_does_not_have_answers_in_json(client):
    for address, detail in [("/api/v1/nope/", "There is no such address in this API"),
                            ("/api/v1/action-items/x/y/", "There is no such address in this API"),
                            ("/ru/api/v1/nope/", "В этом API нет такого адреса")]:
        response = client.get(address)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", address
        assert response.json()["detail"].startswith(detail)
    assert client.get("/api/v1/countries")["Location"] == "/api/v1/countries/"  # still led to the list
    for method in (client.post, client.put, client.delete, client.options):
        assert method("/api/v1/nope/").status_code == 404

