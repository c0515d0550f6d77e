"""The isolation sweep's view of the data exchange: a sample for every route, with a
payload for each write, and the exchange's state (import runs, the IATI publisher, the
partnerships chosen, the files made) that only home admins and staff may change.

The context gives staff an import run whose plan changes A's record (its rows carry A's
secret note), a list export of theirs, the IATI publisher, A's partnership chosen for
publication and an activity file made (it holds the partnership's title, with A's secret
marker): partner B must never see any of them.

Starting an export (`export_start`) is open to everyone with a role and makes a file of
what they may read, for them alone: it changes nothing of anyone else's, so it is not in
the state, and its sample is a read.
"""

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.tests.samples import HOME_EDITORS, page, read

NOTE_ROW = "Name,Sector,Acronym\nSweep Upload Org,cso,SUO\n"


def _upload(ctx):
    return {"kind": "organisations",
            "file": SimpleUploadedFile("sweep.csv", NOTE_ROW.encode(), content_type="text/csv")}


def _publisher(ctx):
    return {"identifier": "BI-SWEEP-2", "currency": "EUR", "documents_url": ""}


SAMPLES = {
    "exchange:import_start": page(post=_upload, writers=HOME_EDITORS, guard="may_import"),
    "exchange:import_template": read(lambda ctx: {"kind": "organisations", "fmt": "xlsx"}),
    "exchange:import_detail": read(lambda ctx: {"pk": ctx.import_run.pk}),
    "exchange:import_apply": page(lambda ctx: {"pk": ctx.import_run.pk}, post=lambda ctx: {},
                                  writers=HOME_EDITORS, guard="may_import"),
    "exchange:exports": read(),
    "exchange:export_start": read(lambda ctx: {"key": "partnerships", "fmt": "csv"}),
    "exchange:export_detail": read(lambda ctx: {"pk": ctx.list_export.pk}),
    "exchange:iati": page(post=_publisher, writers=HOME_EDITORS, guard="may_publish_iati"),
    "exchange:iati_choose": page(
        post=lambda ctx: {"partnership": ctx.partnership_a.pk, "mou_agreed": "on"},
        writers=HOME_EDITORS, guard="may_publish_iati"),
    "exchange:iati_drop": page(lambda ctx: {"pk": ctx.iati_entry.pk}, post=lambda ctx: {},
                               writers=HOME_EDITORS, guard="may_publish_iati"),
    "exchange:iati_publish": page(lambda ctx: {"kind": "activities"},
                                  post=lambda ctx: {"accept_warnings": "on"},
                                  writers=HOME_EDITORS, guard="may_publish_iati"),
    "exchange:iati_file": read(lambda ctx: {"pk": ctx.iati_file.pk}),
}


def exchange_state():
    from hamwe.exchange.models import IatiActivity, IatiPublisher, ImportRun, Publication

    return (
        tuple(ImportRun.objects.order_by("pk").values_list("pk", "state")),
        tuple(IatiPublisher.objects.order_by("pk").values_list("identifier", "version")),
        tuple(IatiActivity.objects.order_by("pk").values_list(
            "pk", "partnership_id", "mou_agreed", "version")),
        tuple(Publication.objects.order_by("pk").values_list("pk", flat=True)),
    )


def context_of(org_a, partnership_a, *, by):
    from hamwe.conftest import SECRET_NOTE
    from hamwe.exchange import imports
    from hamwe.exchange.iati import services as iati_services
    from hamwe.exchange.models import ImportRun, ListExport

    content = f"Name,Sector,Notes\n{org_a.name},cso,{SECRET_NOTE} (again)\n".encode()
    _problems, changes = imports.check("organisations", content, fmt="csv")
    run = ImportRun(user=by, kind="organisations", format="csv", filename="a.csv",
                    language="en", state=ImportRun.State.CHECKED,
                    changes=imports.as_json(changes))
    run.file.save("a.csv", ContentFile(content), save=False)
    run.save()
    export = ListExport(user=by, list_key="partnerships", format="csv", language="en",
                        state=ListExport.State.READY)
    export.file.save("partnerships.csv", ContentFile(partnership_a.title.encode()), save=False)
    export.save()
    iati_services.publisher_save(by=by, data={"identifier": "BI-SWEEP-1"})
    entry = iati_services.activity_choose(partnership=partnership_a, by=by)
    made = iati_services.publish(kind="activities", by=by, accept_warnings=True)
    return {"import_run": run, "list_export": export, "iati_entry": entry, "iati_file": made}
