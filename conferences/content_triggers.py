"""The database triggers that give the content version a new token on every write to content.

Written in SQL rather than as Django signals, so that no write can miss them: the ORM,
`QuerySet.update()`, `bulk_create`, raw SQL, COPY and an operator's psql session all count.
Migrations add them to each content table (0013 for the tables that existed then); a test
checks that every content table has them.
"""

VERSION_TABLE = "conferences_contentversion"
# The app's tables that hold no content of their own: the version itself, files awaiting an import's
# confirmation, the names lists that triggers of content tables write (name_lists.py) in the same
# statement as the change that versions the content, the built complete downloads, and readers' email
# subscriptions.
NOT_CONTENT = {VERSION_TABLE, "conferences_pendingupload", "conferences_actionitemnames", "conferences_opendataarchive",
               "conferences_subscription"}


def _new_version(token: str, now: str) -> str:
    # A new random token, and a next publication time in the past, so that the next reader works
    # out again when the next scheduled item goes live (this write may have scheduled one). The
    # row is made if it is missing (as after a flush), so that the write still holds its lock.
    return (f"INSERT INTO {VERSION_TABLE} (id, token, next_publication, changed_at) VALUES (1, {token}, 0, {now}) "
            "ON CONFLICT (id) DO UPDATE SET token = excluded.token, next_publication = 0, "
            "changed_at = excluded.changed_at")


POSTGRESQL_FUNCTION = f"""
CREATE OR REPLACE FUNCTION conferences_content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_new_version("substr(md5(random()::text || clock_timestamp()::text), 1, 16)", "statement_timestamp()")};
    RETURN NULL;
END $$"""
POSTGRESQL_FUNCTION_UNDO = "DROP FUNCTION conferences_content_changed()"

_SQLITE_NEW_VERSION = _new_version("lower(hex(randomblob(8)))", "strftime('%Y-%m-%d %H:%M:%f', 'now')")
_SQLITE_EVENTS = ("insert", "update", "delete")


def create_sql(vendor: str, table: str) -> list[str]:
    """The statements that make writes to `table` change the content version."""
    if vendor == "postgresql":
        # Once per statement, however many rows it writes; TRUNCATE too.
        return [f"CREATE TRIGGER {table}_content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION conferences_content_changed()"]
    if vendor == "sqlite":  # SQLite has row triggers only
        return [f"CREATE TRIGGER {table}_content_changed_{event} AFTER {event.upper()} ON {table} "
                f"BEGIN {_SQLITE_NEW_VERSION}; END" for event in _SQLITE_EVENTS]
    return []


def drop_sql(vendor: str, table: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER {table}_content_changed ON {table}"]
    if vendor == "sqlite":
        return [f"DROP TRIGGER {table}_content_changed_{event}" for event in _SQLITE_EVENTS]
    return []
