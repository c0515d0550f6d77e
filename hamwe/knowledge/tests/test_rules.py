"""The rules of the knowledge hub: who reads an item, who publishes, who records and who
confirms an adoption, use by the day, learning events, lessons offered from elsewhere."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from hamwe.core.registries import Lesson, lessons_received, offer_lesson
from hamwe.knowledge import selectors, services
from hamwe.knowledge.models import Item, Use
from hamwe.knowledge.tests.factories import home_organisation, make_item
from hamwe.partners.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _visible(user):
    return set(selectors.items_visible_to(user).values_list("title", flat=True))


def test_a_partner_reads_its_own_and_what_is_shared_with_it(personas, org_a, org_b):
    staff = personas["staff"]
    c = OrganisationFactory(name="Gamma Cooperative")
    make_item(by=staff, origins=[org_b], title="B internal", publish=True,
              sharing=Item.Sharing.INTERNAL)
    make_item(by=staff, origins=[org_b], title="B to all", publish=True)
    make_item(by=staff, origins=[org_b], title="B to A", publish=True,
              sharing=Item.Sharing.CHOSEN, shared_with=[org_a])
    make_item(by=staff, origins=[org_b], title="B to C", publish=True,
              sharing=Item.Sharing.CHOSEN, shared_with=[c])
    make_item(by=staff, origins=[org_b], title="B public", publish=True,
              sharing=Item.Sharing.PUBLIC)
    make_item(by=staff, origins=[org_b], title="B draft to all")
    make_item(by=personas["partner_a"], origins=[org_a], title="A draft")
    assert _visible(personas["partner_a"]) == {"B to all", "B to A", "B public", "A draft"}
    assert _visible(personas["partner_b"]) == {
        "B internal", "B to all", "B to A", "B to C", "B public", "B draft to all"}
    assert len(_visible(personas["viewer"])) == 7
    assert _visible(personas["no_role"]) == set()


def test_a_partner_shares_a_draft_of_its_own_that_staff_publish(personas, org_a, org_b):
    partner = personas["partner_a"]
    with pytest.raises(ValidationError) as refused:
        services.item_create(by=partner, kind="lesson", title="Not ours", origins=[org_b])
    assert "origins" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.item_create(by=partner, kind="lesson", title="At once", origins=[org_a],
                             publish_on=D(2026, 1, 1))
    item = services.item_create(by=partner, kind="lesson", title="Ours", origins=[org_a],
                                sharing=Item.Sharing.PARTNERS)
    assert item.is_draft and "Ours" not in _visible(personas["partner_b"])
    services.item_publish(item=item, by=personas["staff"], sharing=Item.Sharing.PARTNERS)
    assert "Ours" in _visible(personas["partner_b"])
    with pytest.raises(ValidationError):
        services.item_publish(item=item, by=personas["staff"], sharing=Item.Sharing.CHOSEN)


def test_a_partner_edits_only_its_own_drafts(personas, org_a):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    draft = make_item(by=personas["partner_a"], origins=[org_a], title="Draft")
    assert selectors.item_for_editor(user=personas["partner_a"], pk=draft.pk) == draft
    with pytest.raises(Http404):
        selectors.item_for_editor(user=personas["partner_b"], pk=draft.pk)
    services.item_publish(item=draft, by=personas["staff"], sharing=Item.Sharing.PARTNERS)
    with pytest.raises(PermissionDenied):
        selectors.item_for_editor(user=personas["partner_a"], pk=draft.pk)
    with pytest.raises(PermissionDenied):
        selectors.item_for_editor(user=personas["partner_b"], pk=draft.pk)


def test_an_adoption_is_confirmed_by_the_other_side(personas, org_a, org_b):
    staff = personas["staff"]
    home = home_organisation()
    item = make_item(by=staff, origins=[org_a], title="Savings", publish=True)
    with pytest.raises(ValidationError):  # not its own
        services.adoption_record(item=item, by=staff, organisation=org_a,
                                 taken_up_in="x", adopted_on=D(2026, 3, 1))
    with pytest.raises(ValidationError):  # B records only its own adoption
        services.adoption_record(item=item, by=personas["partner_b"], organisation=home,
                                 taken_up_in="x", adopted_on=D(2026, 3, 1))
    adoption = services.adoption_record(item=item, by=personas["partner_b"], organisation=org_b,
                                        taken_up_in="Youth radio clubs",
                                        adopted_on=D(2026, 3, 1))
    assert adoption.recorded_by_adopter
    # B does not confirm its own; A (the origin) does. Nobody twice.
    with pytest.raises(ValidationError):
        services.adoption_confirm(adoption=adoption, by=personas["partner_b"])
    assert list(selectors.adoptions_to_confirm(personas["partner_a"])) == [adoption]
    assert list(selectors.adoptions_to_confirm(personas["partner_b"])) == []
    services.adoption_confirm(adoption=adoption, by=personas["partner_a"], on=D(2026, 3, 5))
    with pytest.raises(ValidationError):
        services.adoption_confirm(adoption=adoption, by=staff)
    # A third partner never reads it.
    assert not selectors.adoptions_visible_to(personas["partner_a"]).exclude(
        pk=adoption.pk).exists()
    c_item = make_item(by=staff, origins=[OrganisationFactory(name="Gamma")], publish=True)
    other = services.adoption_record(item=c_item, by=staff, organisation=org_b,
                                     taken_up_in="Radio", adopted_on=D(2026, 3, 1))
    assert other not in selectors.adoptions_visible_to(personas["partner_a"])
    # Recorded by the origin side: the adopter confirms.
    assert not other.recorded_by_adopter
    assert list(selectors.adoptions_to_confirm(personas["partner_b"])) == [other]


def test_a_draft_cannot_be_adopted(personas, org_a, org_b):
    draft = make_item(by=personas["staff"], origins=[org_a])
    with pytest.raises(ValidationError):
        services.adoption_record(item=draft, by=personas["partner_b"], organisation=org_b,
                                 taken_up_in="x", adopted_on=D(2026, 3, 1))


def test_use_is_kept_by_the_day_once(personas, org_a):
    item = make_item(by=personas["staff"], origins=[org_a], publish=True)
    for _ in range(2):
        services.use_record(item=item, by=personas["partner_b"], kind="consulted",
                            purpose="Planning", on=D(2026, 4, 1))
    services.use_record(item=item, by=personas["staff"], kind="used", purpose="Training",
                        on=D(2026, 4, 2))
    assert Use.objects.count() == 2
    assert not any(f.get_internal_type() == "DateTimeField" for f in Use._meta.fields)
    assert selectors.users_using_knowledge(D(2026, 4, 1), D(2026, 4, 1)) >= {
        personas["partner_b"].pk}
    assert personas["staff"].pk in selectors.users_using_knowledge(D(2026, 4, 2),
                                                                    D(2026, 4, 2))
    assert personas["partner_b"].pk not in selectors.users_using_knowledge(
        D(2025, 1, 1), D(2025, 12, 31))


def test_a_learning_event_records_its_items_in_the_same_step(personas, org_a, org_b):
    staff = personas["staff"]
    event = services.event_record(
        by=staff, title="Annual learning event", kind="annual", held_on=D(2026, 5, 20),
        participants=[(org_a, 3), (org_b, 2)],
        practices=["Savings groups meet weekly", ""], challenges=["Men stay away"])
    items = list(event.items.order_by("kind"))
    assert [(i.kind, i.title) for i in items] == [("lesson", "Men stay away"),
                                                   ("practice", "Savings groups meet weekly")]
    assert all(set(i.origins.all()) == {org_a, org_b} and i.is_draft for i in items)
    assert list(selectors.events_visible_to(personas["partner_b"])) == [event]
    with pytest.raises(ValidationError):
        services.event_record(by=staff, title="Empty", held_on=D(2026, 5, 20))


def test_a_lesson_offered_elsewhere_becomes_a_draft_once(personas, org_a):
    assert lessons_received()
    lesson = Lesson(title="Peer visits work", text="Visits between groups spread savings.",
                    organisation_ids=(org_a.pk,), language="fr", source="inquiry-item:7",
                    source_label="Appreciative inquiry of 1 March", source_url="/x/")
    url = offer_lesson(lesson, by=personas["staff"])
    item = Item.objects.get(source="inquiry-item:7")
    assert url.endswith(f"/{item.pk}/")
    assert item.is_draft and list(item.origins.all()) == [org_a] and item.language == "fr"
    with pytest.raises(ValidationError):
        offer_lesson(lesson, by=personas["staff"])


def test_an_events_counts_are_corrected_by_organisation_and_one_always_stays(
        personas, org_a, org_b):
    staff = personas["staff"]
    event = services.event_record(by=staff, title="Documentation session", held_on=D(2026, 5, 20),
                                  participants=[(org_a, 1)])
    services.event_participation_set(event=event, organisation=org_a, people=7, by=staff)
    services.event_participation_set(event=event, organisation=org_b, people=4, by=staff)
    counts = dict(event.participations.values_list("organisation__name", "people"))
    assert counts == {org_a.name: 7, org_b.name: 4}
    services.event_participation_set(event=event, organisation=org_a, people=0, by=staff)
    assert list(event.participations.values_list("organisation", flat=True)) == [org_b.pk]
    with pytest.raises(ValidationError) as last:
        services.event_participation_set(event=event, organisation=org_b, people=0, by=staff)
    assert "people" in last.value.message_dict
    with pytest.raises(ValidationError) as absent:
        services.event_participation_set(event=event, organisation=org_a, people=0, by=staff)
    assert org_a.name in absent.value.message_dict["organisation"][0]
    assert event.participations.get().people == 4
