"""The strategy's background work (django-tasks; the worker runs beside the server)."""

from django_tasks import task


@task()
def make_report(report_id: int) -> None:
    """Make the annual report `report_id` (its PDF and XLSX), telling its progress."""
    from .reports.services import report_make

    report_make(report_id=report_id)


@task()
def fill_snapshots(policy_id: int) -> None:
    """Compute and store the values at the end of every fiscal year that has ended."""
    from . import clock
    from .indicators.selectors import fill_all
    from .policy import current_strategy

    strategy = current_strategy()
    if strategy is None or strategy.policy.pk != policy_id or strategy.strategy is None:
        return
    fill_all(strategy, today=clock.today())
