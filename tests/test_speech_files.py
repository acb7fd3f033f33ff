"""Speech files as they arrive: every layout of the project's corpus, Word, PDF and each encoding."""

import datetime
import io
import zipfile

import docx
import pypdf
import pytest

from conferences.corpus import FIELDS, corpus_dir, samples_of
from conferences.speech_files import NOT_TEXT, parse_speech_bytes, speech_text
from conferences.speech_parser import SpeechParseError

SAMPLES = samples_of(corpus_dir(), "speeches")


def sample_bytes(name: str) -> bytes:
    return (corpus_dir() / "speeches" / name).read_bytes()


@pytest.mark.parametrize("sample", SAMPLES, ids=[sample["file"] for sample in SAMPLES])
def test_each_layout_of_the_corpus_is_read_as_an_editor_reads_it(sample):
    parsed = parse_speech_bytes(sample_bytes(sample["file"]))
    assert {key: getattr(parsed, attribute) for key, attribute in FIELDS.items()} == {
        key: sample[key] for key in FIELDS}
    assert {name for name, _message in parsed.warnings} == set(sample.get("warnings", []))
    if "paragraphs" in sample:
        assert len(parsed.paragraphs) == sample["paragraphs"]


def test_a_pdf_loses_what_its_pages_add_and_keeps_what_its_words_are():
    text = speech_text(sample_bytes("12-pdf-statement.pdf"))
    assert "Page 1 of 2" not in text and "Page 2 of 2" not in text
    assert text.count("Regional Dialogue on Water, Energy and Security | Dushanbe") == 0
    parsed = parse_speech_bytes(sample_bytes("12-pdf-statement.pdf"))
    body = parsed.body
    # Words broken at a line's end are whole again; real hyphens stay.
    assert "officials" in body and "infrastructure" in body and "offi-" not in body
    assert "Between 2017-2021 the Centre" in body
    assert "United Nations Office of Counter-Terrorism and other partners" in body
    # The sentence cut by the page break is one paragraph again.
    assert ("We stand ready to support the establishment of a regional mechanism for sharing hydrological data "
            "among the countries concerned.") in parsed.paragraphs


def test_a_word_list_stays_with_the_line_that_introduces_it():
    parsed = parse_speech_bytes(sample_bytes("13-word-statement.docx"))
    assert parsed.paragraphs[2] == (
        "The Kyrgyz Republic will continue to support regional efforts in:\n"
        "• modernising border crossing points;\n"
        "• improving the exchange of information between law enforcement agencies;\n"
        "• rehabilitating returnees from conflict zones."
    )
    assert [item.title for item in parsed.action_items] == [
        "Support regional efforts in modernising border crossing points",
        "Support regional efforts in improving the exchange of information between law enforcement agencies",
        "Support regional efforts in rehabilitating returnees from conflict zones",
    ]


TEXT = ("MEETING\r\n\r\n3 March 2022, Tashkent\r\n\r\nRemarks by Ms. Ana Example, Director\r\n\r\n"
        "Мы продолжим работу.\r\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251"])
def test_every_common_encoding_and_line_ending_reads_the_same(encoding):
    parsed = parse_speech_bytes(TEXT.encode(encoding))
    assert (parsed.speaker_name, parsed.paragraphs) == ("Ana Example", ("Мы продолжим работу.",))
    assert parsed == parse_speech_bytes(TEXT.replace("\r\n", "\n").encode())


def test_a_broken_word_or_pdf_file_is_refused_with_a_clear_message():
    with pytest.raises(SpeechParseError) as error:
        speech_text(b"%PDF-1.7\nnot really a pdf")
    assert str(error.value).startswith("The PDF file cannot be read: ")
    with pytest.raises(SpeechParseError) as error:
        speech_text(b"PK\x03\x04 a zip archive cut short")
    assert str(error.value).startswith("The Word file cannot be read")


def test_a_zip_that_is_no_word_file_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("notes.txt", "hello")
    with pytest.raises(SpeechParseError) as error:
        speech_text(archive.getvalue())
    assert str(error.value).startswith("The Word file cannot be read")


def test_a_word_file_written_here_reads_like_its_text():
    document = docx.Document()
    for paragraph in ("MEETING", "3 March 2022, Tashkent", "Remarks by Ms. Ana Example, Director",
                      "We will open a centre in Osh."):
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    parsed = parse_speech_bytes(out.getvalue())
    assert (parsed.date, parsed.city, parsed.speaker_name) == (datetime.date(2022, 3, 3), "Tashkent", "Ana Example")
    assert [item.title for item in parsed.action_items] == ["Open a centre in Osh"]


def test_binary_data_is_no_text():
    with pytest.raises(SpeechParseError) as error:
        speech_text(b"\x00\x01\x02\x03binary\x00")
    assert str(error.value) == NOT_TEXT


def test_a_pdf_without_text_says_it_may_be_a_scan():
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(SpeechParseError) as error:
        speech_text(out.getvalue())
    assert str(error.value) == "The PDF has no text to read (a scan?): the speech has to be typed or copied in."


def test_a_word_file_with_broken_xml_is_refused_not_a_crash():
    document = docx.Document()
    document.add_paragraph("MEETING")
    out = io.BytesIO()
    document.save(out)
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as source, zipfile.ZipFile(broken, "w") as target:
        for member in source.infolist():
            content = source.read(member)
            target.writestr(member, b"<w:document><broken" if member.filename == "word/document.xml" else content)
    with pytest.raises(SpeechParseError) as error:
        speech_text(broken.getvalue())
    assert str(error.value) == "The Word file cannot be read: it is damaged, or not a .docx file."


def test_a_protected_pdf_is_refused_with_what_to_do():
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(sample_bytes("12-pdf-statement.pdf")))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(SpeechParseError) as error:
        speech_text(out.getvalue())
    assert str(error.value) == "The PDF is protected: save it again without protection, or copy its text in."


def test_a_line_break_inside_a_word_paragraph_separates_lines():
    document = docx.Document()
    heading = document.add_paragraph("MEETING")
    heading.add_run().add_break()
    heading.add_run("3 March 2022, Tashkent")
    document.add_paragraph("Remarks by Ms. Ana Example, Director")
    document.add_paragraph("We will open a centre in Osh.")
    out = io.BytesIO()
    document.save(out)
    parsed = parse_speech_bytes(out.getvalue())
    assert (parsed.conference_title, parsed.date) == ("Meeting", datetime.date(2022, 3, 3))


def test_utf_16_without_a_byte_order_mark_and_english_in_windows_1251_are_read():
    russian = "MEETING\n\n3 March 2022, Tashkent\n\nRemarks by Ms. Ana Example, Director\n\nМы продолжим работу.\n"
    assert parse_speech_bytes(russian.encode("utf-16-le")).paragraphs == ("Мы продолжим работу.",)
    english = "MEETING\n\n3 March 2022, Tashkent\n\nRemarks by Ms. Ana Example, Director\n\nWe will “open” a centre.\n"
    assert parse_speech_bytes(english.encode("cp1251")).paragraphs == ("We will “open” a centre.",)


def test_a_word_file_that_unpacks_to_too_much_is_refused_before_it_is_read():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("word/document.xml", b" " * (51 * 1024 * 1024))
    with pytest.raises(SpeechParseError) as error:
        speech_text(archive.getvalue())
    assert str(error.value) == "The Word file cannot be read: it unpacks to more than 50 MB."


@pytest.mark.parametrize(("data", "message"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
     "This is an old Word file (.doc): save it as .docx (Word: File, Save As) and upload that."),
    (b"{\\rtf1\\ansi Statement by Mr. A}",
     "This is a Rich Text file (.rtf): save it as .docx or as plain text and upload that."),
    (b"<!DOCTYPE html><html><body><p>Statement</p></body></html>",
     "This is a web page (HTML): copy the speech's text from the browser and paste it instead."),
])
def test_files_that_are_not_read_say_what_to_do_instead(data, message):
    with pytest.raises(SpeechParseError) as error:
        speech_text(data)
    assert str(error.value) == message
