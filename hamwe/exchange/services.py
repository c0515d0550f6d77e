"""Writes of the data exchange: an import run's upload, check and commit."""

import logging
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hamwe.core import exports as core_exports
from hamwe.core import prepared
from hamwe.core.uploads import check_upload

from . import imports
from .models import ImportRun, ListExport

log = logging.getLogger(__name__)
MAX_BYTES = 20 * 1024 * 1024


def import_upload(*, by, kind, upload, language) -> ImportRun:
    """Keep the file and ask the worker to check it (a dry run, nothing written)."""
    from .tasks import check_import

    if kind not in imports.kinds():
        raise ValidationError({"kind": _("Choose what the file holds.")})
    name = upload.name or ""
    fmt = "xlsx" if name.lower().endswith(".xlsx") else "csv"
    if fmt == "xlsx":
        check_upload(upload, allowed=(".xlsx",), max_bytes=MAX_BYTES)
    elif not name.lower().endswith((".csv", ".txt")):
        raise ValidationError({"file": _("Send a CSV or an XLSX file.")})
    elif upload.size > MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 20 MB.")})
    run = ImportRun(user=by, kind=kind, format=fmt, filename=name[:200], language=language)
    run.file.save(f"import.{fmt}", upload, save=False)
    run.save()
    transaction.on_commit(lambda: check_import.enqueue(run.pk))
    return run


def _progress(run):
    def tell(done, total):
        ImportRun.objects.filter(pk=run.pk).update(done=done, total=total)
    return tell


def _content(run):
    with run.file.open("rb") as handle:
        return handle.read()


def run_check(*, run_id):
    run = ImportRun.objects.filter(pk=run_id, state=ImportRun.State.CHECKING).first()
    if run is None:
        return
    try:
        with translation.override(run.language):
            problems, changes = imports.check(run.kind, _content(run), fmt=run.format,
                                              progress=_progress(run))
    except Exception as error:  # noqa: BLE001 (shown on the page; logged with its trace)
        log.exception("could not check %s", run)
        ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.FAILED,
                                                   error=str(error)[:2000])
        return
    run.problems = [p.as_dict() for p in problems]
    run.changes = [c.as_dict() for c in changes]
    run.state = ImportRun.State.PROBLEMS if problems else ImportRun.State.CHECKED
    run.save(update_fields=["problems", "changes", "state"])


def import_apply(*, run) -> ImportRun:
    """Ask the worker to apply a checked file: only one without problems, only once."""
    from .tasks import apply_import

    with transaction.atomic():
        updated = ImportRun.objects.filter(pk=run.pk, state=ImportRun.State.CHECKED).update(
            state=ImportRun.State.APPLYING, done=0, total=len(run.changes))
        if not updated:
            raise ValidationError(_("Only a checked file without problems can be applied, "
                                    "and only once."))
        transaction.on_commit(lambda: apply_import.enqueue(run.pk))
    run.refresh_from_db()
    return run


def run_apply(*, run_id):
    """All or nothing, through the partner registry's services (their rules apply). The
    progress of the commit is not written while it runs: it is one transaction, and what
    it would write could not be seen by anyone else before it ends."""
    run = ImportRun.objects.select_related("user").filter(
        pk=run_id, state=ImportRun.State.APPLYING).first()
    if run is None:
        return
    try:
        with translation.override(run.language):
            imports.commit(run.kind, _content(run), fmt=run.format, by=run.user,
                           expected=run.changes)
    except Exception as error:  # noqa: BLE001 (the whole file is refused; said on the page)
        log.info("import %s not applied: %s", run.pk, error)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.FAILED,
                                                   error=message[:2000])
        return
    ImportRun.objects.filter(pk=run.pk).update(state=ImportRun.State.APPLIED,
                                               done=len(run.changes),
                                               applied_at=timezone.now())


# --- Exports of lists (core.exports), written by the worker ------------------------------


def export_request(*, user, key, fmt, language) -> ListExport:
    from .tasks import export_list

    if key not in core_exports.lists(user):
        raise ValidationError(_("There is no such list."))
    export = ListExport.objects.create(user=user, list_key=key, format=fmt, language=language)
    transaction.on_commit(lambda: export_list.enqueue(export.pk))
    return export


def run_export(*, export_id):
    """Row by row into a temporary file, then into storage: memory stays bounded however
    long the list is."""
    export = ListExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.ready:
        return
    entry = core_exports.lists(export.user).get(export.list_key)
    try:
        with translation.override(export.language), tempfile.TemporaryDirectory() as folder:
            if entry is None:
                raise ValueError(_("This list is not yours to export."))
            prepared.start(export, total=0)
            header, rows = entry.rows(export.user)
            path = Path(folder) / f"{export.list_key}.{export.format}"

            def progress(done):
                prepared.advance(export, done)

            if export.format == ListExport.Format.XLSX:
                done = core_exports.write_xlsx(path, entry.title, header, rows,
                                               progress=progress)
            else:
                with open(path, "w", encoding="utf-8-sig", newline="") as handle:
                    done = core_exports.write_csv(handle, header, rows, progress=progress)
            with open(path, "rb") as handle:
                export.file.save(path.name, File(handle), save=False)
            export.state, export.done, export.total = ListExport.State.READY, done, done
            export.save(update_fields=["file", "state", "done", "total"])
    except Exception as error:  # noqa: BLE001 (shown on the page; logged with its trace)
        prepared.fail(export, error)
