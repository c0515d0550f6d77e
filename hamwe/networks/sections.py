"""What networks add to an organisation's page (hamwe.partners.sections): the networks it
belongs to that the reader may see, with its role; for a community structure, its kind,
maturity and who accompanies it (for those who may read its record)."""

from django.utils.translation import gettext_lazy as _

from hamwe.partners.sections import organisation_section

from . import selectors
from .models import CommunityStructure
from .policy import maturity_label


@organisation_section("networks", title=_("Networks"), order=60,
                      template="networks/sections/networks.html")
def networks(organisation, user):
    """Two queries: the memberships, and (community groups only) the structure."""
    memberships = selectors.networks_of(user=user, organisation=organisation)
    structure = None
    if organisation.sector == "community":
        structure = (CommunityStructure.objects.visible_to(user).filter(
            organisation=organisation).prefetch_related("steps").first())
    if not memberships and structure is None:
        return None
    steps = list(structure.steps.all()) if structure else []
    return {"memberships": memberships, "count": len(memberships), "structure": structure,
            "maturity": maturity_label(steps[-1].level) if steps else ""}
