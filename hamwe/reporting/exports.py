"""The reports board as a list to take away (core.exports): one row per report, under
the reader's access (a partner's own reports only), a "never publish" organisation shown
as "Partner not disclosed"."""

from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.exports import column, export_list, in_chunks, undisclosed

from .models import Report


@export_list("reports", title=gettext_lazy("Partner reports"), may=access.has_role)
def reports(user):
    names = ("partnership", "organisation", "report_type", "year", "quarter", "period_start",
             "period_end", "due_on", "status", "submissions", "comments",
             "first_submitted_on", "approved_on")
    qs = Report.objects.visible_to(user).select_related("partnership", "organisation")

    def rows():
        for batch in in_chunks(qs):
            for r in batch:
                yield [r.partnership.title,
                       undisclosed(r.organisation.name, r.organisation.never_publish),
                       r.get_report_type_display(), r.year, r.quarter or "", r.period_start,
                       r.period_end, r.due_on, r.get_status_display(), r.submissions,
                       r.comments, r.first_submitted_on, r.approved_on]

    return [column(Report, n) for n in names], rows()
