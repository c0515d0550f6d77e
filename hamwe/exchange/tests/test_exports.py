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
    # The later apps' lists name it too: its reports, its assessment, a network it
    # set up and facilitates, and an item it is the origin of.
    import datetime

    from hamwe.capacity.tests.factories import completed
    from hamwe.knowledge.tests.factories import make_item
    from hamwe.networks import services as networks
    from hamwe.partners.tests.factories import ThematicAreaFactory
    from hamwe.reporting.tests.factories import schedule_for

    staff = personas["staff"]
    schedule_for(partnership, hidden, "narrative", year=2026)
    completed(hidden, {"internal-control": 2, "monitoring": 3}, by=staff,
              on=datetime.date(2026, 3, 1))
    network = networks.network_create(by=staff, data={
        "name": "Shelters' network", "theme": ThematicAreaFactory(name="Protection"),
        "initiated_by": hidden, "set_up_on": datetime.date(2025, 1, 1),
        "visibility": "members"}, members=[hidden, org_a])
    assert network.facilitator == hidden  # its initiator facilitates it
    make_item(by=staff, origins=[hidden], title="Safe houses in practice", publish=True)
    return hidden


def test_every_list_is_registered(db):
    assert {"partners", "partnerships", "agreements", "reviews", "scorecard_results",
            "reports", "capacity_assessments", "networks",
            "knowledge_items"} <= set(core_exports.lists())


def test_the_later_apps_lists_name_the_marked_partner_by_a_placeholder(marked, personas):
    staff = personas["staff"]
    for key, column, title in (("reports", 1, None), ("capacity_assessments", 0, None),
                               ("networks", 5, "Shelters' network"),
                               ("knowledge_items", 5, "Safe houses in practice")):
        rows = export(staff, key)
        assert len(rows) >= 2, key  # the header and the marked partner's row at least
        found = [row for row in rows[1:] if title is None or title in row]
        assert found and all("Partner not disclosed" in row[column] for row in found), key
        assert SECRET_NAME not in repr(rows), key


def test_the_later_apps_lists_follow_the_access_rule(marked, personas):
    # Partner B is in none of it: no report, assessment, members-only network or item
    # of the marked partner, whose network A is a member of.
    for key in ("reports", "capacity_assessments", "networks"):
        assert len(export(personas["partner_b"], key)) == 1, key  # the header only
    assert "Shelters' network" in repr(export(personas["partner_a"], "networks"))
    assert "Safe houses in practice" in repr(export(personas["partner_a"], "knowledge_items"))


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
