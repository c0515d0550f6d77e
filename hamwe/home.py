"""What the home page reads besides the registries (what is due, the panels): what others
changed since the reader's last visit, from the audit trail.

The project package sits at the top, beside the API frame, so it may read every app. The
last visit is a day (notifications.Visit): changes are shown from the start of that day,
so a change made after the reader looked that day is never missed (one seen already may
show again).
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.partners.models import Organisation
from hamwe.partnerships.models import Agreement, Partnership, Review
from hamwe.scorecards.models import Round

CHANGES_SHOWN = 8
# Rows read from each trail, newest first: enough for the changes since a visit a few
# weeks ago (a bulk import or the demo's first load may have more; the oldest are left).
ROWS_READ = 300


@dataclass
class Change:
    kind: str  # what sort of record, in the reader's language
    name: str
    url: str  # "" for a record since deleted
    state: str  # "new", "changed" or "deleted"
    by: str
    at: datetime.datetime
    times: int = 1


def _by(row) -> str:
    return row["history_user__full_name"] or row["history_user__email"] or ""


def _agreement_name(row):
    return _("%(title)s, version %(number)s") % {
        "title": row["partnership__title"], "number": row["number"]}


# (kind, historical rows, fields read, name of a row, link to the record)
def _trails():
    return [
        (_("Organisation"), Organisation.history, ["name"], lambda r: r["name"],
         lambda r: reverse("partners:detail", args=[r["id"]])),
        (_("Partnership"), Partnership.history, ["title"], lambda r: r["title"],
         lambda r: reverse("partnerships:detail", args=[r["id"]])),
        (_("Agreement"), Agreement.history, ["number", "partnership_id", "partnership__title"],
         _agreement_name,
         lambda r: reverse("partnerships:agreement_detail", args=[r["partnership_id"], r["id"]])),
        (_("Score-card round"), Round.history, ["title"], lambda r: r["title"],
         lambda r: reverse("scorecards:round_detail", args=[r["id"]])),
    ]


def changes_since(*, user, since: datetime.date) -> dict:
    """Organisations, partnerships, agreements, reviews and score-card rounds that others
    created, changed or deleted from the start of `since`, newest first: the records (at
    most CHANGES_SHOWN), and how many of each kind. Only for those who may see the audit
    trail; five queries, whatever happened."""
    if not access.may_see_audit(user):
        return {"entries": [], "counts": [], "total": 0}
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    by_record: dict[tuple, Change] = {}
    links = {}
    counts = []
    for kind, history, fields, name, link in _trails():
        kind = str(kind)
        rows = (
            history.filter(history_date__gte=start)
            .exclude(history_user=user)
            .order_by("-history_date", "-history_id")
            .values("id", "history_type", "history_date", "history_user__full_name",
                    "history_user__email", *fields)[:ROWS_READ]
        )
        seen = set()
        for row in rows:
            key = (kind, row["id"])
            seen.add(row["id"])
            change = by_record.get(key)
            if change is None:  # the newest row of this record says its state
                state = {"+": "new", "-": "deleted"}.get(row["history_type"], "changed")
                by_record[key] = Change(kind=kind, name=str(name(row)), url="", state=state,
                                        by=_by(row), at=row["history_date"])
                if state != "deleted":
                    links[key] = (link, row)
            else:
                change.times += 1
                if row["history_type"] == "+" and change.state == "changed":
                    change.state = "new"  # created and changed since: new to the reader
        if seen:
            counts.append((kind, len(seen)))
    reviews = list(
        Review.objects.filter(at__gte=start)
        .exclude(by=user)
        .order_by("-at", "-pk")
        .values("pk", "partnership_id", "partnership__title", "held_on", "at",
                "by__full_name", "by__email")[:ROWS_READ]
    )
    review = str(_("Review"))
    for row in reviews:
        key = (review, row["pk"])
        by_record[key] = Change(
            kind=review, name=str(row["partnership__title"]), url="", state="new",
            by=row["by__full_name"] or row["by__email"] or "", at=row["at"],
        )
        links[key] = (_review_link, row)
    if reviews:
        counts.append((review, len(reviews)))
    newest = sorted(by_record.items(), key=lambda pair: pair[1].at, reverse=True)
    entries = []
    for key, change in newest[:CHANGES_SHOWN]:  # links only for the records shown
        if key in links:
            link, row = links[key]
            change.url = link(row)
        entries.append(change)
    return {"entries": entries, "counts": counts, "total": len(newest)}


def _review_link(row):
    return reverse("partnerships:review_detail", args=[row["partnership_id"], row["pk"]])
