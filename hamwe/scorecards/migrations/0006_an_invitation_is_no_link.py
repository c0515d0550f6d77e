from django.db import migrations

# Each answer rewrites its round's answers and scores in a fresh order; on PostgreSQL the
# old versions of those rows stay on disk as dead tuples until a vacuum. Vacuum these two
# tables as soon as a few rows are dead rather than when a fifth of the table is.
SCORE_CARD_TABLES = ("scorecards_answer", "scorecards_score")


def vacuum_soon(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SCORE_CARD_TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} SET (autovacuum_vacuum_scale_factor = 0, "
            "autovacuum_vacuum_threshold = 20)"
        )


def vacuum_as_usual(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SCORE_CARD_TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} RESET (autovacuum_vacuum_scale_factor, "
            "autovacuum_vacuum_threshold)"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("scorecards", "0005_the_author_may_be_unknown"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="invitation",
            name="token_hash",
        ),
        migrations.RunPython(vacuum_soon, vacuum_as_usual),
    ]
