"""The isolation sweep's view of networks and community structures: a sample for every
route, a valid payload for each write, the records they point at, and their state.

The context gives A two networks: a public one, which A facilitates since the home NGO
handed it over (so A's users record its meetings, activities and links), and a
members-only one whose name carries A's secret marker (partner B must never see it,
nor its members). The writes point at the public one, which partner B can read but may
not change. A community structure (not A's: a group of the community sector) whose
registration note carries the marker is read by the home organisation and its own users
only; its writes are the home editors', and partner B never even sees it.
"""

import datetime

from hamwe.networks.forms import (
    AccompanimentForm,
    ActivityForm,
    HandOverForm,
    LinkForm,
    MaturityForm,
    MeetingForm,
    MemberForm,
    NetworkForm,
    RegisterForm,
    StatusForm,
    StructureForm,
)
from hamwe.networks.models import (
    Accompaniment,
    CommunityStructure,
    Facilitation,
    JointActivity,
    MaturityStep,
    Meeting,
    Membership,
    Network,
    NetworkLink,
    StatusChange,
)
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, current, form_data, page, read

D = datetime.date
KEEPERS = HOME_EDITORS | (EDITS_A & {"partner_a", "partner_admin_a"})
NOTE = "Added by the sweep"


def _open(ctx):
    return {"pk": ctx.network_open.pk}


def _create_post(ctx):
    return form_data(NetworkForm(), name="Sweep coalition", theme=ctx.network_open.theme_id,
                     visibility="public", initiated_by=ctx.network_open.initiated_by_id,
                     set_up_on="2025-01-01", members=[ctx.org_a.pk])


def _member_post(ctx):
    return form_data(MemberForm(), organisation=ctx.network_newcomer.pk, role="observer",
                     joined_on="2025-01-01")


def _status_post(ctx):
    return form_data(StatusForm(), status="dormant", since="2025-06-01", note=NOTE)


def _members(ctx):
    from hamwe.partners.models import Organisation

    return Organisation.objects.filter(network_memberships__network=ctx.network_open)


def _hand_over_post(ctx):
    return form_data(HandOverForm(members=_members(ctx)),
                     organisation=ctx.network_open.initiated_by_id, since="2025-03-01",
                     note=NOTE)


def _meeting_post(ctx):
    return form_data(MeetingForm(members=_members(ctx)), held_on="2025-02-01",
                     title=NOTE, attended_by=[ctx.org_a.pk])


def _activity_post(ctx):
    return form_data(ActivityForm(members=_members(ctx)), kind="advocacy", title=NOTE,
                     started_on="2025-02-01", led_by=ctx.org_a.pk,
                     organisations=[ctx.org_a.pk, ctx.network_open.initiated_by_id])


def _link_post(ctx):
    return form_data(LinkForm(), name="East African sweep network", level="regional",
                     since="2025-01-01")


def _structure_post(ctx):
    return form_data(StructureForm(), organisation=ctx.structure_candidate.pk,
                     kind="vsl_group")


def _maturity_post(ctx):
    return form_data(MaturityForm(), on="2025-01-01", level=2, note=NOTE)


def _accompaniment_post(ctx):
    return form_data(AccompanimentForm(), organisation=ctx.org_a.pk, since="2025-01-01")


def _register_post(ctx):
    return form_data(RegisterForm(instance=current(ctx.structure)), registered_on="2025-05-01",
                     registration_note=NOTE)


NETWORK_SAMPLES = {
    "networks:list": read(),
    "networks:create": page(post=_create_post, writers=HOME_EDITORS,
                            guard="may_run_networks"),
    "networks:detail": read(_open),
    "networks:detail#private": read(lambda ctx: {"pk": ctx.network_private.pk}),
    "networks:member_add": page(_open, post=_member_post, writers=HOME_EDITORS,
                                guard="may_run_networks"),
    "networks:status_add": page(_open, post=_status_post, writers=HOME_EDITORS,
                                guard="may_run_networks"),
    "networks:hand_over": page(_open, post=_hand_over_post, writers=HOME_EDITORS,
                               guard="may_run_networks"),
    "networks:meeting_add": page(_open, post=_meeting_post, writers=KEEPERS,
                                 guard="may_keep_network"),
    "networks:activity_add": page(_open, post=_activity_post, writers=KEEPERS,
                                  guard="may_keep_network"),
    "networks:link_add": page(_open, post=_link_post, writers=KEEPERS,
                              guard="may_keep_network"),
    "networks:graph": read(),
    "networks:graph_data": read(),
}


def _structure(ctx):
    return {"pk": ctx.structure.pk}


STRUCTURE_SAMPLES = {
    "networks:structures": read(),
    "networks:structure_create": page(post=_structure_post, writers=HOME_EDITORS,
                                      guard="may_run_networks"),
    "networks:structure": read(_structure),
    "networks:maturity_add": page(_structure, post=_maturity_post, writers=HOME_EDITORS,
                                  guard="may_run_networks"),
    "networks:accompaniment_add": page(_structure, post=_accompaniment_post,
                                       writers=HOME_EDITORS, guard="may_run_networks"),
    "networks:structure_register": page(_structure, post=_register_post,
                                        writers=HOME_EDITORS, guard="may_run_networks"),
}

API_SAMPLES = {  # read only
    "v1:networks-network-list": read(),
    "v1:networks-network-detail": read(lambda ctx: {"pk": ctx.network_private.pk}),
    "v1:networks-structure-list": read(),
    "v1:networks-structure-detail": read(_structure),
    "v1:networks-graph-list": read(),
}

SAMPLES = {**NETWORK_SAMPLES, **STRUCTURE_SAMPLES, **API_SAMPLES}


def context_of(org_a):
    """A's two networks, an organisation that may join, a community structure with A's
    marker and a community group not followed yet."""
    from hamwe.conftest import SECRET_NOTE
    from hamwe.networks import services
    from hamwe.partners.models import Organisation
    from hamwe.partners.tests.factories import OrganisationFactory, ThematicAreaFactory

    home = (Organisation.objects.filter(is_home=True).first()
            or OrganisationFactory(name="Home NGO of the sweep", sector="ingo", is_home=True))
    theme = ThematicAreaFactory(name="Land rights")
    data = {"theme": theme, "initiated_by": home, "set_up_on": D(2024, 1, 1)}
    network_open = services.network_create(by=None, data={
        **data, "name": "Open land network of the sweep", "visibility": "public"},
        members=[org_a])
    services.facilitation_hand_over(network=network_open, by=None, data={
        "organisation": org_a, "since": D(2024, 6, 1)})
    network_private = services.network_create(by=None, data={
        **data, "name": f"A's quiet coalition ({SECRET_NOTE})", "visibility": "members"},
        members=[org_a])
    group = OrganisationFactory(name="Sweep Peace Club", sector="community", iati_type=None)
    structure = services.structure_create(by=None, data={
        "organisation": group, "kind": "peace_club", "formed_on": D(2020, 1, 1),
        "registration_note": f"Statutes drafted with A ({SECRET_NOTE})"})
    return {
        "network_open": current(network_open),
        "network_private": network_private,
        "network_newcomer": OrganisationFactory(name="Sweep newcomer"),
        "structure": structure,
        "structure_candidate": OrganisationFactory(name="Sweep VSL group",
                                                   sector="community", iati_type=None),
    }


def networks_state():
    """Everything about networks and community structures that a write could change."""
    return (
        tuple(Network.objects.order_by("pk").values_list(
            "pk", "name", "status", "facilitator_id", "version")),
        tuple(Membership.objects.order_by("pk").values_list("pk", "organisation_id", "role")),
        tuple(StatusChange.objects.order_by("pk").values_list("pk", "status", "since")),
        tuple(Facilitation.objects.order_by("pk").values_list("pk", "organisation_id")),
        tuple(Meeting.objects.order_by("pk").values_list("pk", "title")),
        tuple(JointActivity.objects.order_by("pk").values_list("pk", "title")),
        tuple(NetworkLink.objects.order_by("pk").values_list("pk", "name")),
        tuple(CommunityStructure.objects.order_by("pk").values_list(
            "pk", "registered_on", "version")),
        tuple(MaturityStep.objects.order_by("pk").values_list("pk", "level")),
        tuple(Accompaniment.objects.order_by("pk").values_list("pk", "organisation_id")),
    )
