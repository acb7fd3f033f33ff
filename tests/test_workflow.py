"""Editors draft, publishers decide what goes live: every way to publish, for each role."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from conferences.models import ActionItem, ActionItemUpdate, Conference, Country, Plan, Speech

from .admin_forms import delete_box_disabled, form_data
from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    PersonFactory,
    PlanFactory,
    SpeechFactory,
)

pytestmark = pytest.mark.django_db
FACTORIES = {Conference: ConferenceFactory, Speech: SpeechFactory, ActionItem: ActionItemFactory}


def member(username, group):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor():
    return member("editor", "Editors")


@pytest.fixture
def publisher():
    return member("publisher", "Publishers")


ROLES = [("editor", False), ("publisher", True)]


def test_both_roles_exist_with_their_permissions():
    editors = set(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True))
    publishers = set(Group.objects.get(name="Publishers").permissions.values_list("codename", flat=True))
    publish = {"publish_conference", "publish_speech", "publish_actionitem", "publish_document"}
    assert {"add_speech", "change_speech", "view_speech", "change_actionitemupdate"} <= editors
    assert not publish & editors
    assert publishers == editors | publish


def change_url(obj):
    return reverse(f"admin:conferences_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("model", [Conference, Speech, ActionItem])
def test_publishing_through_the_form(client, request, role, allowed, model):
    client.force_login(request.getfixturevalue(role))
    obj = FACTORIES[model](draft=True)
    page = client.get(change_url(obj))
    assert ("is_published" in page.context["adminform"].form.fields) is allowed
    data = form_data(page, model._meta.model_name)
    data["is_published"] = ["on"]  # ticked by a publisher, or slipped into the request by hand
    response = client.post(change_url(obj), data)
    assert response.status_code == 302
    obj.refresh_from_db()
    assert obj.is_published is allowed


@pytest.mark.parametrize("role, allowed", ROLES)
def test_publishing_on_the_add_form(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    url = reverse("admin:conferences_conference_add")
    data = form_data(client.get(url), "conference")
    data.update(title_en=["New conference"], start_date=["2027-01-10"], is_published=["on"])
    assert client.post(url, data).status_code == 302
    assert Conference.objects.get(title_en="New conference").is_published is allowed


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("action", ["publish", "unpublish"])
def test_publishing_through_the_actions(client, request, role, allowed, action):
    client.force_login(request.getfixturevalue(role))
    item = ActionItemFactory(draft=(action == "publish"))
    changelist = reverse("admin:conferences_actionitem_changelist")
    offered = [name for name, _ in client.get(changelist).context["action_form"].fields["action"].choices]
    assert (action in offered) is allowed
    client.post(changelist, {"action": action, "_selected_action": [item.pk]})
    item.refresh_from_db()
    started_published = action == "unpublish"
    assert item.is_published is (not started_published if allowed else started_published)


@pytest.mark.parametrize("role, allowed", ROLES)
def test_the_form_tells_an_editor_who_publishes_not_to_tick_a_box_they_cannot(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    item = ActionItemFactory(draft=True)
    for address in (change_url(item), reverse("admin:conferences_actionitem_add")):
        page = client.get(address).content.decode()
        assert ("Tick to publish." in page) is allowed
        assert ("Publishers decide what goes live and when." in page) is not allowed
    if not allowed:  # where the item stands, in place of the box
        page = client.get(change_url(item)).content.decode()
        assert '<span class="pub-state pub-state--draft">Draft</span>' in page


def test_publishing_a_speech_says_which_of_its_commitments_are_still_drafts(client, publisher):
    client.force_login(publisher)
    speech = SpeechFactory(draft=True)
    waiting = ActionItemFactory(title="Train border officers", speech=speech, draft=True)
    ActionItemFactory(title="Already public", speech=speech)
    ActionItemFactory(title="Another speech's draft", draft=True)
    changelist = reverse("admin:conferences_speech_changelist")
    done = client.post(changelist, {"action": "publish", "_selected_action": [speech.pk]}, follow=True)
    said = [str(message) for message in done.context["messages"]]
    assert said[0] == "1 item published."
    assert said[1].startswith("Still drafts, and not on the public site until they are published too:")
    assert ">1 action item</a>" in said[1]
    link = re.search(r'href="([^"]+)"', said[1])[1].replace("&amp;", "&")
    assert [str(item) for item in client.get(link).context["cl"].result_list] == [waiting.title]

    # The same from the speech's own form, ticking "published"; not once its commitments are public.
    Speech.objects.filter(pk=speech.pk).update(is_published=False, published_at=None)
    data = form_data(client.get(change_url(speech)), "speech")
    saved = client.post(change_url(speech), {**data, "is_published": "on"}, follow=True)
    assert any(str(message).startswith("Still drafts") for message in saved.context["messages"])
    ActionItem.objects.filter(pk=waiting.pk).update(is_published=True, published_at=timezone.now())
    Speech.objects.filter(pk=speech.pk).update(is_published=False, published_at=None)
    done = client.post(changelist, {"action": "publish", "_selected_action": [speech.pk]}, follow=True)
    assert [str(message) for message in done.context["messages"]] == ["1 item published."]


def test_staff_see_a_speechs_commitments_not_published_yet_marked_so_and_readers_do_not(client, editor):
    speech = SpeechFactory(draft=True)
    waiting = ActionItemFactory(title="Train border officers", speech=speech, draft=True)
    client.force_login(editor)
    page = client.get(speech.get_absolute_url()).content.decode()
    assert waiting.get_absolute_url() in page and "not published yet" in page
    assert 'href="#commitments-heading">Commitments announced&nbsp;(1)' in page
    # Once the speech is public, a reader sees neither the draft nor the mark.
    Speech.objects.filter(pk=speech.pk).update(is_published=True, published_at=timezone.now())
    client.logout()
    page = client.get(speech.get_absolute_url()).content.decode()
    assert waiting.get_absolute_url() not in page and "not published yet" not in page


def test_unpublishing_a_conference_says_which_of_its_records_stay_public(client, publisher):
    client.force_login(publisher)
    conference = ConferenceFactory(short_title="Tashkent 2026")
    kept = ActionItemFactory(title="Train border officers", conference=conference)
    ActionItemFactory(title="A draft", conference=conference, draft=True)
    ActionItemFactory(title="Another meeting's item")
    changelist = reverse("admin:conferences_conference_changelist")
    done = client.post(changelist, {"action": "unpublish", "_selected_action": [conference.pk]}, follow=True)
    said = [str(message) for message in done.context["messages"]]
    assert said[0] == "1 item unpublished."
    # Its speeches go with it; a published action item does not, and the publisher is told so.
    assert said[1].startswith("Published on their own, these stay published:") and ">1 action item</a>" in said[1]
    link = re.search(r'href="([^"]+)"', said[1])[1].replace("&amp;", "&")
    assert [str(item) for item in client.get(link).context["cl"].result_list] == [kept.title]
    assert client.get(kept.get_absolute_url()).status_code == 200

    # The same from the conference's own form, unticking "published".
    Conference.objects.filter(pk=conference.pk).update(is_published=True, published_at=timezone.now())
    data = form_data(client.get(change_url(conference)), "conference")
    data.pop("is_published", None)
    saved = client.post(change_url(conference), data, follow=True)
    assert any(str(message).startswith("Published on their own") for message in saved.context["messages"])


@pytest.mark.parametrize("role, allowed", ROLES)
def test_publishing_through_an_inline(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    conference = ConferenceFactory()
    speech = SpeechFactory(conference=conference, draft=True)
    page = client.get(change_url(conference))
    data = form_data(page, "conference")
    data["speeches-0-is_published"] = ["on"]
    assert client.post(change_url(conference), data).status_code == 302
    speech.refresh_from_db()
    assert speech.is_published is allowed


@pytest.mark.parametrize("role, allowed", ROLES)
def test_deleting_published_content(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    item = ActionItemFactory()
    delete = reverse("admin:conferences_actionitem_delete", args=[item.pk])
    response = client.post(delete, {"post": "yes"})
    assert ActionItem.objects.filter(pk=item.pk).exists() is not allowed
    assert response.status_code == (302 if allowed else 403)


def test_editor_deletes_drafts_but_not_published_items_in_bulk(client, editor):
    client.force_login(editor)
    draft, live = ActionItemFactory(draft=True), ActionItemFactory()
    changelist = reverse("admin:conferences_actionitem_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"})
    assert not ActionItem.objects.filter(pk=draft.pk).exists()
    confirm = client.post(changelist, {"action": "delete_selected", "_selected_action": [live.pk]})
    assert "Cannot delete action item" in confirm.content.decode()
    refused = client.post(changelist, {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"})
    assert refused.status_code == 403
    assert ActionItem.objects.filter(pk=live.pk).exists()


def test_editor_cannot_delete_a_published_speech_through_its_conference(client, editor):
    client.force_login(editor)
    conference = ConferenceFactory()
    speech = SpeechFactory(conference=conference)
    form = client.get(change_url(conference))
    assert delete_box_disabled(form, "speeches-0")
    data = form_data(form, "conference")
    data["speeches-0-DELETE"] = ["on"]  # sent ticked anyway
    assert client.post(change_url(conference), data).status_code == 302
    assert Speech.objects.filter(pk=speech.pk).exists()


def test_editor_edits_the_text_of_a_published_speech(client, editor):
    client.force_login(editor)
    speech = SpeechFactory(title="Opening remarks")
    data = form_data(client.get(change_url(speech)), "speech")
    data["title_en"] = ["Opening statement"]
    assert client.post(change_url(speech), data).status_code == 302
    speech.refresh_from_db()
    assert (speech.title, speech.is_published) == ("Opening statement", True)


def test_editor_cannot_restore_versions_of_publishable_content(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:conferences_speech_recoverlist")).status_code == 403


def test_staff_without_a_group_see_nothing_to_edit(client):
    client.force_login(member("visitor", None))
    page = client.get(reverse("admin:index"))
    assert "You don’t have permission to view or edit anything." in page.content.decode()
    assert client.get(reverse("admin:conferences_speech_changelist")).status_code == 403


def test_preview_needs_permission_to_view_the_model(client):
    draft = SpeechFactory(draft=True)
    client.force_login(member("visitor", None))
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(member("writer", "Editors"))
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_editor_creates_a_speech_as_a_draft_in_its_conference(client, editor):
    client.force_login(editor)
    conference, speaker = ConferenceFactory(), PersonFactory()
    url = reverse("admin:conferences_speech_add")
    data = form_data(client.get(url), "speech")
    data.update(conference=[conference.pk], title_en=["Closing remarks"], speaker=[speaker.pk], language=["en"],
                body=["Thank you."], is_published=["on"], published_at_0=["2020-01-01"], published_at_1=["10:00"])
    assert client.post(url, data).status_code == 302
    speech = Speech.objects.get(title_en="Closing remarks")
    assert (speech.is_published, speech.published_at) == (False, None)


def test_editor_cannot_restore_publishable_content_through_another_models_admin(client, editor, publisher):
    from reversion.models import Version

    speech = SpeechFactory(draft=True)
    client.force_login(publisher)
    data = form_data(client.get(change_url(speech)), "speech")
    data["is_published"] = ["on"]
    client.post(change_url(speech), data)
    version = Version.objects.get_for_object(speech).first()
    client.force_login(editor)
    for url in [f"/admin/conferences/theme/recover/{version.pk}/",
                f"/admin/conferences/actionitemupdate/recover/{version.pk}/"]:
        assert client.post(url, {}).status_code == 404  # no such version of this model: nothing to restore
    speech.refresh_from_db()
    assert speech.is_published


def test_editor_cannot_restore_a_progress_update_that_moved_a_published_item(client, editor):
    from reversion.models import Version

    item = ActionItemFactory()
    client.force_login(member("admin2", "Publishers"))
    url = reverse("admin:conferences_actionitemupdate_add")
    data = form_data(client.get(url), "actionitemupdate")
    data.update(action_item=[item.pk], date=["2024-01-01"], status=["completed"], progress=["100"])
    client.post(url, data)
    update = item.updates.get()
    version = Version.objects.get_for_object(update).first()
    client.force_login(editor)
    revision = reverse("admin:conferences_actionitemupdate_revision", args=[update.pk, version.pk])
    assert client.get(revision).status_code == 403


def conference_in(state):
    return ConferenceFactory(**({} if state == "live" else {state: True}))


def move(client, obj, field, target):
    data = form_data(client.get(change_url(obj)), obj._meta.model_name)
    data[field] = [target.pk]
    return client.post(change_url(obj), data)


@pytest.mark.parametrize("role, allowed", ROLES)
@pytest.mark.parametrize("before, after", [
    ("draft", "live"),  # a published speech in a draft conference would go live
    ("live", "draft"),  # a live speech would disappear
    ("live", "scheduled"),  # a live speech would wait for its new conference's time
    ("scheduled", "live"),  # a scheduled speech would go live at once
])
def test_moving_a_speech_where_the_public_would_see_it_differently(client, request, role, allowed, before, after):
    client.force_login(request.getfixturevalue(role))
    speech = SpeechFactory(conference=conference_in(before))
    target = conference_in(after)
    response = move(client, speech, "conference", target)
    speech.refresh_from_db()
    if allowed:
        assert response.status_code == 302
        assert speech.conference == target
    else:
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors["conference"]
        assert "Only publishers can change what the public sees." in errors[0]
        assert speech.conference != target


@pytest.mark.parametrize("speech_draft, before, after", [
    (False, "live", "live"),  # public before and after
    (True, "live", "draft"),  # a draft speech is hidden wherever it is
])
def test_editor_moves_a_speech_when_the_public_sees_no_difference(client, editor, speech_draft, before, after):
    client.force_login(editor)
    speech = SpeechFactory(conference=conference_in(before), draft=speech_draft)
    target = conference_in(after)
    assert move(client, speech, "conference", target).status_code == 302
    speech.refresh_from_db()
    assert speech.conference == target


def test_editor_moves_an_action_item_whose_visibility_is_its_own(client, editor):
    client.force_login(editor)
    item = ActionItemFactory()
    target = SpeechFactory(conference=conference_in("draft"))
    data = form_data(client.get(change_url(item)), "actionitem")
    data.update(speech=[target.pk], conference=[target.conference.pk])
    assert client.post(change_url(item), data).status_code == 302
    item.refresh_from_db()
    assert (item.speech, item.is_public) == (target, True)


def test_editors_translate_speeches_but_only_publishers_take_a_translation_off_a_published_one(client):
    speech = SpeechFactory(language="en")  # published
    client.force_login(member("editor", "Editors"))
    url = reverse("admin:conferences_speech_change", args=[speech.pk])
    data = form_data(client.get(url), "speech")
    data.update({"translations-TOTAL_FORMS": ["1"], "translations-0-language": ["ru"],
                 "translations-0-body": ["Уважаемые коллеги!\n\nМы поможем."], "translations-0-source_url": [""]})
    assert client.post(url, data).status_code == 302
    translation = speech.translations.get()
    assert translation.language == "ru"

    form = client.get(url)
    assert delete_box_disabled(form, "translations-0")
    data = form_data(form, "speech")
    data["translations-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert speech.translations.exists()

    client.force_login(member("publisher", "Publishers"))
    data = form_data(client.get(url), "speech")
    data["translations-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert not speech.translations.exists()


def test_editors_cannot_move_a_published_speechs_translation_to_another_language(client, editor):
    speech = SpeechFactory(language="en")
    speech.translations.create(language="ru", body="Уважаемые коллеги!")
    client.force_login(editor)
    url = change_url(speech)
    data = form_data(client.get(url), "speech")
    page = client.get(url).content.decode()
    [select] = re.findall(r'<select [^>]*name="translations-0-language"[^>]*>', page)
    assert " disabled" in select  # shown greyed out, with why
    assert 'title="Only publishers can move a translation of a published speech to another language."' in select
    data["translations-0-language"] = ["kk"]  # its Russian readers would lose their text
    assert client.post(url, data).status_code == 302  # the rest of the form is saved...
    assert speech.translations.get().language == "ru"  # ...and the language sent anyway is not


@pytest.mark.parametrize("role, allowed", ROLES)
def test_only_publishers_take_progress_updates_off_a_published_item(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    on_its_page, in_bulk, on_the_item = (ActionItemUpdateFactory() for _ in range(3))
    response = client.post(reverse("admin:conferences_actionitemupdate_delete", args=[on_its_page.pk]),
                           {"post": "yes"})
    assert response.status_code == (302 if allowed else 403)
    changelist = reverse("admin:conferences_actionitemupdate_changelist")
    client.post(changelist, {"action": "delete_selected", "_selected_action": [in_bulk.pk], "post": "yes"})
    item = on_the_item.action_item
    form = client.get(change_url(item))
    assert delete_box_disabled(form, "updates-0") is not allowed
    data = form_data(form, "actionitem")
    data["updates-0-DELETE"] = ["on"]
    assert client.post(change_url(item), data).status_code == 302
    kept = ActionItemUpdate.objects.filter(pk__in=[on_its_page.pk, in_bulk.pk, on_the_item.pk]).count()
    assert kept == (0 if allowed else 3)


def test_editors_delete_progress_updates_of_drafts(client, editor):
    client.force_login(editor)
    update = ActionItemUpdateFactory(action_item=ActionItemFactory(draft=True))
    response = client.post(reverse("admin:conferences_actionitemupdate_delete", args=[update.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not ActionItemUpdate.objects.filter(pk=update.pk).exists()


@pytest.mark.parametrize("role, allowed", ROLES)
def test_only_publishers_give_a_plan_the_link_that_puts_its_page_online(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    live, draft = conference_in("live"), conference_in("draft")
    add = reverse("admin:conferences_plan_add")
    data = {**form_data(client.get(add), "plan"), "name_en": ["Roadmap 2030"], "summary_en": ["Unreviewed."],
            "adopted_on": ["2030-01-01"]}
    response = client.post(add, {**data, "conference": [live.pk]})
    created = Plan.objects.filter(name_en="Roadmap 2030").first()
    if allowed:
        assert response.status_code == 302
        assert Client().get(created.get_absolute_url()).status_code == 200  # to the public
        return
    errors = response.context["adminform"].form.errors["conference"]
    assert errors == [f"Linked to “{live}”, this plan would be public; it is hidden from the public now. "
                      "Only publishers can change what the public sees."]
    assert created is None
    # Beside a draft conference it waits, hidden, for a publisher; moving it to a live one is refused too.
    assert client.post(add, {**data, "conference": [draft.pk]}).status_code == 302
    plan = Plan.objects.get(name_en="Roadmap 2030")
    assert move(client, plan, "conference", live).status_code == 200
    plan.refresh_from_db()
    assert plan.conference == draft


def test_editors_neither_schedule_nor_take_down_a_plans_page_through_its_links(client, editor):
    client.force_login(editor)
    # Linked to a scheduled conference, its page would go online at that conference's time.
    plan = PlanFactory(conference=conference_in("draft"))
    response = move(client, plan, "conference", conference_in("scheduled"))
    [error] = response.context["adminform"].form.errors["conference"]
    assert "this plan would be scheduled to go public on" in error
    # Its only public link taken away, its page would go.
    live = conference_in("live")
    shown = PlanFactory(conference=live)
    data = form_data(client.get(change_url(shown)), "plan")
    data["conference"] = [""]
    response = client.post(change_url(shown), data)
    assert response.context["adminform"].form.errors["conference"] == [
        f"Without “{live}”, this plan would be hidden from the public; it is public now. "
        "Only publishers can change what the public sees."]
    shown.refresh_from_db()
    assert shown.conference == live


def test_editors_do_not_put_a_published_item_under_a_plan_the_public_does_not_see(client, editor):
    client.force_login(editor)
    item, hidden, shown = ActionItemFactory(), PlanFactory(), PlanFactory(conference=conference_in("live"))
    response = move(client, item, "plan", hidden)
    assert response.context["adminform"].form.errors["plan"] == [
        f"“{hidden}” is not on the site yet: under this public action item, its page would go online too. "
        "Only publishers can change what the public sees."]
    assert move(client, item, "plan", shown).status_code == 302  # one already online: nothing new shows
    draft = ActionItemFactory(draft=True)
    assert move(client, draft, "plan", hidden).status_code == 302  # a draft shows nothing
    item.refresh_from_db()
    assert (item.plan, Client().get(hidden.get_absolute_url()).status_code) == (shown, 404)


def test_editors_do_not_restore_a_plans_old_links(client, editor, publisher):
    live = conference_in("live")
    plan = PlanFactory()
    client.force_login(publisher)
    move(client, plan, "conference", live)  # a version with the link, then one without
    data = form_data(client.get(change_url(plan)), "plan")
    data["conference"] = [""]
    client.post(change_url(plan), data)
    linked = Version.objects.get_for_object(plan).order_by("pk").first()
    client.force_login(editor)
    url = reverse("admin:conferences_plan_revision", args=[plan.pk, linked.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("admin:conferences_plan_recoverlist")).status_code == 403
    assert Client().get(plan.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("role, allowed", ROLES)
def test_only_publishers_delete_a_country_that_public_content_names(client, request, role, allowed):
    client.force_login(request.getfixturevalue(role))
    named, unused = CountryFactory(), CountryFactory()
    ActionItemFactory().countries.add(named)
    changelist = reverse("admin:conferences_country_changelist")
    confirm = client.post(changelist, {"action": "delete_selected", "_selected_action": [named.pk]})
    assert ("countries that public content names (only publishers delete those)" in confirm.content.decode()) \
        is not allowed
    response = client.post(reverse("admin:conferences_country_delete", args=[named.pk]), {"post": "yes"})
    assert response.status_code == (302 if allowed else 403)
    assert Country.objects.filter(pk=named.pk).exists() is not allowed
    client.post(reverse("admin:conferences_country_delete", args=[unused.pk]), {"post": "yes"})
    assert not Country.objects.filter(pk=unused.pk).exists()


def test_a_conference_made_in_the_russian_admin_gets_its_address_from_the_english_title(client):
    client.force_login(member("publisher", "Publishers"))
    response = client.post("/ru/admin/conferences/conference/add/", {
        "title_en": "Ministerial meeting on borders", "title_ru": "Совещание министров по границам",
        "short_title_en": "", "short_title_ru": "Душанбе, 2024", "start_date": "12.05.2024", "slug": "",
        "speeches-TOTAL_FORMS": "0", "speeches-INITIAL_FORMS": "0",
        "sessions-TOTAL_FORMS": "0", "sessions-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Conference.objects.get().slug == "ministerial-meeting-on-borders"


@pytest.mark.parametrize("way", ["actions", "form"])
def test_progress_recorded_while_an_item_was_taken_down_is_news_when_it_is_back(client, publisher, way):
    """A client that asked an hour ago, or a digest, must not miss progress recorded while the item was
    hidden: published again, the item goes public at that new moment, and its progress with it."""
    client.force_login(publisher)
    item = ActionItemFactory(title="Train border officers")
    ActionItem.objects.filter(pk=item.pk).update(published_at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    changelist = reverse("admin:conferences_actionitem_changelist")

    def publish(published: bool) -> None:
        if way == "actions":
            action = "publish" if published else "unpublish"
            client.post(changelist, {"action": action, "_selected_action": [item.pk]})
        else:
            data = form_data(client.get(change_url(item)), "actionitem")
            data.pop("is_published", None)
            if published:
                data["is_published"] = ["on"]
            assert client.post(change_url(item), data).status_code == 302

    publish(False)
    update = ActionItemUpdateFactory(action_item=item, note="Recorded while it was down")
    yesterday = timezone.now() - dt.timedelta(days=1)
    ActionItemUpdate.objects.filter(pk=update.pk).update(created_at=yesterday)
    asked = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    publish(True)
    found = Client().get("/api/v1/progress-updates/", {"since": asked}).json()["results"]
    assert [(record["id"], record["note"]) for record in found] == [(update.pk, "Recorded while it was down")]
    item.refresh_from_db()
    assert item.published_at > timezone.now() - dt.timedelta(minutes=1)


def test_an_item_read_again_before_it_is_taken_down_loses_its_publication_time_too():
    """Code that reads an item again (refresh_from_db) before unpublishing it works as a form does."""
    item = ActionItemFactory(draft=True)
    past = dt.datetime(2021, 1, 1, tzinfo=dt.UTC)
    ActionItem.objects.filter(pk=item.pk).update(is_published=True, published_at=past)  # published elsewhere
    item.refresh_from_db()
    item.is_published = False
    item.save()
    item.refresh_from_db()
    assert item.published_at is None
