"""The agreement panel of the partnership page: the latest version, its status and
checklist, the documents, and generating a new version."""

from django import template

from hamwe.partnerships.agreements import checklist, selectors
from hamwe.partnerships.agreements.forms import GenerateForm
from hamwe.partnerships.records import selectors as records

register = template.Library()


@register.inclusion_tag("partnerships/agreement_panel_body.html", takes_context=True)
def agreement_panel(context, partnership):
    """`partnership` comes from the page, which fetched it through the access rule."""
    request = context["request"]
    may_edit = records.may_edit(request.user, partnership)
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
