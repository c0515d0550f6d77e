"""The export benchmark (issue #18): the partnerships list at 100,000 rows (two parties
each) written as CSV and as XLSX by the export task, with the process's peak memory.

    DATABASE_URL=sqlite:////tmp/bench-exports.sqlite3 HAMWE_MODE=test \\
        .venv/bin/python manage.py migrate -v0
    DATABASE_URL=... HAMWE_MODE=test .venv/bin/python -m bench.exports fill 100000
    DATABASE_URL=... HAMWE_MODE=test .venv/bin/python -m bench.exports csv|xlsx

Each format runs in a process of its own, so its peak resident memory (ru_maxrss) is the
export's; the figure before the export is the process with Django loaded.
"""

import os
import resource
import sys
import time

import django


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(rows):
    from hamwe.accounts.models import User
    from hamwe.partners.models import Organisation
    from hamwe.partnerships.models import Partnership, Party

    User.objects.get_or_create(email="bench-exporter@example.org", defaults={"role": "staff"})
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Export Organisation {n:03d}", sector="cso", iati_type=22)
         for n in range(200)])
    for start in range(0, rows, 5000):
        made = Partnership.objects.bulk_create(
            [Partnership(title=f"Partnership {n:06d}", kind="strategic", status="active",
                         stage="managing", programme="Savings and loans")
             for n in range(start, min(rows, start + 5000))])
        Party.objects.bulk_create(
            [Party(partnership=p, organisation=organisations[(i + k) % 200],
                   role=("lead", "implementing")[k])
             for i, p in enumerate(made) for k in (0, 1)])
    print(f"{Partnership.objects.count()} partnerships")


def run(fmt):
    from hamwe.accounts.models import User
    from hamwe.exchange import services

    user = User.objects.get(email="bench-exporter@example.org")
    before = _rss_mb()
    export = services.ListExport.objects.create(user=user, list_key="partnerships",
                                                format=fmt, language="en")
    start = time.perf_counter()
    services.run_export(export_id=export.pk)
    took = time.perf_counter() - start
    export.refresh_from_db()
    assert export.ready, export.error
    print(f"{fmt}: {export.done} rows in {took:.1f} s, file {export.file.size / 1e6:.1f} MB; "
          f"peak RSS {_rss_mb():.0f} MB (Django loaded: {before:.0f} MB)")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamwe.settings")
    django.setup()
    if sys.argv[1] == "fill":
        fill(int(sys.argv[2]))
    else:
        run(sys.argv[1])


if __name__ == "__main__":
    main()
