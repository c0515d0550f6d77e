"""How long the strategy takes at a scale: the dashboard, and the annual report.

    .venv/bin/python -m bench.report_timing [--scale S|L]
    .ci/pg-cluster -- .venv/bin/python -m bench.report_timing --scale L   # on PostgreSQL

Builds a throwaway database (SQLite in a temporary folder, or the one DATABASE_URL names,
as `.ci/pg-cluster` sets it), loads the care-burundi pack, generates the scale's data
(bench/data.py), then prints:
- the dashboard (/strategy/, as home staff): its first view, which stores the values of
  every fiscal year that has ended (in tests and here the background task runs at once),
  then the median of 10 views and their queries;
- the annual report of the latest fiscal year that has ended, made as the worker makes
  it (`report_make`): from nothing stored yet (every year's values computed), and again
  once the values are stored (the usual case: the dashboard has stored them), each split
  into the values as of the year's end, the PDF and the XLSX.
The issue's budget is 10 s for the report at scale L: printed as PASS/FAIL.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT_BUDGET_S = 10.0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=["S", "L"], default="L")
    args = parser.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="hamwe-report-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
    os.environ.update(HAMWE_MODE="test", DJANGO_SETTINGS_MODULE="bench.settings",
                      HAMWE_DATA_DIR=tmp)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from bench import data, load
    from hamwe.strategy.models import Report, Snapshot
    from hamwe.strategy.policy import current_strategy
    from hamwe.strategy.reports import documents, selectors, services

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("policy", "load", load.PACK, verbosity=0)
    scale = data.SCALES[args.scale]
    print(f"scale {scale.name}: {scale.organisations:,} organisations, "
          f"{scale.partnerships:,} partnerships, {scale.rounds} rounds, "
          f"{scale.rounds * scale.answers_per_round:,} answers "
          f"on {connection.vendor}")
    ctx = data.generate(scale)
    strategy = current_strategy("en")
    year = selectors.years_offered(strategy, ctx.today)[0]

    def parts(label):
        """The report of `year`, part by part, as `report_make` builds it."""
        found = {}
        with translation.override("en"):
            started = time.perf_counter()
            content = selectors.report_data(strategy, year)
            found["values as of the year's end"] = time.perf_counter() - started
            started = time.perf_counter()
            pdf = documents.report_pdf(content)
            found[f"PDF ({len(pdf) // 1000} kB)"] = time.perf_counter() - started
            started = time.perf_counter()
            xlsx = documents.report_xlsx(content)
            found[f"XLSX ({len(xlsx) // 1000} kB)"] = time.perf_counter() - started
        print(f"\nannual report {strategy.calendar.year_label(year.year)}, {label}")
        for name, seconds in found.items():
            print(f"  {name:<30} {seconds:6.2f} s")
        return sum(found.values())

    def made():
        """The whole report as the worker makes it (`report_make`), files stored."""
        report = Report.objects.create(policy=strategy.policy, year=year.year, language="en",
                                       requested_by=ctx.staff)
        started = time.perf_counter()
        report = services.report_make(report_id=report.pk)
        seconds = time.perf_counter() - started
        report.delete()
        return seconds, report.status

    def verdict(seconds):
        ok = seconds <= REPORT_BUDGET_S
        print(f"  {'total':<30} {seconds:6.2f} s  budget {REPORT_BUDGET_S:.0f} s  "
              f"{'PASS' if ok else 'FAIL'}")
        return ok

    ok_cold = verdict(parts("nothing stored yet (every year computed)"))
    stored = Snapshot.objects.count()
    print(f"  ({stored} values of past years stored on the way)")
    Snapshot.objects.all().delete()

    client = Client()
    client.force_login(ctx.staff)
    started = time.perf_counter()
    first = client.get("/strategy/")
    first_s = time.perf_counter() - started
    times = []
    for _ in range(10):
        with CaptureQueriesContext(connection) as queries:
            t = time.perf_counter()
            client.get("/strategy/")
            times.append((time.perf_counter() - t) * 1000)
    print(f"\ndashboard /strategy/ (status {first.status_code})")
    print(f"  first view (stores {Snapshot.objects.count()} past values)  {first_s:6.2f} s")
    print(f"  then: median {statistics.median(times):.0f} ms, "
          f"{len(queries.captured_queries)} queries")

    slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    for query in slowest:
        print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][:110]}")

    verdict(parts("the past years' values stored"))
    seconds, status = made()
    print(f"\nreport_make (the worker's task: values, PDF, XLSX, files stored): "
          f"{seconds:.2f} s, {status}")
    ok_warm = verdict(seconds)
    sys.exit(0 if ok_cold and ok_warm else 1)


if __name__ == "__main__":
    main()
