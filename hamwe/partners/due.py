"""What is due in the partner registry (registered in hamwe.core.registries by
PartnersConfig.ready): a partner user's own profile missing key facts. Gently: shown on
the home page and in the notifications, never e-mailed."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from .models import Organisation


@due_provider(
    "partner-profile", label=gettext_lazy("Your organisation's profile"), order=90,
    audience=access.is_partner, by_email=False,
)
def profile(user, *, today):
    # One query: the user's own organisation, with its contact persons counted.
    own = (
        Organisation.objects.fully_visible_to(user)
        .filter(pk=user.organisation_id)
        .annotate(contacts_n=Count("contacts"))
        .only("pk", "registration_number")
        .first()
    )
    if own is None or not access.may_edit_organisation(user, own.pk):
        return []
    items = []
    if not own.contacts_n:
        items.append(DueItem(
            kind="partner-profile",
            title=_("Add a contact person to your organisation's profile"),
            url=reverse("partners:contact_create", args=[own.pk]),
            detail=_("So that the home organisation knows whom to reach; only your "
                     "organisation and the home organisation see contacts."),
        ))
    if not own.registration_number.strip():
        items.append(DueItem(
            kind="partner-profile",
            title=_("Add your registration number to your organisation's profile"),
            url=reverse("partners:edit", args=[own.pk]),
            detail=_("Agreements name it; only your organisation and the home "
                     "organisation see it."),
        ))
    return items
