import datetime as dt
import html
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conferences.models import ActionItem, Conference, Country, Speech

from .admin_forms import form_data
from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    CountryFactory,
    OrganizationFactory,
    PersonFactory,
    PlanFactory,
    SessionFactory,
    SpeechFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

FACTORIES = {
    "conference": ConferenceFactory,
    "speech": SpeechFactory,
    "actionitem": ActionItemFactory,
    "actionitemupdate": ActionItemUpdateFactory,
    "person": PersonFactory,
    "organization": OrganizationFactory,
    "country": CountryFactory,
    "theme": ThemeFactory,
}


@pytest.mark.parametrize("model_name", FACTORIES)
def test_changelist_add_and_change_pages_answer(superuser_client, model_name):
    obj = FACTORIES[model_name]()
    for url in [
        reverse(f"admin:conferences_{model_name}_changelist"),
        reverse(f"admin:conferences_{model_name}_add"),
        reverse(f"admin:conferences_{model_name}_change", args=[obj.pk]),
    ]:
        assert superuser_client.get(url).status_code == 200, url


def changelist_queries(client, model_name):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"admin:conferences_{model_name}_changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model_name", FACTORIES)
def test_changelist_query_count_does_not_grow_with_rows(superuser_client, model_name):
    FACTORIES[model_name].create_batch(5)
    with_5 = changelist_queries(superuser_client, model_name)
    FACTORIES[model_name].create_batch(45)
    assert changelist_queries(superuser_client, model_name) == with_5


@pytest.mark.parametrize("model", [Conference, Speech, ActionItem])
def test_publish_and_unpublish_actions(superuser_client, model):
    factory = {Conference: ConferenceFactory, Speech: SpeechFactory, ActionItem: ActionItemFactory}[model]
    drafts = factory.create_batch(2, draft=True)
    url = reverse(f"admin:conferences_{model._meta.model_name}_changelist")
    pks = [str(obj.pk) for obj in drafts]

    response = superuser_client.post(url, {"action": "publish", "_selected_action": pks}, follow=True)
    assert "2 items published." in response.content.decode()
    assert model.objects.filter(pk__in=pks, is_published=True, published_at__isnull=False).count() == 2

    response = superuser_client.post(url, {"action": "unpublish", "_selected_action": pks}, follow=True)
    assert "2 items unpublished." in response.content.decode()
    assert model.objects.filter(pk__in=pks, is_published=False).count() == 2


def test_publish_action_publishes_now_even_a_scheduled_item(superuser_client):
    conference = ConferenceFactory(scheduled=True)
    response = superuser_client.post(
        reverse("admin:conferences_conference_changelist"),
        {"action": "publish", "_selected_action": [conference.pk]},
        follow=True,
    )
    assert "1 item published." in response.content.decode()
    conference.refresh_from_db()
    assert conference.publication_state == "live"


def test_changelist_shows_draft_scheduled_and_live(superuser_client):
    ConferenceFactory(title="Live one")
    ConferenceFactory(title="Draft one", draft=True)
    ConferenceFactory(title="Scheduled one", scheduled=True)
    html = superuser_client.get(reverse("admin:conferences_conference_changelist")).content.decode()
    assert html.count("pub-state--live") == 1
    assert html.count("pub-state--draft") == 1
    assert html.count("pub-state--scheduled") == 1
    # Filtered by that column, each state holds its own: a scheduled one is not among the live.
    for state, title in [("live", "Live one"), ("draft", "Draft one"), ("scheduled", "Scheduled one")]:
        response = superuser_client.get(reverse("admin:conferences_conference_changelist"), {"publication": state})
        assert [str(obj) for obj in response.context["cl"].result_list] == [title]


def test_change_list_filters_are_headed_by_what_they_filter_in_either_language(superuser_client):
    ActionItemFactory()

    def headings(url):
        html = superuser_client.get(url).content.decode()
        return [" ".join(heading.split()) for heading in re.findall(r"<summary>(.*?)</summary>", html, re.S)][:2]

    assert headings(reverse("admin:conferences_actionitem_changelist")) == ["Status", "Publication"]
    assert headings("/ru" + reverse("admin:conferences_actionitem_changelist")) == ["Статус", "Публикация"]


def test_adding_a_conference_with_an_inline_speech(superuser_client):
    speaker = PersonFactory()
    country = CountryFactory()
    response = superuser_client.post(
        reverse("admin:conferences_conference_add"),
        {
            "title_en": "Dushanbe conference on border security",
            "title_ru": "Конференция в Душанбе по безопасности границ",
            "short_title_en": "",
            "start_date": "2022-10-18",
            "end_date": "2022-10-19",
            "city_en": "Dushanbe",
            "country": country.pk,
            "slug": "",
            "sessions-TOTAL_FORMS": "0",
            "sessions-INITIAL_FORMS": "0",
            "speeches-TOTAL_FORMS": "1",
            "speeches-INITIAL_FORMS": "0",
            "speeches-0-title_en": "Opening remarks",
            "speeches-0-speaker": speaker.pk,
            "speeches-0-language": "en",
            "speeches-0-body": "Excellencies,\n\nWelcome.",
        },
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    conference = Conference.objects.get()
    assert conference.slug == "dushanbe-conference-on-border-security"  # from the English title
    assert conference.title_ru == "Конференция в Душанбе по безопасности границ"
    speech = conference.speeches.get()
    assert speech.delivered_on == conference.start_date
    assert not speech.is_published


def test_admin_form_rejects_end_before_start_with_the_message(superuser_client):
    response = superuser_client.post(
        reverse("admin:conferences_conference_add"),
        {
            "title_en": "Backwards",
            "start_date": "2022-10-19",
            "end_date": "2022-10-18",
            "speeches-TOTAL_FORMS": "0",
            "speeches-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    # Beside the field it concerns.
    assert response.context["adminform"].form.errors["end_date"] == ["The end date cannot be before the start date."]
    assert not Conference.objects.exists()


def test_an_end_date_before_the_start_blames_the_conference_not_its_speeches(superuser_client):
    from .admin_forms import form_data

    speech = SpeechFactory(conference=ConferenceFactory(start_date=dt.date(2022, 10, 18)),
                           delivered_on=dt.date(2022, 10, 18))
    url = reverse("admin:conferences_conference_change", args=[speech.conference.pk])
    data = form_data(superuser_client.get(url), "conference")
    data["end_date"] = ["01/10/2022"]
    response = superuser_client.post(url, data)
    assert response.context["adminform"].form.errors["end_date"] == ["The end date cannot be before the start date."]
    assert "the speech must be dated" not in response.content.decode()


def test_deleting_a_conference_does_not_list_its_many_to_many_links(superuser_client):
    conference = ConferenceFactory(short_title="Bishkek 2024")
    conference.organizers.set([OrganizationFactory(), OrganizationFactory()])
    conference.countries.set([CountryFactory()])
    for address in [f"/admin/conferences/conference/{conference.pk}/delete/",
                    f"/ru/admin/conferences/conference/{conference.pk}/delete/"]:
        page = html.unescape(superuser_client.get(address).content.decode())
        assert "Bishkek 2024" in page
        assert "object (" not in page and "relationship" not in page, address


def test_the_action_items_list_tells_publication_from_status_and_names_empty_choices(superuser_client):
    ActionItemFactory(plan=PlanFactory())
    english = html.unescape(superuser_client.get("/admin/conferences/actionitem/").content.decode())
    assert re.search(r">\s*Publication\s*<", english) and re.search(r">\s*Status\s*<", english)
    assert "plan__isnull=True" in english and re.search(r"plan__isnull=True[^>]*>\s*\(none\)", english)
    russian = html.unescape(superuser_client.get("/ru/admin/conferences/actionitem/").content.decode())
    assert re.search(r">\s*Публикация\s*<", russian) and re.search(r"plan__isnull=True[^>]*>\s*\(нет\)", russian)


def test_a_publication_time_says_which_time_it_is_in(superuser_client):
    url = reverse("admin:conferences_conference_change", args=[ConferenceFactory().pk])
    assert "In the site's time (UTC)." in superuser_client.get(url).content.decode()
    with override_settings(TIME_ZONE="Asia/Tashkent"):
        assert "In the site's time (UTC+5)." in superuser_client.get(url).content.decode()


def test_a_refused_save_as_new_and_a_missing_items_history_are_no_errors(superuser_client):
    conference = ConferenceFactory()
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    from .admin_forms import form_data

    data = form_data(superuser_client.get(url), "conference")
    data.update({"_saveasnew": ["1"], "title_en": [""]})  # a copy with a mistake
    assert superuser_client.post(url, data).status_code == 200
    history = superuser_client.get("/admin/conferences/conference/999999/history/", follow=True)
    assert history.status_code == 200 and "doesn’t exist" in history.content.decode()


def test_update_inline_sets_action_item_status(superuser_client):
    item = ActionItemFactory(status="proposed", progress=0)
    url = reverse("admin:conferences_actionitem_change", args=[item.pk])
    form = superuser_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update(
        {
            "speech": item.speech_id,
            "conference": item.conference_id,
            "lead_organization": item.lead_organization_id,
            "updates-TOTAL_FORMS": "1",
            "updates-INITIAL_FORMS": "0",
            "updates-0-date": "2024-02-01",
            "updates-0-status": "in_progress",
            "updates-0-progress": "70",
            "updates-0-note_en": "Training delivered.",
            "updates-0-note_ru": "Обучение проведено.",
        }
    )
    data.pop("published_at", None)
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 70)
    assert list(item.updates.values_list("note_en", "note_ru")) == [("Training delivered.", "Обучение проведено.")]


@pytest.mark.parametrize("status, progress, message", [
    ("completed", "20", "A completed action item is at 100% progress: set the progress to 100, or pick another "
                        "status."),
    ("proposed", "100", "At 100% progress an action item is completed: set its status to Completed, or lower the "
                        "progress."),
])
def test_a_status_and_a_progress_that_contradict_each_other_are_refused(superuser_client, status, progress, message):
    item = ActionItemFactory(status="in_progress", progress=40)
    data = {"action_item": item.pk, "date": "2024-05-01", "status": status, "progress": progress, "note_en": ""}
    response = superuser_client.post(reverse("admin:conferences_actionitemupdate_add"), data)
    assert response.status_code == 200 and message in html.unescape(response.content.decode())
    item.refresh_from_db()
    assert (item.status, item.progress, item.updates.count()) == ("in_progress", 40, 0)
    # The same on the item's own form, while it has no updates to follow.
    url = reverse("admin:conferences_actionitem_change", args=[item.pk])
    response = superuser_client.post(url, {**form_data(superuser_client.get(url), "actionitem"),
                                           "status": [status], "progress": [progress]})
    assert response.status_code == 200 and message in html.unescape(response.content.decode())
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 40)
    # A record saved so before the rule still takes other edits.
    ActionItem.objects.filter(pk=item.pk).update(status=status, progress=int(progress))
    response = superuser_client.post(url, {**form_data(superuser_client.get(url), "actionitem"),
                                           "title_en": ["Corrected title"]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.status, item.progress) == ("Corrected title", status, int(progress))


def test_an_excerpt_that_is_not_in_its_speech_is_refused_and_changes_nothing(superuser_client):
    item = ActionItemFactory()  # its excerpt is a sentence of its speech
    url = reverse("admin:conferences_actionitem_change", args=[item.pk])
    response = superuser_client.post(url, {**form_data(superuser_client.get(url), "actionitem"),
                                           "excerpt": ["We will open ten new border posts."]})
    assert response.status_code == 200
    assert "These words are not in the text of the speech" in html.unescape(response.content.decode())
    item.refresh_from_db()
    assert item.excerpt == "We will help secure the borders of the region."
    # The sentence as it stands in the text, wrapped differently, is taken; so is none at all.
    for excerpt in ["We will help secure\r\nthe borders of the region.", ""]:
        response = superuser_client.post(url, {**form_data(superuser_client.get(url), "actionitem"),
                                               "excerpt": [excerpt]})
        assert response.status_code == 302, excerpt
    # A speech edited since does not stop its items' other edits.
    item.speech.body = "Excellencies,\n\nWe will guard the borders.\n\nThank you."
    item.speech.save()
    ActionItem.objects.filter(pk=item.pk).update(excerpt="We will help secure the borders of the region.")
    response = superuser_client.post(url, {**form_data(superuser_client.get(url), "actionitem"),
                                           "title_en": ["Guard the borders"]})
    assert response.status_code == 302


def test_a_progress_update_dated_in_the_future_is_refused_and_changes_nothing(superuser_client):
    item = ActionItemFactory(status="in_progress", progress=40)
    url = reverse("admin:conferences_actionitemupdate_add")
    later = timezone.localdate() + dt.timedelta(days=2)  # beyond tomorrow's grace
    data = {"action_item": item.pk, "date": later.isoformat(), "status": "completed", "progress": "100", "note_en": ""}
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "This date has not come yet: a progress update records what has already happened." in \
        html.unescape(response.content.decode())
    item.refresh_from_db()
    assert (item.status, item.progress, item.updates.count()) == ("in_progress", 40, 0)
    # Today's date, as staff a few hours ahead of the server's clock write it, is taken.
    data["date"] = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    assert superuser_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.progress) == ("completed", 100)


def test_autocomplete_finds_organisations(superuser_client):
    OrganizationFactory(name="Organization for Security and Co-operation in Europe", acronym="OSCE")
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "OSCE", "app_label": "conferences", "model_name": "actionitem", "field_name": "lead_organization"},
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "Organization for Security and Co-operation in Europe (OSCE)"
    ]


def test_a_speech_is_offered_the_latest_conferences_sessions_first(superuser_client):
    older = ConferenceFactory(short_title="Tashkent 2022", start_date=dt.date(2022, 3, 3))
    newer = ConferenceFactory(short_title="Bishkek 2026", start_date=dt.date(2026, 9, 14))
    SessionFactory(conference=older, title="Opening session", position=1)
    SessionFactory(conference=newer, title="Closing session", position=2)
    SessionFactory(conference=newer, title="Opening session", position=1)
    response = superuser_client.get(
        reverse("admin:autocomplete"),
        {"term": "", "app_label": "conferences", "model_name": "speech", "field_name": "session"},
    )
    assert [r["text"] for r in response.json()["results"]] == [
        "Opening session (Bishkek 2026)", "Closing session (Bishkek 2026)", "Opening session (Tashkent 2022)"]


def test_view_on_site_links_to_the_public_page(superuser_client):
    conference = ConferenceFactory(slug="tashkent-2022")
    content_type = ContentType.objects.get_for_model(Conference)
    change_page = superuser_client.get(reverse("admin:conferences_conference_change", args=[conference.pk]))
    view_on_site = reverse("admin:view_on_site", args=[content_type.pk, conference.pk])
    assert view_on_site in change_page.content.decode()
    assert superuser_client.get(view_on_site)["Location"].endswith("/conferences/tashkent-2022/")


def test_slug_cannot_be_changed_once_published(superuser_client):
    conference = ConferenceFactory(slug="tashkent-2022")
    page = superuser_client.get(reverse("admin:conferences_conference_change", args=[conference.pk]))
    assert "slug" not in page.context["adminform"].form.fields
    draft = ConferenceFactory(draft=True)
    page = superuser_client.get(reverse("admin:conferences_conference_change", args=[draft.pk]))
    assert "slug" in page.context["adminform"].form.fields


def test_status_follows_updates_so_it_is_read_only_once_there_are_some(superuser_client):
    item = ActionItemFactory()
    url = reverse("admin:conferences_actionitem_change", args=[item.pk])
    assert "status" in superuser_client.get(url).context["adminform"].form.fields
    ActionItemUpdateFactory(action_item=item)
    assert "status" not in superuser_client.get(url).context["adminform"].form.fields


def test_bulk_deleting_updates_falls_back_to_the_newest_remaining(superuser_client):
    item = ActionItemFactory()
    ActionItemUpdateFactory(action_item=item, date=dt.date(2023, 1, 1), status="planned", progress=10)
    newest = ActionItemUpdateFactory(action_item=item, date=dt.date(2024, 1, 1), status="completed", progress=100)
    superuser_client.post(
        reverse("admin:conferences_actionitemupdate_changelist"),
        {"action": "delete_selected", "_selected_action": [newest.pk], "post": "yes"},
    )
    item.refresh_from_db()
    assert (item.status, item.progress) == ("planned", 10)


def test_publish_action_says_when_nothing_changed(superuser_client):
    conference = ConferenceFactory()
    response = superuser_client.post(
        reverse("admin:conferences_conference_changelist"),
        {"action": "publish", "_selected_action": [conference.pk]},
        follow=True,
    )
    assert "0 items published. 1 was already live." in response.content.decode()


def test_publish_action_is_recorded_in_the_history(superuser_client):
    conference = ConferenceFactory(draft=True)
    superuser_client.post(
        reverse("admin:conferences_conference_changelist"),
        {"action": "publish", "_selected_action": [conference.pk]},
    )
    entry = LogEntry.objects.get(object_id=str(conference.pk))
    assert (entry.user.username, entry.get_change_message()) == ("chief", "Published.")


def test_a_speechs_form_takes_its_commitments_russian_titles_and_countries(superuser_client):
    item = ActionItemFactory()
    kazakhstan = CountryFactory(name="Kazakhstan", iso3="KAZ")
    url = reverse("admin:conferences_speech_change", args=[item.speech.pk])
    response = superuser_client.post(url, {**form_data(superuser_client.get(url), "speech"),
                                           "action_items-0-title_ru": ["Охрана границ"],
                                           "action_items-0-countries": [str(kazakhstan.pk)]})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title_ru == "Охрана границ" and list(item.countries.all()) == [kazakhstan]
    assert item.get_absolute_url() in superuser_client.get(f"/ru{kazakhstan.get_absolute_url()}").content.decode()


def test_country_code_typed_in_lower_case_is_accepted(superuser_client):
    response = superuser_client.post(
        reverse("admin:conferences_country_add"), {"name_en": "Mongolia", "iso3": "mng", "slug": ""}
    )
    assert response.status_code == 302
    assert Country.objects.get(name_en="Mongolia").iso3 == "MNG"


def test_progress_field_refuses_150_in_the_browser_and_on_the_server(superuser_client):
    item = ActionItemFactory()
    page = superuser_client.get(reverse("admin:conferences_actionitem_change", args=[item.pk]))
    assert 'max="100"' in str(page.context["adminform"].form["progress"])


def test_moving_a_speech_takes_its_action_items_to_the_new_conference(superuser_client):
    speech = SpeechFactory()
    items = ActionItemFactory.create_batch(2, speech=speech)
    elsewhere = ConferenceFactory(title="Dushanbe conference on border security")
    url = reverse("admin:conferences_speech_change", args=[speech.pk])
    data = form_data(superuser_client.get(url), "speech")
    data["conference"] = [elsewhere.pk]
    data["action_items-1-title_en"] = ["Train border guards"]  # one row edited in the same save, one not
    response = superuser_client.post(url, data)
    assert response.status_code == 302
    speech.refresh_from_db()
    assert speech.conference == elsewhere
    moved = ActionItem.objects.filter(pk__in=[item.pk for item in items]).order_by("pk")
    assert [(item.title, item.conference) for item in moved] == [
        (items[0].title, elsewhere), ("Train border guards", elsewhere)
    ]


def refuse(field, message):
    def clean(self):
        raise ValidationError({field: message})

    return clean


def test_a_model_error_on_a_field_the_form_leaves_out_is_shown_not_a_server_error(superuser_client, monkeypatch):
    speech = SpeechFactory()  # published, so its slug is read-only: not on the form
    ActionItemFactory(speech=speech)
    url = reverse("admin:conferences_speech_change", args=[speech.pk])
    data = form_data(superuser_client.get(url), "speech")
    monkeypatch.setattr(Speech, "clean", refuse("slug", "This address is taken."))
    monkeypatch.setattr(ActionItem, "clean", refuse("description_en", "Describe what was promised."))
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Slug: This address is taken." in page
    assert "Description [en]: Describe what was promised." in page  # on the action item's row


def move_speech(client, speech, conference, **changes):
    url = reverse("admin:conferences_speech_change", args=[speech.pk])
    data = form_data(client.get(url), "speech")
    data.update(conference=[conference.pk], **{name: [value] for name, value in changes.items()})
    return client.post(url, data)


def test_a_speech_dated_by_default_follows_its_conference_to_new_dates(superuser_client):
    speech = SpeechFactory(conference=ConferenceFactory(start_date=dt.date(2022, 3, 3)), delivered_on=None)
    dushanbe = ConferenceFactory(start_date=dt.date(2022, 10, 18), end_date=dt.date(2022, 10, 19))
    response = move_speech(superuser_client, speech, dushanbe)
    assert response.status_code == 302
    speech.refresh_from_db()
    assert (speech.conference, speech.delivered_on) == (dushanbe, dt.date(2022, 10, 18))
    # Said, not done silently: a date read from a file is also its conference's first day.
    assert [str(message) for message in get_messages(response.wsgi_request)][0] == (
        f"Its date followed it to “{dushanbe}”: 18 October 2022, where it was 3 March 2022. Change it if the "
        "speech was given on another day.")


def test_a_typed_date_outside_the_new_conference_is_refused_with_its_dates(superuser_client):
    tashkent = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4))
    speech = SpeechFactory(conference=tashkent, delivered_on=dt.date(2022, 3, 4))
    dushanbe = ConferenceFactory(short_title="Dushanbe 2022", start_date=dt.date(2022, 10, 18), end_date=None)
    response = move_speech(superuser_client, speech, dushanbe)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["delivered_on"] == [
        "“Dushanbe 2022” was held on 18 October 2022: the speech must be dated that day."
    ]
    speech.refresh_from_db()
    assert (speech.conference, speech.delivered_on) == (tashkent, dt.date(2022, 3, 4))
    # Given a date of the new conference in the same save, the move goes through.
    assert move_speech(superuser_client, speech, dushanbe, delivered_on="2022-10-18").status_code == 302
    speech.refresh_from_db()
    assert (speech.conference, speech.delivered_on) == (dushanbe, dt.date(2022, 10, 18))


def test_a_speech_added_on_its_conferences_page_is_dated_within_it(superuser_client):
    conference = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=None)
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    data = form_data(superuser_client.get(url), "conference")
    data.update({
        "speeches-TOTAL_FORMS": ["1"], "speeches-0-title_en": ["Closing remarks"],
        "speeches-0-speaker": [PersonFactory().pk], "speeches-0-delivered_on": ["2022-03-05"],
        "speeches-0-language": ["en"], "speeches-0-body": ["Thank you."],
    })
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "the speech must be dated that day." in response.content.decode()
    assert not conference.speeches.exists()


def test_new_conference_dates_that_would_leave_a_speech_outside_are_refused(superuser_client):
    conference = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4))
    SpeechFactory(conference=conference, delivered_on=dt.date(2022, 3, 4))
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    data = form_data(superuser_client.get(url), "conference")
    data["end_date"] = [""]
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "the speech must be dated that day." in response.content.decode()
    conference.refresh_from_db()
    assert conference.end_date == dt.date(2022, 3, 4)


def test_correcting_a_conferences_dates_takes_its_speeches_and_sessions_along(superuser_client):
    conference = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4))
    first = SpeechFactory(conference=conference, delivered_on=dt.date(2022, 3, 3))
    second = SpeechFactory(conference=conference, delivered_on=dt.date(2022, 3, 4))
    typed = SpeechFactory(conference=conference, delivered_on=dt.date(2022, 3, 4))
    session = SessionFactory(conference=conference, starts_at=dt.datetime(2022, 3, 4, 5, 0, tzinfo=dt.UTC),
                             ends_at=dt.datetime(2022, 3, 4, 6, 30, tzinfo=dt.UTC))
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    data = form_data(superuser_client.get(url), "conference")
    data.update(start_date=["10/03/2022"], end_date=["11/03/2022"])
    row = next(name[: -len("-id")] for name, value in data.items()
               if name.startswith("speeches-") and name.endswith("-id") and value == [str(typed.pk)])
    data[f"{row}-delivered_on"] = ["2022-03-10"]  # a date given in the same save is kept as given
    assert superuser_client.post(url, data).status_code == 302
    for speech in (first, second, typed):
        speech.refresh_from_db()
    session.refresh_from_db()
    assert [first.delivered_on, second.delivered_on, typed.delivered_on] == [
        dt.date(2022, 3, 10), dt.date(2022, 3, 11), dt.date(2022, 3, 10)]
    assert (session.starts_at, session.ends_at) == (dt.datetime(2022, 3, 11, 5, 0, tzinfo=dt.UTC),
                                                    dt.datetime(2022, 3, 11, 6, 30, tzinfo=dt.UTC))
    # Saved anywhere else (the shell, an import), the conference takes them along too.
    conference.refresh_from_db()
    conference.start_date, conference.end_date = dt.date(2023, 3, 10), dt.date(2023, 3, 11)
    conference.save()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.delivered_on, second.delivered_on) == (dt.date(2023, 3, 10), dt.date(2023, 3, 11))


def test_only_a_whole_move_takes_the_agenda_along_and_sessions_keep_their_hours(superuser_client):
    from zoneinfo import ZoneInfo

    vienna = ZoneInfo("Europe/Vienna")
    conference = ConferenceFactory(start_date=dt.date(2024, 3, 20), end_date=dt.date(2024, 3, 22),
                                   country=CountryFactory(iso3="AUT", name="Austria"))
    speeches = [SpeechFactory(conference=conference, delivered_on=dt.date(2024, 3, day)) for day in (20, 21, 22)]
    session = SessionFactory(conference=conference, starts_at=dt.datetime(2024, 3, 20, 9, 0, tzinfo=vienna),
                             ends_at=dt.datetime(2024, 3, 20, 10, 30, tzinfo=vienna))

    def days():
        return [Speech.objects.get(pk=speech.pk).delivered_on.day for speech in speeches]

    # A day added in front changes the meeting's length, not where it is: nothing moves.
    conference.start_date = dt.date(2024, 3, 19)
    conference.save()
    assert days() == [20, 21, 22]
    # Moved whole (19–22 March to 2–5 April, past the clock change): each speech keeps its day of the
    # meeting, the session its day and its hours in Vienna.
    conference.start_date, conference.end_date = dt.date(2024, 4, 2), dt.date(2024, 4, 5)
    conference.save()
    assert days() == [3, 4, 5]
    session.refresh_from_db()
    assert (session.starts_at.astimezone(vienna), session.ends_at.astimezone(vienna)) == (
        dt.datetime(2024, 4, 3, 9, 0, tzinfo=vienna), dt.datetime(2024, 4, 3, 10, 30, tzinfo=vienna))
    # Moved and shortened at once: nothing moves, and the admin points out what falls outside.
    url = reverse("admin:conferences_conference_change", args=[conference.pk])
    data = form_data(superuser_client.get(url), "conference")
    data.update(start_date=["10/05/2024"], end_date=["11/05/2024"])
    response = superuser_client.post(url, data)
    assert response.status_code == 200 and "the speech must be dated one of those days." in response.content.decode()
    assert days() == [3, 4, 5]


def test_the_admins_search_finds_a_word_whatever_its_case_and_whether_it_is_written_with_yo(superuser_client):
    item = ActionItemFactory(title="Помощь заключённым", description="Курсы в ТАШКЕНТЕ")
    ActionItemFactory(title="Border management", description="Tashkent")
    url = reverse("admin:conferences_actionitem_changelist")
    for query in ["заключенным", "ЗАКЛЮЧЁННЫМ", "ташкенте", "Помощь заключенным"]:
        found = superuser_client.get(url, {"q": query}).context["cl"].result_list
        assert [obj.pk for obj in found] == [item.pk], query
    # Signs LIKE reads are taken as themselves.
    assert not superuser_client.get(url, {"q": "100%"}).context["cl"].result_list
