"""Importing organisations' funding sources: matched on organisation, year and source,
amounts as people write them, every problem by row and column, a re-run that changes
nothing, and the page's summary in the kind's own words."""

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from hamwe.conftest import client_for
from hamwe.exchange import imports
from hamwe.exchange.models import ImportRun
from hamwe.partners.models import Funding

HEADER = ["Organisation", "Year", "Source", "Category", "Amount", "Currency"]


def csv_file(rows, header=HEADER):
    return ("\n".join([",".join(header)] + [",".join(r) for r in rows]) + "\n").encode()


def good(org):
    return [[org.name, "2025", "Sida", "bilateral", '"1 200 000,50"', "sek"],
            [org.name.upper(), "2025", "Members' fees", "Own income", "35000", "BIF"],
            [org.name, "2024", "Sida", "Bailleurs bilatéraux", '"1,000,000.00"', "SEK"]]


def check(content):
    with translation.override("en"):
        return imports.check("funding", content, fmt="csv")


def commit(content, by):
    problems, changes = check(content)
    assert not problems, problems
    with translation.override("en"):
        return imports.commit("funding", content, fmt="csv", by=by,
                              expected=[c.as_dict() for c in changes])


def test_a_file_is_read_as_people_write_it_and_a_rerun_changes_nothing(personas, org_a):
    commit(csv_file(good(org_a)), personas["staff"])
    entries = {(f.year, f.source_name): f for f in Funding.objects.filter(organisation=org_a)}
    assert entries[(2025, "Sida")].amount == Decimal("1200000.50")
    assert entries[(2025, "Sida")].currency == "SEK"  # the model's clean() ran
    assert entries[(2024, "Sida")].amount == Decimal("1000000.00")
    assert entries[(2024, "Sida")].category == "bilateral"  # its French label read
    assert entries[(2025, "Members' fees")].category == "own_income"
    assert entries[(2025, "Sida")].history.first().history_user == personas["staff"]
    _problems, changes = check(csv_file(good(org_a)))
    assert {c.action for c in changes} == {"unchanged"}


def test_a_changed_amount_is_shown_before_and_after(personas, org_a):
    commit(csv_file(good(org_a)), personas["staff"])
    rows = [[org_a.name, "2025", "SIDA", "bilateral", "1300000", "SEK"]]
    _problems, changes = check(csv_file(rows))
    assert [(c.action, c.fields) for c in changes] == [
        ("update", [("Amount", "1200000.50", "1300000")])]
    commit(csv_file(rows), personas["staff"])
    entry = Funding.objects.get(organisation=org_a, year=2025, source_name="Sida")
    assert entry.amount == Decimal("1300000") and entry.version == 2


def test_every_problem_is_reported_by_row_and_column(personas, org_a):
    rows = [["Nobody Known", "2025", "Sida", "bilateral", "10", "SEK"],
            [org_a.name, "twenty", "Sida", "bilateral", "10", "SEK"],
            [org_a.name, "2025", "Sida", "lottery", "lots", "SEK"],
            [org_a.name, "2025", "Sida", "bilateral", "-5", "SEK"],
            [org_a.name, "2025", "Fees", "own_income", "5", "KRONOR"],
            [org_a.name, "2025", "fees", "own_income", "5", "BIF"],
            [org_a.name, "2025", "", "own_income", "5", "BIF"]]
    problems, _changes = check(csv_file(rows))
    found = {(p.row, p.column) for p in problems}
    # Row 7 repeats row 6's source and year (whose currency is wrong): both are said.
    assert {(2, "Organisation"), (3, "Year"), (4, "Category"), (4, "Amount"),
            (5, "Amount"), (6, "Currency"), (7, "Source"), (8, "Source")} <= found
    messages = " ".join(p.message for p in problems)
    assert "import the organisations first" in messages
    assert not Funding.objects.exists()


def test_the_same_source_twice_in_a_file_is_named(personas, org_a):
    rows = [[org_a.name, "2025", "Sida", "bilateral", "10", "SEK"],
            [org_a.name, "2025", " sida ", "bilateral", "20", "SEK"]]
    problems, _changes = check(csv_file(rows))
    assert [(p.row, p.column) for p in problems] == [(3, "Source")]
    assert "row 2" in problems[0].message


def test_the_page_summarises_the_funding_file(personas, org_a,
                                              django_capture_on_commit_callbacks):
    client = client_for(personas["staff"])
    upload = SimpleUploadedFile("funding.csv", csv_file(good(org_a)), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("exchange:import_start"), {"kind": "funding", "file": upload})
    run = ImportRun.objects.get()
    page = client.get(reverse("exchange:import_detail", args=[run.pk])).content.decode()
    assert "New funding entries: 3" in page and "New organisations" not in page
    template = client.get(reverse("exchange:import_template", args=["funding", "csv"]))
    assert template.content.decode("utf-8-sig").startswith("Organisation,Year,Source")
