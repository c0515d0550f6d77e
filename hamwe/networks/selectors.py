"""Reads of networks and community structures; every one starts from the access rule."""

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from .models import CommunityStructure, Membership, Network


def networks_for_user(*, user, params=None):
    qs = Network.objects.visible_to(user).for_list()
    params = params or {}
    if params.get("theme", "").isdigit():
        qs = qs.filter(theme_id=int(params["theme"]))
    if params.get("status") in Network.Status.values:
        qs = qs.filter(status=params["status"])
    return qs.order_by("name", "pk")


def network_for_user(*, user, pk) -> Network:
    return one_or_404(Network.objects.visible_to(user).select_related(
        "theme", "facilitator", "initiated_by"), pk=pk)


def network_for_editor(*, user, pk) -> Network:
    """The network, for who may run networks (home admins and staff)."""
    network = network_for_user(user=user, pk=pk)
    if not access.may_run_networks(user):
        raise PermissionDenied
    return network


def network_for_keeper(*, user, pk) -> Network:
    """The network, for who may record its meetings, activities and links."""
    network = network_for_user(user=user, pk=pk)
    if not access.may_keep_network(user, network):
        raise PermissionDenied
    return network


def network_page(network):
    """What the network's page shows: members, facilitations, statuses, meetings with
    who came, activities with who took part, links (seven queries)."""
    return {
        "members": list(network.memberships.select_related("organisation").order_by(
            "left_on", "role", "organisation__name")),
        "facilitations": list(network.facilitations.select_related(
            "organisation", "handed_over_by").order_by("since", "pk")),
        "statuses": list(network.statuses.order_by("since", "pk")),
        "meetings": list(network.meetings.prefetch_related("attended_by")),
        "activities": list(network.activities.select_related("led_by").prefetch_related(
            "organisations")),
        "links": list(network.links.all()),
    }


def networks_of(*, user, organisation):
    """The networks `organisation` belongs to that `user` may see, with its role."""
    return list(
        Membership.objects.filter(organisation=organisation,
                                  network__in=Network.objects.visible_to(user).values("pk"))
        .select_related("network", "network__theme").order_by("network__name"))


def structures_for_user(*, user, params=None):
    qs = CommunityStructure.objects.visible_to(user).select_related(
        "organisation", "organisation__province").prefetch_related(
        Prefetch("steps"), Prefetch("accompaniments__organisation"))
    params = params or {}
    if params.get("kind") in CommunityStructure.Kind.values:
        qs = qs.filter(kind=params["kind"])
    return qs.order_by("organisation__name", "pk")


def structure_for_user(*, user, pk) -> CommunityStructure:
    return one_or_404(CommunityStructure.objects.visible_to(user).select_related(
        "organisation"), pk=pk)


def structure_for_editor(*, user, pk) -> CommunityStructure:
    structure = structure_for_user(user=user, pk=pk)
    if not access.may_run_networks(user):
        raise PermissionDenied
    return structure

