"""Capacity assessments as a list to take away (core.exports): one row per assessment
with its overall score, under the reader's access (a partner's own only), a "never
publish" organisation shown as "Partner not disclosed"."""

from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.exports import column, export_list, in_chunks, undisclosed

from .models import Assessment


@export_list("capacity_assessments", title=gettext_lazy("Capacity assessments"),
             may=access.has_role)
def assessments(user):
    names = ("organisation", "kind", "mode", "status", "assessed_on", "self_submitted_on",
             "completed_on", "framework_version", "overall")
    qs = Assessment.objects.visible_to(user).select_related("organisation")

    def rows():
        for batch in in_chunks(qs):
            for a in batch:
                yield [undisclosed(a.organisation.name, a.organisation.never_publish),
                       a.get_kind_display(), a.get_mode_display(), a.get_status_display(),
                       a.assessed_on, a.self_submitted_on, a.completed_on,
                       a.framework_version, "" if a.overall is None else round(a.overall, 2)]

    return [column(Assessment, n) for n in names], rows()
