"""The registry's search column: name, acronym and commune folded (no accents, lower
case), kept in step by the model, so a search folds accents and case the same way on
SQLite and PostgreSQL."""

import hamwe.partners.models
from django.db import migrations


def fold_existing(apps, schema_editor):
    Organisation = apps.get_model("partners", "Organisation")
    for organisation in Organisation.objects.only("pk", "name", "acronym", "commune").iterator():
        # The field computes itself from its sources when saved.
        organisation.save(update_fields=["search_folded"])


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0004_reference_names_in_each_language'),
    ]

    operations = [
        migrations.AddField(
            model_name='organisation',
            name='search_folded',
            field=hamwe.partners.models.FoldedText(sources=('name', 'acronym', 'commune')),
        ),
        migrations.RunPython(fold_existing, migrations.RunPython.noop),
    ]
