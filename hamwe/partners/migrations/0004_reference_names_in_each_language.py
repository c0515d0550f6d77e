"""Thematic areas and impact groups named in French and Swedish beside English: the
names the demo and the first installations use, translated (an admin adds the others)."""

from django.db import migrations, models

# English name -> (French, Swedish)
THEMATIC_AREAS = {
    "Economic empowerment of women": (
        "Autonomisation économique des femmes", "Kvinnors ekonomiska egenmakt"),
    "Governance": ("Gouvernance", "Samhällsstyrning"),
    "Sexual and reproductive health and rights": (
        "Santé et droits sexuels et reproductifs",
        "Sexuell och reproduktiv hälsa och rättigheter"),
    "Gender-based violence": ("Violences basées sur le genre", "Könsrelaterat våld"),
    "Education": ("Éducation", "Utbildning"),
    "Climate change": ("Changement climatique", "Klimatförändringar"),
    "Food security and nutrition": (
        "Sécurité alimentaire et nutrition", "Tryggad livsmedelsförsörjning och nutrition"),
    "Peacebuilding": ("Consolidation de la paix", "Fredsbyggande"),
}
IMPACT_GROUPS = {
    "Vulnerable women": ("Femmes vulnérables", "Utsatta kvinnor"),
    "Orphans and vulnerable children": (
        "Orphelins et enfants vulnérables", "Föräldralösa och utsatta barn"),
    "Youth": ("Jeunes", "Unga"),
    "Smallholder farmers": ("Petits producteurs agricoles", "Småbrukare"),
    "People living with disabilities": (
        "Personnes vivant avec un handicap", "Personer med funktionsnedsättning"),
}


def name_them(apps, schema_editor):
    for model, names in (("ThematicArea", THEMATIC_AREAS), ("ImpactGroup", IMPACT_GROUPS)):
        for row in apps.get_model("partners", model).objects.filter(name__in=names):
            french, swedish = names[row.name]
            # Names someone has already given are theirs.
            row.name_fr = row.name_fr or french
            row.name_sv = row.name_sv or swedish
            row.save(update_fields=["name_fr", "name_sv"])


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0003_rules_in_the_model'),
    ]

    operations = [
        migrations.AddField(
            model_name='impactgroup',
            name='name_fr',
            field=models.CharField(blank=True, max_length=120, verbose_name='name in French'),
        ),
        migrations.AddField(
            model_name='impactgroup',
            name='name_sv',
            field=models.CharField(blank=True, max_length=120, verbose_name='name in Swedish'),
        ),
        migrations.AddField(
            model_name='thematicarea',
            name='name_fr',
            field=models.CharField(blank=True, max_length=120, verbose_name='name in French'),
        ),
        migrations.AddField(
            model_name='thematicarea',
            name='name_sv',
            field=models.CharField(blank=True, max_length=120, verbose_name='name in Swedish'),
        ),
        migrations.RunPython(name_them, migrations.RunPython.noop),
    ]
