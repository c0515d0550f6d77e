"""Background work of the partner registry, run by the task worker (`hamwe db_worker`)."""

from django.http import QueryDict
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from hamwe.core import prepared
from hamwe.core.spreadsheets import csv_bytes, xlsx_bytes

from . import selectors
from .models import Export

BATCH = 500


@task()
def export_organisations(export_id):
    """Write the registry as the export's user asked for it: their filters, read under
    their access now (the same selectors as the list), 500 organisations at a time."""
    export = Export.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.ready:
        return
    try:
        with translation.override(export.language):
            _filterset, qs = selectors.organisation_list(
                user=export.user, params=QueryDict(export.query))
            # A partner under threat is in no export (issue #18: partner safety).
            qs = qs.filter(never_publish=False)
            total = qs.count()
            prepared.start(export, total=total)
            header, rows = [], []
            for start in range(0, total, BATCH):
                header, part = selectors.export_rows(user=export.user,
                                                     qs=qs[start:start + BATCH])
                rows += part
                prepared.advance(export, min(total, start + BATCH))
            if not header:
                header, _rows = selectors.export_rows(user=export.user, qs=qs.none())
            content = (xlsx_bytes(_("Organisations"), header, rows)
                       if export.format == Export.Format.XLSX else csv_bytes(header, rows))
    except Exception as error:  # noqa: BLE001 (shown on the page; logged with its trace)
        prepared.fail(export, error)
        return
    prepared.finish(export, f"organisations.{export.format}", content)
