"""Home pages and the daily digest: page weight on a weak connection, queries, speed.

    HAMWE_MODE=test uv run python bench/home.py [--pack care-burundi] [--more 0]

Builds a throwaway SQLite database in a temporary folder with the demo (the pack's home
organisation, its registry, partnerships, score cards; --more adds N partnerships of a
demo partner, each with a review overdue and an end date near, to show the queries do not
grow), then prints, for the staff home page, a partner's home page and the notifications
list: bytes over the wire (gzip, as whitenoise and a proxy serve them) for the first load
(HTML + CSS + JS + icon) and a repeat load (HTML only), the SQL queries of one request
(signed-in session included), the median time of 20 renders; and how long `hamwe remind`
takes for everyone, with how many e-mails it sent. Budgets print as PASS/FAIL.
"""

import argparse
import datetime
import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIRST_LOAD_BUDGET = 60_000  # bytes gzip: about 4 s on a 2G link (128 kbit/s)
REPEAT_LOAD_BUDGET = 10_000
QUERIES_BUDGET = 25
MEDIAN_MS_BUDGET = 250


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pack", default="care-burundi")
    parser.add_argument("--more", type=int, default=0, help="extra partnerships of a partner")
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="hamwe-bench-")
    os.environ.update(HAMWE_MODE="test", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                      DJANGO_SETTINGS_MODULE="hamwe.settings")
    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client
    from django.utils import timezone

    from hamwe.accounts.models import User
    from hamwe.demo import load_demo
    from hamwe.notifications import services as notifications
    from hamwe.partnerships.models import Partnership, Party

    # As in Django's test runner: keep one connection, so queries can be counted.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("policy", "load", args.pack, stdout=open(os.devnull, "w"))  # noqa: SIM115
    started = time.perf_counter()
    load_demo()
    print(f"demo built in {time.perf_counter() - started:.1f} s")
    partner = User.objects.get(email="admin@arsn.example")
    today = timezone.localdate()
    for i in range(args.more):
        p = Partnership.objects.create(
            title=f"Bench partnership {i}", kind="strategic", status="active",
            stage="", next_review_on=today - datetime.timedelta(days=i % 20),
            starts_on=today - datetime.timedelta(days=900),
            ends_on=today + datetime.timedelta(days=10 + i % 40))
        Party.objects.create(partnership=p, organisation=partner.organisation, role="lead")
    if args.more:
        print(f"added {args.more} partnerships of {partner.organisation}")

    def gz(data):
        return len(gzip.compress(data, 6))

    assets = ["vendor/pico/pico.min.css", "hamwe/hamwe.css", "hamwe/favicon.svg",
              "hamwe/bell.svg"]
    asset_bytes = sum(gz((ROOT / "hamwe/static" / a).read_bytes()) for a in assets)
    htmx = Path(django.__file__).parents[1] / "django_htmx/static/django_htmx/htmx-2.min.js"
    asset_bytes += gz(htmx.read_bytes())

    failures = 0
    staff = User.objects.get(email="staff@hamwe.example")
    for label, user, url in [("staff home", staff, "/"), ("partner home", partner, "/"),
                             ("staff notifications", staff, "/notifications/"),
                             ("partner notifications", partner, "/notifications/")]:
        client = Client()
        client.force_login(user)
        response = client.get(url)
        html = gz(response.content)
        connection.force_debug_cursor = True
        connection.queries_log.clear()
        client.get(url)
        queries = len(connection.queries)
        connection.force_debug_cursor = False
        times = []
        for _ in range(20):
            t = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - t) * 1000)
        checks = [("first load", html + asset_bytes, FIRST_LOAD_BUDGET),
                  ("repeat load", html, REPEAT_LOAD_BUDGET),
                  ("queries", queries, QUERIES_BUDGET),
                  ("median render ms", statistics.median(times), MEDIAN_MS_BUDGET)]
        print(f"\n{label} ({url}) as {user.email}: {len(response.content)} bytes of HTML")
        for name, value, budget in checks:
            ok = value <= budget
            failures += not ok
            print(f"  {name:<17} {value:>9.0f}  budget {budget:>7}  {'PASS' if ok else 'FAIL'}")
    print(f"\nassets (gzip, cached after first load): {asset_bytes} bytes")

    mail.outbox = []
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    t = time.perf_counter()
    sent = notifications.digest_send()
    took = time.perf_counter() - t
    again = notifications.digest_send()
    people = User.objects.filter(is_active=True).exclude(role="").count()
    print(f"\ndaily digest: {sent} e-mails to {people} people with a role in {took:.2f} s; "
          f"run again the same day: {again} sent")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
