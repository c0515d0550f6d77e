"""What the registry adds to the registries others read: the documents section of an
organisation's page (sections.py) and the documents to renew in what is due
(hamwe.core.registries). Registered in PartnersConfig.ready()."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from . import selectors
from .sections import organisation_section


@organisation_section(
    "documents", title=gettext_lazy("Documents"), order=80,
    template="partners/sections/documents.html",
)
def documents(organisation, user):
    """Statutes, registration, audited accounts ...: for the organisation's own users and
    the home organisation only (never shown, not even as a count, to anyone else)."""
    if not access.sees_private(user, organisation.pk):
        return None
    rows = selectors.documents_for_user(
        user=user, organisation=organisation, today=timezone.localdate()
    )
    return {
        "documents": rows,
        "count": len(rows),
        "may_keep": access.may_keep_documents(user, organisation.pk),
    }


@due_provider("document-expiry", label=gettext_lazy("Documents to renew"), order=60)
def documents_to_renew(user, *, today):
    """Documents that have expired or expire within 30 days, for those who keep them:
    the organisation's own partner users, and home admins and staff (one query)."""
    items = []
    for document in selectors.documents_expiring(user=user, today=today):
        expires = date_format(document.expires_on, "DATE_FORMAT")
        expired = document.expires_on < today
        items.append(DueItem(
            kind="document-expiry",
            title=(_("Replace an expired document: %(document)s") if expired
                   else _("Renew a document before it expires: %(document)s"))
            % {"document": document.get_kind_display()},
            url=reverse("partners:detail", kwargs={"pk": document.organisation_id})
            + "#documents",
            due_on=document.expires_on,
            detail=(_("%(organisation)s · expired on %(date)s") if expired
                    else _("%(organisation)s · expires on %(date)s"))
            % {"organisation": document.organisation.name, "date": expires},
            today=today,
        ))
    return items
