"""What is due in networks (registered in hamwe.core.registries by NetworksConfig.ready):
for home admins and staff, community structures whose maturity was last recorded a year
ago (the scale means something only if it is followed); for a partner that facilitates a
network, a meeting when none was recorded for six months."""

import datetime

from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.registries import DueItem, due_provider

from .models import CommunityStructure, Network

MATURITY_EVERY = datetime.timedelta(days=365)
MEETING_EVERY = datetime.timedelta(days=182)
SOON = datetime.timedelta(days=30)


@due_provider("structure-maturity", label=gettext_lazy("Maturity of community structures"),
              order=70, audience=access.may_run_networks)
def structure_maturity(user, *, today):
    """One query: the structures not registered yet, with their last step."""
    found = (CommunityStructure.objects.visible_to(user).filter(registered_on__isnull=True)
             .annotate(last=Max("steps__on")).filter(last__lte=today - MATURITY_EVERY + SOON)
             .values_list("pk", "organisation__name", "last").order_by("last", "pk"))
    return [DueItem(kind="structure-maturity",
                    title=_("Record the maturity of %(name)s") % {"name": name},
                    url=reverse("networks:maturity_add", args=[pk]),
                    due_on=last + MATURITY_EVERY,
                    detail=_("Last recorded on %(day)s.") % {"day": last.isoformat()})
            for pk, name, last in found]


@due_provider("network-meeting", label=gettext_lazy("Meetings of the networks you facilitate"),
              order=70, audience=access.is_partner)
def network_meeting(user, *, today):
    """One query: the networks the user's organisation facilitates, with their last
    meeting (or their set-up day)."""
    found = (Network.objects.visible_to(user).filter(facilitator_id=user.organisation_id)
             .exclude(status=Network.Status.CLOSED).annotate(last=Max("meetings__held_on"))
             .values_list("pk", "name", "last", "set_up_on").order_by("name", "pk"))
    items = []
    for pk, name, last, set_up_on in found:
        due_on = (last or set_up_on) + MEETING_EVERY
        if due_on <= today + SOON:
            items.append(DueItem(kind="network-meeting",
                                 title=_("Record the latest meeting of %(name)s") % {
                                     "name": name},
                                 url=reverse("networks:meeting_add", args=[pk]),
                                 due_on=due_on))
    return items
