"""Reference data in the reader's language, and a search that folds accents and case the
same way on SQLite and PostgreSQL (run this module on both: see the brief)."""

import csv
import importlib
import io

import pytest
from django.apps import apps
from django.db import connection
from django.utils import translation
from rest_framework.test import APIClient

from hamwe.conftest import client_for
from hamwe.core.text import fold
from hamwe.partners import services
from hamwe.partners.models import ImpactGroup, Organisation, ThematicArea
from hamwe.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def named(org_a):
    education = ThematicArea.objects.create(name="Education", name_fr="Éducation",
                                            name_sv="Utbildning")
    climate = ThematicArea.objects.create(name="Climate change", name_fr="Changement climatique",
                                          name_sv="Klimatförändringar")
    untranslated = ThematicArea.objects.create(name="Water")  # falls back to English
    youth = ImpactGroup.objects.create(name="Youth", name_fr="Jeunes", name_sv="Unga")
    org_a.thematic_areas.add(education, climate, untranslated)
    org_a.impact_groups.add(youth)
    return {"education": education, "climate": climate, "water": untranslated, "youth": youth}


def _get(user, url, language, **params):
    return client_for(user).get(url, params, headers={"accept-language": language})


# --- Names in the reader's language -------------------------------------------------------


def test_a_name_follows_the_active_language_and_falls_back_to_english(named):
    education, water = named["education"], named["water"]
    for language, expected in (("fr", "Éducation"), ("sv", "Utbildning"), ("en", "Education"),
                               ("fr-be", "Éducation"), ("rn", "Education")):
        with translation.override(language):
            assert str(education) == expected
            assert str(water) == "Water"
    assert education.names == {"en": "Education", "fr": "Éducation", "sv": "Utbildning"}


@pytest.mark.parametrize(("language", "education", "youth"), [
    ("fr", "Éducation", "Jeunes"), ("sv", "Utbildning", "Unga")])
def test_pages_show_the_readers_names(personas, org_a, named, language, education, youth):
    staff = personas["staff"]
    detail = _get(staff, f"/partners/{org_a.pk}/", language).content.decode()
    assert f'<span class="tag">{education}</span>' in detail
    assert f'<span class="tag">{youth}</span>' in detail
    listed = _get(staff, "/partners/", language).content.decode()
    assert f'<span class="tag">{education}</span>' in listed
    form = _get(staff, f"/partners/{org_a.pk}/edit/", language).content.decode()
    assert education in form and youth in form
    export = _get(staff, "/partners/export.csv", language).content.decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(export)) if r[0] == org_a.name)
    assert education in "".join(row)


def test_filter_choices_are_named_and_sorted_in_the_readers_language(personas, named):
    response = _get(personas["viewer"], "/partners/", "fr")
    choices = [label for value, label in response.context["filter"].form.fields[
        "thematic_area"].choices if value]
    # "Éducation" among the E, not after the W as a byte order would put it.
    assert choices == ["Changement climatique", "Éducation", "Water"]
    partnerships = _get(personas["viewer"], "/partnerships/", "sv")
    labels = [label for value, label in partnerships.context["filter"].form.fields[
        "thematic_area"].choices if value]
    assert labels == ["Klimatförändringar", "Utbildning", "Water"]


def test_the_api_names_reference_data_in_the_requests_language(personas, named):
    client = APIClient()
    client.force_authenticate(personas["partner_b"])
    body = client.get("/api/v1/thematic-areas/", headers={"accept-language": "fr"}).json()
    assert [row["name"] for row in body] == ["Changement climatique", "Éducation", "Water"]
    education = next(row for row in body if row["id"] == named["education"].pk)
    assert education["names"] == {"en": "Education", "fr": "Éducation", "sv": "Utbildning"}
    group = client.get(f"/api/v1/impact-groups/{named['youth'].pk}/",
                       headers={"accept-language": "sv"}).json()
    assert group["name"] == "Unga"
    nobody = APIClient().get("/api/v1/thematic-areas/")
    assert nobody.status_code == 401


def test_the_data_migration_names_the_rows_in_use():
    migration = importlib.import_module(
        "hamwe.partners.migrations.0004_reference_names_in_each_language")
    kept = ThematicArea.objects.create(name="Governance", name_fr="Bonne gouvernance")
    ThematicArea.objects.create(name="Gender-based violence")
    ImpactGroup.objects.create(name="Orphans and vulnerable children")
    ThematicArea.objects.create(name="Something local")
    migration.name_them(apps, None)
    kept.refresh_from_db()
    assert (kept.name_fr, kept.name_sv) == ("Bonne gouvernance", "Samhällsstyrning")
    assert ThematicArea.objects.get(name="Gender-based violence").name_fr == (
        "Violences basées sur le genre")
    assert ImpactGroup.objects.get().name_sv == "Föräldralösa och utsatta barn"
    assert ThematicArea.objects.get(name="Something local").name_fr == ""


def test_the_demo_and_the_migration_name_the_same_rows_alike():
    from hamwe.demo.data import read

    migration = importlib.import_module(
        "hamwe.partners.migrations.0004_reference_names_in_each_language")
    registry = read("registry")
    for table, names in (("thematic_areas", migration.THEMATIC_AREAS),
                         ("impact_groups", migration.IMPACT_GROUPS)):
        for key, english in registry[table].items():
            assert tuple(registry["translated_names"][key]) == names[english]


# --- Search folds accents and case --------------------------------------------------------


@pytest.fixture
def cooperatives(db):
    return [
        OrganisationFactory(name="Coopérative des caféiculteurs de Ngozi", acronym="COCANGO",
                            commune="Ngozi"),
        OrganisationFactory(name="COOPERATIVE ÉLAN DES FEMMES", acronym="CEF",
                            commune="Bujumbura"),
        OrganisationFactory(name="Réseau des jeunes", acronym="RÉJ", commune="Muramvya"),
    ]


def _found(user, q):
    return sorted(o.name for o in client_for(user).get("/partners/", {"q": q}).context[
        "page"].object_list)


@pytest.mark.parametrize(("query", "expected"), [
    ("cooperative", ["COOPERATIVE ÉLAN DES FEMMES", "Coopérative des caféiculteurs de Ngozi"]),
    ("coopérative", ["COOPERATIVE ÉLAN DES FEMMES", "Coopérative des caféiculteurs de Ngozi"]),
    ("COOPÉRATIVE", ["COOPERATIVE ÉLAN DES FEMMES", "Coopérative des caféiculteurs de Ngozi"]),
    ("BUJUMBURA", ["COOPERATIVE ÉLAN DES FEMMES"]),  # the commune
    ("cafeiculteurs", ["Coopérative des caféiculteurs de Ngozi"]),
    ("rej", ["Réseau des jeunes"]),  # the acronym
    ("  elan   des ", ["COOPERATIVE ÉLAN DES FEMMES"]),
    ("reseau ngozi", []),  # never across two fields
    ("100%", []),  # a wildcard is a character like any other
])
def test_search_folds_accents_and_case(personas, cooperatives, query, expected):
    assert _found(personas["viewer"], query) == expected


def test_the_api_searches_the_same_way(personas, cooperatives):
    client = APIClient()
    client.force_authenticate(personas["partner_b"])
    body = client.get("/api/v1/organisations/", {"q": "cooperative"}).json()
    assert body["count"] == 2


def test_partnerships_are_found_by_a_partys_name_without_its_accents(personas, partnership_a,
                                                                     org_a):
    org_a.name = "Réseau Alpha des épargnantes"
    org_a.save()
    response = client_for(personas["staff"]).get("/partnerships/", {"q": "RESEAU ALPHA"})
    assert [p.pk for p in response.context["page"].object_list] == [partnership_a.pk]


def test_the_search_column_follows_every_write(personas, org_a):
    updated = services.organisation_update(
        organisation=org_a, by=personas["staff"], data={"commune": "Kirundo Centre"},
        expected_version=org_a.version)
    assert updated.search_folded.split("\n") == [
        fold(org_a.name), "awsn", "kirundo centre"]
    stored = Organisation.objects.values_list("search_folded", flat=True).get(pk=org_a.pk)
    assert stored.endswith("kirundo centre")
    # Rows made in bulk (the benchmark, imports) are folded as they are written.
    Organisation.objects.bulk_create([Organisation(name="Église Évangélique", sector="cso")])
    assert Organisation.objects.filter(search_folded__contains="eglise evangelique").exists()


def test_the_search_is_one_query_on_one_column(personas, cooperatives):
    from django.test.utils import CaptureQueriesContext

    client = client_for(personas["viewer"])
    with CaptureQueriesContext(connection) as queries:
        client.get("/partners/", {"q": "cooperative"})
    searching = [q["sql"] for q in queries.captured_queries if "search_folded" in q["sql"]]
    assert searching and all("UPPER" not in sql and "unaccent" not in sql for sql in searching)


def test_an_agreement_names_them_in_its_own_language(personas, partnership_a, named):
    from hamwe.partnerships.agreements.services import agreement_generate

    partnership_a.thematic_areas.add(named["education"])
    with translation.override("sv"):  # whoever generates it reads Swedish
        agreement = agreement_generate(partnership=partnership_a, by=personas["staff"],
                                       language="fr")
    text = str(agreement.content)
    assert "Éducation" in text and "Utbildning" not in text
