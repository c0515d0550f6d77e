"""Reads of the data exchange."""

from django.http import Http404

from .models import ImportRun, ListExport


def import_runs_for_user(*, user):
    """A user's own import runs, newest first (only their maker sees a run: it holds the
    whole file, private columns included)."""
    return ImportRun.objects.filter(user=user)


def import_run_for_user(*, user, pk) -> ImportRun:
    run = ImportRun.objects.filter(user=user, pk=pk).first()
    if run is None:
        raise Http404
    return run


def export_for_user(*, user, pk) -> ListExport:
    """One of the user's own exports (only its maker ever gets it), or 404."""
    export = ListExport.objects.filter(user=user, pk=pk).first()
    if export is None:
        raise Http404
    return export
