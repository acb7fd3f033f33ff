"""Prepared queries: the same objects as the ORM's, from SQL built once."""

import datetime as dt
from functools import partial
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conferences.models import ActionItem, Country, Organization
from conferences.prepared import PreparedQuery
from conferences.views import ActionItemDetailView, SpeechDetailView, related_list

from .factories import ActionItemFactory, ActionItemUpdateFactory, CountryFactory, OrganizationFactory, SpeechFactory

pytestmark = pytest.mark.django_db

RELATED = ("speech__conference", "speech__speaker", "conference", "lead_organization")


def fields(obj) -> dict:
    """Each column's value and its type: 1 from a database is not the True the ORM gives."""
    return {field.attname: (type(value := getattr(obj, field.attname)), value) for field in obj._meta.concrete_fields}


def item_query():
    return PreparedQuery(lambda slug: ActionItem.objects.published().filter(slug=slug), RELATED)


def test_an_object_and_its_related_objects_are_those_the_orm_reads():
    item = ActionItemFactory(due_date=dt.date(2027, 5, 1))
    [prepared] = item_query()(item.slug)
    orm = ActionItem.objects.select_related(*RELATED).get(pk=item.pk)
    with CaptureQueriesContext(connection) as queries:
        assert fields(prepared) == fields(orm)
        for path in ("speech", "speech.conference", "speech.speaker", "conference", "lead_organization"):
            prepared_part, orm_part = prepared, orm
            for name in path.split("."):
                prepared_part, orm_part = getattr(prepared_part, name), getattr(orm_part, name)
            assert fields(prepared_part) == fields(orm_part), path
    assert len(queries) == 0, "related objects came with the object"
    # Dates and times are converted as the ORM converts them, on every database.
    assert prepared.due_date == dt.date(2027, 5, 1)
    assert prepared.published_at == orm.published_at and prepared.published_at.tzinfo is not None
    assert prepared._state.adding is False


def test_missing_related_objects_are_none_and_cost_no_query():
    item = ActionItemFactory(speech=None, conference=None, lead_organization=None)
    [prepared] = item_query()(item.slug)
    with CaptureQueriesContext(connection) as queries:
        assert prepared.speech is None and prepared.conference is None and prepared.lead_organization is None
    assert len(queries) == 0


def test_a_value_it_does_not_find_gives_nothing():
    ActionItemFactory()
    assert item_query()("no-such-commitment") == []
    assert item_query()(ActionItemFactory(draft=True).slug) == []


def test_the_sql_is_built_once_and_the_databases_clock_decides_what_is_public():
    query = item_query()
    scheduled, live = ActionItemFactory(scheduled=True), ActionItemFactory()
    # Built while Python's clock says 2000: SQL that held Python's time would find nothing published since.
    with mock.patch("django.utils.timezone.now", return_value=dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)):
        assert [obj.pk for obj in query(live.slug)] == [live.pk]
    assert query(scheduled.slug) == []
    ActionItem.objects.filter(pk=scheduled.pk).update(published_at=timezone.now() - dt.timedelta(seconds=1))
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql) as building:
        assert [obj.pk for obj in query(scheduled.slug)] == [scheduled.pk]
        assert [obj.pk for obj in query(live.slug)] == [live.pk]
    assert building.call_count == 0


def test_lists_keep_their_order_and_the_public_ones_only():
    speech = SpeechFactory()
    first = ActionItemFactory(speech=speech, title="Zeta")
    ActionItemFactory(speech=speech, draft=True)
    last = ActionItemFactory(speech=speech, title="Alpha")
    assert [item.pk for item in SpeechDetailView.announced(speech.pk)] == [first.pk, last.pk]

    item = ActionItemFactory()
    item.partners.add(OrganizationFactory(name="Beta"), OrganizationFactory(name="Alpha"))
    item.countries.add(CountryFactory())
    ActionItemUpdateFactory(action_item=item)
    lists = {name: query(item.pk) for name, query in ActionItemDetailView.list_queries.items()}
    assert [org.name for org in lists["partners"]] == ["Alpha", "Beta"]
    assert len(lists["countries"]) == 1 and lists["themes"] == [] and len(lists["updates"]) == 1


def test_queries_it_cannot_prepare_are_refused():
    with pytest.raises(ValueError, match="must filter on its value"):
        PreparedQuery(lambda slug: Organization.objects.all())("anything")
    with pytest.raises(ValueError, match="must filter on its value as it is"):  # the value becomes "value%"
        PreparedQuery(lambda slug: Organization.objects.filter(slug__startswith=slug))("anything")
    with pytest.raises(ValueError, match="only foreign keys"):
        PreparedQuery(lambda slug: ActionItem.objects.filter(slug=slug), ["partners"])("anything")


def test_a_list_of_hubs_needs_the_hub_to_count_the_relation_as_public(monkeypatch):
    """Hubs listed on a public page skip published() only because that page makes them public."""
    item = ActionItemFactory()
    item.countries.add(CountryFactory())
    monkeypatch.setattr(Country, "public_relations", ("conferences_hosted", "conferences_attended"))
    with pytest.raises(ImproperlyConfigured, match="Country.public_relations leaves out ActionItem.countries"):
        PreparedQuery(partial(related_list, ActionItem, "countries"))(item.pk)


def test_an_organisations_page_lists_only_its_public_people(client):
    organization = OrganizationFactory()
    speaking = SpeechFactory(speaker__name="Public Speaker", speaker__organization=organization).speaker
    SpeechFactory(draft=True, speaker__name="Draft-only Speaker", speaker__organization=organization)
    page = client.get(organization.get_absolute_url())
    assert [person.pk for person in page.context["people"]] == [speaking.pk]
    assert "Draft-only Speaker" not in page.content.decode()
