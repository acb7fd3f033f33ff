"""An editor adds a declaration with two language versions in the real admin; it stays private until a
publisher publishes it, and then a reader downloads it."""

import pytest
from playwright.sync_api import expect

from conferences.models import Document

from ..factories import pdf_bytes
from ..test_documents import docx_bytes
from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_an_editor_adds_a_declaration_and_a_publisher_publishes_it(browser, live_server, demo, tmp_path):
    english, russian = tmp_path / "declaration-en.pdf", tmp_path / "declaration-ru.docx"
    english.write_bytes(pdf_bytes("Example declaration"))
    russian.write_bytes(docx_bytes("Пример декларации"))

    editor = sign_in(browser, live_server, "aigerim", "Editors")
    editor.goto(live_server.url + "/admin/conferences/document/add/")
    editor.get_by_label("Kind:").select_option("declaration")
    editor.get_by_label("Title [en]:").fill("Example Bishkek Declaration")
    editor.get_by_label("Title [ru]:").fill("Пример Бишкекской декларации")
    editor.get_by_label("UN symbol:").fill("A/80/ 123")  # pasted with a space, as from a PDF
    editor.get_by_label("Adopted on:").fill("2025-05-16")
    add_version = editor.get_by_text("Add another Language version")
    for number, (language, path) in enumerate([("en", english), ("ru", russian)]):
        add_version.click()
        editor.locator(f"#id_versions-{number}-language").select_option(language)
        editor.locator(f"#id_versions-{number}-file").set_input_files(str(path))
    editor.locator("#id_versions-0-is_original").check()
    # Editors cannot publish: the form does not offer it.
    expect(editor.get_by_label("Published")).to_have_count(0)
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.locator(".messagelist")).to_contain_text("was added successfully")

    document = Document.objects.get(symbol="A/80/123")
    assert not document.is_published
    assert dict(document.versions.values_list("language", "file_kind")) == {"en": "pdf", "ru": "docx"}
    reader = browser.new_context(accept_downloads=True).new_page()
    response = reader.goto(live_server.url + document.get_absolute_url())
    assert response.status == 404
    response = reader.request.get(live_server.url + document.versions.get(language="ru").get_absolute_url())
    assert response.status == 404

    publisher = sign_in(browser, live_server, "timur", "Publishers")
    publisher.goto(live_server.url + "/admin/conferences/document/?q=Bishkek")
    publisher.get_by_role("row", name="Example Bishkek Declaration").get_by_role("checkbox").check()
    publisher.get_by_label("Action:").select_option(label="Publish the selected items now")
    publisher.get_by_role("button", name="Go").click()
    expect(publisher.locator(".messagelist")).to_contain_text("1 item published.")

    reader.goto(live_server.url + "/ru" + document.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text("Пример Бишкекской декларации")
    versions = reader.locator(".versions__item")
    expect(versions.first).to_contain_text("Русский")  # the reader's language first
    expect(versions.first).to_contain_text("Word")
    with reader.expect_download() as downloaded:
        versions.first.get_by_role("link", name="Скачать Word").click()
    assert downloaded.value.suggested_filename == "A_80_123-ru.docx"
    assert downloaded.value.path().read_bytes() == russian.read_bytes()
