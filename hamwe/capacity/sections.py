"""What capacity adds to an organisation's page (hamwe.partners.sections): its
assessments with their overall scores, and the link to its capacity passport. Read
under the access rule: an outsider (another partner) gets nothing."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.partners.sections import organisation_section

from .models import Action, Assessment


@organisation_section("capacity", title=_("Capacity"), order=40,
                      template="capacity/section.html")
def capacity(organisation, user):
    """Two queries: the assessments, the pending actions."""
    if not access.sees_private(user, organisation.pk) or organisation.is_home:
        return None
    assessments = list(Assessment.objects.visible_to(user).filter(organisation=organisation)
                       .order_by("-assessed_on", "-pk")[:10])
    pending = Action.objects.visible_to(user).pending().filter(organisation=organisation).count()
    return {
        "assessments": assessments,
        "count": len(assessments),
        "pending": pending,
        "link": reverse("capacity:list") + f"?organisation={organisation.pk}",
        "passport": reverse("capacity:passport", args=[organisation.pk]),
        "may_start": access.may_start_assessment(user, organisation.pk),
    }
