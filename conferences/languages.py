"""Content in the site's languages: the English value of a field and its Russian translation.

Short fields (titles, names, summaries, cities...) are TranslatedFields (django-translated-fields):
`title_en`, kept in the column the field always had, and `title_ru`, empty until someone
translates it. `obj.title` is the page's language, or English where that is empty. What a
value made of several fields (a conference's display name) shows, and in which language,
and the same rule in SQL for exports the database writes, are here.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Expression, F, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from translated_fields import TranslatedField, TranslatedFieldWithFallback, to_attribute

DEFAULT = settings.LANGUAGE_CODE


def translated(field, column: str) -> TranslatedFieldWithFallback:
    """`field` in every language of the site: English required as before and kept in `column`
    (the column it always had), the others optional, never unique (many may still be empty),
    and empty in the database too when a row is written without them (COPY, raw SQL)."""
    others = {code: {"unique": False, "default": "", "db_default": ""}
              for code, _name in settings.LANGUAGES if code != DEFAULT}
    return TranslatedFieldWithFallback(field, {DEFAULT: {"db_column": column}, **others})


def written_in(text: str) -> str:
    """The site's language that text is written in, by its letters: Russian where Cyrillic ones
    outnumber Latin ones, else English; "" for text with no letters ("50 %")."""
    if text.isascii():  # Latin letters only, if any: none to count
        return DEFAULT if any(char.isalpha() for char in text) else ""
    cyrillic = sum("\u0400" <= char <= "\u04ff" for char in text)
    latin = sum(char.isascii() and char.isalpha() for char in text)
    return "ru" if cyrillic > latin else DEFAULT if latin else ""


def in_file_names() -> str:
    """What a downloaded file's name says of the page's language: nothing in English, "-ru" in
    Russian, so that a reader who takes both keeps both."""
    language = get_language()
    return f"-{language}" if language and language != DEFAULT else ""


def unless_the_pages(language: str) -> str:
    """`language` where it is not the page's (what an element's `lang` must say), else ""."""
    return "" if language == get_language() else language


def reading_order() -> list[str]:
    """The languages a value is looked for in: the page's, then English."""
    language = get_language() or DEFAULT
    return [language] if language == DEFAULT else [language, DEFAULT]


def shown(obj, *names: str) -> tuple[str, str]:
    """The first of the fields `names` that has a value in the page's language, else in English:
    (the value, its language)."""
    for language in reading_order():
        for name in names:
            value = getattr(obj, to_attribute(name, language))
            if value:
                # The English field holds the Russian original until a translator writes the English
                # (a Russian speech's or a progress file's import fills it so), and text with no
                # letters ("50 %") reads the same in any language: its letters tell.
                if language == DEFAULT:
                    return value, written_in(value) or get_language() or DEFAULT
                return value, language
    return "", DEFAULT


def shown_sql(*names: str, prefix: str = ""):
    """shown() as an SQL expression, for a model or one reached through `prefix` ("conference__")."""
    choices = [NullIf(F(prefix + to_attribute(name, language)), Value(""), output_field=TextField())
               for language in reading_order() for name in names]
    return Coalesce(*choices, Value(""), output_field=TextField())


def shown_order(*names: str) -> list:
    """What a list sorted by the name made of the translated fields `names` is ordered by, in the page's
    language. For one field, its columns: ["title_en"] in English, ["title_ru", "title_en"] in
    Russian. Plain columns, so that an index serves the order and a deep page resumes from a row's
    values. In Russian the rows without a Russian title (shown in English) come first, by their
    English one; as Latin letters sort before Cyrillic ones, that is the order of the titles shown
    wherever Russian titles are Cyrillic. For several fields (a conference's short title, else its
    title), the name shown itself: no index serves it, so only short lists sort by one."""
    if len(names) > 1:
        return [shown_sql(*names)]
    return [to_attribute(names[0], language) for language in reading_order()]


def plain_order(ordering) -> list:
    """`ordering` with each name shown (Shown) as its columns in the page's language (shown_order()):
    the order a long list sorts by, which an index serves and a page resumes from."""
    return [column for part in ordering for column in (shown_order(*part.names) if isinstance(part, Shown) else [part])]


def in_list_order(queryset: QuerySet) -> QuerySet:
    """A list without a choice of order (people, countries, plans) in its model's order, in the page's
    language, as columns (plain_order()): its page's, its filter menu's and the API's order, which an
    index serves and a deep page resumes from."""
    return queryset.order_by(*plain_order(queryset.model._meta.ordering), "pk")


class Shown(Expression):
    """shown_sql(*names), worked out when a query is compiled, in the language active then: for an
    order fixed once (Meta.ordering) that follows the reader's language (short lists; a list's sort
    reads it as shown_order())."""

    def __init__(self, *names: str):
        super().__init__(output_field=TextField())
        self.names = names

    def resolve_expression(self, *args, **kwargs):
        return shown_sql(*self.names).resolve_expression(*args, **kwargs)


def columns(name: str) -> list[str]:
    """The fields of a translated field in every language: ["title_en", "title_ru"]."""
    return [to_attribute(name, code) for code, _name in settings.LANGUAGES]


def translated_names(model) -> set[str]:
    """The names of a model's translated fields ("title", "summary", ...)."""
    return {name for klass in model.__mro__ for name, attr in vars(klass).items() if isinstance(attr, TranslatedField)}


def in_each_language(model, fields: dict, translations: dict[str, str], language: str) -> dict:
    """`fields` (English values by field name) with each translated field given as its English
    field and its `language` one, from `translations` (English text to its translation)."""
    names = translated_names(model)
    result = {}
    for name, value in fields.items():
        if name in names:
            result[to_attribute(name, DEFAULT)] = value
            result[to_attribute(name, language)] = translations.get(value, "")
        else:
            result[name] = value
    return result
