"""Every change is recorded, who made it and what it was; earlier versions and deleted items come back."""

import datetime as dt
import html
import json
import re
from importlib import import_module

import pytest
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import DatabaseError, connection
from django.urls import reverse
from reversion.models import Version

from conferences.models import ActionItem, ActionItemUpdate

from .admin_forms import form_data
from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    CountryFactory,
    OrganizationFactory,
    SpeechFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(client):
    user = get_user_model().objects.create_user("aigerim", password="x", is_staff=True, first_name="Aigerim")
    user.groups.add(Group.objects.get(name="Publishers"))
    client.force_login(user)
    return user


def change(client, obj, **fields):
    url = reverse(f"admin:conferences_{obj._meta.model_name}_change", args=[obj.pk])
    data = form_data(client.get(url), obj._meta.model_name)
    data.update({name: value if isinstance(value, list) else [value] for name, value in fields.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def test_a_save_that_changes_nothing_is_recorded_as_no_change(client, publisher):
    # A line break at its end, as text loaded from a file often has: the form trims it.
    speech = SpeechFactory(body="First paragraph.\n\nSecond paragraph.\n")
    ActionItemFactory(speech=speech, excerpt="One line,\nand another.")
    change(client, speech)  # as a browser sends the form: the text areas' lines end in CRLF
    entry = LogEntry.objects.filter(object_id=str(speech.pk), content_type__model="speech").latest("pk")
    assert entry.get_change_message() == "No fields changed."
    assert speech.body == "First paragraph.\n\nSecond paragraph."
    change(client, speech, title_en="Closing remarks")
    entry = LogEntry.objects.filter(object_id=str(speech.pk), content_type__model="speech").latest("pk")
    assert entry.get_change_message() == "Changed Title [en]."


def test_each_save_is_recorded_with_who_and_what(client, publisher):
    item = ActionItemFactory(title="Secure the borders")
    change(client, item, title_en="Secure and manage the borders")
    [version] = Version.objects.get_for_object(item)
    assert version.revision.user == publisher
    assert version.revision.get_comment() == "Changed Title [en]."
    history = client.get(reverse("admin:conferences_actionitem_history", args=[item.pk])).content.decode()
    assert "Changed Title [en]." in history and "aigerim" in history


def test_each_reader_reads_the_history_in_their_own_language(client, publisher):
    speech = SpeechFactory(title="Opening remarks")
    url = f"/ru/admin/conferences/speech/{speech.pk}/change/"  # saved from the Russian admin
    data = form_data(client.get(url), "speech")
    data["title_en"] = ["Closing remarks"]
    assert client.post(url, data).status_code == 302
    history = f"/admin/conferences/speech/{speech.pk}/history/"
    assert "Changed Title [en]." in client.get(history).content.decode()
    assert "Изменено Название [en]." in client.get(f"/ru{history}").content.decode()
    # Published from the Russian list, read in English.
    client.post("/ru/admin/conferences/speech/", {"action": "unpublish", "_selected_action": [speech.pk]})
    assert "Unpublished." in client.get(history).content.decode()
    assert "Снято с публикации." in client.get(f"/ru{history}").content.decode()


def test_a_progress_update_added_inline_is_named_in_each_readers_language_in_the_history(client, publisher):
    item = ActionItemFactory(status="planned", progress=10)
    url = f"/ru/admin/conferences/actionitem/{item.pk}/change/"  # saved from the Russian admin
    data = form_data(client.get(url), "actionitem")
    data.update({"updates-TOTAL_FORMS": "1", "updates-INITIAL_FORMS": "0", "updates-0-date": "2024-02-01",
                 "updates-0-status": "in_progress", "updates-0-progress": "70", "updates-0-note_en": ""})
    assert client.post(url, data).status_code == 302
    history = f"/admin/conferences/actionitem/{item.pk}/history/"
    english, russian = (html.unescape(client.get(address).content.decode()) for address in [history, f"/ru{history}"])
    # Recorded under no language ("Feb. 1, 2024: In progress, 70%"), each reads it as the site writes it.
    assert "Added progress update “1 February 2024: In progress, 70%”." in english
    assert "запись о ходе выполнения «1 февраля 2024\u00a0г.: Выполняется, 70%»." in russian


def test_an_import_is_recorded_in_each_readers_language(client, publisher):
    from django.utils import translation

    from conferences.imports import import_speech

    text = ("REGIONAL MEETING ON BORDER COOPERATION\n\n12 May 2023, Almaty\n\n"
            "Keynote address by Ms. Dana Example, Director, United Nations Office of Counter-Terrorism\n\n"
            "Excellencies,\n\nWe will continue to train border officers.\n")
    with translation.override("ru"):  # imported from the Russian admin
        speech = import_speech(text.encode(), name="almaty.txt", user=publisher).speech
    history = f"/admin/conferences/speech/{speech.pk}/history/"

    def comments(address):
        return [cell.strip() for cell in re.findall(r"<td>([^<]*)</td>\s*</tr>", client.get(address).content.decode())]

    assert comments(history) == ["Imported from almaty.txt."]
    assert comments(f"/ru{history}") == ["Импортировано из файла almaty.txt."]


def test_publishing_from_the_list_is_recorded(client, publisher):
    item = ActionItemFactory(draft=True)
    client.post(reverse("admin:conferences_actionitem_changelist"),
                {"action": "publish", "_selected_action": [item.pk]})
    [version] = Version.objects.get_for_object(item)
    assert (version.revision.user, version.revision.get_comment()) == (publisher, "Published.")
    assert version.field_dict["is_published"] is True


def test_an_earlier_version_shows_its_differences_and_can_be_restored(client, publisher):
    item = ActionItemFactory(title="First wording", description="Old description")
    change(client, item, title_en="Second wording")
    change(client, item, title_en="Third wording", description_en="New description")
    first = Version.objects.get_for_object(item).order_by("pk").first()
    url = reverse("admin:conferences_actionitem_revision", args=[item.pk, first.pk])
    page = client.get(url)
    rows = page.context["differences"]
    assert ("Title [en]", "Second wording", "Third wording") in rows
    assert ("Description [en]", "Old description", "New description") in rows
    # What the editor reads before pressing save: the page says it restores, and shows the differences.
    shown = html.unescape(page.content.decode())
    assert "Press the save button below to restore this version." in shown
    [table] = re.findall(r'<div class="version-diff">.*?</table>', shown, re.S)
    assert "<th scope=\"row\">Title [en]</th><td>Second wording</td><td>Third wording</td>" in table
    assert 'name="title_en"' in shown and "Title [en]" in shown.split('name="title_en"')[0][-300:]
    # Looking at an old version changes nothing.
    item.refresh_from_db()
    assert item.title == "Third wording"
    response = client.post(url, form_data(page, "actionitem"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.description) == ("Second wording", "Old description")


def test_an_earlier_version_names_its_relations_and_choices_as_they_were(client, publisher):
    dry, water, energy = ThemeFactory(name="Drylands"), ThemeFactory(name="Water"), ThemeFactory(name="Energy")
    first_lead = OrganizationFactory(name="UN Development Programme", acronym="UNDP")
    second_lead = OrganizationFactory(name="UN Office on Drugs and Crime", acronym="UNODC")
    item = ActionItemFactory(lead_organization=first_lead)
    item.themes.set([dry])
    change(client, item, title_en="Water for the drylands")
    change(client, item, themes=[water.pk, energy.pk], lead_organization=second_lead.pk, status="in_progress")
    first = Version.objects.get_for_object(item).order_by("pk").first()
    rows = client.get(reverse("admin:conferences_actionitem_revision", args=[item.pk, first.pk])).context["differences"]
    assert ("Themes", "Drylands", "Energy; Water") in rows
    assert ("Lead organisation", "UN Development Programme (UNDP)", "UN Office on Drugs and Crime (UNODC)") in rows
    assert ("Status", "Proposed", "In progress") in rows


def test_an_earlier_version_whose_speech_was_deleted_since_still_shows(client, publisher):
    item = ActionItemFactory(speech__title="Opening remarks")
    change(client, item, title_en="Water for the drylands")
    change(client, item, title_en="Water and energy for the drylands")
    item.speech.delete()  # the item keeps its history; its speech is gone
    first = Version.objects.get_for_object(item).order_by("pk").first()
    response = client.get(reverse("admin:conferences_actionitem_revision", args=[item.pk, first.pk]))
    assert response.status_code == 200
    assert ("Source speech", "(deleted since)", "") in response.context["differences"]


def test_a_deleted_action_item_is_restored_with_its_relations(client, publisher):
    partner, country, theme = OrganizationFactory(), CountryFactory(), ThemeFactory()
    item = ActionItemFactory(title="Early warning network")
    item.partners.set([partner])
    item.countries.set([country])
    item.themes.set([theme])
    ActionItemUpdateFactory(action_item=item, note="Focal points named.", progress=45)
    pk, speech, lead = item.pk, item.speech, item.lead_organization

    delete = reverse("admin:conferences_actionitem_delete", args=[pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not ActionItem.objects.filter(pk=pk).exists()
    assert not ActionItemUpdate.objects.filter(action_item_id=pk).exists()

    deleted = client.get(reverse("admin:conferences_actionitem_recoverlist"))
    [version] = deleted.context["deleted"]
    url = reverse("admin:conferences_actionitem_recover", args=[version.pk])
    assert client.post(url, form_data(client.get(url), "actionitem")).status_code == 302

    restored = ActionItem.objects.get(pk=pk)
    assert (restored.title, restored.speech, restored.lead_organization) == ("Early warning network", speech, lead)
    assert list(restored.partners.all()) == [partner]
    assert list(restored.countries.all()) == [country]
    assert list(restored.themes.all()) == [theme]
    assert list(restored.updates.values_list("note_en", "progress")) == [("Focal points named.", 45)]
    assert (restored.status, restored.progress) == ("in_progress", 45)


def test_history_recorded_before_notes_had_two_languages_restores_the_note(client, publisher):
    from django.apps import apps

    notes_in_two_languages = import_module("conferences.migrations.0031_progress_notes_in_russian")
    item = ActionItemFactory(title="Early warning network")
    ActionItemUpdateFactory(action_item=item, note="Focal points named.", progress=45)
    pk = item.pk
    assert client.post(reverse("admin:conferences_actionitem_delete", args=[pk]), {"post": "yes"}).status_code == 302
    # The update's version as it was written while the note had one field.
    [kept] = Version.objects.get_for_model(ActionItemUpdate)
    [record] = json.loads(kept.serialized_data)
    record["fields"]["note"] = record["fields"].pop("note_en")
    del record["fields"]["note_ru"]
    Version.objects.filter(pk=kept.pk).update(serialized_data=json.dumps([record]))

    notes_in_two_languages.rename_in_history("note", "note_en")(apps, None)
    [version] = client.get(reverse("admin:conferences_actionitem_recoverlist")).context["deleted"]
    url = reverse("admin:conferences_actionitem_recover", args=[version.pk])
    assert client.post(url, form_data(client.get(url), "actionitem")).status_code == 302
    assert list(ActionItem.objects.get(pk=pk).updates.values_list("note_en", flat=True)) == ["Focal points named."]


def test_an_earlier_versions_differences_read_as_the_admin_shows_values(client, publisher):
    item = ActionItemFactory(draft=True, due_date=dt.date(2025, 6, 30))
    change(client, item, title_en="Reworded")  # the version to look back at
    change(client, item, due_date="2025-12-31", is_published="on", published_at_0="2027-01-15", published_at_1="09:00")
    first = Version.objects.get_for_object(item).order_by("pk").first()
    rows = {row[0]: row[1:] for row in client.get(
        reverse("admin:conferences_actionitem_revision", args=[item.pk, first.pk])).context["differences"]}
    assert rows["Due date"] == ("30 June 2025", "31 December 2025")
    assert rows["Published"] == ("No", "Yes")  # not Python's False and True
    assert rows["Publication time"] == ("", "15 January 2027, 09:00")  # not 2027-01-15 09:00:00+00:00


def test_items_deleted_together_are_all_kept_when_one_of_them_cannot_go(client, publisher):
    items = ActionItemFactory.create_batch(3)
    last = list(ActionItem.objects.filter(pk__in=[item.pk for item in items]))[-1]  # the order they go in
    table = ActionItem._meta.db_table
    with connection.cursor() as cursor:  # the database refuses to delete the last one
        if connection.vendor == "postgresql":
            cursor.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                           "$$ BEGIN RAISE EXCEPTION 'refused'; END $$")
            cursor.execute(f"CREATE TRIGGER refuse BEFORE DELETE ON {table} FOR EACH ROW "
                           f"WHEN (OLD.id = {last.pk}) EXECUTE FUNCTION refuse()")
        else:
            cursor.execute(f"CREATE TRIGGER refuse BEFORE DELETE ON {table} WHEN OLD.id = {last.pk} "
                           "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(DatabaseError):
        client.post(
            reverse("admin:conferences_actionitem_changelist"),
            {"action": "delete_selected", "_selected_action": [item.pk for item in items], "post": "yes"},
        )
    assert ActionItem.objects.count() == 3  # all or nothing, not two gone and one left
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()  # nor logged as deleted


def test_items_deleted_together_from_the_list_can_each_be_recovered(client, publisher):
    items = ActionItemFactory.create_batch(2)
    client.post(
        reverse("admin:conferences_actionitem_changelist"),
        {"action": "delete_selected", "_selected_action": [item.pk for item in items], "post": "yes"},
    )
    assert not ActionItem.objects.exists()
    deleted = client.get(reverse("admin:conferences_actionitem_recoverlist")).context["deleted"]
    assert sorted(version.object_repr for version in deleted) == sorted(item.title for item in items)
