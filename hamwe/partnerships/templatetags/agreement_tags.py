"""The agreement panel of the partnership page: the latest version, its status and
checklist, the documents, and generating a new version."""

from django import template

from hamwe.partnerships.agreements import checklist, selectors
from hamwe.partnerships.agreements.forms import GenerateForm

register = template.Library()


@register.inclusion_tag("partnerships/agreement_panel_body.html", takes_context=True)
def agreement_panel(context, partnership):
    """`partnership` comes from the page, which fetched it through the access rule and
    decided whether the user may edit it (the context's `may_edit`)."""
    request = context["request"]
    may_edit = bool(context.get("may_edit"))
    latest = selectors.agreement_versions(partnership).first()
    return {
        "partnership": partnership,
        "latest": latest,
        "summary": checklist.checklist_summary(latest) if latest else None,
        "may_edit": may_edit,
        "form": GenerateForm(auto_id="id_agreement_%s") if may_edit else None,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
