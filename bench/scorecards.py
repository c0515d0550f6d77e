"""Score-card results at scale: queries and speed of the results page and API.

    HAMWE_MODE=test uv run python bench/scorecards.py [--organisations 200 --rounds 20]

Builds a throwaway SQLite database in a temporary folder with N partner organisations
(one partner user each, all invited to the latest round), R closed rounds chained by
`previous`, 12 indicators and about 150 answers a round (one in ten a group consensus,
most with a reason), then prints for the results page, the results API and the history
page: the number of SQL queries and the median time of 20 requests. Budgets are checked
and printed as PASS/FAIL.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERY_BUDGET = {"results page": 7, "results API": 6, "history page": 5}
MEDIAN_MS_BUDGET = 250
INDICATORS = 12


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--answers", type=int, default=150)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="hamwe-bench-")
    os.environ.update(HAMWE_MODE="test", DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                      DJANGO_SETTINGS_MODULE="hamwe.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections, connection
    from django.test import Client

    from hamwe.accounts.models import Role, User
    from hamwe.partners.models import Organisation
    from hamwe.scorecards.models import Answer, Indicator, Invitation, Round, Score, SelfScore

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    Organisation.objects.bulk_create(
        Organisation(name=f"Partner {i:04d}", acronym=f"P{i}", sector="cso",
                     commune="Gitega", founded_year=2000) for i in range(args.organisations))
    users = User.objects.bulk_create(
        User(email=f"p{org.pk}@partners.example", role=Role.PARTNER, organisation=org)
        for org in Organisation.objects.all())
    keys = [f"indicator-{i}" for i in range(INDICATORS)]
    previous = None
    for r in range(args.rounds):
        closes = datetime.date(2006 + r // 2, 6 if r % 2 == 0 else 12, 30)
        round_ = Round.objects.create(
            title=f"Score card {r + 1}", period=f"P{r + 1}", opens_on=closes.replace(day=1),
            closes_on=closes, status=Round.Status.CLOSED, scale_min=0, scale_max=100,
            high_grade=75, min_group_scores=5, min_group_comments=10, previous=previous)
        indicators = Indicator.objects.bulk_create(
            Indicator(round=round_, key=key, text=f"Statement {key}", source="policy",
                      position=p) for p, key in enumerate(keys))
        SelfScore.objects.bulk_create(
            SelfScore(indicator=i, score=80) for i in indicators)
        answers = Answer.objects.bulk_create(
            Answer(round=round_, kind="group" if a % 10 == 0 else "individual",
                   group_size=8 if a % 10 == 0 else 1) for a in range(args.answers))
        Score.objects.bulk_create(
            Score(answer=answer, indicator=indicator,
                  score=(a * 37 + j * 11 + r * 3) % 101,
                  reason=f"Reason {a}-{j}" if (a + j) % 3 else "", suggestion="")
            for a, answer in enumerate(answers)
            for j, indicator in enumerate(indicators) if (a + j) % 7)
        previous = round_
    Invitation.objects.bulk_create(
        Invitation(round=previous, organisation_id=user.organisation_id, user=user,
                   token_hash=f"{user.pk:064x}") for user in users)
    print(f"filled {args.organisations} organisations, {args.rounds} rounds, "
          f"{Score.objects.count()} scores in {time.perf_counter() - started:.1f} s")

    partner = Client()
    partner.force_login(users[0])
    staff = Client()
    staff.force_login(User.objects.create_user("bench@example.org", "x", role=Role.STAFF))
    failures = 0
    for label, client, url in [
        ("results page", partner, f"/scorecards/{previous.pk}/results/"),
        ("results API", partner, f"/api/v1/scorecard-rounds/{previous.pk}/results/"),
        ("history page", staff, "/scorecards/history/"),
    ]:
        assert client.get(url).status_code == 200, url
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
        median = statistics.median(times)
        print(f"\n{label} ({url})")
        for name, value, budget in [("queries", queries, QUERY_BUDGET[label]),
                                    ("median ms", median, MEDIAN_MS_BUDGET)]:
            ok = value <= budget
            failures += not ok
            print(f"  {name:<10} {value:>8.1f}  budget {budget:>5}  {'PASS' if ok else 'FAIL'}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
