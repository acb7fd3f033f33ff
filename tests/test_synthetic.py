import pytest
from django.core.management import call_command
from django.db.models import OuterRef, Subquery

from conferences.models import ActionItem, ActionItemUpdate, Conference, Speech

pytestmark = pytest.mark.django_db


def test_generate_data_writes_consistent_linked_content(capsys):
    call_command("generate_data", "--scale", "0.01")
    assert "Added" in capsys.readouterr().out
    assert Conference.objects.count() == 20
    assert Speech.objects.count() == 200
    assert ActionItem.objects.count() == 1000
    # Everything is marked as synthetic.
    assert not Conference.objects.exclude(title_en__startswith="Synthetic").exists()
    assert not ActionItem.objects.exclude(slug__startswith="syn-").exists()
    # An action item's conference is its speech's.
    assert not ActionItem.objects.exclude(conference=Subquery(
        Speech.objects.filter(pk=OuterRef("speech")).values("conference"))).exists()
    # Status and progress are those of the newest update, where there are updates.
    newest = ActionItemUpdate.objects.filter(action_item=OuterRef("pk")).order_by("-date", "-pk")
    with_updates = ActionItem.objects.filter(updates__isnull=False).distinct().annotate(
        newest_status=Subquery(newest.values("status")[:1]), newest_progress=Subquery(newest.values("progress")[:1]))
    assert with_updates.exists()
    assert all((i.status, i.progress) == (i.newest_status, i.newest_progress) for i in with_updates)
    # Published, draft and scheduled content, all of it linked.
    states = {item.publication_state for item in ActionItem.objects.all()}
    assert states == {"live", "draft", "scheduled"}
    assert ActionItem.objects.published().filter(countries__isnull=False, themes__isnull=False).exists()
    # Each action item is announced in its speech, so the speech's page marks it where it was said.
    assert all(item.speech.paragraph_number(item.excerpt) for item in ActionItem.objects.select_related("speech")[:200])


def test_a_generated_speech_marks_the_commitments_it_announced(client):
    call_command("generate_data", "--scale", "0.005")
    speech = Speech.objects.published().filter(action_items__in=ActionItem.objects.published()).first()
    page = client.get(speech.get_absolute_url()).content.decode()
    for item in ActionItem.objects.published().filter(speech=speech):
        assert f'<mark class="commitment"><a href="{item.get_absolute_url()}"' in page


def test_generate_data_twice_adds_more_with_fresh_ids():
    call_command("generate_data", "--scale", "0.005")
    call_command("generate_data", "--scale", "0.005", "--seed", "2")
    assert ActionItem.objects.count() == 1000
    assert Speech.objects.count() == 200


def test_generated_content_exports_and_shows(client):
    call_command("generate_data", "--scale", "0.005")
    response = client.get("/action-items/export.csv")
    rows = b"".join(response.streaming_content).decode("utf-8-sig").count("syn-action-item-")
    assert rows == ActionItem.objects.published().count()
    assert client.get("/action-items/?page=3").status_code == 200
    assert client.get(ActionItem.objects.published().first().get_absolute_url()).status_code == 200


def test_every_page_runs_the_same_queries_when_the_content_grows(client, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conferences.models import Country, Document, Organization, Person, Plan, Theme

    def pages():
        conference = Conference.objects.published().order_by("pk").first()
        speech = Speech.objects.published().order_by("pk").first()
        item = ActionItem.objects.published().order_by("pk").first()
        hubs = [model.objects.published().order_by("pk").first() for model in (Person, Organization, Country, Theme)]
        document = Document.objects.published().order_by("pk").first()
        plan = Plan.objects.published().order_by("pk").first()
        return ["/", "/conferences/", "/speeches/", "/action-items/", "/action-items/?page=3",
                "/documents/", "/documents/?language=ru", "/plans/", "/feeds/documents/",
                f"/action-items/?plan={plan.slug}&overdue=1", document.get_absolute_url(), plan.get_absolute_url(),
                f"/conferences/{Conference.objects.published().order_by('pk').first().slug}/agenda.ics",
                "/action-items/?status=in_progress&country=kazakhstan", "/people/", "/organizations/",
                "/countries/", "/themes/", "/search/?q=synthetic", "/feeds/speeches/", "/conferences.ics",
                "/sitemap.xml", conference.get_absolute_url(), speech.get_absolute_url(),
                item.get_absolute_url(), *(hub.get_absolute_url() for hub in hubs)]

    def counts():
        """Each page's queries with nothing cached, then with its figures and rows cached."""
        found = {}
        for url in pages():
            cache.clear()
            found[url] = []
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200, url
                found[url].append(len(queries))
        return found

    # Enough to begin with that every section of these pages has rows (an empty one reads no rows):
    # then the queries must stay the same however many rows there are.
    call_command("generate_data", "--scale", "0.02")
    before = counts()
    call_command("generate_data", "--scale", "0.02", "--seed", "2")
    assert counts() == before
