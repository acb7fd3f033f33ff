import datetime as dt

import pytest
from django.core.management import call_command

from conferences.languages import translated_names
from conferences.models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Organization,
    Person,
    Speech,
    SpeechTranslation,
    Theme,
)

pytestmark = pytest.mark.django_db
MODELS = [Conference, Speech, ActionItem, ActionItemUpdate, Person, Organization, Country, Theme]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = counts()
    changed = {m.__name__: list(m.objects.values_list("pk", "updated_at")) for m in [Conference, Speech, ActionItem]}
    call_command("load_demo")
    assert counts() == first
    assert {m.__name__: list(m.objects.values_list("pk", "updated_at"))
            for m in [Conference, Speech, ActionItem]} == changed
    assert "nothing changed" in capsys.readouterr().out


def test_demo_holds_the_tashkent_conference_and_its_commitments():
    call_command("load_demo")
    tashkent = Conference.objects.published().get(slug="tashkent-2022")
    assert tashkent.start_date == dt.date(2022, 3, 3)
    remarks = Speech.objects.published().get(conference=tashkent, title_en="Opening remarks")
    assert remarks.speaker.name == "Vladimir Voronkov"
    assert remarks.speaker_role == "Under-Secretary-General, United Nations Office of Counter-Terrorism"
    commitments = ActionItem.objects.published().filter(speech=remarks)
    assert commitments.count() >= 8
    assert all(item.lead_organization_id for item in commitments)
    # Each excerpt is found in the speech, so the item links to its paragraph.
    assert all(remarks.paragraph_number(item.excerpt) for item in commitments)
    assert ActionItemUpdate.objects.filter(action_item__speech=remarks).count() >= 3


def test_demo_gives_every_status_and_every_publication_state_something_to_show():
    call_command("load_demo")
    assert set(ActionItem.objects.published().values_list("status", flat=True)) == set(ActionItem.Status.values)
    for model in [Conference, ActionItem]:
        states = {obj.publication_state for obj in model.objects.all()}
        assert {"live", "draft"} <= states
    assert "scheduled" in {speech.publication_state for speech in Speech.objects.all()}
    assert Speech.objects.published().filter(language="ru").exists()
    assert set(Country.objects.values_list("iso3", flat=True)) >= {"KAZ", "KGZ", "TJK", "TKM", "UZB"}


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_demo_is_in_english_and_russian():
    call_command("load_demo")
    missing = [
        f"{model.__name__} {obj.pk} {name}"
        for model in (Conference, Speech, ActionItem, Person, Organization, Country, Theme)
        for obj in model.objects.all()
        for name in translated_names(model)
        if getattr(obj, f"{name}_en") and not getattr(obj, f"{name}_ru")
    ]
    assert not missing
    # A speech delivered in English has its Russian text, and the one delivered in Russian its English.
    assert set(SpeechTranslation.objects.values_list("speech__language", "language")) == {("en", "ru"), ("ru", "en")}
