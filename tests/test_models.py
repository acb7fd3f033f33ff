import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from conferences.models import ActionItem, Conference, Speech

from .factories import (
    ActionItemFactory,
    ActionItemUpdateFactory,
    ConferenceFactory,
    DocumentFactory,
    OrganizationFactory,
    PersonFactory,
    PlanFactory,
    SpeechFactory,
)

pytestmark = pytest.mark.django_db


def test_slug_made_from_title_when_left_empty():
    conference = ConferenceFactory(title="Regional Conference on Border Security")
    assert conference.slug == "regional-conference-on-border-security"


def test_slug_prefers_short_title_for_conferences():
    conference = ConferenceFactory(title="A very long official title", short_title="Tashkent 2022")
    assert conference.slug == "tashkent-2022"


def test_slug_made_unique_with_a_number():
    first = ActionItemFactory(title="Secure the borders")
    second = ActionItemFactory(title="Secure the borders")
    third = ActionItemFactory(title="Secure the borders")
    assert ([first.slug, second.slug, third.slug]
            == ["secure-the-borders", "secure-the-borders-2", "secure-the-borders-3"])


def test_slug_stays_when_title_changes():
    item = ActionItemFactory(title="Secure the borders")
    item.title = "Secure and manage the borders"
    item.save()
    item.refresh_from_db()
    assert item.slug == "secure-the-borders"


def test_slug_transliterates_cyrillic():
    item = ActionItemFactory(title="Обмен опытом по раннему предупреждению")
    assert item.slug == "obmen-opytom-po-rannemu-preduprezhdeniiu"


def test_speech_slug_names_title_speaker_and_year():
    speaker = PersonFactory(name="Vladimir Voronkov")
    speech = SpeechFactory(title="Opening remarks", speaker=speaker, delivered_on=dt.date(2022, 3, 3))
    assert speech.slug == "opening-remarks-vladimir-voronkov-2022"


def test_a_slug_names_the_year_once_where_the_name_holds_it_already():
    plan = PlanFactory(name="Regional roadmap 2026", adopted_on=dt.date(2026, 5, 1))
    document = DocumentFactory(title="Dushanbe Declaration 2022", adopted_on=dt.date(2022, 10, 19))
    other = DocumentFactory(title="Declaration of 2020 commitments", adopted_on=dt.date(2022, 10, 20))
    assert (plan.slug, document.slug, other.slug) == (
        "regional-roadmap-2026", "dushanbe-declaration-2022", "declaration-of-2020-commitments-2022")


def test_explicit_slug_is_kept():
    assert ConferenceFactory(slug="my-own-slug").slug == "my-own-slug"


def test_duplicate_explicit_slug_is_refused():
    ConferenceFactory(slug="tashkent-2022")
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(slug="tashkent-2022")


def test_end_date_before_start_date_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ConferenceFactory(start_date=dt.date(2022, 3, 4), end_date=dt.date(2022, 3, 3))


def test_end_date_before_start_date_gets_a_clear_validation_message():
    conference = ConferenceFactory.build(start_date=dt.date(2022, 3, 4), end_date=dt.date(2022, 3, 3), country=None)
    with pytest.raises(ValidationError) as error:
        conference.full_clean()
    assert error.value.message_dict == {"end_date": ["The end date cannot be before the start date."]}


def test_one_day_conference_needs_no_end_date():
    conference = ConferenceFactory(end_date=None)
    assert conference.end_date is None


@pytest.mark.parametrize("progress", [101, 250])
def test_progress_above_100_is_refused_by_the_database(progress):
    item = ActionItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.filter(pk=item.pk).update(progress=progress)


def test_progress_above_100_gets_a_clear_validation_message():
    item = ActionItemFactory(progress=0)
    item.progress = 120
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert error.value.message_dict["progress"] == ["Ensure this value is less than or equal to 100."]


def test_unknown_status_is_refused_by_the_database():
    item = ActionItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionItem.objects.filter(pk=item.pk).update(status="nope")


def test_published_excludes_drafts_and_scheduled_items():
    live = ConferenceFactory()
    ConferenceFactory(draft=True)
    ConferenceFactory(scheduled=True)
    assert list(Conference.objects.published()) == [live]


def test_scheduled_item_goes_live_when_its_time_comes():
    conference = ConferenceFactory(scheduled=True)
    assert not Conference.objects.published().exists()
    assert conference.publication_state == "scheduled"
    # Time passes: the publication time is now behind us. No job runs; the query alone decides.
    Conference.objects.filter(pk=conference.pk).update(published_at=timezone.now() - dt.timedelta(seconds=1))
    conference.refresh_from_db()
    assert list(Conference.objects.published()) == [conference]
    assert conference.publication_state == "live"


def test_publishing_without_a_time_sets_it_to_now():
    before = timezone.now().replace(microsecond=0)  # kept to the second
    conference = ConferenceFactory(draft=True)
    conference.is_published = True
    conference.save()
    assert before <= conference.published_at <= timezone.now()
    assert conference.is_public


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite keeps the rule in the models (migration 0029)")
@pytest.mark.parametrize("factory", [ConferenceFactory, SpeechFactory, ActionItemFactory, DocumentFactory])
def test_a_published_row_without_its_time_is_refused_by_the_database(factory):
    obj = factory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(obj).objects.filter(pk=obj.pk).update(published_at=None)  # past save(), as a raw write would be


def test_a_form_that_publishes_without_a_time_is_valid_and_takes_the_moment():
    conference = ConferenceFactory(draft=True)
    conference.is_published = True
    conference.full_clean()  # what a publisher's admin form asks before saving
    assert conference.published_at is not None


def test_speech_is_public_only_with_its_conference():
    speech = SpeechFactory(conference=ConferenceFactory(draft=True))
    assert speech.publication_state == "live"
    assert not speech.is_public
    assert not Speech.objects.published().exists()
    speech.conference.is_published = True
    speech.conference.save()
    assert list(Speech.objects.published()) == [speech]


def test_speech_follows_its_conference_however_either_is_written():
    """The database copies the conference's publication onto its speeches: bulk updates included."""
    past, future = timezone.now() - dt.timedelta(hours=1), timezone.now() + dt.timedelta(days=1)
    conference = ConferenceFactory(draft=True)
    speech = SpeechFactory(conference=conference)
    conferences = Conference.objects.filter(pk=conference.pk)

    def public() -> bool:
        return Speech.objects.published().filter(pk=speech.pk).exists()

    assert not public()
    conferences.update(is_published=True, published_at=past)
    assert public()
    conferences.update(published_at=future)  # rescheduled
    assert not public()
    conferences.update(published_at=past)
    assert public()
    conferences.update(is_published=False)
    assert not public()
    # Moved to a published conference, and back to the draft one.
    speech.conference = ConferenceFactory()
    speech.save()
    assert public()
    Speech.objects.filter(pk=speech.pk).update(conference=conference)
    assert not public()
    # A value written straight into the copy does not stick.
    Speech.objects.filter(pk=speech.pk).update(conference_published_at=past)
    assert not public()


def test_action_item_does_not_need_its_speech_to_be_public():
    item = ActionItemFactory(speech=SpeechFactory(draft=True))
    assert list(ActionItem.objects.published()) == [item]


def test_action_item_takes_its_conference_from_its_speech():
    speech = SpeechFactory()
    item = ActionItemFactory(speech=speech, conference=None)
    assert item.conference == speech.conference


def test_action_item_conference_must_match_its_speech():
    item = ActionItemFactory.build(speech=SpeechFactory(), conference=ConferenceFactory(), lead_organization=None)
    with pytest.raises(ValidationError) as error:
        item.full_clean(exclude=["slug"])
    assert "conference" in error.value.message_dict


def test_action_items_move_with_their_speech():
    speech = SpeechFactory()
    item = ActionItemFactory(speech=speech)
    speech.conference = ConferenceFactory()
    speech.save()
    item.refresh_from_db()
    assert item.conference == speech.conference


def test_speech_delivered_on_defaults_to_conference_start():
    speech = SpeechFactory(conference=ConferenceFactory(start_date=dt.date(2017, 6, 13)), delivered_on=None)
    assert speech.delivered_on == dt.date(2017, 6, 13)


@pytest.mark.parametrize("end_date, delivered_on, message", [
    (None, dt.date(2022, 3, 4), "“Tashkent 2022” was held on 3 March 2022: the speech must be dated that day."),
    (dt.date(2022, 3, 4), dt.date(2022, 3, 2),
     "“Tashkent 2022” was held from 3 March 2022 to 4 March 2022: the speech must be dated one of those days."),
])
def test_speech_dated_outside_its_conference_is_refused_on_its_date(end_date, delivered_on, message):
    conference = ConferenceFactory(short_title="Tashkent 2022", start_date=dt.date(2022, 3, 3), end_date=end_date)
    speech = SpeechFactory.build(conference=conference, delivered_on=delivered_on, speaker=PersonFactory())
    with pytest.raises(ValidationError) as error:
        speech.full_clean(exclude=["slug"])
    assert error.value.message_dict == {"delivered_on": [message]}


def test_speech_dated_any_day_of_its_conference_is_accepted():
    conference = ConferenceFactory(start_date=dt.date(2022, 3, 3), end_date=dt.date(2022, 3, 4))
    for day in [dt.date(2022, 3, 3), dt.date(2022, 3, 4)]:
        SpeechFactory.build(conference=conference, delivered_on=day, speaker=PersonFactory()).full_clean(
            exclude=["slug"])


def test_a_speech_dated_by_default_takes_the_new_conferences_start_when_moved():
    speech = SpeechFactory(conference=ConferenceFactory(start_date=dt.date(2022, 3, 3)), delivered_on=None)
    speech.conference = ConferenceFactory(start_date=dt.date(2022, 10, 18))
    speech.save()
    speech.refresh_from_db()
    assert speech.delivered_on == dt.date(2022, 10, 18)


def test_update_moves_action_item_to_its_status_and_progress():
    item = ActionItemFactory(status="proposed", progress=0)
    ActionItemUpdateFactory(action_item=item, date=dt.date(2023, 1, 1), status="in_progress", progress=40)
    item.refresh_from_db()
    assert (item.status, item.progress) == ("in_progress", 40)


def test_newest_update_wins_even_when_an_older_one_is_saved_later():
    item = ActionItemFactory()
    ActionItemUpdateFactory(action_item=item, date=dt.date(2024, 1, 1), status="completed", progress=100)
    ActionItemUpdateFactory(action_item=item, date=dt.date(2023, 1, 1), status="planned", progress=10)
    item.refresh_from_db()
    assert (item.status, item.progress) == ("completed", 100)


def test_deleting_the_newest_update_falls_back_to_the_previous_one():
    item = ActionItemFactory()
    ActionItemUpdateFactory(action_item=item, date=dt.date(2023, 1, 1), status="planned", progress=10)
    newest = ActionItemUpdateFactory(action_item=item, date=dt.date(2024, 1, 1), status="on_hold", progress=20)
    newest.delete()
    item.refresh_from_db()
    assert (item.status, item.progress) == ("planned", 10)


def test_speech_paragraphs_and_the_one_holding_an_excerpt():
    speech = SpeechFactory(body="Excellencies,\n\nFirst  paragraph\nwrapped here.\n\n\nWe will help.  Thank you.\n")
    assert speech.paragraphs == ["Excellencies,", "First paragraph wrapped here.", "We will help. Thank you."]
    assert speech.paragraph_number("We will help.") == 3
    assert speech.paragraph_number("paragraph wrapped") == 2
    assert speech.paragraph_number("Not in the text.") is None


def test_str_of_each_model():
    org = OrganizationFactory(name="United Nations Office of Counter-Terrorism", acronym="UNOCT")
    person = PersonFactory(name="Vladimir Voronkov", organization=org)
    conference = ConferenceFactory(title="Long title", short_title="Tashkent 2022")
    speech = SpeechFactory(title="Opening remarks", speaker=person, conference=conference)
    assert str(org) == "United Nations Office of Counter-Terrorism (UNOCT)"
    assert str(conference) == "Tashkent 2022"
    assert str(speech) == "Opening remarks, Vladimir Voronkov (Tashkent 2022)"


def test_an_item_published_now_is_public_to_the_very_next_query():
    # SQLite's clock counts milliseconds: publishing must never leave an item in the future for one.
    conference = ConferenceFactory(draft=True)
    for _ in range(50):
        Conference.objects.filter(pk=conference.pk).update(is_published=False, published_at=None)
        conference.refresh_from_db()
        conference.is_published = True
        conference.save()
        assert Conference.objects.published().filter(pk=conference.pk).exists()


def test_the_admins_live_and_scheduled_are_what_published_holds_by_the_databases_clock(monkeypatch):
    went_live = ActionItemFactory(published_at=timezone.now() - dt.timedelta(minutes=30))
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: real_now() - dt.timedelta(hours=1))  # a web server's clock behind
    live = set(ActionItem.objects.filter(ActionItem.in_publication_state("live")))
    scheduled = set(ActionItem.objects.filter(ActionItem.in_publication_state("scheduled")))
    assert live == set(ActionItem.objects.published()) == {went_live} and not scheduled
