"""A speech is public only while its conference is: the database copies the conference's
publication time onto each of its speeches, so that a list of speeches never joins the
conferences to know which are public (page 2,000 of the speeches reads one index alone).

Triggers keep the copy, whatever writes either table (the admin, imports, bulk updates,
COPY): a speech takes its conference's time when written, and a conference passes its own
on to its speeches when it is published, unpublished or rescheduled.
"""

from django.db import migrations, models

COPY = ("(SELECT CASE WHEN c.is_published THEN c.published_at END "
        "FROM conferences_conference c WHERE c.id = NEW.conference_id)")
# Only when the publication changes: saving a conference rewrites every column.
CHANGED = ("OLD.is_published IS DISTINCT FROM NEW.is_published "
           "OR OLD.published_at IS DISTINCT FROM NEW.published_at")
PASS_ON = ("UPDATE conferences_speech SET conference_published_at = "
           "CASE WHEN NEW.is_published THEN NEW.published_at END WHERE conference_id = NEW.id")

POSTGRESQL = [
    f"""CREATE FUNCTION conferences_speech_copy_publication() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.conference_published_at := {COPY}; RETURN NEW; END $$""",
    """CREATE TRIGGER speech_copy_publication BEFORE INSERT OR UPDATE ON conferences_speech
        FOR EACH ROW EXECUTE FUNCTION conferences_speech_copy_publication()""",
    f"""CREATE FUNCTION conferences_conference_pass_on_publication() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN {PASS_ON}; RETURN NULL; END $$""",
    """CREATE TRIGGER conference_pass_on_publication_insert AFTER INSERT ON conferences_conference
        FOR EACH ROW EXECUTE FUNCTION conferences_conference_pass_on_publication()""",
    f"""CREATE TRIGGER conference_pass_on_publication_update AFTER UPDATE OF is_published, published_at
        ON conferences_conference FOR EACH ROW WHEN ({CHANGED})
        EXECUTE FUNCTION conferences_conference_pass_on_publication()""",
]
POSTGRESQL_UNDO = [
    "DROP TRIGGER speech_copy_publication ON conferences_speech",
    "DROP FUNCTION conferences_speech_copy_publication()",
    "DROP TRIGGER conference_pass_on_publication_insert ON conferences_conference",
    "DROP TRIGGER conference_pass_on_publication_update ON conferences_conference",
    "DROP FUNCTION conferences_conference_pass_on_publication()",
]
# SQLite cannot change NEW, so its triggers correct the row just written.
SQLITE = [
    f"""CREATE TRIGGER speech_copy_publication_insert AFTER INSERT ON conferences_speech
        BEGIN UPDATE conferences_speech SET conference_published_at = {COPY} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER speech_copy_publication_update AFTER UPDATE OF conference_id, conference_published_at
        ON conferences_speech
        BEGIN UPDATE conferences_speech SET conference_published_at = {COPY} WHERE id = NEW.id; END""",
    f"""CREATE TRIGGER conference_pass_on_publication_insert AFTER INSERT ON conferences_conference
        BEGIN {PASS_ON}; END""",
    f"""CREATE TRIGGER conference_pass_on_publication_update AFTER UPDATE OF is_published, published_at
        ON conferences_conference WHEN {CHANGED.replace("IS DISTINCT FROM", "IS NOT")} BEGIN {PASS_ON}; END""",
]
SQLITE_UNDO = [f"DROP TRIGGER {name}" for name in (
    "speech_copy_publication_insert", "speech_copy_publication_update",
    "conference_pass_on_publication_insert", "conference_pass_on_publication_update",
)]
BACKFILL = ("UPDATE conferences_speech SET conference_published_at = "
            + COPY.replace("NEW.conference_id", "conferences_speech.conference_id"))
# The list's covering index (migration 0009) now holds everything that decides what is public.
INDEX = ("CREATE INDEX speech_list_idx ON conferences_speech (delivered_on DESC, title, id) "
         "INCLUDE (is_published, published_at, {})")


def add_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(vendor, []):
        schema_editor.execute(sql)
    schema_editor.execute(BACKFILL)
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS speech_list_idx")
        schema_editor.execute(INDEX.format("conference_published_at"))


def remove_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}.get(vendor, []):
        schema_editor.execute(sql)
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS speech_list_idx")
        schema_editor.execute(INDEX.format("conference_id"))


class Migration(migrations.Migration):
    dependencies = [("conferences", "0009_list_covering_indexes")]

    operations = [
        migrations.AddField(
            model_name="speech",
            name="conference_published_at",
            field=models.DateTimeField(
                editable=False, null=True, verbose_name="conference's publication time",
                help_text="When the conference goes live; empty while it is a draft.",
            ),
        ),
        migrations.RunPython(add_triggers, remove_triggers, elidable=False),
    ]
