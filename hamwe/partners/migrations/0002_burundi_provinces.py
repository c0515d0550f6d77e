"""Burundi's provinces as data.

The 18 provinces in use from 2015 (ISO 3166-2:BI codes) until the 2025 reform, and the
five provinces that replaced them in 2025. Both sets are kept: records from the strategy
period (2013-2018) name the old provinces.
"""

from django.db import migrations

PROVINCES_2015 = [
    ("BI-BB", "Bubanza"), ("BI-BM", "Bujumbura Mairie"), ("BI-BL", "Bujumbura Rural"),
    ("BI-BR", "Bururi"), ("BI-CA", "Cankuzo"), ("BI-CI", "Cibitoke"), ("BI-GI", "Gitega"),
    ("BI-KR", "Karuzi"), ("BI-KY", "Kayanza"), ("BI-KI", "Kirundo"), ("BI-MA", "Makamba"),
    ("BI-MU", "Muramvya"), ("BI-MY", "Muyinga"), ("BI-MW", "Mwaro"), ("BI-NG", "Ngozi"),
    ("BI-RM", "Rumonge"), ("BI-RT", "Rutana"), ("BI-RY", "Ruyigi"),
]
PROVINCES_2025 = [
    ("BI-25-BUH", "Buhumuza"), ("BI-25-BUJ", "Bujumbura"), ("BI-25-BUR", "Burunga"),
    ("BI-25-BUT", "Butanyerera"), ("BI-25-GIT", "Gitega"),
]


def load(apps, schema_editor):
    Province = apps.get_model("partners", "Province")
    for code, name in PROVINCES_2015:
        Province.objects.update_or_create(
            code=code, defaults={"name": name, "country": "BI", "valid_until": 2025}
        )
    for code, name in PROVINCES_2025:
        Province.objects.update_or_create(
            code=code, defaults={"name": name, "country": "BI", "valid_from": 2025}
        )


def unload(apps, schema_editor):
    Province = apps.get_model("partners", "Province")
    codes = [c for c, _ in PROVINCES_2015 + PROVINCES_2025]
    Province.objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
