"""The import's two steps, run by the task worker: the check and the commit."""

from django_tasks import task

from . import services


@task()
def check_import(run_id):
    services.run_check(run_id=run_id)


@task()
def apply_import(run_id):
    services.run_apply(run_id=run_id)


@task()
def export_list(export_id):
    services.run_export(export_id=export_id)
