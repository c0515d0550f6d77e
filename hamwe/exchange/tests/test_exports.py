"""Exports of every list: under the access rule, formula injection neutralised, and a
"never publish" organisation's name in none of them (nor in the IATI files)."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from hamwe.conftest import client_for
from hamwe.core import exports as core_exports
from hamwe.exchange import services
from hamwe.exchange.iati import services as iati_services
from hamwe.exchange.models import ListExport
from hamwe.partners.models import Export
from hamwe.partners.services import export_request
from hamwe.partners.tests.factories import ContactFactory, OrganisationFactory
from hamwe.partnerships.models import Agreement, Review, Signature
from hamwe.partnerships.tests.factories import PartnershipFactory, in_role

SECRET_NAME = "Shelter Under Threat"


def export(user, key, fmt="csv"):
    made = services.export_request(user=user, key=key, fmt=fmt, language="en")
    services.run_export(export_id=made.pk)
    made.refresh_from_db()
    assert made.state == ListExport.State.READY, made.error
    content = made.file.read()
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


@pytest.fixture
def marked(personas, org_a, partnership_a, live_policy):
    hidden = OrganisationFactory(name=SECRET_NAME, acronym="SUT", never_publish=True,
                                 description="=HYPERLINK(\"http://evil\")")
    ContactFactory(organisation=hidden, name="Hidden Person")
    partnership = PartnershipFactory(title="=cmd|' /C calc'!A0", parties=[
        in_role(org_a, "lead"), in_role(hidden, "implementing")])
    agreement = Agreement.objects.create(partnership=partnership, number=1, language="en",
                                         content={}, status="signed")
    party = partnership.parties.get(organisation=hidden)
    Signature.objects.create(agreement=agreement, party=party, signatory="S. Person",
                             signed_on="2026-05-01")
    Review.objects.create(partnership=partnership, held_on="2026-06-01",
                          objectives_met="fully", recommendation="continue")
    return hidden


def test_every_list_is_registered(db):
    assert {"partners", "partnerships", "agreements", "reviews",
            "scorecard_results"} <= set(core_exports.lists())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_export_names_a_never_publish_organisation(marked, personas, fmt,
                                                      django_capture_on_commit_callbacks):
    staff = personas["staff"]
    texts = []
    for key in core_exports.lists(staff):
        texts.append(repr(export(staff, key, fmt)))
    # The registry's own export (partners app) too.
    with django_capture_on_commit_callbacks(execute=True):
        registry = export_request(user=staff, fmt=fmt, query="", language="en")
    texts.append(repr(Export.objects.get(pk=registry.pk).file.read()))
    # And the IATI files.
    iati_services.publisher_save(by=staff, data={"identifier": "BI-MIN-1"})
    OrganisationFactory(name="Home NGO", is_home=True, sector="ingo", iati_type=21)
    from hamwe.exchange.models import IatiActivity

    for partnership in marked.parties.values_list("partnership", flat=True):
        IatiActivity.objects.get_or_create(partnership_id=partnership)
    for kind in ("organisation", "activities"):
        texts.append(iati_services.publish(kind=kind, by=staff,
                                           accept_warnings=True).file.read().decode())
    everything = "\n".join(texts)
    assert SECRET_NAME not in everything and "SUT" not in everything
    assert "Hidden Person" not in everything
    assert "Partner not disclosed" in everything  # it is there, anonymised


def test_formula_looking_cells_are_neutralised(marked, personas):
    rows = export(personas["staff"], "partnerships", "xlsx")
    titles = [row[0] for row in rows]
    assert "'=cmd|' /C calc'!A0" in titles
    csv_rows = export(personas["staff"], "partnerships", "csv")
    assert "'=cmd|' /C calc'!A0" in [row[0] for row in csv_rows]


def test_exports_follow_the_access_rule(marked, personas, partnership_a):
    for who in ("partner_b",):
        rows = export(personas[who], "partnerships")
        assert all(partnership_a.title != row[0] for row in rows)
        assert len(rows) == 1  # the header only: B is party to none
    rows = export(personas["partner_a"], "partnerships")
    assert partnership_a.title in [row[0] for row in rows]
    assert "scorecard_results" not in core_exports.lists(personas["partner_a"])


def test_only_the_maker_gets_an_export(marked, personas, django_capture_on_commit_callbacks):
    client = client_for(personas["staff"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange:export_start", args=["reviews", "csv"]))
    made = ListExport.objects.get()
    assert response.status_code == 302
    assert client.get(reverse("exchange:export_detail", args=[made.pk])).status_code == 200
    other = client_for(personas["admin"])
    assert other.get(reverse("exchange:export_detail", args=[made.pk])).status_code == 404
