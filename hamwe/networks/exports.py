"""Thematic networks as a list to take away (core.exports): one row per network the
reader may see (public ones, and members-only ones for their members and the home NGO),
with its members and their roles; a "never publish" organisation shown as "Partner not
disclosed"."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamwe.accounts import access
from hamwe.core.exports import column, export_list, in_chunks, undisclosed

from .models import Membership, Network


def _members(network_ids):
    """Each network's current members as text, one query for a chunk of networks."""
    roles = dict(Membership.Role.choices)
    members = {}
    for nid, name, never, role in (
            Membership.objects.filter(network_id__in=network_ids, left_on__isnull=True)
            .order_by("network_id", "organisation__name", "pk")
            .values_list("network_id", "organisation__name", "organisation__never_publish",
                         "role")):
        members.setdefault(nid, []).append(f"{undisclosed(name, never)} ({roles.get(role)})")
    return members


def _name(organisation):
    if organisation is None:
        return ""
    return undisclosed(organisation.name, organisation.never_publish)


@export_list("networks", title=gettext_lazy("Thematic networks"), may=access.has_role)
def networks(user):
    header = [column(Network, n) for n in ("name", "theme", "status", "visibility", "set_up_on",
                                  "initiated_by", "facilitator")] + [_("Members")]
    qs = Network.objects.visible_to(user).distinct().select_related(
        "theme", "initiated_by", "facilitator")  # distinct: seen through several members

    def rows():
        for batch in in_chunks(qs):
            members = _members([n.pk for n in batch])
            for n in batch:
                yield [n.name, str(n.theme) if n.theme_id else "", n.get_status_display(),
                       n.get_visibility_display(), n.set_up_on, _name(n.initiated_by),
                       _name(n.facilitator), "; ".join(members.get(n.pk, []))]

    return header, rows()
