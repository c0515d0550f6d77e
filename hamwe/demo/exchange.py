"""Data in and out (data/exchange.yaml), as an NGO arriving from spreadsheets does it: a
field office's file of community groups uploaded by staff, checked and applied as the
worker does it (the page "Data in and out" shows the run and its changes); a partner
under threat marked "never publish"; and IATI files made for a few active partnerships,
with the warnings the checks found accepted and kept.

Built once: a database that has an import run keeps its own."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamwe.exchange import services
from hamwe.exchange.iati import services as iati
from hamwe.exchange.models import ImportRun, Publication
from hamwe.partners.services import organisation_update
from hamwe.partnerships.models import Partnership

from .data import read


def build(demo, rng):
    if ImportRun.objects.exists():
        return
    table = read("exchange")
    by = demo.admin  # who records what home staff would (the audit trail names them)
    _import(demo, table["import"], by)
    for acronym in table["never_publish"]:
        organisation = demo.organisations.get(acronym)
        if organisation is not None and not organisation.never_publish:
            demo.organisations[acronym] = organisation_update(
                organisation=organisation, by=demo.admin, data={"never_publish": True},
                expected_version=organisation.version)
    _publish(demo, table["iati"], by)


def _import(demo, table, by):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table["header"])
    writer.writerows(table["rows"])
    upload = SimpleUploadedFile(table["filename"], out.getvalue().encode(), "text/csv")
    run = services.import_upload(by=by, kind="organisations", upload=upload, language="en")
    # What the worker does with the run: check it, then (nothing found) apply it.
    services.run_check(run_id=run.pk)
    run.refresh_from_db()
    if run.state != ImportRun.State.CHECKED:
        raise ValueError(f"The demo's import file has problems: {run.problems}")
    services.import_apply(run=run)
    services.run_apply(run_id=run.pk)
    run.refresh_from_db()
    if run.state != ImportRun.State.APPLIED:
        raise ValueError(f"The demo's import was not applied: {run.error}")
    demo.notes.append(
        f"Data in and out: a field office's import at "
        f"{reverse('exchange:import_detail', args=[run.pk])}, IATI files at "
        f"{reverse('exchange:iati')}.")


def _publish(demo, table, by):
    iati.publisher_save(by=by, data={"identifier": table["identifier"],
                                     "documents_url": table["documents_url"]})
    active = Partnership.objects.filter(status=Partnership.Status.ACTIVE).order_by("title", "pk")
    chosen = list(active[:table["publish"]])
    # And one with a partner under threat: the activity file keeps it by role and type only.
    chosen += list(active.filter(parties__organisation__never_publish=True)
                   .exclude(pk__in=[p.pk for p in chosen])[:1])
    for n, partnership in enumerate(chosen):
        iati.activity_choose(partnership=partnership, by=by, mou_agreed=n == 0)
    for kind in (Publication.Kind.ORGANISATION, Publication.Kind.ACTIVITIES):
        iati.publish(kind=kind, by=by, accept_warnings=True)
