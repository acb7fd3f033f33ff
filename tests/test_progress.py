"""Progress at a glance: the home page's figures and each country's, organisation's and theme's
scorecard count what the lists they link to show; an action item shows when it was last updated
and how its progress went."""

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from conferences.models import ActionItem, Country, Organization, Status, Theme

from .factories import ActionItemFactory, ActionItemUpdateFactory, CountryFactory, OrganizationFactory
from .pages import links, row_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def scorecard_figures(client, address: str) -> list[tuple[str, int]]:
    """Each figure of a page's scorecard that links to the action-item list: (its address, the number it shows)."""
    found = []
    for link, text in links(client.get(address), within=("section", "scorecard")):
        if urlsplit(link).path == reverse("conferences:actionitem_list"):
            numbers = re.findall(r"\d+", text)
            found.append((link, int(numbers[-1] if "status=" in link else numbers[0])))
    return found


def scorecard_text(response) -> str:
    """The words of a page's scorecard, as a reader sees them."""
    card = response.content.decode().split('id="scorecard-heading"', 1)[1].split("<h2", 1)[0]
    return " ".join(re.sub(r"<[^>]+>", " ", card).split())


def listed(client, address: str) -> int:
    return client.get(address).context["paginator"].count


@pytest.mark.parametrize("hub", [None, Country, Organization, Theme])
def test_each_figure_is_the_count_of_the_list_it_links_to(client, demo, hub):
    today = dt.date.today()
    # Something overdue and something completed, so that those figures are there to check.
    ActionItem.objects.filter(slug__in=ActionItem.objects.published().values("slug")[:2]).update(
        due_date=today - dt.timedelta(days=30), status=Status.IN_PROGRESS)
    if hub is None:
        address = "/"
    else:
        # The hub with the most public action items: its figures are the ones worth checking.
        pages = {obj.get_absolute_url(): obj for obj in hub.objects.published()}
        address = max(pages, key=lambda page: len(scorecard_figures(client, page)))
    figures = scorecard_figures(client, address)
    kinds = {next(iter(parse_qs(urlsplit(link).query).keys() - {"country", "lead", "theme", "sort"}), "all")
             for link, _count in figures}
    assert {"status", "overdue", "all"} <= kinds, figures
    for link, count in figures:
        assert listed(client, link) == count, link


def test_overdue_counts_past_due_items_that_are_neither_completed_nor_cancelled(client):
    country = CountryFactory(name="Kyrgyzstan")
    past = dt.date.today() - dt.timedelta(days=1)
    for status in Status.values:
        ActionItemFactory(status=status, due_date=past).countries.set([country])
    ActionItemFactory(status=Status.IN_PROGRESS, due_date=dt.date.today()).countries.set([country])  # due today
    ActionItemFactory(status=Status.IN_PROGRESS, due_date=past, draft=True).countries.set([country])
    page = client.get(country.get_absolute_url()).content.decode()
    # proposed, planned, in progress and on hold are late; completed and cancelled never are
    assert "7 action items" in page and "4 overdue" in page
    # The items concern the country; others may lead them, and a reader must not take them for its own.
    assert "They are counted whoever leads them" in page
    assert f'href="/action-items/?country={country.slug}&amp;overdue=1&amp;sort=due"' in page


def test_an_organisations_scorecard_counts_what_it_leads_not_what_it_helps_with(client):
    past = dt.date.today() - dt.timedelta(days=1)
    osce, unoct = OrganizationFactory(name="OSCE", slug="osce"), OrganizationFactory(name="UNOCT", slug="unoct")
    led = ActionItemFactory(title="Train border officers", lead_organization=osce, status=Status.COMPLETED)
    helped = ActionItemFactory(title="Counter terrorist travel", lead_organization=unoct, due_date=past,
                               status=Status.PLANNED)
    helped.partners.set([osce])
    addresses = [osce.get_absolute_url(), "/ru" + osce.get_absolute_url()]
    page, russian = (client.get(address) for address in addresses)
    # UNOCT's overdue item is not laid at the door of the OSCE, which only partners in it.
    card = scorecard_text(page)
    assert "1 action item" in card and "none overdue" in card
    card_links = [link for link, _text in links(page, within=("section", "scorecard"))]
    assert "/action-items/?lead=osce" in card_links
    # What it helps with is a link beside its figures, for a reader comparing organisations.
    assert card_links[-1] == "/action-items/?partner=osce" and "A partner in 1 action item that others lead" in card
    assert row_titles(client.get("/action-items/", {"lead": "osce"})) == [led.title]
    partnered = client.get("/action-items/", {"partner": "osce"})
    assert row_titles(partnered) == [helped.title]
    # Reached from the organisation's page: no third menu of organisations, but kept when other filters change.
    assert '<select name="partner"' not in partnered.content.decode()
    assert '<input type="hidden" name="partner" value="osce"' in partnered.content.decode()
    content = page.content.decode()
    assert content.index("Action items it leads") < content.index(led.title)
    assert content.index("Action items it is a partner in") < content.index(helped.title)
    assert "Ход выполнения обязательств, по которым организация является ведущей" in russian.content.decode()
    # The lead's own page counts it as overdue; a partner that leads nothing says so, and links what it helps with.
    assert "1 overdue" in scorecard_text(client.get(unoct.get_absolute_url()))
    helper_only = OrganizationFactory(name="EU", slug="eu")
    led.partners.set([helper_only])
    partner_card = scorecard_text(client.get(helper_only.get_absolute_url()))
    assert "It leads none of the published action items." in partner_card
    assert "A partner in 1 action item that others lead" in partner_card and "overdue" not in partner_card


def test_the_home_page_shows_the_latest_progress_updates_of_public_items_only(client):
    shown = ActionItemFactory(title="Border posts equipped")
    hidden = ActionItemFactory(title="Still a draft", draft=True)
    ActionItemUpdateFactory(action_item=shown, date=dt.date(2026, 10, 1), status=Status.IN_PROGRESS, progress=40)
    ActionItemUpdateFactory(action_item=hidden, date=dt.date(2026, 10, 2), status=Status.IN_PROGRESS, progress=10)
    page = client.get("/")
    lately = links(page, within=("ol", "lately"))
    assert lately == [(shown.get_absolute_url(), "Border posts equipped")]
    assert "Still a draft" not in page.content.decode()
    russian = client.get("/ru/").content.decode()
    assert "Последние сведения о ходе выполнения" in russian


def test_an_action_item_shows_when_it_was_last_updated_and_how_its_progress_went(client):
    item = ActionItemFactory(status=Status.IN_PROGRESS, progress=60)
    for day, progress in [(dt.date(2025, 1, 10), 10), (dt.date(2025, 6, 1), 35), (dt.date(2025, 11, 20), 60)]:
        ActionItemUpdateFactory(action_item=item, date=day, status=Status.IN_PROGRESS, progress=progress)
    page = client.get(item.get_absolute_url()).content.decode()
    # "Latest progress update", not "Last updated": the record's own last change is another day (the CSV's).
    assert re.search(r'Latest progress update</p>\s*<p><time datetime="2025-11-20">', page)
    # Saving the item itself is no progress: with no update, the box says so rather than give that day.
    unreported = client.get(ActionItemFactory().get_absolute_url()).content.decode()
    assert re.search(r"Latest progress update</p>\s*<p>None yet</p>", unreported)
    # A step line: 10% until 1 June, then 35% until 20 November, then 60%, held to the right edge.
    assert 'points="0.0,90 42.5,90 42.5,65 94.0,65 94.0,40 100.0,40"' in page
    # A dot at each update, on a scale a reader can read the values from, and where it began and stands.
    assert re.findall(r'class="progress-history__dot" points="([\d.,]+) \1"', page) == ["0.0,90", "42.5,65", "94.0,40"]
    assert "<span>100%</span><span>50%</span><span>0%</span>" in page
    assert re.search(r'<span><time datetime="2025-01-10">[^<]+</time>: 10%</span>'
                     r'<span><time datetime="2025-11-20">[^<]+</time>: 60%</span>', page)
    # Corrected the same day: the later update stands, on the chart as on the item.
    ActionItemUpdateFactory(action_item=item, date=dt.date(2025, 11, 20), status=Status.IN_PROGRESS, progress=55)
    page = client.get(item.get_absolute_url()).content.decode()
    assert re.search(r'<time datetime="2025-11-20">[^<]+</time>: 55%</span>', page)
    assert "55%" in re.search(r'class="progress__value"[^>]*>([^<]+)<', page).group(1)
    single = ActionItemFactory()
    ActionItemUpdateFactory(action_item=single, date=dt.date(2025, 3, 1))
    assert "progress-history" not in client.get(single.get_absolute_url()).content.decode()


def test_a_progress_note_is_marked_with_the_language_it_is_written_in_where_the_page_is_in_the_other(client):
    item = ActionItemFactory()
    addresses = [item.get_absolute_url(), "/ru" + item.get_absolute_url()]
    ActionItemUpdateFactory(action_item=item, date=dt.date(2025, 3, 1), note="Training held in Osh (UNODC).")
    ActionItemUpdateFactory(action_item=item, date=dt.date(2025, 4, 1), note="Курс проведён в Оше при участии UNODC.")
    ActionItemUpdateFactory(action_item=item, date=dt.date(2025, 5, 1), note="50 %")  # no letters, no language
    english, russian = (client.get(address).content.decode() for address in addresses)
    # A screen reader reads each note in its own language; a note in the page's language needs no mark.
    assert '<p lang="ru">Курс проведён в Оше при участии UNODC.</p>' in english
    assert "<p>Training held in Osh (UNODC).</p>" in english
    assert '<p lang="en">Training held in Osh (UNODC).</p>' in russian
    assert "<p>Курс проведён в Оше при участии UNODC.</p>" in russian
    assert "<p>50 %</p>" in english and "<p>50 %</p>" in russian


def test_a_progress_note_given_in_both_languages_shows_in_the_readers(client):
    item = ActionItemFactory()
    ActionItemUpdateFactory(action_item=item, note="Two border posts rebuilt.",
                            note_ru="Восстановлены два погранпоста.")
    address, feed_address = item.get_absolute_url(), reverse("conferences:update_feed")
    english = client.get(address).content.decode()
    russian = client.get("/ru" + address).content.decode()
    assert "<p>Two border posts rebuilt.</p>" in english and "Восстановлены" not in english
    assert "<p>Восстановлены два погранпоста.</p>" in russian and "Two border posts" not in russian
    feed = client.get("/ru" + feed_address).content.decode()
    assert "Восстановлены два погранпоста." in feed and "Two border posts" not in feed
    api = client.get(f"/ru/api/v1/action-items/{item.slug}/").json()
    assert [update["note"] for update in api["updates"]] == ["Восстановлены два погранпоста."]


def test_the_home_page_counts_each_countrys_commitments_as_its_lists_do(client, demo):
    rows = links(client.get("/"), within=("table", "country-progress"))
    countries = [(address, name) for address, name in rows if address.startswith("/countries/")]
    assert len(countries) >= 3
    for address, count in [(address, int(text)) for address, text in rows if address.startswith("/action-items/")]:
        assert listed(client, address) == count, address


def test_the_country_table_says_it_counts_what_concerns_a_country_not_what_it_leads(client, demo):
    # A country's row counts the commitments about it, most of them led by UN offices or the OSCE:
    # read as the country's own, its overdue figure would blame the country.
    for prefix, heading, whoever in [
        ("", "By the country they concern", "whoever leads them"),
        ("/ru", "По странам, которых касаются обязательства", "независимо от того, какая организация является ведущей"),
    ]:
        page = client.get(prefix + "/").content.decode()
        assert f'<h2 id="countries-heading">{heading}</h2>' in page and whoever in page


def test_the_overdue_figure_leads_to_the_longest_overdue_first(client):
    country = CountryFactory(name="Kyrgyzstan")
    today = dt.date.today()
    for title, late in [("A lately due", 3), ("B long overdue", 400), ("C due a month ago", 30)]:
        ActionItemFactory(title=title, status=Status.PLANNED, due_date=today - dt.timedelta(days=late)).countries.set(
            [country])
    [address] = [address for address, _text in links(client.get(country.get_absolute_url()))
                 if "overdue=1" in address]
    assert row_titles(client.get(address)) == ["B long overdue", "C due a month ago", "A lately due"]


def test_a_share_of_a_half_percent_rounds_up_as_a_reader_checking_by_hand_would(client):
    uzbekistan = CountryFactory(name="Uzbekistan")
    for n in range(8):
        ActionItemFactory(status="completed" if n == 0 else "planned", progress=100 if n == 0 else 0).countries.set(
            [uzbekistan])
    assert "1 of 8 completed (13%)" in client.get(uzbekistan.get_absolute_url()).content.decode()


def test_a_filter_value_the_list_refuses_counts_nothing_rather_than_everything(client):
    from conferences.progress import scorecard

    ActionItemFactory.create_batch(3)
    hidden = CountryFactory(name="Not public yet")  # nothing public concerns it: the list refuses it
    assert scorecard(country=hidden.slug).tally.total == 0
    assert scorecard().tally.total == 3
