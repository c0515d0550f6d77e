"""Reads of the data exchange."""

from django.http import Http404

from .models import ImportRun, ListExport


def import_runs_for_user(*, user):
    """The import runs, newest first. Only those who may import reach them (the views'
    guard): a run holds the whole file, private columns included, and whoever may import
    may read and change the whole registry anyway."""
    return ImportRun.objects.select_related("user")


def import_run_for_user(*, user, pk) -> ImportRun:
    run = import_runs_for_user(user=user).filter(pk=pk).first()
    if run is None:
        raise Http404
    return run


def export_for_user(*, user, pk) -> ListExport:
    """One of the user's own exports (only its maker ever gets it), or 404."""
    export = ListExport.objects.filter(user=user, pk=pk).first()
    if export is None:
        raise Http404
    return export
