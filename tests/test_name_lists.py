"""The database keeps each action item's names of partners, countries and themes as its CSV row shows
them, whatever changes the links or the names (conferences/name_lists.py)."""

import pytest

from conferences.models import ActionItem, ActionItemNames, Country, Organization

from .factories import ActionItemFactory, CountryFactory, OrganizationFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def names(item) -> ActionItemNames:
    return ActionItemNames.objects.get(pk=item.pk)


def test_links_added_removed_and_cleared_change_the_names():
    item = ActionItemFactory()
    uzbekistan, kazakhstan = CountryFactory(name="Uzbekistan"), CountryFactory(name="Kazakhstan")
    item.countries.set([uzbekistan, kazakhstan])
    assert names(item).countries_en == "Kazakhstan; Uzbekistan"  # sorted, whatever the order of linking
    item.countries.remove(kazakhstan)
    assert names(item).countries_en == "Uzbekistan"
    item.countries.clear()
    assert names(item).countries_en is None


def test_renaming_or_translating_a_linked_record_renames_it_in_every_list():
    first, second = ActionItemFactory(), ActionItemFactory()
    osce = OrganizationFactory(name="OSCE secretariat", acronym="OSCE")
    unoct = OrganizationFactory(name="Office of Counter-Terrorism", acronym="")
    for item in (first, second):
        item.partners.set([osce, unoct])
    assert names(first).partners_en == "OSCE secretariat (OSCE); Office of Counter-Terrorism"
    osce.name_ru, osce.acronym_ru = "Секретариат ОБСЕ", "ОБСЕ"
    osce.save()
    Organization.objects.filter(pk=unoct.pk).update(acronym_en="UNOCT")  # not through save(): the database sees it
    for item in (first, second):
        assert names(item).partners_en == "OSCE secretariat (OSCE); Office of Counter-Terrorism (UNOCT)"
        # A name without a Russian translation is in English, as on the Russian pages.
        assert names(item).partners_ru == "Office of Counter-Terrorism (UNOCT); Секретариат ОБСЕ (ОБСЕ)"


def test_a_change_elsewhere_on_a_linked_record_leaves_the_lists_alone():
    item = ActionItemFactory()
    theme = ThemeFactory(name="Border security")
    item.themes.set([theme])
    ActionItemNames.objects.filter(pk=item.pk).update(themes_en="kept as it was")
    theme.position = 7
    theme.save()
    assert names(item).themes_en == "kept as it was"


def test_a_deleted_item_takes_its_names_along():
    item = ActionItemFactory()
    item.countries.set([CountryFactory()])
    key = item.pk
    item.delete()
    assert not ActionItemNames.objects.filter(pk=key).exists()
    assert not ActionItem.objects.filter(pk=key).exists() and Country.objects.exists()
