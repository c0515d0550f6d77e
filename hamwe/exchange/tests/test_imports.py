"""Imports of organisations with their contacts: the check finds every problem at once,
the commit is all or nothing through the registry's services, a re-run changes nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from hamwe.conftest import client_for
from hamwe.exchange import imports, services
from hamwe.exchange.models import ImportRun
from hamwe.exchange.templates_files import template_bytes
from hamwe.partners.models import Contact, Organisation

HEADER = ["Name", "Acronym", "Sector", "Province of head office", "E-mail",
          "Contact: name", "Contact: e-mail", "Contact: phone"]


def csv_file(rows, header=HEADER):
    lines = [",".join(header)] + [",".join(r) for r in rows]
    return ("\n".join(lines) + "\n").encode()


GOOD = [
    ["Umoja Farmers", "UF", "cso", "BI-GI", "info@umoja.example", "Jean Ndayishimiye",
     "jean@umoja.example", ""],
    ["Umoja Farmers", "", "", "", "", "Aline Hakizimana", "", "+257 7900 0001"],
    ["Radio Ijwi", "RI", "Media", "Gitega", "", "", "", ""],
]


def check(content, fmt="csv"):
    with translation.override("en"):
        return imports.check("organisations", content, fmt=fmt)


def commit(content, by, fmt="csv"):
    problems, changes = check(content, fmt)
    assert not problems, problems
    with translation.override("en"):
        return imports.commit("organisations", content, fmt=fmt, by=by,
                              expected=[c.as_dict() for c in changes])


def test_a_good_file_plans_organisations_and_contacts(personas):
    problems, changes = check(csv_file(GOOD))
    assert problems == []
    assert [(c.what, c.action, c.label) for c in changes] == [
        ("organisation", "create", "Umoja Farmers"),
        ("contact", "create", "Jean Ndayishimiye · Umoja Farmers"),
        ("contact", "create", "Aline Hakizimana · Umoja Farmers"),
        ("organisation", "create", "Radio Ijwi"),
    ]
    assert Organisation.objects.filter(name="Umoja Farmers").count() == 0  # a dry run


def test_every_problem_is_reported_at_once_by_row_and_column(personas):
    rows = [
        ["", "X", "cso", "", "", "", "", ""],                                # row 2: no name
        ["Bad Sector Org", "", "fishing", "", "", "", "", ""],               # row 3
        ["Bad Mail Org", "", "cso", "", "not-an-address", "", "", ""],       # row 4
        ["Nowhere Org", "", "cso", "Atlantis", "", "", "", ""],              # row 5
        ["Unreachable Contact Org", "", "cso", "", "", "Pat Doe", "", ""],   # row 6
        ["Fine Org", "", "cso", "", "", "", "", ""],                         # row 7
        ["Fine Org", "", "media", "", "", "", "", ""],                       # row 8: differs
    ]
    problems, _changes = check(csv_file(rows))
    found = {(p.row, p.column) for p in problems}
    assert found == {(2, "Name"), (3, "Sector"), (4, "E-mail"),
                     (5, "Province of head office"), (6, "Contact: e-mail"), (8, "Sector")}
    words = {p.row: p.message for p in problems}
    assert "fishing" in words[3] and "allowed values" in words[3]
    assert "row 7" in words[8]


def test_the_commit_goes_through_the_services_and_a_rerun_changes_nothing(personas):
    commit(csv_file(GOOD), personas["staff"])
    umoja = Organisation.objects.get(name="Umoja Farmers")
    assert umoja.province.code == "BI-GI" and umoja.iati_type == 22  # filled by the model
    assert set(umoja.contacts.values_list("name", flat=True)) == {
        "Jean Ndayishimiye", "Aline Hakizimana"}
    # The audit trail knows who brought it in.
    assert umoja.history.first().history_user == personas["staff"]
    _problems, changes = check(csv_file(GOOD))
    assert {c.action for c in changes} == {"unchanged"}
    before = Organisation.objects.get(pk=umoja.pk).version
    commit(csv_file(GOOD), personas["staff"])
    assert Organisation.objects.get(pk=umoja.pk).version == before


def test_changes_to_matched_rows_are_shown_before_they_are_applied(personas, org_a):
    rows = [[org_a.name.upper(), "AWSN2", "cso", "", "", "Contact of A", "", "+257 1"]]
    problems, changes = check(csv_file(rows))
    assert problems == []
    by_what = {c.what: c for c in changes}
    assert by_what["organisation"].action == "update"
    assert by_what["organisation"].fields == [("Acronym", "AWSN", "AWSN2")]
    assert by_what["contact"].action == "update"
    assert by_what["contact"].fields == [("Contact: phone", "", "+257 1")]
    commit(csv_file(rows), personas["staff"])
    org_a.refresh_from_db()
    assert org_a.acronym == "AWSN2" and org_a.name == "Alpha Women's Savings Network"


def test_a_commit_refuses_when_the_records_changed_since_the_check(personas, org_a):
    content = csv_file([[org_a.name, "NEW", "cso", "", "", "", "", ""]])
    _problems, changes = check(content)
    Organisation.objects.filter(pk=org_a.pk).update(acronym="OTHER", version=9)
    with pytest.raises(imports.PlanChanged):
        imports.commit("organisations", content, fmt="csv", by=personas["staff"],
                       expected=[c.as_dict() for c in changes])
    assert Organisation.objects.get(pk=org_a.pk).acronym == "OTHER"


def test_a_failure_in_the_middle_leaves_nothing(personas, monkeypatch):
    from hamwe.exchange import kinds
    from hamwe.partners import services as partner_services

    real = partner_services.organisations_import
    calls = []

    def fail_on_second(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(kinds, "IMPORT_BATCH", 1)  # one organisation a batch: two batches
    monkeypatch.setattr(partner_services, "organisations_import", fail_on_second)
    with pytest.raises(RuntimeError):
        commit(csv_file(GOOD), personas["staff"])
    assert not Organisation.objects.filter(name__in=["Umoja Farmers", "Radio Ijwi"]).exists()
    assert not Contact.objects.filter(name="Jean Ndayishimiye").exists()


def test_formula_looking_cells_are_read_as_text(personas):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER[:3])
    sheet.append(["=HYPERLINK(\"http://x\",\"Click\")", "=1+1", "cso"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    commit(buffer.getvalue(), personas["staff"], fmt="xlsx")
    organisation = Organisation.objects.get(acronym="=1+1")
    assert organisation.name == '=HYPERLINK("http://x","Click")'


def test_headers_and_values_are_read_in_french(personas):
    with translation.override("fr"):
        header = [str(c.label) for c in imports.kind("organisations").columns()[:3]]
    content = csv_file([["Coopérative Twese", "CT", "Médias"]], header=[h.capitalize()
                                                                         for h in header])
    problems, changes = check(content)
    assert problems == [], problems
    assert changes[0].values["sector"] == "media"


def test_the_template_has_the_headers_in_the_readers_language_and_the_allowed_values(db):
    with translation.override("fr"):
        workbook = load_workbook(io.BytesIO(template_bytes("organisations", "xlsx")))
    header = [c.value for c in next(workbook.worksheets[0].iter_rows())]
    assert header[0] == "Nom"
    allowed = [tuple(c.value for c in row) for row in workbook.worksheets[1].iter_rows()]
    assert any(row[1] == "media" for row in allowed)


def test_the_pages_check_then_apply_in_the_background(personas,
                                                     django_capture_on_commit_callbacks):
    client = client_for(personas["staff"])
    upload = SimpleUploadedFile("partners.csv", csv_file(GOOD), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exchange:import_start"),
                               {"kind": "organisations", "file": upload})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.state == ImportRun.State.CHECKED
    page = client.get(reverse("exchange:import_detail", args=[run.pk])).content.decode()
    assert "Umoja Farmers" in page and "Apply these changes" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:import_apply", args=[run.pk]))
    run.refresh_from_db()
    assert run.state == ImportRun.State.APPLIED
    assert Organisation.objects.filter(name="Radio Ijwi").exists()
    # Applied once only.
    with pytest.raises(Exception):  # noqa: B017
        services.import_apply(run=run)


@pytest.mark.parametrize("who", ["viewer", "partner_a", "partner_admin_a", "partner_b"])
def test_only_registry_editors_import(personas, who):
    client = client_for(personas[who])
    assert client.get(reverse("exchange:import_start")).status_code == 403
