"""Text search over published content.

On PostgreSQL: full-text search with ranking and highlighted snippets, over the stored,
indexed `search_document` columns that search_vectors.py defines (title weighted A, then the rest).
A word so common that it matches more than COUNT_CAP items of a kind lists the most recently
added first, since ranking them all would be slow. On SQLite, for a laptop demo: every word
must appear somewhere, newest first.
"""

from __future__ import annotations

import difflib
import operator
import re
from dataclasses import dataclass
from functools import reduce

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import Exists, F, Func, Lookup, Model, OuterRef, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Upper
from django.db.models.lookups import Contains, Regex
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from translated_fields import to_attribute

from . import countries, visibility
from .caching import per_version
from .languages import DEFAULT, columns, reading_order, shown, translated_names, unless_the_pages, written_in
from .list_rows import published_rows
from .models import (
    ActionItem,
    Conference,
    Country,
    Document,
    Hub,
    Organization,
    Person,
    Plan,
    Speech,
    SpeechTranslation,
    Theme,
    split_paragraphs,
)
from .pagination import COUNT_CAP, capped_count, in_key_order
from .search_vectors import CONFIG, WEIGHTS, related_text

MAX_QUERY_LENGTH = 200

# The text a snippet is cut from: translated fields in the page's language, then English; a speech's text
# as its page shows it (_with_reader_text()). Of several, the first that holds the words: each is in one
# language, which the snippet is marked with, where a passage across two could be in both. Where none
# does, the translated fields in the other language (_from_the_other_language()).
SNIPPET_SOURCE = {Conference: ("summary",), Speech: ("reader_text",), ActionItem: ("description", "public_excerpt"),
                  Document: ("summary",)}
# An action item's excerpt is a sentence of its speech, in the speech's language, quoted while that is public.
EXCERPT_LANGUAGE = "speech__language"

# Markers PostgreSQL puts around matches; the snippet is escaped, then they become <mark>.
START, STOP = "\x02", "\x03"


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def fold(text: str | None) -> str | None:
    """Text as searched on SQLite: case folded, "ё" as "е" (as Russian is mostly printed)."""
    return text.casefold().replace("ё", "е") if text else text


class Folded(Lookup):
    """`field__folded=text`: the field holds `text`, whatever the case (Cyrillic too, which SQLite's own
    LIKE does not fold) and whether "ё" is written "е": the admin's search (admin.BaseAdmin)."""

    lookup_name = "folded"

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        if connection.vendor == "sqlite":
            pattern = f"%{connection.ops.prep_for_like_query(fold(str(self.rhs)))}%"
            return f"jpoa_fold({lhs}) LIKE %s ESCAPE '\\'", [*params, pattern]
        # In capitals, as icontains compares.
        pattern = f"%{connection.ops.prep_for_like_query(str(self.rhs).upper().replace('Ё', 'Е'))}%"
        return f"REPLACE(UPPER({lhs}), 'Ё', 'Е') LIKE %s", [*params, pattern]


def word_starts(text: str | None) -> str | None:
    """Folded text as its words, each after a space: " border guards " holds " guard", not " order"."""
    return " " + " ".join(re.findall(r"\w+", fold(text))) if text else text


def add_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each SQLite connection fold() and word_starts(): SQLite's own LIKE and lower() fold Latin
    letters only, so "Таможня" would not find "таможня". (PostgreSQL's full-text search folds them
    itself.)"""
    if connection.vendor == "sqlite":
        connection.connection.create_function("jpoa_fold", 1, fold, deterministic=True)
        connection.connection.create_function("jpoa_word_starts", 1, word_starts, deterministic=True)


# What may come before or after a word on PostgreSQL: anything but a letter or digit, each named (Latin,
# its accented letters, Cyrillic), as under the C collation its regular expressions know ASCII ones only.
PG_NOT_A_LETTER = "[^0-9A-Za-z\u00c0-\u024f\u0400-\u04ff]"
PG_BEFORE_A_WORD = f"(^|{PG_NOT_A_LETTER})"
PG_AFTER_A_WORD = f"($|{PG_NOT_A_LETTER})"


def holds(field: str, text: str, whole: bool = False) -> Q:
    """The condition that `field` has `text` at the start of one of its words (as whole words, if `whole`),
    whatever the case (Cyrillic too): "voron" names Voronkov, "order" does not name Border security, and
    an acronym is found by its words, "КТЦ" in "КТЦ ООН", but "UN" not in "UNOCT"."""
    if not re.search(r"\w", text):
        return Q(pk__in=[])  # "-" or "…" would be found before any word
    if connection.vendor != "sqlite":
        # Both in capitals, as the trigram index holds the name (and as icontains compares); the signs a
        # regular expression reads escaped, and only those (PostgreSQL refuses "\" before a letter).
        words = Upper(Value(re.sub(r"([\\^$.|?*+()\[\]{}])", r"\\\1", text)))
        pattern = Concat(Value(PG_BEFORE_A_WORD), words, Value(PG_AFTER_A_WORD if whole else ""),
                         output_field=TextField())
        return Q(Regex(Upper(F(field)), pattern))
    starts = Func(F(field), function="jpoa_word_starts", output_field=TextField())
    if whole:  # each word after a space, and a space after the last
        return Q(Contains(Concat(starts, Value(" "), output_field=TextField()), word_starts(text) + " "))
    return Q(Contains(starts, word_starts(text)))


def clean_query(text: str) -> str:
    # NUL cannot be sent to PostgreSQL in text.
    return " ".join(text.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


def search_document(model: type[Model]) -> RawSQL:
    """The stored tsvector column PostgreSQL keeps for the model (migration 0008)."""
    return RawSQL(f'"{model._meta.db_table}"."search_document"', [], output_field=SearchVectorField())


def _words(text: str) -> list[str]:
    # One-letter words would match nearly everything on SQLite.
    return [word for word in re.split(r"\W+", text) if len(word) > 1]


def people_named(text: str) -> list[int]:
    """Keys of the first 100 published people whose name holds `text`, in name order.

    Which they are changes only with the content: worked out once per content version.
    """
    named = reduce(operator.or_, (holds(name, text) for name in columns("name")))
    return per_version("people-named", text, compute=lambda: list(
        Person.objects.published().filter(named).values_list("pk", flat=True)[:100]))


def hubs_named(model: type[Hub], text: str) -> list[int]:
    """Keys of the first 100 public organisations, countries or themes whose name in either
    language holds `text` (or, for an organisation, whose acronym it is), in name order.

    Named so, then public: the public ones are known per content version, and asking the
    database which of the named ones are public would cost more than the search.
    """
    def keys() -> list[int]:
        public = set(visibility.public_keys(model))
        conditions = [holds(name, text) for name in columns("name")]
        if model is Organization:
            conditions += [holds(acronym, text, whole=True) for acronym in columns("acronym")]
        if model is Country:
            conditions.append(Q(iso3__in=countries.codes_also_named(text)))
        named = model.objects.filter(reduce(operator.or_, conditions))
        return [key for key in named.values_list("pk", flat=True) if key in public][:100]

    return per_version("hubs-named", model._meta.label, text, compute=keys)


def suggestion(text: str) -> str | None:
    """The name of a public country, theme, organisation, plan or person that `text` looks like a
    misspelling of ("Kyrgystan": "Kyrgyzstan"), in the language it was typed in; else None.

    PostgreSQL compares trigrams (pg_trgm, along the name indexes where there are any); SQLite,
    for the laptop demo, Python's difflib. Once per content version for each text.
    """
    text = clean_query(text)
    if len(text) < 4:
        return None
    closest = _closest_trigram if uses_full_text() else _closest_difflib
    return per_version("suggestion", text, compute=lambda: closest(text) or "") or None


SUGGESTED = (Country, Theme, Organization, Plan, Person)
SIMILAR_ENOUGH = 0.3  # pg_trgm's own threshold for its % operator


def _closest_trigram(text: str) -> str | None:
    best, best_similarity = None, SIMILAR_ENOUGH
    for model in SUGGESTED:
        for column in columns("name"):
            closest = (model.objects.published().alias(upper=Upper(column))
                       .filter(upper__trigram_similar=text.upper())
                       .annotate(similarity=TrigramSimilarity(Upper(column), text.upper()))
                       .order_by("-similarity").first())
            if closest is not None and closest.similarity > best_similarity:
                best, best_similarity = getattr(closest, column), closest.similarity
    return best if best and best.casefold() != text.casefold() else None


def _closest_difflib(text: str) -> str | None:
    names = {}
    for model in SUGGESTED:
        for column in columns("name"):
            for name in model.objects.published().values_list(column, flat=True):
                if name:
                    names[name.casefold()] = name
    found = difflib.get_close_matches(text.casefold(), list(names), n=1, cutoff=0.75)
    return names[found[0]] if found and found[0] != text.casefold() else None


def matching(queryset: QuerySet, text: str) -> QuerySet:
    """The rows of `queryset` that match `text`, in the queryset's own order."""
    text = clean_query(text)
    model = queryset.model
    if not text:
        return queryset
    # A speech is found by its speaker's name too (their keys first, so the index serves both); a
    # document by its UN symbol exactly as typed ("a/76/751" too), whatever the words make of it.
    speakers = people_named(text) if model is Speech else []
    also = Q(speaker__in=speakers) if speakers else Q()
    if model is Document:
        also |= Q(symbol__iexact=text)
    if uses_full_text():
        return queryset.alias(search=search_document(model)).filter(
            Q(search=SearchQuery(text, search_type="websearch", config=CONFIG)) | also
        )
    conditions = [_holds(model, word) for word in _words(text)]
    return queryset.filter(reduce(operator.and_, conditions) | also) if conditions else queryset.none()


def _field_name(model: type[Model], column: str) -> str:
    return next(field.name for field in model._meta.concrete_fields if field.column == column)


def _holds(model: type[Model], word: str) -> Q:
    """SQLite: the condition that a row's searched text holds `word`, its related rows' text included."""
    table = model._meta.db_table
    conditions = [holds(_field_name(model, column), word) for column, _weight in WEIGHTS[table]]
    related = related_text().get(table)
    if related:
        other = next(relation.related_model for relation in model._meta.related_objects
                     if relation.related_model._meta.db_table == related.table)
        conditions.append(Q(Exists(other.objects.filter(holds(_field_name(other, related.column), word),
                                                        **{_field_name(other, related.key): OuterRef("pk")}))))
    return reduce(operator.or_, conditions)


def top_matches(model: type[Model], text: str, limit: int) -> tuple[list[Model], int]:
    """The first `limit` published `model` objects that match `text`, as the search page shows them
    (Match: each with its snippet), and how many match (counted up to COUNT_CAP + 1).

    Best first, or the most recently added first when more than COUNT_CAP match, as ranking them
    all would be slow. (Newest by key, walking the key index backwards: a common word is met
    within a few hundred rows, where a list's own order may run through tens of thousands of
    rows that do not match before it finds ten that do.) To rank, the best keys are picked first,
    reading no other table; then only those rows are read with what they show, and only their
    passages are cut out for snippets.

    Worked out once per content version for each text and language, as the counts are: many
    readers search for the same few words, and cutting out passages is the costly part.
    """
    text = clean_query(text)

    def compute() -> tuple[list[Match], int]:
        rows, count = _top_matches(model, text, limit)
        # What the results show, not the rows themselves: a speech's row holds its whole text.
        return [Match(row.url, str(row), unless_the_pages(shown(row, *type(row).name_fields)[1]),
                      row.snippet, row.snippet_lang) for row in rows], count

    return per_version("search-matches", model._meta.label, text, limit, compute=compute)


@dataclass(frozen=True)
class Match:
    """One result as the search page shows it: its address, its name (with its language where that is
    not the page's), and the passage around the words."""

    url: str
    name: str
    name_lang: str
    snippet: SafeString
    snippet_lang: str

    def __str__(self) -> str:
        return self.name


def _top_matches(model: type[Model], text: str, limit: int) -> tuple[list[Model], int]:
    matches = matching(published_rows(model), text)
    # Named by the words, which say what the SQL does without the cost of building it.
    count = capped_count(matches, digest=f"search:{model._meta.label}:{text}")
    if not count:
        return [], 0
    if not uses_full_text():
        rows = list(_with_sources(matches)[:limit])
    elif count > COUNT_CAP:
        rows = list(_with_headlines(matches.order_by("-pk"), text, snippet_sources(model))[:limit])
    else:
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        best = matches.annotate(rank=SearchRank(search_document(model), query)).order_by("-rank", "pk")
        keys = list(best.values_list("pk", flat=True)[:limit])
        rows = in_key_order(_with_headlines(published_rows(model).filter(pk__in=keys), text, snippet_sources(model)),
                            keys)
    for row in rows:
        row.url = row.get_absolute_url()
        passages = [(name, language, getattr(row, f"headline_{name}") if uses_full_text()
                     else _plain_headline(getattr(row, name) or "", text)) for name, language in snippet_sources(model)]
        row.snippet_source, row.snippet_source_language, row.headline = next(
            (found for found in passages if START in found[2]),
            next((found for found in passages if found[2]), passages[0]))
    _from_the_text_found(rows, text)
    _from_the_other_language(rows, text)
    for row in rows:
        if isinstance(row, Speech):
            number = _paragraph_of(row.reader_text, row.headline)
            row.url += f"#p{number}" if number and number > 1 else ""  # the first is at the top anyway
        if uses_full_text():
            row.headline = _marked_as_cut(row.headline)
        row.snippet = snippet(row)
        row.snippet_lang = snippet_language(row)
    return rows, count


def _with_sources(queryset: QuerySet) -> QuerySet:
    """Rows with what their snippets may be cut from, and the language of an action item's excerpt."""
    if queryset.model is ActionItem:
        return queryset.annotate(excerpt_language=F(EXCERPT_LANGUAGE), public_excerpt=visibility.public_excerpt_sql())
    return _with_reader_text(queryset)


def _with_reader_text(queryset: QuerySet) -> QuerySet:
    """Speeches with the text their page shows the reader (`reader_text`, in `reader_language`): the
    translation into the page's language where there is one, else their own. Other rows as they are."""
    if queryset.model is not Speech:
        return queryset
    translation = SpeechTranslation.objects.filter(speech=OuterRef("pk"), language=get_language())
    return queryset.annotate(reader_text=Coalesce(Subquery(translation.values("body")[:1]), F("body")),
                             reader_language=Coalesce(Subquery(translation.values("language")[:1]), F("language")))


def _with_headlines(queryset: QuerySet, text: str, sources: list[tuple[str, str | None]]) -> QuerySet:
    """Each row with the passage of each of `sources` around the words searched for
    (`headline_<source>`), marked by PostgreSQL, for snippet()."""
    queryset = _with_sources(queryset)
    return queryset.annotate(**{f"headline_{name}": _headline(F(name), text) for name, _language in sources})


def _headline(source, text: str) -> SearchHeadline:
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    return SearchHeadline(source, query, config=CONFIG, start_sel=START, stop_sel=STOP, max_words=40, min_words=20)


def _from_the_text_found(rows: list[Model], text: str) -> None:
    """A speech found by a text other than the one its page shows the reader (its original, or a
    translation into a third language) takes its passage from the first of its texts that holds the
    words, in that text's language, and links to its page showing that text: a passage without the
    words would not say why it was found.

    Only translated speeches can be such, and only their texts are read; a speech found by its
    speaker or its title alone has no passage to find."""
    missed = {row.pk: row for row in rows if isinstance(row, Speech) and START not in row.headline}
    if not missed:
        return
    translations = SpeechTranslation.objects.filter(speech__in=missed).order_by("language")
    # The original, where the reader was shown a translation.
    originals = Speech.objects.filter(pk__in=[key for key, row in missed.items()
                                              if row.reader_language != row.language])
    if uses_full_text():  # PostgreSQL cuts the passages; SQLite's text is cut here
        originals, translations = (texts.annotate(body_passage=_headline(F("body"), text))
                                   for texts in (originals, translations))
    column = "body_passage" if uses_full_text() else "body"
    for key, language, body, passage in [*originals.values_list("pk", "language", "body", column),
                                         *translations.values_list("speech", "language", "body", column)]:
        passage = passage if uses_full_text() else _plain_headline(passage, text)
        row = missed.get(key)
        if row is not None and START in passage:
            row.headline, row.reader_language, row.reader_text = passage, language, body
            row.url += f"?text={language}"
            del missed[key]


def _paragraph_of(text: str, passage: str) -> int | None:
    """The number of the paragraph of `text` that `passage` was cut from, as the speech's page numbers
    them (#p5), so that a result opens at its words; None if the passage cannot be placed."""
    marked = " ".join(passage.split()).strip("… ")
    plain = marked.replace(START, "").replace(STOP, "")
    # The first match, in `plain`: no mark comes before its start, one before its end.
    start, stop = (marked.find(START), marked.find(STOP) - 1) if START in marked else (0, 0)
    # The first match with what comes before it, less and less of it, as the passage may straddle
    # paragraphs (the reader is taken to the words found, not to where the passage starts); else its
    # opening words; else the match alone.
    probes = [*(plain[max(start - before, 0):stop] for before in (30, 15)), plain[:40], plain[start:stop]]
    paragraphs = split_paragraphs(text)
    for probe in filter(None, probes):
        found = [number for number, paragraph in enumerate(paragraphs, 1) if probe in paragraph]
        if found:
            return found[0]
    return None


def _marked_as_cut(passage: str) -> str:
    """PostgreSQL's passage with "…" where it starts or stops inside a sentence, as _plain_headline()
    marks its own: ts_headline cuts out words without saying so."""
    plain = passage.replace(START, "").replace(STOP, "").strip()
    if not plain:
        return passage
    if plain[0].islower():
        passage = "…" + passage.lstrip()
    if plain[-1] not in ".!?…»\")":
        passage = passage.rstrip() + "…"
    return passage


def snippet(obj: Model) -> SafeString:
    """The passage of `obj` around the words searched for (its `headline`), safe to show as HTML."""
    return mark_safe(escape(obj.headline).replace(START, "<mark>").replace(STOP, "</mark>"))


def snippet_sources(model: type[Model]) -> list[tuple[str, str | None]]:
    """What `model`'s snippets are cut from, in the order of SNIPPET_SOURCE, its translated fields in the
    languages a page reads them in: (attribute, its language, None where a row says it)."""
    translated = translated_names(model)
    return [source for name in SNIPPET_SOURCE[model]
            for source in ([(to_attribute(name, language), language) for language in reading_order()]
                           if name in translated else [(name, None)])]


def other_language_sources(model: type[Model]) -> list[tuple[str, str]]:
    """The translated fields of SNIPPET_SOURCE in the languages the page does not read them in."""
    others = [code for code, _name in settings.LANGUAGES if code not in reading_order()]
    return [(to_attribute(name, language), language) for name in SNIPPET_SOURCE[model]
            if name in translated_names(model) for language in others]


def _from_the_other_language(rows: list[Model], text: str) -> None:
    """A row found by words of the other language ("границе" on the English page) takes its passage from
    its field in that language, which says why it was found; its page's own would not hold the words.
    Only words written in another language's letters are looked for so, and only those rows are read
    again: a search in the page's language costs nothing more."""
    if written_in(text) in ("", *reading_order()):
        return
    missed = {row.pk: row for row in rows if START not in row.headline and other_language_sources(type(row))}
    if not missed:
        return
    model = type(next(iter(missed.values())))
    sources = other_language_sources(model)
    if uses_full_text():  # PostgreSQL cuts the passages; SQLite's text is cut here
        found = published_rows(model).filter(pk__in=missed).annotate(
            **{f"headline_{name}": _headline(F(name), text) for name, _language in sources})
        passages = {key: values for key, *values in found.values_list("pk", *(f"headline_{name}"
                                                                              for name, _language in sources))}
    else:
        passages = {key: [_plain_headline(getattr(row, name) or "", text) for name, _language in sources]
                    for key, row in missed.items()}
    for key, row in missed.items():
        for (name, language), passage in zip(sources, passages.get(key, []), strict=False):
            if START in (passage or ""):
                row.snippet_source, row.snippet_source_language, row.headline = name, language, passage
                break


def snippet_language(obj: Model) -> str:
    """The language of `obj`'s snippet where it is not the page's, else "" (also when not known)."""
    language, value = obj.snippet_source_language, getattr(obj, obj.snippet_source)
    if language is None:  # known per row: the speech's text shown, or an item's excerpt (its speech's language)
        language = obj.reader_language if isinstance(obj, Speech) else (obj.excerpt_language or "")
    elif not value:
        language = ""
    elif language == DEFAULT:  # it holds a Russian original until it is translated, as shown() reads it
        language = written_in(value) or get_language()
    return unless_the_pages(language)


def _plain_headline(source: str, text: str, width: int = 240) -> str:
    """The SQLite stand-in for ts_headline: a window around the first match, matches marked."""
    source = " ".join(source.split())
    words = _words(clean_query(text))
    if not words or not source:
        return source[:width]
    # As holds() matches: at a word's start, "е" for "ё" either way.
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)).replace("е", "[её]") for w in words) + ")",
                         re.IGNORECASE)
    first = pattern.search(source)
    start = max(0, first.start() - width // 3) if first else 0
    if start:  # begin at a word, not inside one
        start = source.find(" ", start) + 1 or start
    end = start + width
    if end < len(source):
        end = source.rfind(" ", start, end) if " " in source[start:end] else end
    window = ("…" if start else "") + source[start:end] + ("…" if end < len(source) else "")
    return pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
