"""What reporting adds to the registries: what is due (reports to write before and
after their due date, reports to review), the section of an organisation's page, and
the gate fact "report approved"."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider
from hamwe.partners.sections import organisation_section
from hamwe.policy.facts import Finding, establishes

from . import selectors
from .models import Report
from .policy import calendar, period_label

LONGEST_REMINDER = 60  # days: Schedule.remind_days is at most this


def _report_url(pk):
    return reverse("reporting:report", args=[pk])


@due_provider("reports-to-write", order=40, audience=access.is_partner, label=gettext_lazy(
    "Partner reports coming due, overdue or sent back for revision"))
def reports_to_write(user, *, today):
    """For a partner user, their organisation's reports from `remind_days` before the
    due date until they are submitted (every day after it: a late report stays due).
    One query."""
    if not access.is_partner(user):
        return []
    reports = (selectors.reports_for(user)
               .filter(status__in=(Report.Status.DUE, Report.Status.REVISION),
                       due_on__lte=today + datetime.timedelta(days=LONGEST_REMINDER))
               .select_related("partnership", "schedule").order_by("due_on", "pk"))
    cal = calendar()
    items = []
    for report in reports:
        if report.status == Report.Status.DUE and (
                report.due_on - datetime.timedelta(days=report.schedule.remind_days) > today):
            continue
        what = (_("Revise the %(type)s report for %(period)s")
                if report.status == Report.Status.REVISION
                else _("Write the %(type)s report for %(period)s"))
        items.append(DueItem(
            kind="reports-to-write", today=today, due_on=report.due_on,
            title=what % {"type": report.get_report_type_display().lower(),
                          "period": period_label(report, cal)},
            url=_report_url(report.pk), detail=report.partnership.title))
    return items


@due_provider("reports-to-review", order=41, audience=access.may_review_reports,
              label=gettext_lazy("Partner reports submitted and waiting for review"))
def reports_to_review(user, *, today):
    """For home admins and staff, every report submitted and not yet decided. One query."""
    if not access.may_review_reports(user):
        return []
    reports = (selectors.reports_for(user)
               .filter(status__in=(Report.Status.SUBMITTED, Report.Status.IN_REVIEW))
               .select_related("organisation").order_by("due_on", "pk")[:200])
    cal = calendar()
    return [DueItem(
        kind="reports-to-review", today=today,
        title=_("Review the %(type)s report of %(organisation)s for %(period)s") % {
            "type": r.get_report_type_display().lower(), "organisation": r.organisation.name,
            "period": period_label(r, cal)},
        url=_report_url(r.pk), detail=r.organisation.name) for r in reports]


@organisation_section("reports", title=gettext_lazy("Reports"), order=50,
                      template="reporting/section.html")
def reports_section(organisation, user):
    """The organisation's latest reports with their state. One query."""
    reports = selectors.reports_of_organisation(user, organisation)
    if not reports:
        return None
    cal = calendar()
    for report in reports:
        report.period = period_label(report, cal)
    return {"reports": reports, "count": len(reports),
            "link": reverse("reporting:quality") + f"?organisation={organisation.pk}"
            if access.may_follow_reports(user) else ""}


@establishes("report-approved")
def report_approved(partnership, *, stage, pack):
    """Every report of the partnership due by today is approved (none due: holds)."""
    from django.utils import timezone

    today = timezone.localdate()
    url = reverse("reporting:board") + f"?partnership={partnership.pk}"
    reports = Report.objects.filter(partnership=partnership, due_on__lte=today)
    figures = reports.values("status").order_by()
    statuses = [row["status"] for row in figures]
    if not statuses:
        # Nothing is due, so nothing waits for approval (a partnership without funding
        # may report nothing; its schedule, once set, makes reports due).
        return Finding(True, _("No report of this partnership has come due yet."), url)
    waiting = sum(1 for s in statuses if s != Report.Status.APPROVED)
    if waiting:
        return Finding(False, _("%(n)d of the reports due are not approved yet.") % {
            "n": waiting}, url)
    return Finding(True, _("Every report due (%(n)d) is approved.") % {"n": len(statuses)},
                   url)
