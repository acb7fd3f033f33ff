"""The names of each action item's partners, countries and themes, kept by the database.

A CSV row names them ("Kazakhstan; Uzbekistan"). Looking the three lists up row by row
costs more than everything else in a file of a million action items, so database triggers
keep them, sorted by code point and joined with "; ", in each language of the site, in one
row per item (ActionItemNames): whenever an item gains or loses a link, and whenever an
organisation, country or theme is renamed, whoever writes (the admin, bulk loads, COPY, raw
SQL). Migration 0022 adds the triggers and fills the rows in.

A name comes out as the site shows it (languages.shown_sql(), Organization.display_name_sql()):
the SQL for each is compiled from those expressions, so there is one definition of each.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from translated_fields import to_attribute

from .content_triggers import VERSION_TABLE
from .languages import shown_sql
from .models import ActionItem, ActionItemNames, Organization

RELATIONS = ("partners", "countries", "themes")
# PostgreSQL: every write to content takes the content version's row lock (content_triggers.py). A
# list is worked out only once this transaction holds it, so that it sees every link and name that
# another transaction committed meanwhile (a rename beside a new link would otherwise write a list
# without the link).
LOCK = f"PERFORM 1 FROM {VERSION_TABLE} WHERE id = 1 FOR UPDATE"
JOIN = "; "
_KEY = 2_000_000_001  # stands for the item's key while the SQL of a list is compiled


def _literal(value) -> str:
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _names_select(relation: str, language: str, key: str) -> str:
    """SELECT of the names ("n") of one item's related records in `language`; `key` is the item's key in SQL."""
    m2m = ActionItem._meta.get_field(relation)
    source, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
    with translation.override(language):
        name = (Organization.display_name_sql(f"{other}__") if m2m.related_model is Organization
                else shown_sql("name", prefix=f"{other}__"))
        sql, params = (m2m.remote_field.through.objects.filter(**{source: _KEY}).values(n=name)
                       .query.sql_with_params())
    return sql % tuple(key if param == _KEY else _literal(param) for param in params)


def _joined(relation: str, language: str, key: str, vendor: str) -> str:
    names = _names_select(relation, language, key)
    if vendor == "postgresql":
        return f'(SELECT string_agg(x.n, \'{JOIN}\' ORDER BY x.n COLLATE "C") FROM ({names}) AS x)'
    # SQLite joins the names in the order it reads them (an aggregate's subquery keeps its order).
    return f"(SELECT group_concat(x.n, '{JOIN}') FROM ({names} ORDER BY 1) AS x)"


def _columns(relation: str) -> list[str]:
    return [ActionItemNames._meta.get_field(to_attribute(relation, code)).column for code, _name in settings.LANGUAGES]


def _upsert(relation: str, keys_sql: str, key: str, vendor: str) -> str:
    """The statement that writes `relation`'s names of the items `keys_sql` selects (its column `key`)."""
    table = ActionItemNames._meta.db_table
    id_column = ActionItemNames._meta.pk.column
    columns = _columns(relation)
    values = [_joined(relation, code, f"k.{key}", vendor) for code, _name in settings.LANGUAGES]
    assignments = ", ".join(f"{column} = excluded.{column}" for column in columns)
    # "WHERE true": SQLite's grammar needs it between a SELECT and ON CONFLICT.
    return (f"INSERT INTO {table} ({id_column}, {', '.join(columns)}) "
            f"SELECT k.{key}, {', '.join(values)} FROM ({keys_sql}) AS k WHERE true "
            f"ON CONFLICT ({id_column}) DO UPDATE SET {assignments}")


def _name_columns(model) -> list[str]:
    """The columns a related record's name is made of, whose change renames it in the lists."""
    names = ("name", "acronym") if model is Organization else ("name",)
    return [model._meta.get_field(to_attribute(name, code)).column for name in names
            for code, _name in settings.LANGUAGES]


def create_sql(vendor: str) -> list[str]:
    """The triggers that keep the lists, on PostgreSQL (per statement) or SQLite (per row)."""
    statements = []
    items = ActionItem._meta.db_table
    for relation in RELATIONS:
        m2m = ActionItem._meta.get_field(relation)
        through = m2m.remote_field.through._meta
        source = through.get_field(m2m.m2m_field_name()).column
        target = through.get_field(m2m.m2m_reverse_field_name()).column
        target_table = m2m.related_model._meta.db_table
        watched = _name_columns(m2m.related_model)
        name = f"{items}_{relation}_names"
        if vendor == "postgresql":
            # An item deleted in the same statement has no row to name it any more.
            linked = (f"SELECT DISTINCT r.{source} AS item FROM {{rows}} AS r "
                      f"JOIN {items} AS i ON i.id = r.{source}")
            renamed = (f"SELECT DISTINCT t.{source} AS item FROM {through.db_table} AS t "
                       f"JOIN new_rows AS n ON n.id = t.{target} JOIN old_rows AS o ON o.id = n.id "
                       f"WHERE ({', '.join(f'n.{c}' for c in watched)}) IS DISTINCT FROM "
                       f"({', '.join(f'o.{c}' for c in watched)})")
            for event, rows in [("insert", "new_rows"), ("delete", "old_rows")]:
                statements += [
                    f"CREATE OR REPLACE FUNCTION {name}_{event}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                    f"{LOCK}; {_upsert(relation, linked.format(rows=rows), 'item', vendor)}; RETURN NULL; END $$",
                    f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {through.db_table} "
                    f"REFERENCING {'NEW' if event == 'insert' else 'OLD'} TABLE AS {rows} "
                    f"FOR EACH STATEMENT EXECUTE FUNCTION {name}_{event}()",
                ]
            statements += [
                f"CREATE OR REPLACE FUNCTION {name}_renamed() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                f"{LOCK}; {_upsert(relation, renamed, 'item', vendor)}; RETURN NULL; END $$",
                f"CREATE TRIGGER {name}_renamed AFTER UPDATE ON {target_table} "
                f"REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}_renamed()",
            ]
        elif vendor == "sqlite":
            for event, row in [("insert", "NEW"), ("delete", "OLD")]:
                keys = f"SELECT id AS item FROM {items} WHERE id = {row}.{source}"
                statements.append(f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {through.db_table} "
                                  f"BEGIN {_upsert(relation, keys, 'item', vendor)}; END")
            changed = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in watched)
            keys = f"SELECT DISTINCT {source} AS item FROM {through.db_table} WHERE {target} = NEW.id"
            statements.append(f"CREATE TRIGGER {name}_renamed AFTER UPDATE ON {target_table} WHEN {changed} "
                              f"BEGIN {_upsert(relation, keys, 'item', vendor)}; END")
    # An item's row goes with it.
    names_table, id_column = ActionItemNames._meta.db_table, ActionItemNames._meta.pk.column
    if vendor == "postgresql":
        statements += [
            f"CREATE OR REPLACE FUNCTION {items}_names_deleted() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"DELETE FROM {names_table} WHERE {id_column} IN (SELECT id FROM old_rows); RETURN NULL; END $$",
            f"CREATE TRIGGER {items}_names_deleted AFTER DELETE ON {items} REFERENCING OLD TABLE AS old_rows "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {items}_names_deleted()",
        ]
    elif vendor == "sqlite":
        statements.append(f"CREATE TRIGGER {items}_names_deleted AFTER DELETE ON {items} "
                          f"BEGIN DELETE FROM {names_table} WHERE {id_column} = OLD.id; END")
    return statements


def drop_sql(vendor: str) -> list[str]:
    items = ActionItem._meta.db_table
    statements = []
    for relation in RELATIONS:
        m2m = ActionItem._meta.get_field(relation)
        through = m2m.remote_field.through._meta.db_table
        name = f"{items}_{relation}_names"
        triggers = [(f"{name}_insert", through), (f"{name}_delete", through),
                    (f"{name}_renamed", m2m.related_model._meta.db_table)]
        for trigger, table in triggers:
            if vendor == "postgresql":
                statements += [f"DROP TRIGGER {trigger} ON {table}", f"DROP FUNCTION {trigger}()"]
            elif vendor == "sqlite":
                statements.append(f"DROP TRIGGER {trigger}")
    if vendor == "postgresql":
        statements += [f"DROP TRIGGER {items}_names_deleted ON {items}", f"DROP FUNCTION {items}_names_deleted()"]
    elif vendor == "sqlite":
        statements.append(f"DROP TRIGGER {items}_names_deleted")
    return statements


def fill_sql(vendor: str) -> list[str]:
    """Statements that write every item's lists: once, when the triggers arrive."""
    items = ActionItem._meta.db_table
    return [_upsert(relation, f"SELECT id AS item FROM {items}", "item", vendor) for relation in RELATIONS]


def names_sql(relation: str):
    """An action item's list of `relation`'s names in the page's language, for exports: read, not worked out."""
    return shown_sql(relation, prefix="names__")
