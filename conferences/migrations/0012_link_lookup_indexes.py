"""Indexes that find what a hub links to from the index alone.

Filtering by country, organisation or theme reads the keys of every conference, speech or
action item linked to it from a many-to-many table. Django's own index on such a table
holds the hub's key alone, so each link was read from the table too; these hold both
keys, hub first, and answer the lookup from the index (6,653 links to one country in a
fraction of a millisecond instead of a few).
"""

from django.db import migrations

# index name: (link table, hub column, linked column)
INDEXES = {
    "conference_countries_lookup_idx": ("conferences_conference_countries", "country_id", "conference_id"),
    "conference_organizers_lookup_idx": ("conferences_conference_organizers", "organization_id", "conference_id"),
    "conference_themes_lookup_idx": ("conferences_conference_themes", "theme_id", "conference_id"),
    "speech_themes_lookup_idx": ("conferences_speech_themes", "theme_id", "speech_id"),
    "actionitem_countries_lookup_idx": ("conferences_actionitem_countries", "country_id", "actionitem_id"),
    "actionitem_partners_lookup_idx": ("conferences_actionitem_partners", "organization_id", "actionitem_id"),
    "actionitem_themes_lookup_idx": ("conferences_actionitem_themes", "theme_id", "actionitem_id"),
}


class Migration(migrations.Migration):
    dependencies = [("conferences", "0011_name_trigram_indexes")]

    operations = [
        migrations.RunSQL(f"CREATE INDEX {name} ON {table} ({hub}, {linked})", f"DROP INDEX {name}")
        for name, (table, hub, linked) in INDEXES.items()
    ]
