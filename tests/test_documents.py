"""Outcome documents: their files stay private until the document is public, a file is judged by
its content, readers find a document by its UN symbol, list, filter and download them."""

import csv
import datetime as dt
import io
import re
import zipfile

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from conferences.models import Document, DocumentVersion

from .admin_forms import delete_box_disabled, form_data
from .factories import (
    ActionItemFactory,
    ConferenceFactory,
    CountryFactory,
    DocumentFactory,
    DocumentVersionFactory,
    PlanFactory,
    ThemeFactory,
    pdf_bytes,
)
from .pages import row_titles
from .test_workflow import member

pytestmark = pytest.mark.django_db


def download(client, version, **headers):
    return client.get(reverse("conferences:document_file", args=[version.document.slug, version.language]), **headers)


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_documents_life_its_file_is_public_only_while_the_document_is(client):
    document = DocumentFactory(title="Tashkent Declaration", symbol="A/76/751", draft=True)
    version = DocumentVersionFactory(document=document, language="ru")
    content = version.file.open("rb").read()
    assert content.startswith(b"%PDF-")

    # A draft: its page and its file are not there, whatever address is guessed.
    assert client.get(document.get_absolute_url()).status_code == 404
    assert download(client, version).status_code == 404
    assert client.get(reverse("conferences:document_file", args=[document.slug, "en"])).status_code == 404

    # Staff who may view documents see the draft's file, never cached anywhere.
    client.force_login(member("editor", "Editors"))
    preview = download(client, version)
    assert preview.status_code == 200 and body(preview) == content
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    client.logout()

    # Published: the reader downloads the Russian file, named by its symbol, with its real type.
    Document.objects.filter(pk=document.pk).update(is_published=True,
                                                   published_at=timezone.now() - dt.timedelta(minutes=1))
    response = download(client, version)
    assert response.status_code == 200
    assert body(response) == content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="A_76_751-ru.pdf"'
    assert response["Cache-Control"] == "no-cache"  # every use asks the site again
    assert client.get(document.get_absolute_url()).status_code == 200
    # A copy the reader has is confirmed without sending the file again.
    again = download(client, version, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and not body(again)

    # Unpublished: gone again, the copy's check included.
    Document.objects.filter(pk=document.pk).update(is_published=False)
    assert download(client, version).status_code == 404
    assert download(client, version, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_a_scheduled_documents_file_waits_for_its_time(client):
    version = DocumentVersionFactory(document=DocumentFactory(scheduled=True))
    assert download(client, version).status_code == 404
    Document.objects.filter(pk=version.document.pk).update(published_at=timezone.now() - dt.timedelta(seconds=1))
    assert download(client, version).status_code == 200


def admin_add(client, fields: dict, versions: list[dict]):
    """Post the document's add form as the admin shows it, with `versions` as its inline rows."""
    data = {
        "kind": "declaration", "title_en": "Dushanbe Declaration", "title_ru": "", "symbol": "",
        "adopted_on": "2022-10-19", "summary_en": "", "summary_ru": "", "slug": "",
        "versions-TOTAL_FORMS": str(len(versions)), "versions-INITIAL_FORMS": "0",
        **fields,
    }
    for n, version in enumerate(versions):
        data.update({f"versions-{n}-{name}": value for name, value in version.items()})
    return client.post(reverse("admin:conferences_document_add"), data)


@pytest.mark.parametrize("name, content, message", [
    ("declaration.pdf", b"<html><body>Not a PDF</body></html>", "This is not a PDF or Word (.docx) file"),
    ("declaration.docx", b"PK\x03\x04 a zip that is not a Word document", "This is not a PDF or Word (.docx) file"),
    ("declaration.pdf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "This is an old Word (.doc) file"),
    ("declaration.pdf", b"", "The submitted file is empty."),
    # A PDF cut short, and a file with only a PDF's marker.
    ("declaration.pdf", pdf_bytes("Declaration")[:600], "This PDF is damaged or incomplete: it cannot be opened."),
    ("declaration.pdf", b"%PDF-1.4 garbage", "This PDF is damaged or incomplete: it cannot be opened."),
])
def test_a_file_that_is_not_really_a_pdf_or_word_is_refused_and_nothing_is_saved(superuser_client, name, content,
                                                                                  message):
    response = admin_add(superuser_client, {}, [
        {"language": "en", "file": SimpleUploadedFile(name, content, content_type="application/pdf"), "url": ""}])
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists() and not DocumentVersion.objects.exists()


def test_after_an_error_the_form_says_that_the_files_chosen_must_be_chosen_again(superuser_client):
    response = admin_add(superuser_client, {}, [
        {"language": "en", "file": SimpleUploadedFile("en.pdf", pdf_bytes("Declaration")), "url": ""},
        {"language": "ru", "file": SimpleUploadedFile("ru.pdf", b"<html>Not a PDF</html>"), "url": ""},
    ])
    # A browser cannot be handed back a file it sent: the English one is gone from its box too.
    said = [str(message) for message in response.context["messages"]]
    assert said == ["Nothing was saved, so the files you chose were not kept: choose them again before saving."]
    assert not DocumentVersion.objects.exists()
    # A form refused with no file in it says nothing of files.
    refused = admin_add(superuser_client, {"adopted_on": "not a day"}, [
        {"language": "en", "url": "https://example.org/declaration.pdf"}])
    assert refused.status_code == 200 and not list(refused.context["messages"])


def test_real_pdf_and_word_files_are_accepted_and_a_file_over_the_limit_is_not(superuser_client):
    response = admin_add(superuser_client, {"symbol": "A/77/123"}, [
        {"language": "en", "file": SimpleUploadedFile("en.pdf", pdf_bytes("Declaration")), "url": "",
         "is_original": "on"},
        {"language": "ru", "file": SimpleUploadedFile("ru.bin", docx_bytes("Декларация")), "url": ""},
    ])
    assert response.status_code == 302, response.context["errors"]
    document = Document.objects.get()
    kinds = dict(document.versions.values_list("language", "file_kind"))
    assert kinds == {"en": "pdf", "ru": "docx"}  # by the content, whatever the name said
    assert document.versions.get(language="ru").file.name.endswith(".docx")
    assert document.is_published is False  # drafts until a publisher publishes

    with override_settings(DOCUMENT_FILE_MAX_BYTES=500):
        refused = admin_add(superuser_client, {"title_en": "Another"}, [
            {"language": "en", "file": SimpleUploadedFile("big.pdf", pdf_bytes("x" * 50)), "url": ""}])
    assert "files of up to 500" in refused.content.decode()
    assert Document.objects.count() == 1


def test_a_version_needs_a_file_or_a_link_and_one_original_at_most(superuser_client):
    response = admin_add(superuser_client, {}, [
        {"language": "en", "url": "", "is_original": "on"},
        {"language": "ru", "url": "https://undocs.org/ru/A/76/751", "is_original": "on"},
    ])
    page = response.content.decode()
    assert "Give a file, a link, or both." in page
    assert "Only one language version can be the original." in page
    assert not Document.objects.exists()


def test_editors_cannot_take_a_version_from_a_published_document(client):
    version = DocumentVersionFactory()
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    client.force_login(member("editor", "Editors"))
    form = client.get(url)
    assert delete_box_disabled(form, "versions-0")
    data = form_data(form, "document")
    data["versions-0-DELETE"] = ["on"]
    assert client.post(url, data).status_code == 302
    assert DocumentVersion.objects.filter(pk=version.pk).exists()


def test_a_un_symbol_is_checked_and_unique_whatever_its_case(superuser_client):
    DocumentFactory(symbol="A/76/751", title="Termez Declaration")
    response = admin_add(superuser_client, {"symbol": "a/76/751"}, [])
    assert "A UN document symbol such as A/76/751" in response.content.decode()  # the body is in capitals
    assert len(response.context["adminform"].form.errors["symbol"]) == 1  # that error alone
    response = admin_add(superuser_client, {"symbol": "A/76/ 751"}, [])  # as pasted from a PDF
    # Beside the field, naming the document that has it.
    assert response.context["adminform"].form.errors["symbol"] == ["“Termez Declaration” has this UN symbol already."]
    assert Document.objects.count() == 1


def test_a_refused_save_leaves_the_heading_naming_the_document_as_stored(superuser_client):
    DocumentFactory(symbol="A/76/751", title="Termez Declaration")
    version = DocumentVersionFactory(document=DocumentFactory(title="Dushanbe Declaration"))
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    data = form_data(superuser_client.get(url), "document")
    data["symbol"] = ["A/76/751"]
    page = superuser_client.post(url, data).content.decode()
    assert "has this UN symbol already" in page and 'value="A/76/751"' in page  # what was typed stays
    assert "(A/76/751)" not in page  # neither the title, the breadcrumbs nor the version's heading


@pytest.mark.parametrize("typed", ["A/76/751", "a/76/751", "  A/76/751 "])
def test_a_reader_finds_a_document_by_its_symbol_as_typed(client, typed):
    DocumentFactory(title="Tashkent Declaration", symbol="A/76/751")
    DocumentFactory(title="Another declaration", symbol="A/76/752")
    DocumentFactory(title="A draft with the symbol", symbol="A/76/7510", draft=True)
    response = client.get(reverse("conferences:search"), {"q": typed})
    [documents] = [group for group in response.context["groups"] if group.kind == "document"]
    assert [str(obj) for obj in documents.items] == ["Tashkent Declaration (A/76/751)"]
    listed = client.get(reverse("conferences:document_list"), {"q": typed})
    assert "Tashkent Declaration" in listed.content.decode()
    assert "Another declaration" not in listed.content.decode()


@pytest.fixture
def documents():
    uzbekistan, afghanistan = CountryFactory(name="Uzbekistan", iso3="UZB"), CountryFactory(name="Afghanistan",
                                                                                           iso3="AFG")
    borders = ThemeFactory(name="Border security")
    tashkent = ConferenceFactory(title="Tashkent conference", short_title="Tashkent 2022")
    declaration = DocumentFactory(title="Tashkent Declaration", symbol="A/76/751", conference=tashkent)
    declaration.countries.set([uzbekistan])
    DocumentVersionFactory(document=declaration, language="ru")
    DocumentVersion.objects.create(document=declaration, language="ar", url="https://undocs.org/ar/A/76/751")
    summary = DocumentFactory(title="Co-Chairs' Summary", kind=Document.Kind.CHAIRS_SUMMARY,
                              adopted_on=dt.date(2022, 10, 19))
    summary.countries.set([afghanistan])
    summary.themes.set([borders])
    DocumentVersion.objects.create(document=summary, language="en", url="https://example.org/summary",
                                   is_original=True)
    DocumentFactory(title="Ashgabat Declaration", adopted_on=dt.date(2017, 6, 13))
    DocumentFactory(title="Draft declaration", draft=True, conference=tashkent)
    return {"tashkent": tashkent, "uzbekistan": uzbekistan, "borders": borders}


def listed(client, **params) -> list[str]:
    """The titles of the rows the documents list shows a reader for these filters."""
    response = client.get(reverse("conferences:document_list"), params)
    assert response.status_code == 200 and not response.context["filter"].errors
    return row_titles(response)


@pytest.mark.parametrize("params, expected", [
    ({}, {"Tashkent Declaration", "Co-Chairs' Summary", "Ashgabat Declaration"}),
    ({"kind": "chairs_summary"}, {"Co-Chairs' Summary"}),
    ({"year": "2017"}, {"Ashgabat Declaration"}),
    ({"conference": "tashkent-2022"}, {"Tashkent Declaration"}),
    ({"country": "afghanistan"}, {"Co-Chairs' Summary"}),
    ({"theme": "border-security"}, {"Co-Chairs' Summary"}),
    ({"language": "ar"}, {"Tashkent Declaration"}),
    ({"language": "en"}, {"Co-Chairs' Summary"}),
    ({"q": "declaration"}, {"Tashkent Declaration", "Ashgabat Declaration"}),
])
def test_documents_filter_like_every_list_and_the_csv_holds_the_same_rows(client, documents, params, expected):
    params = {key: ({"tashkent-2022": documents["tashkent"].slug}.get(value, value)) for key, value in params.items()}
    assert set(listed(client, **params)) == expected
    response = client.get(reverse("conferences:document_export"), params)
    rows = list(csv.DictReader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert {row["Title"] for row in rows} == expected


def test_the_documents_csv_says_kind_symbol_languages_and_conference(client, documents):
    response = client.get(reverse("conferences:document_export"), {"kind": "declaration", "year": "2022"})
    [row] = csv.DictReader(io.StringIO(body(response).decode("utf-8-sig")))
    assert row["Kind"] == "Declaration" and row["UN symbol"] == "A/76/751" and row["Adopted on"] == "2022-03-03"
    assert row["Languages"] == "ar; ru" and row["Original language"] == ""
    assert row["Conference"] == "Tashkent 2022" and row["Countries"] == "Uzbekistan"
    assert row["URL"].endswith("/documents/tashkent-declaration-2022/")


def test_the_language_dropdown_names_languages_in_the_readers_alphabetical_order(client, documents):
    def offered(address: str) -> list[str]:
        menu = client.get(address).content.decode().split('name="language"', 1)[1].split("</select>", 1)[0]
        return [re.sub(r" \(\d+\)$", "", label) for label in re.findall(r'<option value="[a-z]+"[^>]*>([^<]+)<', menu)]

    list_address = reverse("conferences:document_list")
    assert offered(list_address) == ["Arabic", "English", "Russian"]
    assert offered("/ru" + list_address) == ["Английский", "Арабский", "Русский"]  # not by code: ar, en, ru


@pytest.mark.parametrize("params, field, message", [
    ({"kind": "treaty"}, "kind", "“treaty” is not a kind of document"),
    ({"language": "xx"}, "language", "“xx” is not a language code"),
    ({"year": "20222"}, "year", "Give a year from 1900 to 2100"),
    ({"country": "atlantis"}, "country", "There is no published country “atlantis”."),
])
def test_a_wrong_document_filter_is_named_and_nothing_is_listed(client, documents, params, field, message):
    page = client.get(reverse("conferences:document_list"), params)
    assert page.status_code == 200 and message in page.content.decode()
    assert not page.context["object_list"]
    refused = client.get(reverse("conferences:document_export"), params)
    assert refused.status_code == 400 and message in refused.content.decode()


def test_a_documents_page_shows_its_versions_conference_countries_and_what_cites_it(client, documents):
    declaration = Document.objects.get(symbol="A/76/751")
    plan = PlanFactory(name="Updated plan", document=declaration)
    ActionItemFactory(title="Secure the borders", document=declaration, plan=plan)
    ActionItemFactory(title="A draft commitment", document=declaration, draft=True)
    page = client.get(declaration.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "A/76/751" in page and "Tashkent 2022" in page and "Uzbekistan" in page
    assert reverse("conferences:document_file", args=[declaration.slug, "ru"]) in page
    assert 'href="https://undocs.org/ar/A/76/751"' in page and "Open at undocs.org" in page
    assert "Updated plan" in page and "Secure the borders" in page
    assert "A draft commitment" not in page
    # Russian readers see their language's version first.
    russian = client.get("/ru" + declaration.get_absolute_url()).content.decode()
    assert russian.index("Русский") < russian.index("Арабский")
    # On its conference's and its country's pages too.
    assert "Tashkent Declaration" in client.get(documents["tashkent"].get_absolute_url()).content.decode()
    assert "Tashkent Declaration" in client.get(documents["uzbekistan"].get_absolute_url()).content.decode()


def test_a_public_document_does_not_link_to_a_draft_conference(client):
    draft = ConferenceFactory(title="Unannounced meeting", short_title="Secret 2030", draft=True)
    document = DocumentFactory(title="Early declaration", conference=draft)
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Secret 2030" not in page and draft.get_absolute_url() not in page
    rows = list(csv.DictReader(io.StringIO(body(client.get(reverse("conferences:document_export"))).decode(
        "utf-8-sig"))))
    assert rows[0]["Conference"] == ""


def test_a_missing_file_is_a_404_and_is_logged(client, caplog):
    version = DocumentVersionFactory()
    version.file.storage.delete(version.file.name)
    assert download(client, version).status_code == 404
    assert "cannot be read from storage" in caplog.text


def test_replacing_a_file_in_the_admin_notes_its_new_kind_and_size(superuser_client, client):
    version = DocumentVersionFactory(language="ru")
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    page = superuser_client.get(url).content.decode()
    # The form links the stored file through the site's download view, never the storage's address.
    download_url = reverse("conferences:document_file", args=[version.document.slug, "ru"])
    assert f'href="{download_url}"' in page and version.file.url not in page
    data = form_data(superuser_client.get(url), "document")
    data["versions-0-file"] = [SimpleUploadedFile("new.pdf", docx_bytes("Текст"))]
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    version.refresh_from_db()
    assert (version.file_kind, version.file_size) == ("docx", len(docx_bytes("Текст")))
    assert download(client, version)["Content-Disposition"].endswith('-ru.docx"')


def test_saving_a_document_does_not_read_its_stored_files_again(superuser_client):
    version = DocumentVersionFactory()
    version.file.storage.delete(version.file.name)  # gone from the store, or larger than today's limit
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    data = form_data(superuser_client.get(url), "document")
    data["summary_en"] = ["A summary added later."]
    with override_settings(DOCUMENT_FILE_MAX_BYTES=10):
        response = superuser_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]
    assert Document.objects.get().summary_en == "A summary added later."


@pytest.mark.parametrize("change", ["change the language", "take the link away"])
def test_editors_cannot_take_a_file_or_link_from_a_published_document(client, change):
    version = DocumentVersionFactory(url="https://undocs.org/en/A/76/751")
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    client.force_login(member("editor", "Editors"))
    data = form_data(client.get(url), "document")
    if change == "change the language":
        # Greyed out for editors, and a language sent anyway is not taken.
        assert re.search(r'<select [^>]*name="versions-0-language"[^>]*disabled', client.get(url).content.decode())
        data["versions-0-language"] = ["fr"]
        assert client.post(url, data).status_code == 302
    else:
        data["versions-0-url"] = [""]
        response = client.post(url, data)
        assert ("Only publishers can take a file or a link away from a published document, or move a version to "
                "another language.") in response.content.decode()
    version.refresh_from_db()
    assert (version.language, version.url, bool(version.file)) == ("en", "https://undocs.org/en/A/76/751", True)
    # Replacing the file is editing, which editors do.
    data = form_data(client.get(url), "document")
    data["versions-0-file"] = [SimpleUploadedFile("new.pdf", pdf_bytes("A corrected version"))]
    assert client.post(url, data).status_code == 302


def test_editors_are_not_offered_to_clear_the_file_of_a_published_document(client, superuser_client):
    version = DocumentVersionFactory()
    url = reverse("admin:conferences_document_change", args=[version.document.pk])
    clear_box = 'name="versions-0-file-clear"'
    assert clear_box in superuser_client.get(url).content.decode()
    client.force_login(member("editor", "Editors"))
    form = client.get(url)
    page = form.content.decode()
    assert clear_box not in page and 'name="versions-0-file"' in page  # replacing it stays open to them
    data = form_data(form, "document")
    data["versions-0-file-clear"] = ["on"]  # sent anyway
    assert client.post(url, data).status_code == 302
    version.refresh_from_db()
    assert version.file
    Document.objects.update(is_published=False)
    assert clear_box in client.get(url).content.decode()  # a draft's are theirs to change


def test_two_versions_trading_languages_are_asked_to_do_it_in_two_saves(superuser_client):
    document = DocumentFactory()
    DocumentVersionFactory(document=document, language="en")
    DocumentVersionFactory(document=document, language="ru")
    url = reverse("admin:conferences_document_change", args=[document.pk])
    data = form_data(superuser_client.get(url), "document")
    data["versions-0-language"], data["versions-1-language"] = data["versions-1-language"], data["versions-0-language"]
    response = superuser_client.post(url, data)
    assert response.status_code == 200 and "cannot trade languages in one save" in response.content.decode()


def test_an_empty_or_a_macro_file_is_refused_by_its_content():
    from conferences.document_files import kind_of

    with pytest.raises(ValidationError, match="empty"):
        kind_of(ContentFile(b"", name="empty.pdf"))
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
        package.writestr("word/vbaProject.bin", b"macros")
    with pytest.raises(ValidationError, match="macros"):
        kind_of(ContentFile(macro.getvalue(), name="declaration.docx"))
    with pytest.raises(ValidationError, match="not a PDF"):
        kind_of(ContentFile(b"<html><body><p>%PDF-1.7 in a web page</p></body></html>", name="page.pdf"))
    assert kind_of(ContentFile(b"\n%PDF-1.7\n" + pdf_bytes("x")[9:], name="a.pdf")).code == "pdf"
    # A PDF that asks for a password to open is a whole PDF all the same.
    import pypdf

    protected = io.BytesIO()
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_bytes("Restricted"))))
    writer.encrypt(user_password="secret", owner_password="owner")
    writer.write(protected)
    upload = ContentFile(protected.getvalue(), name="restricted.pdf")
    assert kind_of(upload).code == "pdf" and upload.tell() == 0


def test_a_stale_document_form_is_refused_and_changes_nothing():
    from .test_conflicts import editor, url_of

    version = DocumentVersionFactory(language="ru", note_en="Unofficial translation")
    document = version.document
    first, second = editor("aigerim", "Aigerim"), editor("timur", "Timur")
    first_form = form_data(first.get(url_of(document)), "document")
    second_form = form_data(second.get(url_of(document)), "document")
    first_form["summary_en"] = ["Adopted by the five States."]
    assert first.post(url_of(document), first_form).status_code == 302
    second_form["versions-0-note_en"] = ["Official translation"]
    refused = second.post(url_of(document), second_form)
    assert refused.status_code == 200 and "Aigerim saved this document on" in refused.content.decode()
    version.refresh_from_db()
    assert version.note_en == "Unofficial translation"
