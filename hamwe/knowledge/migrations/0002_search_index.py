"""The search index beside the items (see hamwe/knowledge/search.py): on PostgreSQL a
tsvector table with a GIN index and one text-search configuration per language, each the
language's stemmer behind unaccent; on SQLite an FTS5 table that folds accents."""

from django.db import migrations

CONFIGS = (("hamwe_en", "english", "english_stem"), ("hamwe_fr", "french", "french_stem"),
           ("hamwe_sv", "swedish", "swedish_stem"), ("hamwe_simple", "simple", "simple"))

POSTGRESQL = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *[statement for name, base, dictionary in CONFIGS for statement in (
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}",
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})",
        f"ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word "
        f"WITH unaccent, {dictionary}",
    )],
    # No foreign key to knowledge_item: Django's flush (between transactional tests, and
    # `manage.py flush`) truncates the tables it knows, and PostgreSQL refuses to truncate
    # one another table references. Items are never deleted, and a search returns only
    # ids among the items the reader may see, so a row left behind is never shown.
    "CREATE TABLE knowledge_item_search (item_id bigint PRIMARY KEY, "
    "vector tsvector NOT NULL)",
    "CREATE INDEX knowledge_item_search_vector ON knowledge_item_search USING gin (vector)",
]
POSTGRESQL_UNDO = [
    "DROP TABLE IF EXISTS knowledge_item_search",
    *[f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}" for name, _, _ in CONFIGS],
]
SQLITE = [
    "CREATE VIRTUAL TABLE knowledge_item_search USING fts5(title, summary, body, "
    "tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_UNDO = ["DROP TABLE IF EXISTS knowledge_item_search"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, []):
            schema_editor.execute(statement)
    return run


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_UNDO, "sqlite": SQLITE_UNDO}),
        ),
    ]
