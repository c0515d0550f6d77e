"""The strategy followed (data/strategy.yaml), through the strategy's services, as staff
would: values and statuses entered with their evidence, progress on activities of the
action plan, the values of every fiscal year that has ended stored, and the annual
report of the latest one made. A pack without a strategy (kic) gets none of it, and the
strategy pages say so.

Built once: a database that has strategy entries keeps its own."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from hamwe.partners.models import Organisation
from hamwe.strategy.indicators.selectors import fill_all
from hamwe.strategy.indicators.services import entry_add
from hamwe.strategy.models import ActivityUpdate, IndicatorEntry, Report
from hamwe.strategy.plan.services import activity_update_add
from hamwe.strategy.policy import current_strategy
from hamwe.strategy.reports.selectors import years_offered
from hamwe.strategy.reports.services import report_make, report_request

from .data import read


def build(demo, rng):
    strategy = current_strategy(demo.pack.language)
    if strategy is None or strategy.strategy is None:
        demo.notes.append("The policy has no strategy: the Strategy pages say so.")
        return
    table = read("strategy").get(demo.pack.pack, {})
    by = demo.staff or demo.admin
    _registry_over_the_years(strategy, rng)
    if not IndicatorEntry.objects.filter(policy=strategy.policy).exists():
        for row in table.get("entries", []):
            if strategy.indicator(row["indicator"])[1] is None:
                continue
            entry_add(strategy=strategy, indicator_key=row["indicator"], by=by, data={
                "on": row["date"], "status": row.get("status", ""), "value": row.get("value"),
                "note": row.get("note", ""), "evidence": _evidence(row.get("evidence"))})
    if not ActivityUpdate.objects.filter(policy=strategy.policy).exists():
        for row in table.get("activities", []):
            if strategy.activity(row["activity"]) is None:
                continue
            for update in row["updates"]:
                activity_update_add(strategy=strategy, activity_key=row["activity"], by=by,
                                    data={"on": update["date"], "status": update["status"],
                                          "note": update.get("note", ""),
                                          "evidence": _evidence(update.get("evidence"))})
    fill_all(strategy, today=demo.today)
    years = years_offered(strategy, demo.today)
    if table.get("report") and years:
        report = report_request(strategy=strategy, year=years[0].year,
                                language=demo.pack.language, by=by, today=demo.today)
        if report.status != Report.Status.DONE:
            report = report_make(report_id=report.pk)
        demo.notes.append(
            f"Strategy: every indicator at {reverse('strategy:dashboard')}, the action plan "
            f"at {reverse('strategy:plan')}, the annual report of "
            f"{strategy.calendar.year_label(report.year)} at "
            f"{reverse('strategy:report', args=[report.pk])}.")


def _registry_over_the_years(strategy, rng):
    """The registry as it grew over the strategy: each organisation recorded some day
    between the strategy's start and a month before its first partnership began (the demo
    builds them all today, which would make every past fiscal year count none). Set
    without a save, as the audit trail records the demo's build, not these days."""
    start = strategy.period.start
    latest = strategy.period.start.replace(year=start.year + 3)
    found = Organisation.objects.filter(is_home=False).annotate(
        first=Min("parties__partnership__starts_on")).values_list("pk", "first", "created_at")
    for pk, first, created_at in found:
        if created_at.date() < latest:
            continue  # a database built before keeps its own
        until = min(latest, first - datetime.timedelta(days=30)) if first else latest
        day = start + datetime.timedelta(days=rng.randint(0, max(0, (until - start).days)))
        Organisation.objects.filter(pk=pk).update(created_at=timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(9))))


def _evidence(title):
    """A small PDF standing for the document `title` (a real one would be a scan)."""
    if not title:
        return None
    name = "".join(c if c.isalnum() else "-" for c in title.lower()).strip("-")[:60]
    return SimpleUploadedFile(f"{name}.pdf", _pdf(title), content_type="application/pdf")


def _pdf(title) -> bytes:
    """A one-page PDF with `title` on it, written by hand (PDF 1.4, Helvetica)."""
    text = title.encode("latin-1", "replace").replace(b"\\", b"\\\\").replace(
        b"(", b"\\(").replace(b")", b"\\)")
    stream = (b"BT /F1 16 Tf 60 760 Td (" + text + b") Tj 0 -28 Td /F1 10 Tf "
              b"(Demo document: fictional, made by Hamwe's demo.) Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            f"%%EOF\n").encode()
    return bytes(out)

