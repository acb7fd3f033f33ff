"""Commitments found in speeches, measured on the project's labelled corpus."""

import datetime as dt

import pytest

from conferences.commitments import TITLE_LENGTH, commitment_titles, language_of, short_title
from conferences.corpus import corpus_dir, evaluate, samples_of
from conferences.deadlines import due_date_in

SENTENCES = samples_of(corpus_dir(), "sentences")


def test_the_corpus_report_shows_precision_and_recall_of_at_least_0_8(capsys):
    report = evaluate()
    with capsys.disabled():
        print(f"\nimport corpus: precision {report.precision:.2f}, recall {report.recall:.2f}")
    assert report.precision >= 0.8 and report.recall >= 0.8


@pytest.mark.parametrize("sample", SENTENCES, ids=[sample["text"][:40] for sample in SENTENCES])
def test_each_phrasing_commits_as_the_corpus_says(sample):
    titles = commitment_titles(sample["text"], language_of(sample["text"]))
    assert len(titles) == len(sample["commitments"]), titles
    for title, phrase in zip(titles, sample["commitments"], strict=True):
        assert phrase.casefold() in title.casefold()


def test_a_long_title_is_cut_before_a_phrase_never_inside_one():
    title = short_title("the development of a Counter-Terrorism Early Warning Network for Central Asia to mitigate "
                        "threats from the evolving situation in Afghanistan")
    assert title == "Development of a Counter-Terrorism Early Warning Network for Central Asia to mitigate threats"
    assert len(title) <= TITLE_LENGTH


def test_coordinated_verbs_stay_one_undertaking_and_two_objects_make_two():
    titles = commitment_titles("We will continue to help requesting Member States counter the supply of small arms "
                               "and light weapons and secure and manage their borders.", "en")
    assert titles == ["Help requesting Member States counter the supply of small arms and light weapons",
                      "Help requesting Member States secure and manage their borders"]
    assert not any(title.endswith((" and", " of", " the")) for title in titles)


def test_a_sentence_of_endless_undertakings_is_read_without_running_out_of_stack():
    titles = commitment_titles("We will help States " + "and train police " * 1200 + "in Osh.", "en")
    assert 1 < len(titles) <= 21


@pytest.mark.parametrize(("sentence", "due"), [
    ("We will train fifty officers by June 2027.", dt.date(2027, 6, 30)),
    ("The Centre will publish its assessment by the end of 2026.", dt.date(2026, 12, 31)),
    ("We will hold a regional training in the first half of 2027.", dt.date(2027, 6, 30)),
    ("Our Office will open a liaison post in Osh in 2027.", dt.date(2027, 12, 31)),
    ("Мы проведём семинар до конца 2027 года.", dt.date(2027, 12, 31)),
    ("Управление подготовит доклад к концу мая 2028 года.", dt.date(2028, 5, 31)),
    ("Мы откроем центр во второй половине 2026 года.", dt.date(2026, 12, 31)),
    ("We will continue to support the region.", None),
    ("We will keep the promise we made in Tashkent.", None),
])
def test_a_commitment_takes_the_deadline_its_sentence_gives(sentence, due):
    assert due_date_in(sentence) == due


@pytest.mark.parametrize(("sentence", "due"), [
    ("We will train fifty officers within six months.", dt.date(2026, 11, 30)),
    ("Our Office will open the centre within the next two years.", dt.date(2028, 5, 31)),
    ("We will publish the assessment within 18 months.", dt.date(2027, 11, 30)),
    ("We will host the next round next year.", dt.date(2027, 12, 31)),
    ("The Centre will report by the end of this year.", dt.date(2026, 12, 31)),
    ("Мы проведём семинар в течение трёх месяцев.", dt.date(2026, 8, 31)),
    ("Мы откроем центр в ближайшие два года.", dt.date(2028, 5, 31)),
    ("Мы обучим пограничников в течение года.", dt.date(2027, 5, 31)),
    ("Управление проведёт встречу в следующем году.", dt.date(2027, 12, 31)),
    ("Мы откроем центр в ближайшие три года.", dt.date(2029, 5, 31)),
    ("Мы завершим работу за один год.", dt.date(2027, 5, 31)),
    ("Мы обучим инструкторов в течение двенадцати месяцев.", dt.date(2027, 5, 31)),  # not «два»
    ("Мы подготовим стратегию в течение полутора лет.", dt.date(2027, 11, 30)),
    ("We will finish within twenty-four months.", dt.date(2028, 5, 31)),  # not "twenty"
    ("Мы представим итоги экспертиза года спустя.", None),  # «за» inside a word is no span
    ("We will stay engaged in the coming years.", None),  # no end named
    ("В ближайшие годы мы продолжим работу.", None),
])
def test_a_deadline_counted_from_the_speech_ends_that_long_after_its_day(sentence, due):
    spoken_on = dt.date(2026, 5, 31)  # six months later has no 31st: the last of the month
    assert due_date_in(sentence, spoken_on) == due
    assert due_date_in(sentence) is None  # without the day, nothing is made up
