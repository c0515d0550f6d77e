"""What funding adds to an organisation's page (registered by PartnersConfig.ready)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from hamwe.accounts import access

from ..sections import organisation_section
from . import selectors


@organisation_section(
    "funding", title=gettext_lazy("Funding"), order=75,
    template="partners/sections/funding.html",
)
def funding(organisation, user):
    """The latest year's diversity figures, for the organisation's own users and the
    home organisation (one query)."""
    if not access.sees_private(user, organisation.pk) or organisation.is_home:
        return None
    profile = selectors.funding_profile(organisation)
    return {"profile": profile, "count": len(profile["series"]),
            "link": reverse("partners:funding", args=[organisation.pk]),
            "may_enter": access.may_enter_funding(user, organisation.pk)}
