"""What is due in partnerships (partnerships/due.py): each provider on hand-built data, for
home staff and for partner users, and its queries fixed whatever the data."""

import datetime

import pytest
from django.utils import timezone

from hamwe.core.registries import due_for
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.due import GATE_OPEN_FOR_LONG_DAYS
from hamwe.partnerships.models import (
    Agreement,
    Contribution,
    GateTick,
    Partnership,
    Party,
    Signature,
    StageChange,
)

TODAY = timezone.localdate()


def days(n):
    return TODAY + datetime.timedelta(days=n)


def items(user, name):
    return due_for(user, today=TODAY, only=[name])


def titles(user, name):
    return [item.title for item in items(user, name)]


def partnership(title, *parties, status="active", stage="scoping-and-building",
                phase="scoping", **fields):
    p = Partnership.objects.create(title=title, kind="strategic", status=status, stage=stage,
                                   phase=phase, **fields)
    for organisation in parties:
        Party.objects.create(partnership=p, organisation=organisation, role="implementing")
    return p


@pytest.fixture
def other(db):
    return OrganisationFactory(name="Gamma Research Institute", sector="research")


# --- Reviews ------------------------------------------------------------------------------


def test_reviews_due_within_two_weeks_or_overdue_for_those_who_record_them(
    personas, org_a, live_policy
):
    partnership("Overdue review", org_a, next_review_on=days(-3))
    partnership("Review soon", org_a, next_review_on=days(14))
    partnership("Review later", org_a, next_review_on=days(15))
    partnership("Ended long ago", org_a, status="ended", next_review_on=days(-30))
    due = items(personas["staff"], "partnership-reviews")
    assert [i.title for i in due] == ["Review “Overdue review”", "Review “Review soon”"]
    assert due[0].overdue and not due[1].overdue
    assert due[0].url.endswith("/reviews/new/")
    # Reviews are recorded by home admins and staff: nothing for a partner or a viewer.
    for persona in ("partner_a", "partner_admin_a", "viewer"):
        assert items(personas[persona], "partnership-reviews") == []


# --- Gates left open for long -------------------------------------------------------------


def _entered(p, days_ago):
    change = StageChange.objects.create(partnership=p, to_stage=p.stage, to_phase=p.phase)
    StageChange.objects.filter(pk=change.pk).update(
        at=timezone.now() - datetime.timedelta(days=days_ago))


def test_a_gate_open_for_a_quarter_is_due(personas, org_a, live_policy):
    # The example pack's scoping gate: "agreement-signed" is ticked by the record (bound to
    # its fact), "due-diligence" by hand.
    stuck = partnership("Stuck in scoping", org_a)
    _entered(stuck, GATE_OPEN_FOR_LONG_DAYS + 10)
    recent = partnership("Scoping lately", org_a)
    _entered(recent, 20)
    ticked = partnership("Ticked by hand", org_a)
    _entered(ticked, 200)
    for item in ("agreement-signed", "due-diligence"):  # a hand tick of a bound item counts nothing
        GateTick.objects.create(partnership=ticked, stage="scoping-and-building", item=item,
                                evidence="done")
    # Back in this stage lately after a long time in it before: counted from the return.
    returned = partnership("Back in scoping", org_a)
    _entered(returned, 300)
    _entered(returned, 5)

    due = items(personas["staff"], "partnership-gates")
    # Longest overdue first.
    assert [i.title for i in due] == ["Look at the gate of “Ticked by hand”",
                                      "Complete the gate of “Stuck in scoping”"]
    assert "The record checks 1 item" in due[0].detail
    assert due[1].overdue and "1 item to tick" in due[1].detail
    assert due[1].url.endswith(f"/partnerships/{stuck.pk}/cycle/")
    assert items(personas["partner_a"], "partnership-gates") == []


def test_a_gate_with_every_item_ticked_by_hand_is_not_due(personas, org_a, live_policy,
                                                          monkeypatch):
    from hamwe.policy import facts

    done = partnership("Managed well", org_a)
    Partnership.objects.filter(pk=done.pk).update(stage="managing-and-maintaining")
    done.refresh_from_db()
    _entered(done, 200)
    # An item bound to a fact no installed module establishes is ticked by hand (here
    # "report-approved", as when the reporting app is left out).
    monkeypatch.delitem(facts._IMPLEMENTATIONS, "report-approved")
    GateTick.objects.create(partnership=done, stage="managing-and-maintaining",
                            item="reports-approved", evidence="Q2 reports approved")
    assert items(personas["staff"], "partnership-gates") == []
    GateTick.objects.filter(partnership=done).delete()
    assert titles(personas["staff"], "partnership-gates") == ["Complete the gate of “Managed well”"]


def test_a_partnership_never_moved_counts_from_its_creation(personas, org_a, live_policy):
    old = partnership("Recorded long ago", org_a)
    Partnership.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=GATE_OPEN_FOR_LONG_DAYS + 1))
    partnership("Recorded today", org_a)
    assert titles(personas["staff"], "partnership-gates") == [
        "Complete the gate of “Recorded long ago”"]


# --- Agreements ---------------------------------------------------------------------------


def agreement(p, number, status, parties=None):
    named = [{"party": party.pk} for party in (parties if parties is not None else p.parties.all())]
    return Agreement.objects.create(partnership=p, number=number, language="en",
                                    content={"parties": named}, status=status)


def test_drafts_not_sent_are_due_only_the_newest_version(personas, org_a, live_policy):
    revised = partnership("Revised agreement", org_a)
    agreement(revised, 1, "signed")
    draft = agreement(revised, 2, "draft")
    superseded = partnership("Draft superseded", org_a)
    agreement(superseded, 1, "draft")
    agreement(superseded, 2, "sent")
    ended = partnership("Ended with a draft", org_a, status="ended")
    agreement(ended, 1, "draft")
    due = items(personas["staff"], "agreements-to-send")
    assert [i.title for i in due] == [
        "Send version 2 of the agreement of “Revised agreement” for signature"]
    assert due[0].url.endswith(f"/agreements/{draft.pk}/") and due[0].due_on is None
    assert items(personas["partner_admin_a"], "agreements-to-send") == []


def test_a_version_sent_is_due_until_every_party_signs(personas, org_a, other, live_policy):
    p = partnership("Sent for signature", org_a, other)
    party_a, party_other = p.parties.order_by("pk")
    sent = agreement(p, 1, "sent")
    Signature.objects.create(agreement=sent, party=party_other, signatory="G. Gamma",
                             signed_on=TODAY)
    staff = items(personas["staff"], "agreements-to-sign")
    assert [i.title for i in staff] == [
        "Collect the signatures on version 1 of the agreement of “Sent for signature”"]
    assert staff[0].detail == "1 of 2 parties has signed" and not staff[0].shared

    # A's partner users are asked to sign: shared with them since the day it was sent.
    partner = items(personas["partner_a"], "agreements-to-sign")
    assert [i.title for i in partner] == [
        "Sign version 1 of the agreement of “Sent for signature”"]
    assert partner[0].shared and partner[0].since == TODAY
    Signature.objects.create(agreement=sent, party=party_a, signatory="A. Alpha",
                             signed_on=TODAY)
    assert items(personas["partner_a"], "agreements-to-sign") == []
    assert items(personas["partner_b"], "agreements-to-sign") == []


def test_a_partner_is_asked_to_sign_only_a_version_that_names_its_party(
    personas, org_a, other, live_policy
):
    p = partnership("Party added after the version", other)
    agreement(p, 1, "sent")  # names only the other organisation
    Party.objects.create(partnership=p, organisation=org_a, role="technical")
    assert items(personas["partner_a"], "agreements-to-sign") == []


def test_the_day_a_version_was_sent_comes_from_the_audit_trail(personas, org_a, live_policy):
    from hamwe.core.records import save_as

    p = partnership("Sent and recorded", org_a)
    version = agreement(p, 1, "draft")
    version.status = "sent"
    save_as(version, by=personas["staff"], update_fields=["status"])
    Agreement.history.filter(id=version.pk, status="sent").update(
        history_date=timezone.now() - datetime.timedelta(days=3))
    (item,) = items(personas["partner_a"], "agreements-to-sign")
    assert item.since == days(-3)


# --- Ending soon ----------------------------------------------------------------------------


def test_partnerships_ending_within_two_months(personas, org_a, live_policy):
    partnership("Ends next month", org_a, starts_on=days(-900), ends_on=days(30))
    partnership("Ends next year", org_a, starts_on=days(-900), ends_on=days(300))
    partnership("Past its end, still active", org_a, starts_on=days(-900), ends_on=days(-2))
    partnership("Ended as planned", org_a, status="ended", ends_on=days(10))
    staff = items(personas["staff"], "partnerships-ending")
    assert [i.title for i in staff] == [
        "Renew the agreement of “Past its end, still active” or close the partnership",
        "Renew the agreement of “Ends next month” or close the partnership"]
    assert staff[0].overdue and not staff[0].shared
    partner = items(personas["partner_a"], "partnerships-ending")
    assert [i.shared for i in partner] == [True, True]
    assert partner[1].since == days(30 - 60)
    assert items(personas["partner_b"], "partnerships-ending") == []
    assert items(personas["viewer"], "partnerships-ending") == []


# --- Contributions ----------------------------------------------------------------------------


def test_a_partner_is_asked_what_it_brings(personas, org_a, other, live_policy):
    silent = partnership("Nothing said yet", org_a, other)
    said = partnership("Contribution said", org_a)
    Contribution.objects.create(party=said.parties.get(), kind="staff", description="Two staff")
    partnership("Ended, nothing said", org_a, status="ended")
    (item,) = items(personas["partner_a"], "partnership-contributions")
    assert item.title == "Say what your organisation brings to “Nothing said yet”"
    party_a = silent.parties.get(organisation=org_a)
    assert item.url.endswith(f"/parties/{party_a.pk}/contributions/new/")
    assert items(personas["partner_b"], "partnership-contributions") == []
    assert items(personas["staff"], "partnership-contributions") == []


# --- Queries --------------------------------------------------------------------------------


PROVIDERS = ["partnership-reviews", "partnership-gates", "agreements-to-send",
             "agreements-to-sign", "partnerships-ending", "partnership-contributions"]


def _lots(org_a, other, n):
    for i in range(n):
        p = partnership(f"Busy {i}", org_a, other, next_review_on=days(-i),
                        starts_on=days(-900), ends_on=days(10 + i))
        _entered(p, GATE_OPEN_FOR_LONG_DAYS + i)
        agreement(p, 1, "sent")
        agreement(p, 2, "draft")


# Staff: reviews due; the live policy, the partnerships in a stage for long, their gate
# ticks; drafts; versions sent; partnerships ending. A partner: versions to sign, the day
# each was sent; partnerships ending; its parties without contributions.
QUERIES = {"staff": 7, "partner_a": 4}


@pytest.mark.parametrize("persona", ["staff", "partner_a"])
def test_the_providers_queries_do_not_grow_with_the_data(
    personas, org_a, other, live_policy, persona, django_assert_max_num_queries
):
    user = personas[persona]
    _lots(org_a, other, 1)
    due_for(user, today=TODAY)  # the live policy's pack, composed once per process
    with django_assert_max_num_queries(QUERIES[persona]):
        few = len(due_for(user, today=TODAY, only=PROVIDERS))
    _lots(org_a, other, 8)
    with django_assert_max_num_queries(QUERIES[persona]):
        assert len(due_for(user, today=TODAY, only=PROVIDERS)) > few
