"""The speech file parser, on sample files written for these tests."""

import contextlib
import datetime
import signal

import pytest

from conferences import russian_grammar
from conferences.commitments import ProposedActionItem
from conferences.countries import CITY_COUNTRIES, country_iso3_for_city
from conferences.speech_files import NOT_TEXT, decode_text, parse_speech_bytes
from conferences.speech_parser import NO_TEXT, ParsedSpeech, SpeechParseError, parse_speech_text

ENGLISH = """


HIGH-LEVEL REGIONAL MEETING ON
Border Security and Cooperation among Central Asian States within the
Framework of the Joint Plan of Action (JPoA) for the Prevention of Cross-
Border Crime

14 September 2023, Almaty

Keynote address by Ms. Aigerim Example,
Deputy Director, United Nations Regional Office for
Border Management

Distinguished delegates,

It is an honour to open this meeting with you. Dr. Smith and the U.N. team
prepared the agenda, e.g. the sessions on data sharing.

Excellencies,
Ladies and gentlemen,

Our programme has grown every year since it began.

This includes support for training of customs officers; exchange of
border data between neighbours; legal advice on extradition requests; and
equipment for mountain checkpoints.

We will continue to assist interested Member States in building joint patrols along shared rivers. \
We are exploring a regional hotline for border commanders and will ramp up support to mobile units.

We also support the development of a common risk-analysis platform for customs services across the \
region, which would connect all five capitals and give officers shared alerts in real time.

I am thankful to our donors for their generosity. I hope we will meet again next year.
"""

LIST_SENTENCE = (
    "This includes support for training of customs officers; exchange of border data between neighbours; "
    "legal advice on extradition requests; and equipment for mountain checkpoints."
)
PATROLS = "We will continue to assist interested Member States in building joint patrols along shared rivers."
HOTLINE = "We are exploring a regional hotline for border commanders and will ramp up support to mobile units."
PLATFORM = (
    "We also support the development of a common risk-analysis platform for customs services across the region, "
    "which would connect all five capitals and give officers shared alerts in real time."
)
ENGLISH_PARAGRAPHS = (
    "Distinguished delegates,",
    "It is an honour to open this meeting with you. Dr. Smith and the U.N. team prepared the agenda, "
    "e.g. the sessions on data sharing.",
    "Excellencies,\nLadies and gentlemen,",
    "Our programme has grown every year since it began.",
    LIST_SENTENCE,
    f"{PATROLS} {HOTLINE}",
    PLATFORM,
    "I am thankful to our donors for their generosity. I hope we will meet again next year.",
)
ENGLISH_ITEMS = (
    ProposedActionItem(title="Training of customs officers", excerpt=LIST_SENTENCE, paragraph=5),
    ProposedActionItem(title="Exchange of border data between neighbours", excerpt=LIST_SENTENCE, paragraph=5),
    ProposedActionItem(title="Legal advice on extradition requests", excerpt=LIST_SENTENCE, paragraph=5),
    ProposedActionItem(title="Equipment for mountain checkpoints", excerpt=LIST_SENTENCE, paragraph=5),
    ProposedActionItem(
        title="Assist interested Member States in building joint patrols along shared rivers",
        excerpt=PATROLS,
        paragraph=6,
    ),
    # Two undertakings joined by "and will": two proposals.
    ProposedActionItem(title="Regional hotline for border commanders", excerpt=HOTLINE, paragraph=6),
    ProposedActionItem(title="Ramp up support to mobile units", excerpt=HOTLINE, paragraph=6),
    # Too long for a title: cut before a phrase, never inside one.
    ProposedActionItem(
        title="Support the development of a common risk-analysis platform for customs services across the region",
        excerpt=PLATFORM,
        paragraph=7,
    ),
)

RUSSIAN = """
МЕЖДУНАРОДНАЯ ВСТРЕЧА ВЫСОКОГО УРОВНЯ ПО
пограничной безопасности в рамках Совместного плана действий (СПД)

14 сентября 2023 г., Алматы

Приветственное слово г-жи Айгерим Пример,
заместителя директора, Региональное бюро Организации Объединённых
Наций по управлению границами

Уважаемые коллеги,
Дамы и господа,

Для меня большая честь открыть эту встречу. Форум прошёл в 2023 г. Он был полезен.

Мы будем оказывать помощь заинтересованным государствам в организации
совместных патрулей. Мы продолжим обучение таможенников в г. Ташкенте.

Мы поддерживаем создание общей платформы анализа рисков.

Я благодарна нашим донорам за щедрость.
"""

RU_PATROLS = "Мы будем оказывать помощь заинтересованным государствам в организации совместных патрулей."
RU_TRAINING = "Мы продолжим обучение таможенников в г. Ташкенте."
RU_PLATFORM = "Мы поддерживаем создание общей платформы анализа рисков."


def speech(body: str, *, title: str = "REGIONAL MEETING", date: str = "3 March 2022, Tashkent",
           speaker: str = "Opening remarks by Mr. Test Speaker,\nDirector, Test Office") -> str:  # fmt: skip
    """A small file in the usual layout, to vary one part at a time."""
    return f"{title}\n\n{date}\n\n{speaker}\n\n{body}\n"


def test_parse_english_sample_reads_every_part():
    parsed = parse_speech_text(ENGLISH)
    assert parsed.conference_title == (
        "High-Level Regional Meeting on Border Security and Cooperation among Central Asian States within the "
        "Framework of the Joint Plan of Action (JPoA) for the Prevention of Cross-Border Crime"
    )
    assert parsed.date == datetime.date(2023, 9, 14)
    assert parsed.city == "Almaty"
    assert parsed.speech_title == "Keynote address"
    assert parsed.honorific == "Ms."
    assert parsed.speaker_name == "Aigerim Example"
    assert parsed.speaker_role == "Deputy Director, United Nations Regional Office for Border Management"
    assert parsed.role == "Deputy Director"
    assert parsed.organization == "United Nations Regional Office for Border Management"
    assert parsed.language == "en"
    assert parsed.paragraphs == ENGLISH_PARAGRAPHS
    assert parsed.action_items == ENGLISH_ITEMS


def test_body_joins_paragraphs_with_an_empty_line():
    parsed = parse_speech_text(ENGLISH)
    assert parsed.body == "\n\n".join(ENGLISH_PARAGRAPHS)
    assert parsed.body.split("\n\n")[2] == "Excellencies,\nLadies and gentlemen,"


def test_parse_bytes_crlf_line_endings_give_the_same_result():
    assert parse_speech_bytes(ENGLISH.replace("\n", "\r\n").encode()) == parse_speech_text(ENGLISH)
    assert parse_speech_bytes(ENGLISH.replace("\n", "\r").encode()) == parse_speech_text(ENGLISH)


def test_parse_russian_sample_reads_every_part():
    parsed = parse_speech_bytes(RUSSIAN.encode("utf-8-sig"))
    assert parsed.conference_title == (
        "Международная встреча высокого уровня по пограничной безопасности в рамках Совместного плана действий (СПД)"
    )
    assert parsed.date == datetime.date(2023, 9, 14)
    assert parsed.city == "Алматы"
    assert parsed.speech_title == "Приветственное слово"
    # The heading has them in the genitive; the site keeps the nominative.
    assert parsed.honorific == "г-жа"
    assert parsed.speaker_name == "Айгерим Пример"
    assert parsed.speaker_role == (
        "заместитель директора, Региональное бюро Организации Объединённых Наций по управлению границами"
    )
    assert parsed.role == "заместитель директора"
    assert parsed.organization == "Региональное бюро Организации Объединённых Наций по управлению границами"
    assert parsed.language == "ru"
    assert parsed.paragraphs == (
        "Уважаемые коллеги,\nДамы и господа,",
        "Для меня большая честь открыть эту встречу. Форум прошёл в 2023 г. Он был полезен.",
        f"{RU_PATROLS} {RU_TRAINING}",
        RU_PLATFORM,
        "Я благодарна нашим донорам за щедрость.",
    )
    assert parsed.action_items == (
        ProposedActionItem(
            title="Оказывать помощь заинтересованным государствам в организации совместных патрулей",
            excerpt=RU_PATROLS,
            paragraph=3,
        ),
        ProposedActionItem(title="Продолжить обучение таможенников в г. Ташкенте", excerpt=RU_TRAINING, paragraph=3),
        ProposedActionItem(title="Поддерживать создание общей платформы анализа рисков", excerpt=RU_PLATFORM,
                           paragraph=4),
    )


def test_parse_russian_windows_1251_equals_utf8():
    assert parse_speech_bytes(RUSSIAN.encode("cp1251")) == parse_speech_bytes(RUSSIAN.encode("utf-8-sig"))
    assert parse_speech_bytes(RUSSIAN.encode("cp1251")) == parse_speech_bytes(RUSSIAN.encode("utf-8"))


def test_parse_russian_crlf_windows_1251_equals_utf8():
    crlf = RUSSIAN.replace("\n", "\r\n")
    assert parse_speech_bytes(crlf.encode("cp1251")) == parse_speech_bytes(RUSSIAN.encode("utf-8"))


def test_parse_russian_speaker_with_g_na_is_stored_in_the_nominative():
    parsed = parse_speech_text(
        speech("Мы будем помогать.", speaker="Вступительное слово г-на Ивана Петрова,\nдиректора, Тестовый центр")
    )
    assert parsed.speech_title == "Вступительное слово"
    assert (parsed.honorific, parsed.speaker_name) == ("г-н", "Иван Петров")
    assert (parsed.role, parsed.organization) == ("директор", "Тестовый центр")


@pytest.mark.parametrize(
    ("heading", "name", "role"),
    [
        ("Выступление Президента Республики Таджикистан Эмомали Рахмона", "Эмомали Рахмон",
         "Президент Республики Таджикистан"),
        ("Выступление Специального представителя Генерального секретаря ООН Карины Ахмедовой", "Карина Ахмедова",
         "Специальный представитель Генерального секретаря ООН"),
        ("Выступление Министра иностранных дел Владимира Ивановича Петрова", "Владимир Иванович Петров",
         "Министр иностранных дел"),
    ],
)
def test_russian_heading_with_role_before_name_is_stored_in_the_nominative(heading, name, role):
    parsed = parse_speech_text(speech("Мы будем помогать.", speaker=heading))
    assert (parsed.speech_title, parsed.speaker_name, parsed.role) == ("Выступление", name, role)


@pytest.mark.parametrize("heading", ["Выступление Министра иностранных дел Республики Узбекистан г-на Иванова И.И.",
                                     "Выступление г-на Министра иностранных дел Республики Узбекистан Иванова И.И."])
def test_a_russian_honorific_before_or_after_the_role_is_neither_role_nor_name(heading):
    parsed = parse_speech_text(speech("Мы будем помогать.", speaker=heading))
    assert (parsed.honorific, parsed.speaker_name) == ("г-н", "Иванов И.И.")
    assert parsed.role == "Министр иностранных дел Республики Узбекистан"


# Headings set out a line to a paragraph, as Word gives each press of Enter: the speaker's lines end where
# the speech begins, greeting or not, and a name on a line of its own is kept as written.
LINE_PER_PARAGRAPH = [
    ("Opening remarks by Ms. Aigerim Sultanova\n\nExcellencies\n\nLadies and gentlemen",
     ("Opening remarks", "Aigerim Sultanova", "", ""), 2),
    ("Mr. Daniyar Seitkali\n\nDistinguished guests\n\nDear friends", ("Statement", "Daniyar Seitkali", "", ""), 2),
    ("Выступление Заместителя министра Сардора Умарова\n\nУважаемые коллеги",
     ("Выступление", "Сардор Умаров", "Заместитель министра", ""), 1),
    ("Выступление\n\nЛола Каримова,\n\nМинистр юстиции Республики Казахстан",
     ("Выступление", "Лола Каримова", "Министр юстиции Республики Казахстан", ""), 0),
    ("Выступление Его Превосходительства г-на Бахтиёра Саидова,\n\nМинистра иностранных дел Республики Узбекистан",
     ("Выступление", "Бахтиёр Саидов", "Министр иностранных дел Республики Узбекистан", ""), 0),
    ("Opening remarks\n\nMr. Daniyar Seitkali\n\nCoordinator, Central Asian Youth Council",
     ("Opening remarks", "Daniyar Seitkali", "Coordinator", "Central Asian Youth Council"), 0),
]


@pytest.mark.parametrize(("heading", "read", "greetings"), LINE_PER_PARAGRAPH)
def test_a_heading_a_line_to_a_paragraph_gives_the_speaker_and_leaves_the_speech_whole(heading, read, greetings):
    text = f"REGIONAL MEETING\n\nAlmaty, 5 May 2026\n\n{heading}\n\nWe will hold a training in 2027."
    parsed = parse_speech_text(text)
    assert (parsed.speech_title, parsed.speaker_name, parsed.role, parsed.organization) == read
    assert len(parsed.paragraphs) == greetings + 1  # each greeting stays a paragraph of the speech


def test_a_title_goes_on_over_its_next_line_and_a_speaker_may_still_follow_before_the_date():
    parsed = parse_speech_text("REGIONAL CONFERENCE ON BORDER SECURITY\n\nIN CENTRAL ASIA\n\nOpening remarks\n\n"
                               "Ms. Ana Example\n\nDirector, Office of Example\n\nAlmaty, 5 May 2026\n\n"
                               "We will hold a training in 2027.")
    assert parsed.conference_title == "Regional Conference on Border Security in Central Asia"
    assert (parsed.speaker_name, parsed.role, parsed.organization) == ("Ana Example", "Director", "Office of Example")


@pytest.mark.parametrize(("genitive", "nominative"), [
    (["Акмаля", "Рашидова"], ["Акмаль", "Рашидов"]),
    (["Дильноры", "Каримовой"], ["Дильнора", "Каримова"]),
    (["Фарруха", "Шарипова"], ["Фаррух", "Шарипов"]),  # a first name the dictionary does not know
    (["Сардора", "Умарова"], ["Сардор", "Умаров"]),
    (["Карла", "Дюма"], ["Карл", "Дюма"]),  # a surname that does not change
    (["Жанна", "Ахмедова"], ["Жанна", "Ахмедова"]),  # in the nominative already: as written
    (["Дильноза", "Рахимова"], ["Дильноза", "Рахимова"]),
])
def test_a_name_in_the_genitive_is_put_in_the_nominative_and_one_in_the_nominative_is_kept(genitive, nominative):
    assert russian_grammar.nominative_name(genitive) == nominative


@pytest.mark.parametrize(("name", "role"), [("Sirojiddin Muhriddin", "Minister of Foreign Affairs"),
                                            ("Damelya Aitkhozhina", "Ambassadorial envoy")])
def test_a_name_that_starts_like_an_honorific_is_read_whole(name, role):
    parsed = parse_speech_text(speech("Hello.", speaker=f"Statement by H.E. Mr. {name},\n{role}"))
    assert (parsed.honorific, parsed.speaker_name, parsed.role) == ("H.E. Mr.", name, role)


def test_title_all_caps_lines_get_title_case_with_small_words_and_acronyms():
    parsed = parse_speech_text(
        speech("Hello.", title="THE SECOND CONFERENCE ON THE JOINT PLAN OF ACTION (JPOA)\nAMONG OSCE AND UN PARTNERS")
    )
    assert parsed.conference_title == (
        "The Second Conference on the Joint Plan of Action (JPOA) among OSCE and UN Partners"
    )


def test_title_mixed_case_line_is_kept_as_written():
    parsed = parse_speech_text(speech("Hello.", title="Expert meeting on the JPoA\nIn Central Asia"))
    assert parsed.conference_title == "Expert meeting on the JPoA In Central Asia"


@pytest.mark.parametrize(
    ("line", "date", "city"),
    [
        ("3 March 2022, Tashkent", datetime.date(2022, 3, 3), "Tashkent"),
        ("March 3, 2022, Tashkent", datetime.date(2022, 3, 3), "Tashkent"),
        ("3 марта 2022 г., Ташкент", datetime.date(2022, 3, 3), "Ташкент"),
        ("3 марта 2022, Ташкент", datetime.date(2022, 3, 3), "Ташкент"),
        ("25 Nov 2021, New York", datetime.date(2021, 11, 25), "New York"),
    ],
)
def test_date_line_accepted_forms(line, date, city):
    parsed = parse_speech_text(speech("Hello.", date=line))
    assert (parsed.date, parsed.city) == (date, city)


def test_speaker_without_organisation_words_leaves_organisation_empty():
    parsed = parse_speech_text(speech("Hello.", speaker="Statement by H.E. Mr. Test Person,\nDeputy Prime Minister"))
    assert (parsed.honorific, parsed.speaker_name) == ("H.E. Mr.", "Test Person")
    assert parsed.speaker_role == "Deputy Prime Minister"
    assert (parsed.role, parsed.organization) == ("Deputy Prime Minister", "")


def test_speaker_role_with_two_parts_not_an_organisation_keeps_both_in_role():
    parsed = parse_speech_text(speech("Hello.", speaker="Remarks by Dr. Test Person,\nMinister, Deputy Prime Minister"))
    assert (parsed.role, parsed.organization) == ("Minister, Deputy Prime Minister", "")


def test_speaker_without_honorific_is_read_after_by():
    parsed = parse_speech_text(speech("Hello.", speaker="Closing remarks by Test Person, Head, UNRCCA"))
    assert (parsed.speech_title, parsed.honorific, parsed.speaker_name) == ("Closing remarks", "", "Test Person")
    assert (parsed.role, parsed.organization) == ("Head", "UNRCCA")


def test_speaker_honorific_word_in_role_is_not_taken_for_the_speaker():
    parsed = parse_speech_text(speech("Hello.", speaker="Opening remarks by the Chair,\nAmbassador of Testland"))
    assert (parsed.speech_title, parsed.honorific, parsed.speaker_name) == ("Opening remarks", "", "the Chair")
    assert (parsed.role, parsed.organization) == ("Ambassador of Testland", "")


def test_sentences_abbreviations_do_not_split():
    sentence = "We will train Dr. Ali's team with U.N. experts under Decision No. 5 of the Council, i.e. Section Two."
    parsed = parse_speech_text(speech(f"Mr. Smith spoke first. {sentence} The answer is no. I hope this helps."))
    assert parsed.action_items == (
        ProposedActionItem(
            title="Train Dr. Ali's team with U.N. experts under Decision No. 5 of the Council, i.e. Section Two",
            excerpt=sentence,
            paragraph=1,
        ),
    )


def test_commitments_other_triggers_and_lead_ins():
    body = (
        "In 2024, we'll open a training centre.\n\n"
        "UNOCT will ramp up its work on prisons.\n\n"
        "We also help national experts to draft laws. We intend to publish a handbook.\n\n"
        "I am grateful to our partners. I hope we will succeed."
    )
    titles = [(item.title, item.paragraph) for item in parse_speech_text(speech(body)).action_items]
    assert titles == [
        ("Open a training centre", 1),
        ("Ramp up its work on prisons", 2),
        ("Help national experts to draft laws", 3),
        ("Publish a handbook", 3),
    ]


def test_commitment_title_ending_in_abbreviation_keeps_its_period():
    parsed = parse_speech_text(speech("We will report to the U.N."))
    assert parsed.action_items == (
        ProposedActionItem(title="Report to the U.N.", excerpt="We will report to the U.N.", paragraph=1),
    )


def test_paragraph_of_long_lines_ending_with_commas_is_joined_with_spaces():
    body = "We thank the ministries of the five countries,\nthe donors,\nand the partners."
    assert parse_speech_text(speech(body)).paragraphs == (
        "We thank the ministries of the five countries, the donors, and the partners.",
    )


def test_parse_error_empty_file():
    for data in (b"", b" \n\n\t\r\n"):
        with pytest.raises(SpeechParseError) as error:
            parse_speech_bytes(data)
        assert (error.value.line, error.value.message) == (1, "The file is empty.")
        assert str(error.value) == "line 1: The file is empty."


def test_a_file_with_no_date_line_is_read_for_the_editor_to_give_the_date():
    parsed = parse_speech_text("REGIONAL MEETING\n\nOpening remarks by Mr. Test Speaker, Director\n\nHello.\n")
    assert (parsed.conference_title, parsed.date, parsed.speaker_name) == ("Regional Meeting", None, "Test Speaker")
    assert parsed.paragraphs == ("Hello.",)
    assert parsed.warning("date") == "No date line was found: give the date the speech was delivered."


def test_parse_error_invalid_date():
    with pytest.raises(SpeechParseError) as error:
        parse_speech_text(speech("Hello.", date="31 February 2022, Tashkent"))
    assert (error.value.line, error.value.message) == (3, "There is no such date as “31 February 2022”.")


def test_a_file_that_names_no_speaker_is_read_with_a_warning_not_refused():
    parsed = parse_speech_text(speech("Hello.", speaker="Thank you all for coming."))
    assert parsed.speaker_name == ""
    assert parsed.paragraphs == ("Thank you all for coming.", "Hello.")
    assert parsed.warning("speaker") == "The file names no speaker: choose one."
    assert parsed.warning("title") == "No title such as “Opening remarks” was found: “Statement” is assumed."


def test_parse_error_nothing_after_date():
    with pytest.raises(SpeechParseError) as error:
        parse_speech_text("REGIONAL MEETING\n\n3 March 2022, Tashkent\n\n\n")
    assert str(error.value) == f"line 3: {NO_TEXT}"


def test_parse_error_empty_body():
    with pytest.raises(SpeechParseError) as error:
        parse_speech_text("REGIONAL MEETING\n\n3 March 2022, Tashkent\n\nOpening remarks by Mr. A B,\nDirector\n\n")
    assert str(error.value) == f"line 6: {NO_TEXT}"


@pytest.mark.parametrize(
    "data",
    [
        "Discours d'ouverture prononcé à Genève, très général et déjà écrit.\n".encode("latin-1"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"\x98\x98\x98",  # undefined in Windows-1251
    ],
)
def test_decode_unknown_encoding_is_refused(data):
    with pytest.raises(SpeechParseError) as error:
        decode_text(data)
    assert (error.value.line, str(error.value)) == (None, NOT_TEXT)
    assert NOT_TEXT == "The file is not text (UTF-8, UTF-16 or Windows-1251), a Word file (.docx) or a PDF."


def test_decode_strips_bom_and_normalises_line_endings():
    assert decode_text("\ufeffа\r\nб\rв\n".encode()) == "а\nб\nв\n"
    assert decode_text("Привет,\r\nмир".encode("cp1251")) == "Привет,\nмир"


def test_parsed_speech_is_frozen():
    parsed = parse_speech_text(ENGLISH)
    assert isinstance(parsed, ParsedSpeech)
    with pytest.raises(AttributeError):
        parsed.city = "Osh"


@pytest.mark.parametrize(
    ("city", "iso3"),
    [
        ("Tashkent", "UZB"),
        ("Ташкент", "UZB"),
        ("г. Ташкент", "UZB"),
        ("nur-sultan", "KAZ"),
        ("Алматы", "KAZ"),
        ("Osh, Kyrgyzstan", "KGZ"),
        ("Ashkhabad", "TKM"),
        ("Душанбе", "TJK"),
        ("New York", "USA"),
        ("Москва", "RUS"),
        ("Худжанд", "TJK"),
        ("Paris", None),
        ("", None),
    ],
)
def test_country_iso3_for_city_known_and_unknown(city, iso3):
    assert country_iso3_for_city(city) == iso3


def test_city_countries_codes_are_iso3():
    assert all(len(code) == 3 and code.isupper() for code in CITY_COUNTRIES.values())
    assert CITY_COUNTRIES["Ашхабад"] == CITY_COUNTRIES["Ashgabat"] == "TKM"


# Files shaped to make a parser do work that grows faster than the file. About 200 KB each: a linear
# parser reads each in well under a second, a quadratic one took minutes; the time limit is generous
# so that only the second fails it, on however slow a machine.
def long_file(body: str = "", title: str = "REGIONAL MEETING") -> str:
    return speech(body or "Thank you.", title=title)


SENTENCES = ["We met the team.", "Dr. Smith spoke.", "We will train officers.", "The U.N. helped.", "Thank you."]
LONG_FILES = {
    # A sentence a line and no blank line between paragraphs: one paragraph of 12,500 lines.
    "short sentences in one paragraph": long_file("\n".join(SENTENCES * 2_500)),
    "abbreviations": long_file("Mr. A, U.N. " * 16_000),
    "a run of periods": long_file("Wait" + "." * 200_000 + " and then we met."),
    "a long word in a commitment": long_file("We will " + "a" * 200_000 + " b."),
    "a title of many lines": long_file(title="REGIONAL\nCOUNTER-\n" * 11_000),
    "unclosed parentheses in the title": long_file(title="MEETING " + "(" * 300_000),
}


class TookTooLong(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def stop(signum, frame):
        raise TookTooLong(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("text", LONG_FILES.values(), ids=LONG_FILES.keys())
def test_a_long_file_is_read_in_linear_time(text):
    with time_limit(10):
        parsed = parse_speech_bytes(text.encode())
    assert parsed.speaker_name == "Test Speaker"


def test_a_long_run_of_lines_is_still_split_into_sentences():
    with time_limit(10):
        parsed = parse_speech_bytes(LONG_FILES["short sentences in one paragraph"].encode())
    # Unwrapped lines that each end a sentence, with no blank line between: a paragraph each.
    assert len(parsed.paragraphs) == 12_500
    # 2,500 commitments: the first 300 are proposed, and the editor is told so.
    assert [item.title for item in parsed.action_items] == ["Train officers"] * 300
    assert parsed.warning("proposals") == "Only the first 300 commitments are proposed."
    assert parsed.action_items[0].excerpt == "We will train officers."
