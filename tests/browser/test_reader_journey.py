"""A reader follows links from the home page to a commitment and its lead, filters and searches."""

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def test_reader_follows_links_filters_and_searches(page: Page, live_server, demo):
    page.goto(live_server.url)
    expect(page).to_have_title(re.compile("JPoA Central Asia"))

    page.get_by_role("link", name="Tashkent 2022").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tashkent 2022")
    expect(page.locator(".detail__subtitle")).to_contain_text("High-level International Conference")

    # The speech, from its session on the conference's agenda.
    page.locator("#agenda").get_by_role("link", name="Opening remarks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opening remarks")
    expect(page.locator(".speech__speaker")).to_contain_text("Vladimir Voronkov")

    aside = page.get_by_role("complementary")
    aside.get_by_role("link", name="Help Member States secure and manage their borders").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Help Member States secure and manage their borders")
    # The excerpt links back to the very paragraph of the speech.
    expect(page.locator("figcaption a")).to_have_attribute("href", re.compile(r"/speeches/.+#p\d+$"))

    page.get_by_role("link", name="United Nations Counter-Terrorism Centre (UNCCT)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("United Nations Counter-Terrorism Centre")
    expect(page.get_by_role("link", name="Help Member States secure and manage their borders").first).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Action items").click()
    page.get_by_label("Status").select_option("in_progress")  # by value: the label carries its count
    page.get_by_label("Country").select_option("uzbekistan")
    page.get_by_role("button", name="Apply").click()
    expect(page).to_have_url(re.compile(r"status=in_progress.*country=uzbekistan"))
    expect(page.locator(".results-count")).to_have_text("4 action items")
    assert page.locator(".rows .row__title").all_inner_texts() == [
        "Develop a counter-terrorism early warning network for Central Asia",
        "Help Member States secure and manage their borders",
        "Strengthen community resilience to violent extremism",
        "Support rehabilitation and reintegration of people with suspected links to terrorist groups",
    ]

    search = page.get_by_role("search").first
    search.get_by_role("searchbox").fill("vulnerable")
    search.get_by_role("button", name="Search").click()
    expect(page.locator(".results-count")).to_contain_text("for “vulnerable”")
    page.get_by_role("link", name="Explore assistance to protect vulnerable targets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Explore assistance to protect vulnerable targets")


def tab_to(page: Page, name: str, limit: int = 150) -> None:
    """Press Tab until the focused element's accessible text is `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement; "
            "return (e.innerText || e.value || e.getAttribute('aria-label') || '').trim(); }"
        )
        if focused == name:
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"no visible focus on {name!r}"
            return
    raise AssertionError(f"Tab never reached {name!r}")


def tab_to_field(page: Page, label: str, limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.labels?.[0]?.innerText.trim() || ''") == label:
            return
    raise AssertionError(f"Tab never reached the field {label!r}")


def follow(page: Page) -> None:
    """Press Enter on the focused link or button and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_same_journey_with_the_keyboard_alone(page: Page, live_server, demo):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.innerText") == "Skip to main content"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))

    tab_to(page, "Tashkent 2022")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Tashkent 2022")
    expect(page.locator(".detail__subtitle")).to_contain_text("High-level International Conference")

    tab_to(page, "Opening remarks")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Opening remarks")

    tab_to(page, "Help Member States secure and manage their borders")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Help Member States secure and manage their borders")

    tab_to(page, "United Nations Counter-Terrorism Centre (UNCCT)")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("United Nations Counter-Terrorism Centre")

    tab_to(page, "Action items")
    follow(page)
    tab_to_field(page, "Status")
    page.keyboard.type("In progress")
    tab_to_field(page, "Country")
    page.keyboard.type("Uzbekistan")
    tab_to(page, "Apply")
    follow(page)
    expect(page.locator(".results-count")).to_have_text("4 action items")
    expect(page).to_have_url(re.compile(r"status=in_progress.*country=uzbekistan"))

    page.goto(live_server.url)
    tab_to_field(page, "Search conferences, speeches, action items and documents")
    page.keyboard.type("vulnerable")
    follow(page)
    tab_to(page, "Explore assistance to protect vulnerable targets")
    follow(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Explore assistance to protect vulnerable targets")


def test_screenshots_of_home_speech_and_action_items(page: Page, live_server, demo, screenshot_dir):
    shots = {
        "home.png": ("/", 1366),
        "speech.png": ("/speeches/opening-remarks-vladimir-voronkov-2022/", 1366),
        "action-items.png": ("/action-items/?country=uzbekistan", 1366),
        "country-ru.png": ("/ru/countries/uzbekistan/", 1366),
        "action-items-phone-ru.png": ("/ru/action-items/?country=uzbekistan&overdue=1", 390),
    }
    for name, (path, width) in shots.items():
        page.set_viewport_size({"width": width, "height": 900})
        response = page.goto(live_server.url + path)
        assert response.status == 200
        page.screenshot(path=screenshot_dir / name, full_page=True)
        assert (screenshot_dir / name).stat().st_size > 10_000


def test_a_reader_finds_the_tashkent_declaration_by_its_symbol_and_sees_how_the_plan_stands(browser, live_server,
                                                                                            demo):
    page = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900}).new_page()
    page.goto(live_server.url)
    page.get_by_label("Search conferences, speeches, action items and documents").first.fill("A/76/751")
    page.get_by_label("Search conferences, speeches, action items and documents").first.press("Enter")
    page.get_by_role("link", name="Tashkent Declaration (A/76/751)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tashkent Declaration")

    russian = page.locator(".versions__item", has_text="Russian")
    with page.expect_download() as downloaded:
        russian.get_by_role("link", name=re.compile("Download PDF")).click()
    assert downloaded.value.suggested_filename == "A_76_751-ru.pdf"
    assert downloaded.value.path().read_bytes().startswith(b"%PDF-")

    page.locator(".detail__meta").get_by_role("link", name="Tashkent 2022").click()
    agenda = page.locator("#agenda")
    expect(agenda.get_by_role("heading", name="Opening session")).to_be_visible()
    expect(agenda).to_contain_text("3 March 2022, 10:00–11:00 (UTC+5)")
    expect(page.locator(".section", has_text="Outcome documents")).to_contain_text("Tashkent Declaration")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Plans").click()
    page.get_by_role("link", name="Updated Joint Plan of Action for Central Asia (2022)").click()
    expect(page.locator(".tally").first).to_contain_text("9 action items")
    page.locator(".tally__figure--overdue").first.click()
    expect(page).to_have_url(re.compile(r"/action-items/\?plan=jpoa-2022&overdue=1&sort=due$"))
    expect(page.locator(".results-count")).to_contain_text("action item")


def test_reader_goes_from_the_home_pages_chart_to_a_countrys_overdue_commitments(page: Page, live_server, demo):
    page.goto(live_server.url)
    page.locator(".country-progress").get_by_role("link", name="Uzbekistan", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uzbekistan")

    # The country's scorecard: its overdue figure leads to the list of exactly those.
    overdue = page.locator(".scorecard .tally__figure--overdue")
    count = int(re.search(r"\d+", overdue.inner_text()).group())
    overdue.click()
    expect(page).to_have_url(re.compile(r"country=uzbekistan&overdue=1"))
    chips = page.locator(".chips")
    expect(chips).to_contain_text("Country: Uzbekistan")
    expect(chips).to_contain_text("Overdue only")
    expect(page.locator(".results-count")).to_contain_text(f"{count} action item")

    # Taking the country off widens the list to every overdue commitment; back, and open one.
    chips.get_by_role("link", name=re.compile("Country: Uzbekistan")).click()
    expect(page).to_have_url(re.compile(r"\?overdue=1&sort=due$"))
    expect(page.locator(".chips")).not_to_contain_text("Uzbekistan")
    assert int(re.search(r"\d+", page.locator(".results-count").inner_text()).group()) >= count
    page.go_back()
    first = page.locator(".rows .row__title a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".item-status .overdue")).to_be_visible()


def test_on_a_phone_the_big_button_applies_the_filters_the_reader_changed(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(f"{live_server.url}/action-items/")
    everything = page.locator(".results-count").inner_text()
    page.locator(".filters__heading").click()
    show = page.locator("[data-close-filters]")
    expect(show).to_have_text(re.compile(r"Show \d+ results?"))
    expect(page.get_by_role("button", name="Apply")).to_be_hidden()  # the big button stands in for it
    page.get_by_label("Status").select_option("in_progress")
    expect(show).to_have_text("Show the results")
    show.click()
    expect(page).to_have_url(re.compile(r"\?status=in_progress(&|$)"))
    expect(page.locator(".chips")).to_contain_text("Status: In progress")
    assert page.locator(".results-count").inner_text() != everything
    # Unchanged, it folds the form and shows the results it counted.
    page.locator(".filters__heading").click()
    page.locator("[data-close-filters]").click()
    expect(page.locator("form[aria-labelledby=filters-heading]")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"\?status=in_progress(&|$)"))
    page.context.close()


def test_on_a_phone_the_current_section_is_in_view_in_the_line_of_sections(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for path in ("/ru/people/", "/themes/", "/ru/conferences/", "/ru/documents/", "/action-items/"):
        page.goto(live_server.url + path + "#main")
        current = page.locator(".site-nav a[aria-current=page]").bounding_box()
        line = page.locator(".site-nav ul").bounding_box()
        assert line["x"] <= current["x"] and current["x"] + current["width"] <= line["x"] + line["width"], path
        # And no section is cut at the left edge: a fragment of a word there reads as a mistake.
        boxes = [page.locator(".site-nav a").nth(n).bounding_box() for n in range(page.locator(".site-nav a").count())]
        assert not any(box["x"] < line["x"] - 1 and box["x"] + box["width"] > line["x"] + 1 for box in boxes), path
    page.context.close()


def test_on_a_phone_the_api_reference_breaks_names_only_after_underscores_and_fits_the_screen(
        browser, live_server, demo):
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for prefix in ("", "/ru"):
        page.goto(f"{live_server.url}{prefix}/api/v1/docs/")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        # Names and values (not the types: "date-time | null") break after an underscore or not at all (an inline
        # element that wraps has a box per line), and every table fits within its frame.
        broken = page.evaluate(
            """[...document.querySelectorAll('.api-operation th code, .api-operation code:has(.whole)')]
            .filter(name => {
            const parts = name.querySelectorAll('.whole');
            return [...(parts.length ? parts : [name])].some(part => part.getClientRects().length > 1);
        }).map(name => name.textContent)""")
        assert broken == []
        wider = page.evaluate("""[...document.querySelectorAll('.api-operation table')]
            .filter(table => table.offsetWidth > table.parentElement.clientWidth).length""")
        assert wider == 0
    page.context.close()


def test_in_russian_every_filter_menu_shows_its_whole_choice(browser, live_server, demo):
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    for address in ("/ru/action-items/", "/ru/speeches/", "/ru/conferences/", "/ru/documents/"):
        page.goto(live_server.url + address)
        # A menu shows its choice in full where the text's width fits inside the menu's own.
        cut = page.evaluate("""(() => {
            const probe = document.createElement('span');
            probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
            document.body.append(probe);
            const found = [];
            for (const menu of document.querySelectorAll('.filters select')) {
                const style = getComputedStyle(menu);
                probe.style.font = style.font;
                const room = menu.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                // The choice in use; and every way to sort, which no chip names in full.
                const shown = menu.name === 'sort' ? [...menu.options] : [menu.selectedOptions[0]];
                for (const option of shown) {
                    probe.textContent = option.text;
                    if (probe.offsetWidth > room) found.push(probe.textContent);
                }
            }
            return found;
        })()""")
        assert cut == [], address
    page.context.close()
