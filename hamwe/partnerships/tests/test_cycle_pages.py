"""The cycle's pages: the qualification questionnaire, the gate checklist, moves through
the cycle and reviews, for every persona (what comes due: notifications' tests)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import (
    GateTick,
    Partnership,
    QualificationCheck,
    Review,
    StageChange,
)
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import PartnershipFactory, agreement, in_role

PROCUREMENT = "One party buys goods or services from the other at a fixed price."
# The gate items, as the refusal lists them (without their closing full stops).
GATE_SIGNED = "The partnership agreement is signed by every partner"
GATE_DILIGENCE = "The expectations on the partner are checked with evidence"
NO_PATTERN = {"procurement": False, "one-way-accountability": False}


def url(name, partnership, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"pk": partnership.pk, **kwargs})


def html(response):
    return response.content.decode()


def reload(partnership):
    return Partnership.objects.get(pk=partnership.pk)


def walk_to_reviewing(partnership, by):
    if not partnership.agreements.filter(status="signed").exists():
        agreement(partnership)  # the record ticks "The partnership agreement is signed ..."
    cycle.gate_tick(partnership=reload(partnership), by=by, item="due-diligence",
                    evidence="done")
    cycle.stage_move(partnership=partnership, by=by, to_stage="managing-and-maintaining")
    cycle.gate_tick(partnership=reload(partnership), by=by, item="reports-approved",
                       evidence="Q1 reports")
    cycle.stage_move(partnership=partnership, by=by, to_stage="reviewing-and-revising")
    return reload(partnership)


# --- "Is this a partnership?" -----------------------------------------------------------

def test_questionnaire_asks_the_policy_questions_and_names_the_pattern_found(
    personas, partnership_a
):
    client = client_for(personas["staff"])
    page = html(client.get(url("qualify", partnership_a)))
    for question in cycle.qualification_questions():
        assert question["question"] in page and question["pattern"] in page
        for answer in ("yes", "no"):
            assert f'name="pattern_{question["key"]}" value="{answer}"' in page

    response = client.post(url("qualify", partnership_a), {
        "pattern_procurement": "yes", "pattern_one-way-accountability": "no"})
    assert response.status_code == 302
    page = html(client.get(response.url))
    result = page.split('id="result"')[1].split("</section>")[0]
    assert "Not a partnership, because:" in result
    assert PROCUREMENT in result  # the pattern found
    assert "Procurement" in result  # what the relationship is instead
    assert "Procure it as such, or build the relationship around shared objectives." in result
    assert "Only one party reports" not in result  # a pattern not found is not named
    assert reload(partnership_a).is_partnership is False

    client.post(url("qualify", partnership_a), {
        "pattern_procurement": "no", "pattern_one-way-accountability": "no"})
    page = html(client.get(url("qualify", partnership_a)))
    assert "none of the policy's non-partnership patterns is present" in page.split(
        'id="result"')[1].split("</section>")[0]
    past = page.split('id="past-checks"')[1]
    assert past.count("<tr>") == 3  # header and the two checks, newest first
    assert past.index("Partnership</td>") < past.index("Not a partnership:")


def test_every_question_must_be_answered(personas, partnership_a):
    response = client_for(personas["admin"]).post(
        url("qualify", partnership_a), {"pattern_procurement": "no"})
    assert response.status_code == 200
    assert "Answer yes or no." in html(response)
    assert not QualificationCheck.objects.exists()


# --- The gate ---------------------------------------------------------------------------

def test_ticking_requires_evidence_and_shows_who_and_what(personas, partnership_a):
    staff = personas["staff"]
    client = client_for(staff)
    response = client.post(url("gate_tick", partnership_a),
                           {"item": "due-diligence", "evidence": "   "})
    assert response.status_code == 200
    assert "Say what shows this is done." in html(response)
    assert not GateTick.objects.exists()

    response = client.post(url("gate_tick", partnership_a),
                           {"item": "reports-approved", "evidence": "Reports"})
    assert "This item is not on the current stage" in html(response)  # another stage's
    assert not GateTick.objects.exists()

    response = client.post(url("gate_tick", partnership_a),
                           {"item": "due-diligence", "evidence": "Audit of 3 May seen"})
    assert response.status_code == 302
    assert response.url == url("detail", partnership_a) + "#cycle"
    tick = GateTick.objects.get()
    assert (tick.item, tick.by, tick.evidence) == ("due-diligence", staff, "Audit of 3 May seen")
    panel = html(client.get(url("cycle", partnership_a)))
    gate_item = panel.split('id="gate-due-diligence"')[1].split("</li>")[0]
    assert f"Ticked by {staff}" in gate_item and "Audit of 3 May seen" in gate_item

    response = client.post(url("gate_untick", partnership_a), {"item": "due-diligence"})
    assert response.status_code == 302
    assert not GateTick.objects.exists()


HTMX = {"HX-Request": "true"}


def test_with_htmx_a_tick_redraws_only_its_own_item(personas, partnership_a):
    client = client_for(personas["staff"])
    response = client.post(url("gate_tick", partnership_a),
                           {"item": "due-diligence", "evidence": "Checked"}, headers=HTMX)
    page = html(response)
    assert response.status_code == 200
    assert page.lstrip().startswith('<li class="gate-item ticked" id="gate-due-diligence">')
    # Nothing else of the panel (the other items, where someone may be typing), only the
    # notice beside it; the gate is still open (unsigned), so the move form stays as it is.
    assert 'id="cycle"' not in page and 'id="gate-agreement-signed"' not in page
    assert '<div id="cycle-notice" role="status" hx-swap-oob="true">' in page
    assert "Ticked." in page and 'id="cycle-move"' not in page

    response = client.post(url("gate_untick", partnership_a), {"item": "due-diligence"},
                           headers=HTMX)
    page = html(response)
    assert page.lstrip().startswith('<li class="gate-item open" id="gate-due-diligence">')
    assert "The tick was removed." in page and 'id="cycle-move"' not in page


def test_with_htmx_a_tick_that_completes_the_gate_redraws_the_move_form_too(
    personas, partnership_a
):
    agreement(partnership_a)
    client = client_for(personas["staff"])
    page = html(client.post(url("gate_tick", partnership_a),
                            {"item": "due-diligence", "evidence": "Checked"}, headers=HTMX))
    move = page.split('<div id="cycle-move" hx-swap-oob="true">')[1]
    assert 'value="managing-and-maintaining/managing"' in move  # the next stage, now open
    # Unticking reopens the gate: the move form says so again.
    page = html(client.post(url("gate_untick", partnership_a), {"item": "due-diligence"},
                            headers=HTMX))
    move = page.split('<div id="cycle-move" hx-swap-oob="true">')[1]
    assert "opens once this stage's gate is complete" in move
    assert 'value="managing-and-maintaining/managing"' not in move


def test_with_htmx_a_tick_without_evidence_comes_back_in_its_item(personas, partnership_a):
    response = client_for(personas["staff"]).post(
        url("gate_tick", partnership_a), {"item": "due-diligence", "evidence": " "},
        headers=HTMX)
    page = html(response)
    assert page.lstrip().startswith('<li class="gate-item open" id="gate-due-diligence">')
    assert "Say what shows this is done." in page and "HX-Retarget" not in response.headers


def test_with_htmx_a_tick_of_an_item_not_open_redraws_the_panel(personas, partnership_a):
    response = client_for(personas["staff"]).post(
        url("gate_tick", partnership_a), {"item": "reports-approved", "evidence": "Reports"},
        headers=HTMX)
    assert response.headers["HX-Retarget"] == "#cycle"
    assert response.headers["HX-Reswap"] == "outerHTML"
    page = html(response)
    assert 'id="cycle"' in page and "This item is not on the current stage" in page


def _item(page, key):
    return page.split(f'id="gate-{key}"')[1].split("</li>")[0]


def test_an_item_the_record_ticks_has_no_tick_form_and_says_what_it_waits_for(
    personas, partnership_a
):
    client = client_for(personas["staff"])
    item = _item(html(client.get(url("cycle", partnership_a))), "agreement-signed")
    assert "Open until every party has signed the current version of the agreement." in item
    assert "No agreement has been generated yet." in item
    assert "<form" not in item and "Evidence" in item  # what the policy asks, no tick form
    assert _item(html(client.get(url("cycle", partnership_a))), "due-diligence").count(
        "<form") == 1  # a hand tick

    # A hand-made tick is refused, with the reason, and ticks nothing.
    response = client.post(url("gate_tick", partnership_a),
                           {"item": "agreement-signed", "evidence": "Signed, trust us"})
    assert response.status_code == 200
    assert "it cannot be ticked by hand" in html(response)
    assert not GateTick.objects.exists()

    signed = agreement(partnership_a)
    item = _item(html(client.get(url("cycle", partnership_a))), "agreement-signed")
    assert 'class="gate-item ticked by-record"' in html(client.get(url("cycle", partnership_a)))
    assert "Ticked by the record, because:" in item
    link = url("agreement_detail", partnership_a, agreement_pk=signed.pk)
    assert f'<a href="{link}">Version 1 of the agreement is signed by every party' in item
    assert "<form" not in item and "Untick" not in item


def test_readers_see_what_the_record_shows(personas, partnership_a):
    agreement(partnership_a)
    page = html(client_for(personas["partner_a"]).get(url("detail", partnership_a)))
    assert "Ticked by the record, because:" in _item(page, "agreement-signed")


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_an_item_waiting_for_its_module_is_ticked_by_hand_and_says_so(personas, partnership_a):
    walk = client_for(personas["staff"])
    agreement(partnership_a)
    cycle.gate_tick(partnership=partnership_a, by=personas["staff"], item="due-diligence",
                    evidence="Seen")
    cycle.stage_move(partnership=partnership_a, by=personas["staff"],
                     to_stage="managing-and-maintaining")
    item = _item(html(walk.get(url("cycle", partnership_a))), "reports-approved")
    assert "Ticked by hand until the reporting module is in place" in item
    assert item.count("<form") == 1


# --- Moves ------------------------------------------------------------------------------

def test_the_move_form_refuses_to_advance_with_an_open_gate_and_says_why(
    personas, partnership_a
):
    client = client_for(personas["staff"])
    next_stage = 'value="managing-and-maintaining/managing"'
    panel = html(client.get(url("cycle", partnership_a)))
    assert next_stage not in panel  # not offered
    assert "Managing and maintaining opens once this stage's gate is complete" in panel
    assert GATE_SIGNED in panel.split("gate-note")[1]

    # A stale page (or a hand-made request) asks anyway: refused, with the reason.
    response = client.post(url("stage_move", partnership_a),
                           {"target": "managing-and-maintaining/managing", "note": ""})
    assert response.status_code == 200
    refusal = html(response).split('class="move-form"')[1]
    assert "The gate of this stage is not complete" in refusal
    assert GATE_SIGNED in refusal and GATE_DILIGENCE in refusal
    assert reload(partnership_a).stage == "scoping-and-building"

    client.post(url("gate_tick", partnership_a), {"item": "due-diligence", "evidence": "Done"})
    assert next_stage not in html(client.get(url("cycle", partnership_a)))  # not signed yet
    agreement(partnership_a)
    assert next_stage in html(client.get(url("cycle", partnership_a)))
    response = client.post(url("stage_move", partnership_a),
                           {"target": "managing-and-maintaining/managing", "note": "Signed"})
    assert response.status_code == 302
    moved = reload(partnership_a)
    assert (moved.stage, moved.phase, moved.status) == (
        "managing-and-maintaining", "managing", "active")


def test_a_phase_of_the_same_stage_is_one_move(personas, partnership_a):
    client = client_for(personas["staff"])
    assert 'value="scoping-and-building/identifying"' in html(client.get(
        url("cycle", partnership_a)))
    client.post(url("stage_move", partnership_a), {"target": "scoping-and-building/identifying"})
    assert reload(partnership_a).phase == "identifying"


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_a_loop_back_needs_a_note_and_shows_in_the_timeline(personas, partnership_a):
    staff = personas["staff"]
    partnership = walk_to_reviewing(partnership_a, staff)
    client = client_for(staff)
    panel = html(client.get(url("cycle", partnership)))
    assert 'value="scoping-and-building/planning"' in panel  # the policy's loop
    assert 'value="managing-and-maintaining/managing"' in panel

    response = client.post(url("stage_move", partnership),
                           {"target": "scoping-and-building/planning", "note": ""})
    assert "Say why the partnership goes back." in html(response)
    assert reload(partnership).stage == "reviewing-and-revising"

    response = client.post(url("stage_move", partnership), {
        "target": "scoping-and-building/planning", "note": "Replan with the new partner"})
    assert response.status_code == 302
    assert (reload(partnership).stage, reload(partnership).phase) == (
        "scoping-and-building", "planning")
    change = StageChange.objects.filter(partnership=partnership).last()
    assert (change.from_stage, change.note, change.by) == (
        "reviewing-and-revising", "Replan with the new partner", staff)
    timeline = html(client.get(url("cycle", partnership))).split('class="timeline"')[1]
    assert "Reviewing and revising → <strong>Scoping and building</strong> · Planning" in timeline
    assert "Replan with the new partner" in timeline


def test_no_loop_back_where_the_policy_has_none(personas, partnership_a):
    client = client_for(personas["staff"])
    agreement(partnership_a)
    cycle.gate_tick(partnership=partnership_a, by=personas["staff"],
                       item="due-diligence", evidence="x")
    cycle.stage_move(partnership=partnership_a, by=personas["staff"],
                        to_stage="managing-and-maintaining")
    panel = html(client.get(url("cycle", partnership_a)))
    assert 'value="scoping-and-building/' not in panel
    response = client.post(url("stage_move", partnership_a),
                           {"target": "scoping-and-building/planning", "note": "Why not"})
    assert "does not loop back" in html(response)
    assert reload(partnership_a).stage == "managing-and-maintaining"


# --- Who may do what --------------------------------------------------------------------

def _posts(partnership, review):
    return [
        (url("qualify", partnership), dict.fromkeys(
            ("pattern_procurement", "pattern_one-way-accountability"), "no")),
        (url("gate_tick", partnership), {"item": "due-diligence", "evidence": "Mine"}),
        (url("gate_untick", partnership), {"item": "due-diligence"}),
        (url("stage_move", partnership), {"target": "scoping-and-building/identifying"}),
        (url("review_new", partnership), {"held_on": "2026-06-30"}),
        (url("review_detail", partnership, review_pk=review.pk), {}),
    ]


def _state(partnership):
    p = reload(partnership)
    return (p.stage, p.phase, p.version, p.is_partnership, GateTick.objects.count(),
            StageChange.objects.count(), Review.objects.count(),
            QualificationCheck.objects.count())


@pytest.fixture
def reviewed(partnership_a, personas):
    cycle.gate_tick(partnership=partnership_a, by=personas["staff"],
                       item="due-diligence", evidence="Checked by staff")
    party = partnership_a.parties.first()
    return cycle.review_record(
        partnership=partnership_a, by=personas["staff"],
        data={"held_on": datetime.date(2026, 6, 30), "objectives_met": "fully",
              "principle_ratings": {"equity": 4, "transparency": 3, "mutual-learning": 5},
              "recommendation": "continue"},
        values=[{"party": party, "expected": "E", "received": "R", "rating": 4}],
        answers=NO_PATTERN)


@pytest.mark.parametrize("persona", ["partner_a", "partner_admin_a", "viewer"])
def test_readers_see_the_cycle_but_every_post_is_refused(personas, partnership_a, reviewed,
                                                         persona):
    client = client_for(personas[persona])
    for page_url in (url("detail", partnership_a), url("cycle", partnership_a)):
        response = client.get(page_url)
        assert response.status_code == 200
        page = html(response)
        assert 'id="cycle"' in page and "Scoping and building" in page
        assert "Checked by staff" in page  # the tick and its evidence
        assert "/gate/tick/" not in page and "/stage/" not in page  # no forms
    qualify = client.get(url("qualify", partnership_a))
    assert qualify.status_code == 200 and "<form method=\"post\" novalidate" not in html(qualify)
    assert client.get(url("review_detail", partnership_a, review_pk=reviewed.pk)).status_code == 200
    assert client.get(url("review_new", partnership_a)).status_code == 403

    before = _state(partnership_a)
    for post_url, data in _posts(partnership_a, reviewed):
        assert client.post(post_url, data).status_code in (403, 405), post_url
        assert client.post(post_url, data).status_code != 200
    assert _state(partnership_a) == before


def test_partner_of_another_organisation_gets_not_found(personas, partnership_a, reviewed):
    client = client_for(personas["partner_b"])
    for name in ("cycle", "qualify", "review_new"):
        assert client.get(url(name, partnership_a)).status_code == 404
    assert client.get(url("review_detail", partnership_a, review_pk=reviewed.pk)).status_code == 404
    before = _state(partnership_a)
    for post_url, data in _posts(partnership_a, reviewed):
        assert client.post(post_url, data).status_code in (404, 405), post_url
    assert _state(partnership_a) == before


def test_a_review_of_another_partnership_is_not_found_under_this_one(
    personas, partnership_a, reviewed, org_a
):
    other = PartnershipFactory(title="Other", parties=[in_role(org_a, "lead"),
                                                       OrganisationFactory()])
    response = client_for(personas["staff"]).get(url("review_detail", other,
                                                     review_pk=reviewed.pk))
    assert response.status_code == 404


# --- Reviews ----------------------------------------------------------------------------

def _review_post(partnership, **overrides):
    parties = list(partnership.parties.all())
    data = {
        "held_on": "2026-06-30", "objectives_met": "partly", "objectives_notes": "Halfway",
        "contributions_delivered": "Mostly", "governance_working": "Monthly meetings",
        "membership_change": "", "recommendation": "revise", "revise_agreement": "on",
        "principle_equity": "4", "principle_transparency": "2", "principle_mutual-learning": "5",
        "q-pattern_procurement": "no", "q-pattern_one-way-accountability": "no",
        "value-TOTAL_FORMS": str(len(parties)), "value-INITIAL_FORMS": str(len(parties)),
        "value-MIN_NUM_FORMS": "0", "value-MAX_NUM_FORMS": "200",
    }
    for i, party in enumerate(parties):
        data.update({f"value-{i}-party": party.pk, f"value-{i}-expected": f"Expected {i}",
                     f"value-{i}-received": f"Received {i}", f"value-{i}-rating": str(3 + i)})
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_review_form_asks_for_every_principle_and_every_party(personas, partnership_a):
    client = client_for(personas["staff"])
    page = html(client.get(url("review_new", partnership_a)))
    for name, text in (("Equity", "Each partner has an equal voice"),
                       ("Transparency", "Partners share the information"),
                       ("Mutual learning", "Both sides learn from each other")):
        assert f"<legend>{name} *</legend>" in page and text in page
    for party in partnership_a.parties.select_related("organisation"):
        assert party.organisation.name.replace("'", "&#x27;") in page
    assert "Is the relationship in essence a purchase of goods or services?" in page

    response = client.post(url("review_new", partnership_a),
                           _review_post(partnership_a, **{"principle_transparency": None}))
    assert response.status_code == 200
    errors = html(response).split('id="id_principle_transparency_group"')[1].split("</fieldset>")[0]
    assert "Rate this principle from 1 to 5." in errors
    response = client.post(url("review_new", partnership_a),
                           _review_post(partnership_a, **{"value-1-rating": None}))
    assert "Rate the value to this party from 1 to 5." in html(response)
    response = client.post(url("review_new", partnership_a),
                           _review_post(partnership_a, **{"principle_equity": "6"}))
    assert response.status_code == 200
    assert not Review.objects.exists()


def test_revise_the_agreement_no_with_the_recommendation_to_revise_is_refused(
    personas, partnership_a
):
    client = client_for(personas["staff"])
    response = client.post(url("review_new", partnership_a),
                           _review_post(partnership_a, revise_agreement=None))
    assert response.status_code == 200
    errors = html(response).split('id="id_revise_agreement_errors"')[1].split("</ul>")[0]
    assert "The recommendation is to revise the agreement: say so here too" in errors
    assert not Review.objects.exists() and not QualificationCheck.objects.exists()
    # Either answer fits the other recommendations.
    response = client.post(url("review_new", partnership_a), _review_post(
        partnership_a, revise_agreement=None, recommendation="continue"))
    assert response.status_code == 302 and not Review.objects.get().revise_agreement


def test_the_service_refuses_the_contradiction_too(personas, partnership_a):
    with pytest.raises(ValidationError) as refused:
        cycle.review_record(
            partnership=partnership_a, by=personas["staff"],
            data={"held_on": datetime.date(2026, 6, 30), "objectives_met": "partly",
                  "principle_ratings": {"equity": 4, "transparency": 3, "mutual-learning": 5},
                  "recommendation": "revise", "revise_agreement": False},
            values=[], answers=NO_PATTERN)
    assert "revise_agreement" in refused.value.message_dict
    assert not Review.objects.exists() and not QualificationCheck.objects.exists()


def test_a_parties_list_that_changed_is_caught(personas, partnership_a):
    data = _review_post(partnership_a)
    records.party_add(partnership=partnership_a, by=personas["staff"], data={
        "organisation": OrganisationFactory(name="Late donor"), "role": "funding"})
    response = client_for(personas["staff"]).post(url("review_new", partnership_a), data)
    assert "The parties changed" in html(response)
    assert not Review.objects.exists()


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_a_recorded_review_is_shown_and_suggests_the_next_step(personas, partnership_a):
    staff = personas["staff"]
    partnership = walk_to_reviewing(partnership_a, staff)
    client = client_for(staff)
    response = client.post(url("review_new", partnership), _review_post(partnership))
    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == url("review_detail", partnership, review_pk=review.pk)
    assert review.principle_ratings == {"equity": 4, "transparency": 2, "mutual-learning": 5}
    assert sorted(review.values.values_list("rating", flat=True)) == [3, 4]
    assert review.qualification.occasion == "review" and review.revise_agreement
    assert reload(partnership).next_review_on == datetime.date(2026, 12, 27)

    page = html(client.get(response.url))
    assert "Review of" in page and "Halfway" in page and "Monthly meetings" in page
    assert "2/5" in page and "Transparency" in page
    suggestion = page.split('id="next-step"')[1].split("</section>")[0]
    assert "Scoping and building, Managing and maintaining" in suggestion  # revise: loop back
    assert 'value="scoping-and-building/scoping" selected' in suggestion

    panel = html(client.get(url("detail", partnership))).split('id="cycle"')[1]
    assert url("review_detail", partnership, review_pk=review.pk) in panel
    assert "27 December 2026" in panel or "Dec. 27, 2026" in panel


@pytest.mark.parametrize(
    ("recommendation", "selected"),
    [
        ("continue", None),  # stay, or advance by choice: nothing preselected
        ("sustain", "sustaining-outcomes/institutionalising"),
        ("end", "sustaining-outcomes/sustaining-or-terminating"),
    ],
)
@pytest.mark.usefixtures("without_the_reporting_fact")
def test_each_recommendation_suggests_its_move(personas, partnership_a, recommendation,
                                               selected):
    staff = personas["staff"]
    partnership = walk_to_reviewing(partnership_a, staff)
    client = client_for(staff)
    client.post(url("review_new", partnership),
                _review_post(partnership, recommendation=recommendation))
    review = Review.objects.get()
    suggestion = html(client.get(url("review_detail", partnership, review_pk=review.pk))).split(
        'id="next-step"')[1].split("</section>")[0]
    if selected:
        assert f'value="{selected}" selected' in suggestion
    else:
        assert "stay in this stage" in suggestion
        assert suggestion.count(" selected") == 1 and 'value="" selected' in suggestion


@pytest.mark.usefixtures("without_the_reporting_fact")
def test_the_cycle_page_does_not_query_more_for_a_longer_history(
    personas, partnership_a, django_assert_max_num_queries
):
    client = client_for(personas["staff"])
    # session, user; the partnership (+ thematic areas, impact groups, provinces, parties,
    # contributions); the live policy and its parts; gate ticks, the current agreement
    # (the gate's fact "agreement-signed"), reviews, stage changes.
    with django_assert_max_num_queries(14):
        assert client.get(url("cycle", partnership_a)).status_code == 200
    partnership = walk_to_reviewing(partnership_a, personas["staff"])
    for note in ("Back to planning", "Again"):
        cycle.stage_move(partnership=partnership, by=personas["staff"],
                            to_stage="scoping-and-building", to_phase="planning", note=note)
        partnership = walk_to_reviewing(partnership, personas["staff"])
    with django_assert_max_num_queries(14):
        assert client.get(url("cycle", partnership)).status_code == 200


def test_with_htmx_a_move_reloads_the_whole_page(personas, partnership_a):
    response = client_for(personas["staff"]).post(
        url("stage_move", partnership_a), {"target": "scoping-and-building/building"},
        headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"] == url("detail", partnership_a) + "#cycle"
    assert reload(partnership_a).phase == "building"

