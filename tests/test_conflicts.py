"""Two people edit the same item: the second save is refused, explained, and nothing is lost."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from .admin_forms import form_data
from .factories import ActionItemFactory, SpeechFactory

pytestmark = pytest.mark.django_db


def editor(username, first_name):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True, first_name=first_name)
    user.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(user)
    return client


def url_of(obj):
    return reverse(f"admin:conferences_{obj._meta.model_name}_change", args=[obj.pk])


def test_second_save_is_refused_with_who_when_and_what_and_keeps_the_input():
    speech = SpeechFactory(title="Opening remarks", body="First text.")
    first, second = editor("aigerim", "Aigerim"), editor("timur", "Timur")
    first_form = form_data(first.get(url_of(speech)), "speech")
    second_form = form_data(second.get(url_of(speech)), "speech")

    first_form["title_en"] = ["Opening statement"]
    assert first.post(url_of(speech), first_form).status_code == 302

    second_form["body"] = ["Timur's careful new text."]
    refused = second.post(url_of(speech), second_form)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Aigerim saved this speech on" in page
    # Said once, in its own box: neither Django's error note nor the form's error list repeats it.
    assert page.count("after you opened it") == 1 and "Please correct the error" not in page
    assert "Timur&#x27;s careful new text." in page  # the input stays on the form
    assert refused.context["adminform"].form.conflict["changes"] == [
        ("Title [en]", "Opening remarks", "Opening statement", "taken into the form")
    ]
    speech.refresh_from_db()
    assert (speech.title, speech.body) == ("Opening statement", "First text.")

    # Having looked, the second editor saves again: both people's changes are kept.
    again = form_data(refused, "speech")
    assert (again["title_en"], again["body"]) == (["Opening statement"], ["Timur's careful new text."])
    assert second.post(url_of(speech), again).status_code == 302
    speech.refresh_from_db()
    assert (speech.title, speech.body) == ("Opening statement", "Timur's careful new text.")


def retitled_after_opened(speech):
    """A second editor's client and form, opened before a first editor saved a new title."""
    first, second = editor("aigerim", "Aigerim"), editor("timur", "Timur")
    first_form = form_data(first.get(url_of(speech)), "speech")
    second_form = form_data(second.get(url_of(speech)), "speech")
    first_form["title_en"] = ["Opening statement"]
    assert first.post(url_of(speech), first_form).status_code == 302
    return second, second_form


def test_when_both_change_the_same_field_the_second_editor_decides():
    speech = SpeechFactory(title="Opening remarks")
    second, second_form = retitled_after_opened(speech)
    second_form["title_en"] = ["Welcome address"]
    refused = second.post(url_of(speech), second_form)
    assert refused.context["adminform"].form.conflict["changes"] == [
        ("Title [en]", "Opening remarks", "Opening statement", "you changed it too: yours is in the form")
    ]
    assert second.post(url_of(speech), form_data(refused, "speech")).status_code == 302
    speech.refresh_from_db()
    assert speech.title == "Welcome address"


def test_a_conflict_beside_a_mistake_still_points_at_the_mistake():
    speech = SpeechFactory(title="Opening remarks")
    second, second_form = retitled_after_opened(speech)
    second_form["delivered_on"] = ["not a date"]
    page = second.post(url_of(speech), second_form).content.decode()
    assert page.count("after you opened it") == 1
    assert "Please correct the error below." in page and "Enter a valid date." in page


def test_an_edit_that_changes_nothing_is_not_recorded_as_a_change():
    speech = SpeechFactory(body="First paragraph.\n\nSecond paragraph.")
    client = editor("aigerim", "Aigerim")
    data = form_data(client.get(url_of(speech)), "speech")  # the text area's lines ending in CRLF, as sent
    assert client.post(url_of(speech), data).status_code == 302
    speech.refresh_from_db()
    assert speech.body == "First paragraph.\n\nSecond paragraph."


def test_a_change_to_an_inline_row_counts_too():
    item = ActionItemFactory(title="Border management")
    first, second = editor("aigerim", "Aigerim"), editor("timur", "Timur")
    first_form = form_data(first.get(url_of(item)), "actionitem")
    # Meanwhile someone records progress on its own page.
    update_url = reverse("admin:conferences_actionitemupdate_add")
    update_form = form_data(second.get(update_url), "actionitemupdate")
    update_form.update(action_item=[item.pk], date=["2024-05-01"], status=["in_progress"], progress=["40"])
    assert second.post(update_url, update_form).status_code == 302

    first_form["title_en"] = ["Border security and management"]
    refused = first.post(url_of(item), first_form)
    assert refused.status_code == 200
    assert ("Progress updates", "as when you opened it", "changed since", "shown below as they are now") in (
        refused.context["adminform"].form.conflict["changes"]
    )
    item.refresh_from_db()
    assert item.title == "Border management"


def test_a_change_to_an_action_item_counts_on_its_speechs_page():
    speech = SpeechFactory(title="Opening remarks")
    item = ActionItemFactory(title="Border management", speech=speech)
    first, second = editor("aigerim", "Aigerim"), editor("timur", "Timur")
    first_form = form_data(first.get(url_of(speech)), "speech")
    item_form = form_data(second.get(url_of(item)), "actionitem")
    item_form["title_en"] = ["Border security and management"]
    assert second.post(url_of(item), item_form).status_code == 302

    first_form["title_en"] = ["Opening statement"]
    refused = first.post(url_of(speech), first_form)
    assert refused.status_code == 200
    assert ("Action items", "as when you opened it", "changed since", "shown below as they are now") in (
        refused.context["adminform"].form.conflict["changes"]
    )
    speech.refresh_from_db()
    assert speech.title == "Opening remarks"


def test_a_form_without_its_token_is_refused_and_changes_nothing():
    speech = SpeechFactory(title="Opening remarks")
    client = editor("aigerim", "Aigerim")
    data = form_data(client.get(url_of(speech)), "speech")
    data.pop("edit_token")
    data["title_en"] = ["Tampered"]
    refused = client.post(url_of(speech), data)
    assert refused.status_code == 200
    assert "This form could not be checked against the saved speech" in refused.content.decode()
    speech.refresh_from_db()
    assert speech.title == "Opening remarks"


def test_saving_without_anyone_else_is_not_disturbed():
    speech = SpeechFactory(title="Opening remarks")
    client = editor("aigerim", "Aigerim")
    data = form_data(client.get(url_of(speech)), "speech")
    data["title_en"] = ["Opening statement"]
    assert client.post(url_of(speech), data).status_code == 302
