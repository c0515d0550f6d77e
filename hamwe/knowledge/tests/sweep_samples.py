"""The isolation sweep's view of the knowledge hub: a sample for every route, each write
with a payload its route accepts (see hamwe/tests/samples.py), the objects they point at,
and the state of A's knowledge that someone who may not must never change.

- `internal_a`: A's published internal item, its summary carrying A's private marker:
  only A and the home NGO may read it (the list, the search and the page);
- `shared_a`: A's item published to all partners (B reads it, only home editors change
  it), with an attachment;
- `adoption_a`: A took up B's shared item, recorded by staff: A (the adopter) or another
  home editor confirms it, never B;
- `event_a`: a learning event A took part in.

A use of an item is the user's own note, not A's record: it is not watched.
"""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.conftest import SECRET_NOTE
from hamwe.knowledge.forms import ItemForm
from hamwe.knowledge.models import (
    Adoption,
    Attachment,
    Item,
    LearningEvent,
    Participation,
)
from hamwe.tests.samples import EDITS_A, HOME_EDITORS, api, current, form_data, page, read

PDF = b"%PDF-1.4\n% knowledge sweep\n"


def _item(name):
    return lambda ctx: {"pk": getattr(ctx, name).pk}


def _home(kwargs, post, guard):
    return page(kwargs, post=post, writers=HOME_EDITORS, guard=guard)


CONFIRMERS = frozenset({"partner_a", "partner_admin_a", "admin"})  # not staff, who recorded it

SAMPLES = {
    "knowledge:list": read(),
    "knowledge:public": read(),
    "knowledge:events": read(),
    "knowledge:item_detail": read(_item("internal_a")),
    "knowledge:item_detail#shared": read(_item("shared_a")),
    "knowledge:event_detail": read(lambda ctx: {"pk": ctx.event_a.pk}),
    "knowledge:attachment": read(lambda ctx: {"pk": ctx.shared_a.pk,
                                              "attachment_pk": ctx.attachment_a.pk}),
    # One's own note of having used an item (not watched: see above).
    "knowledge:use_record": read(_item("shared_a")),
    # A's partner users share A's knowledge (a draft); B only its own.
    "knowledge:item_new": page(None, post=lambda ctx: {
        "kind": "lesson", "title": "Shared by the sweep", "language": "fr",
        "origins": [str(ctx.org_a.pk)], "sharing": "partners", "name_origins": "on"},
        writers=EDITS_A, guard="may_publish_knowledge"),
    "knowledge:item_edit": _home(_item("shared_a"), lambda ctx: form_data(
        ItemForm(instance=current(ctx.shared_a), user=ctx.staff),
        title="Edited by the sweep"), "may_edit_item"),
    "knowledge:item_publish": _home(_item("shared_a"), lambda ctx: {"sharing": "public"},
                                    "may_publish_knowledge"),
    "knowledge:attachment_add": _home(_item("shared_a"), lambda ctx: {
        "file": SimpleUploadedFile("sweep.pdf", PDF, content_type="application/pdf"),
        "name": "Sweep"}, "may_edit_item"),
    # The home NGO's adoption of A's item: recorded by A (its origin) or home editors.
    "knowledge:adoption_new": page(_item("shared_a"), post=lambda ctx: {
        "organisation": str(ctx.home_org.pk), "taken_up_in": "Sweep programme",
        "adopted_on": "2026-06-01", "effect": ""},
        writers=EDITS_A, guard="may_record_adoption"),
    "knowledge:adoption_confirm": page(
        lambda ctx: {"pk": ctx.adoption_a.item_id, "adoption_pk": ctx.adoption_a.pk},
        post=lambda ctx: {}, writers=CONFIRMERS,
        guard="may_confirm_adoption"),
    "knowledge:event_participation": _home(lambda ctx: {"pk": ctx.event_a.pk}, lambda ctx: {
        "organisation": str(ctx.org_a.pk), "people": "6"}, "may_publish_knowledge"),
    "knowledge:event_new": _home(None, lambda ctx: {
        "title": "Sweep event", "kind": "learning", "held_on": "2026-06-01",
        "participants": [str(ctx.org_a.pk)], "practices": "Sweep practice"},
        "may_publish_knowledge"),
}


API_SAMPLES = {  # /api/v1/knowledge-items/, /api/v1/knowledge-adoptions/
    "v1:knowledge-item-list": api(
        writes=("POST",), body=lambda ctx: {
            "kind": "lesson", "title": "Shared through the API", "language": "en",
            "origins": [ctx.org_a.pk], "sharing": "partners"},
        writers=EDITS_A, guard="may_publish_knowledge"),
    "v1:knowledge-item-detail": api(
        lambda ctx: {"pk": ctx.shared_a.pk}, writes=("PUT", "PATCH"), body=lambda ctx: {
            "kind": "practice", "title": "Edited through the API", "language": "en",
            "origins": [ctx.org_a.pk], "version": current(ctx.shared_a).version},
        writers=HOME_EDITORS, guard="may_edit_item"),
    "v1:knowledge-adoption-list": api(
        writes=("POST",), body=lambda ctx: {
            "item": ctx.shared_a.pk, "organisation": ctx.home_org.pk,
            "taken_up_in": "API sweep programme", "adopted_on": "2026-06-01"},
        writers=EDITS_A, guard="may_record_adoption"),
    "v1:knowledge-adoption-detail": read(lambda ctx: {"pk": ctx.adoption_a.pk}),
    "v1:knowledge-adoption-confirm": api(
        lambda ctx: {"pk": ctx.adoption_a.pk}, writes=("POST",), writers=CONFIRMERS,
        guard="may_confirm_adoption"),
}
SAMPLES.update(API_SAMPLES)


def context_of(org_a, org_b, *, by):
    """The objects the samples point at, made `by` a home editor."""
    from hamwe.knowledge import services
    from hamwe.knowledge.tests.factories import home_organisation, make_item

    home = home_organisation()
    internal = make_item(by=by, origins=[org_a], title="Internal lesson of Alpha",
                         summary=f"Kept inside ({SECRET_NOTE})", publish=True,
                         sharing=Item.Sharing.INTERNAL)
    shared = make_item(by=by, origins=[org_a], title="Savings groups grow by visits",
                       summary="Peer visits between groups.", publish=True)
    attachment = services.attachment_add(
        item=shared, by=by, upload=SimpleUploadedFile("guide.pdf", PDF), name="Guide")
    of_b = make_item(by=by, origins=[org_b], title="Radio listening clubs", publish=True)
    adoption = services.adoption_record(item=of_b, by=by, organisation=org_a,
                                        taken_up_in="Savings programme",
                                        adopted_on=datetime.date(2026, 5, 1))
    event = services.event_record(by=by, title="Learning day", held_on=datetime.date(
        2026, 5, 2), participants=[(org_a, 2)])
    return {"home_org": home, "internal_a": internal, "shared_a": shared,
            "attachment_a": attachment, "adoption_a": adoption, "event_a": event}


def knowledge_state(org):
    """A's knowledge that a write could change: its items, their attachments, the
    adoptions it is party to and the events it took part in."""
    items = Item.objects.filter(origins=org)
    return (
        tuple(items.order_by("pk").values_list("pk", "version", "title", "sharing",
                                               "published_on")),
        Attachment.objects.filter(item__origins=org).count(),
        tuple(Adoption.objects.filter(parties=org).order_by("pk").values_list(
            "pk", "confirmed_on")),
        LearningEvent.objects.filter(organisations=org).count(),
        tuple(Participation.objects.filter(organisation=org).order_by("pk").values_list(
            "event", "people")),
    )
