"""Partnerships through the REST API (/api/v1/partnerships/, contributions/, comments/).

Every test checks an answer that would change if the behaviour broke: the status code, the
exact rows or keys in the body, and the database afterwards.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from hamwe.conftest import SECRET_CONTRIBUTION, SECRET_PARTNERSHIP
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import Comment, Contribution, Partnership, Party
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import PartnershipFactory, agreement, in_role

PARTNERSHIPS = "/api/v1/partnerships/"
CONTRIBUTIONS = "/api/v1/contributions/"
COMMENTS = "/api/v1/comments/"
NO_PATTERN = {"procurement": False, "one-way-accountability": False}
GATE = "The gate of this stage is not complete"

pytestmark = pytest.mark.django_db


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(partnership, action=""):
    return f"{PARTNERSHIPS}{partnership.pk}/" + (f"{action}/" if action else "")


def ids(response):
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def party_a(partnership_a, org_a):
    return partnership_a.parties.get(organisation=org_a)


@pytest.fixture
def third_party(partnership_a, org_a):
    return partnership_a.parties.exclude(organisation=org_a).get()


@pytest.fixture
def contribution_a(party_a):
    return party_a.contributions.get()


def state(partnership):
    """What an outsider's request must never change."""
    partnership.refresh_from_db()
    return (
        partnership.title, partnership.version, partnership.stage, partnership.phase,
        partnership.is_partnership,
        tuple(Contribution.objects.filter(party__partnership=partnership)
              .order_by("pk").values_list("pk", "description", "version")),
        partnership.comments.count(), partnership.checks.count(),
        partnership.stage_changes.count(),
    )


# --- who sees what ----------------------------------------------------------------------------


def test_partner_b_gets_404_on_a_partnership_and_every_action(personas, partnership_a):
    client = api(personas["partner_b"])
    before = state(partnership_a)

    for path in (url(partnership_a), url(partnership_a, "history"),
                 url(partnership_a, "qualify")):
        response = client.get(path)
        assert response.status_code == 404, path
        assert SECRET_PARTNERSHIP not in response.content.decode()
    assert client.patch(url(partnership_a), {"title": "Hijacked", "version": 1}).status_code == 404
    assert client.put(
        url(partnership_a), {"title": "Hijacked", "kind": "strategic", "version": 1}
    ).status_code == 404
    assert client.post(
        url(partnership_a, "qualify"), {"answers": NO_PATTERN}, format="json"
    ).status_code == 404
    assert client.post(
        url(partnership_a, "move"), {"to_stage": "managing-and-maintaining"}
    ).status_code == 404
    assert state(partnership_a) == before


def test_partner_b_never_lists_a_partnership_its_contributions_or_comments(
    personas, partnership_a, contribution_a, org_b
):
    records.comment_add(partnership=partnership_a, by=personas["partner_a"], text="Hello")
    own = PartnershipFactory(title="Radio for youth", kind="operational",
                             parties=[org_b, in_role(OrganisationFactory(), "funding")])
    client = api(personas["partner_b"])

    listed = client.get(PARTNERSHIPS)
    assert ids(listed) == [own.pk]
    assert SECRET_PARTNERSHIP not in listed.content.decode()
    # Searching for it, or filtering its contributions and comments, finds nothing either.
    assert ids(client.get(PARTNERSHIPS, {"q": "savings"})) == []
    contributions = client.get(CONTRIBUTIONS, {"partnership": partnership_a.pk})
    assert ids(contributions) == []
    assert SECRET_CONTRIBUTION not in client.get(CONTRIBUTIONS).content.decode()
    assert client.get(f"{CONTRIBUTIONS}{contribution_a.pk}/").status_code == 404
    assert ids(client.get(COMMENTS, {"partnership": partnership_a.pk})) == []
    assert ids(client.get(COMMENTS)) == []


def test_partner_b_cannot_write_into_a_partnership(personas, partnership_a, party_a,
                                                    contribution_a):
    client = api(personas["partner_b"])
    before = state(partnership_a)

    # A's party and partnership are unknown to B: the same answer as for ids that do not exist.
    added = client.post(CONTRIBUTIONS, {"party": party_a.pk, "kind": "money", "description": "x"})
    assert added.status_code == 400
    assert "party" in added.json()
    commented = client.post(COMMENTS, {"partnership": partnership_a.pk, "text": "Hi"})
    assert commented.status_code == 400
    assert "partnership" in commented.json()
    path = f"{CONTRIBUTIONS}{contribution_a.pk}/"
    assert client.patch(path, {"description": "Defaced", "version": 1}).status_code == 404
    assert client.delete(path).status_code == 404
    assert state(partnership_a) == before


def test_partner_a_sees_its_partnership_with_parties_and_contributions(
    personas, partnership_a, org_a, party_a, third_party
):
    client = api(personas["partner_a"])

    assert ids(client.get(PARTNERSHIPS)) == [partnership_a.pk]
    response = client.get(url(partnership_a))
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == partnership_a.title
    assert (data["stage"], data["phase"]) == ("scoping-and-building", "scoping")
    assert data["is_partnership"] is None and data["relationship_label"] == ""
    assert data["next_review_on"] is None and data["version"] == 1
    parties = {p["id"]: p for p in data["parties"]}
    assert set(parties) == {party_a.pk, third_party.pk}
    assert parties[party_a.pk]["organisation"] == org_a.pk
    assert parties[party_a.pk]["organisation_name"] == org_a.name
    assert [c["description"] for c in parties[party_a.pk]["contributions"]] == [
        f"Two facilitators ({SECRET_CONTRIBUTION})"
    ]
    assert parties[third_party.pk]["contributions"] == []


@pytest.mark.parametrize(("persona", "status"), [("anonymous", 401), ("no_role", 403)])
def test_no_access_without_a_role(personas, partnership_a, contribution_a, persona, status):
    client = api(personas[persona])
    for path in (PARTNERSHIPS, url(partnership_a), url(partnership_a, "history"),
                 url(partnership_a, "qualify"), CONTRIBUTIONS,
                 f"{CONTRIBUTIONS}{contribution_a.pk}/", COMMENTS):
        response = client.get(path)
        assert response.status_code == status, path
        assert SECRET_PARTNERSHIP not in response.content.decode()


def test_unknown_partnership_is_404(personas, live_policy):
    client = api(personas["staff"])
    assert client.get(f"{PARTNERSHIPS}999999/").status_code == 404
    assert client.get(f"{PARTNERSHIPS}999999/history/").status_code == 404


# --- list filters -------------------------------------------------------------------------------


def test_list_filters_are_the_pages_filters(personas, partnership_a, org_b):
    radio = PartnershipFactory(title="Radio for youth", kind="operational",
                               parties=[org_b, in_role(OrganisationFactory(), "funding")])
    client = api(personas["staff"])

    assert ids(client.get(PARTNERSHIPS)) == [radio.pk, partnership_a.pk]  # by title
    assert ids(client.get(PARTNERSHIPS, {"kind": "operational"})) == [radio.pk]
    assert ids(client.get(PARTNERSHIPS, {"sector": "media"})) == [radio.pk]
    assert ids(client.get(PARTNERSHIPS, {"q": "alpha women"})) == [partnership_a.pk]
    assert ids(client.get(PARTNERSHIPS, {"stage": "scoping-and-building"})) == [
        radio.pk, partnership_a.pk]
    # A kind the policy does not have is a client error, not an unfiltered list.
    bad = client.get(PARTNERSHIPS, {"kind": "franchise"})
    assert bad.status_code == 400
    assert "kind" in bad.json()


# --- contributions ---------------------------------------------------------------------------


def test_partner_a_adds_a_contribution_to_its_own_party_only(personas, party_a, third_party):
    client = api(personas["partner_a"])

    own = client.post(CONTRIBUTIONS, {"party": party_a.pk, "kind": "money",
                                      "description": "Savings ledgers", "estimated_value": "120"})
    assert own.status_code == 201, own.content
    created = Contribution.objects.get(pk=own.json()["id"])
    assert (created.party, created.description, created.version) == (
        party_a, "Savings ledgers", 1)
    assert created.history.get().history_user == personas["partner_a"]

    # The third party is visible to A, but its contributions are the third party's to keep.
    # Refused before validation: an incomplete payload gets 403 too.
    other = client.post(CONTRIBUTIONS, {"party": third_party.pk, "kind": "money",
                                        "description": "Not ours"})
    assert other.status_code == 403
    assert client.post(CONTRIBUTIONS, {"party": third_party.pk}).status_code == 403
    assert not third_party.contributions.exists()


def test_partner_a_keeps_its_contribution_with_the_version(personas, contribution_a):
    client = api(personas["partner_a"])
    path = f"{CONTRIBUTIONS}{contribution_a.pk}/"

    missing = client.patch(path, {"description": "Three facilitators"})
    assert missing.status_code == 400
    assert "version" in missing.json()
    done = client.patch(path, {"description": "Three facilitators", "version": 1})
    assert done.status_code == 200, done.content
    assert done.json()["version"] == 2
    stale = client.patch(path, {"description": "Four facilitators", "version": 1})
    assert stale.status_code == 409
    contribution_a.refresh_from_db()
    assert (contribution_a.description, contribution_a.version) == ("Three facilitators", 2)

    assert client.delete(path).status_code == 204
    assert not Contribution.objects.filter(pk=contribution_a.pk).exists()


def test_a_contribution_cannot_move_to_another_party(personas, contribution_a, third_party):
    response = api(personas["staff"]).patch(
        f"{CONTRIBUTIONS}{contribution_a.pk}/", {"party": third_party.pk, "version": 1}
    )
    assert response.status_code == 400
    assert "party" in response.json()
    contribution_a.refresh_from_db()
    assert contribution_a.party_id != third_party.pk


def test_partner_a_may_not_change_the_third_party_contribution(personas, third_party):
    theirs = records.contribution_add(party=third_party, by=personas["staff"],
                                       data={"kind": "expertise", "description": "Research"})
    client = api(personas["partner_a"])
    path = f"{CONTRIBUTIONS}{theirs.pk}/"

    assert client.get(path).status_code == 200  # A reads the whole partnership
    assert client.patch(path, {"description": "Ours now", "version": 1}).status_code == 403
    assert client.delete(path).status_code == 403
    theirs.refresh_from_db()
    assert (theirs.description, theirs.version) == ("Research", 1)


def test_viewer_reads_contributions_but_cannot_write_them(personas, party_a, contribution_a):
    client = api(personas["viewer"])
    assert ids(client.get(CONTRIBUTIONS, {"partnership": party_a.partnership_id})) == [
        contribution_a.pk]
    assert client.post(CONTRIBUTIONS, {"party": party_a.pk, "kind": "money",
                                       "description": "x"}).status_code == 403
    path = f"{CONTRIBUTIONS}{contribution_a.pk}/"
    assert client.patch(path, {"description": "x", "version": 1}).status_code == 403
    assert client.delete(path).status_code == 403
    assert party_a.contributions.count() == 1


# --- the record: create and update ------------------------------------------------------------


def test_staff_creates_a_partnership_with_two_parties(personas, live_policy, org_a, org_b):
    response = api(personas["staff"]).post(PARTNERSHIPS, {
        "title": "Savings and radio", "kind": "strategic", "shared_vision": "Together",
        "parties": [{"organisation": org_a.pk, "role": "implementing"},
                    {"organisation": org_b.pk, "role": "advocacy", "own_objectives": "Reach"}],
    }, format="json")

    assert response.status_code == 201, response.content
    data = response.json()
    partnership = Partnership.objects.get(pk=data["id"])
    assert (partnership.title, partnership.stage, partnership.phase, partnership.version) == (
        "Savings and radio", "scoping-and-building", "scoping", 1)
    assert sorted(partnership.parties.values_list("organisation", "role")) == sorted(
        [(org_a.pk, "implementing"), (org_b.pk, "advocacy")])
    assert {p["organisation"] for p in data["parties"]} == {org_a.pk, org_b.pk}
    assert data["stage"] == "scoping-and-building"
    assert partnership.stage_changes.count() == 1
    assert partnership.history.get().history_user == personas["staff"]


@pytest.mark.parametrize(
    ("parties", "message"),
    [
        ([("a", "lead")], "at least two different parties"),
        ([("a", "lead"), ("a", "funding")], "only once"),
        ([], "at least two different parties"),
    ],
)
def test_a_partnership_needs_two_different_parties(personas, live_policy, org_a, parties,
                                                   message):
    payload = {"title": "Alone", "kind": "strategic",
               "parties": [{"organisation": org_a.pk, "role": role} for _org, role in parties]}
    response = api(personas["staff"]).post(PARTNERSHIPS, payload, format="json")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Partnership.objects.filter(title="Alone").exists()
    assert not Party.objects.exists()


def test_the_kind_must_be_the_policy_s(personas, live_policy, org_a, org_b):
    response = api(personas["staff"]).post(PARTNERSHIPS, {
        "title": "X", "kind": "franchise",
        "parties": [{"organisation": org_a.pk, "role": "lead"},
                    {"organisation": org_b.pk, "role": "funding"}],
    }, format="json")
    assert response.status_code == 400
    assert "kind" in response.json()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize("persona", ["viewer", "partner_a", "partner_admin_a", "partner_b"])
def test_only_home_admins_and_staff_create_partnerships(personas, live_policy, org_a, org_b,
                                                        persona):
    client = api(personas[persona])
    valid = {"title": "Ours", "kind": "strategic",
             "parties": [{"organisation": org_a.pk, "role": "lead"},
                         {"organisation": org_b.pk, "role": "funding"}]}
    assert client.post(PARTNERSHIPS, valid, format="json").status_code == 403
    assert client.post(PARTNERSHIPS, {"kind": "bogus"}, format="json").status_code == 403
    assert not Partnership.objects.exists()


def test_partner_a_cannot_change_its_partnership_record(personas, partnership_a):
    client = api(personas["partner_a"])
    before = state(partnership_a)
    assert client.patch(url(partnership_a), {"title": "Ours", "version": 1}).status_code == 403
    # Refused before validation: a bad payload says nothing either.
    assert client.patch(url(partnership_a), {"kind": "bogus"}).status_code == 403
    assert state(partnership_a) == before


def test_update_needs_the_version_and_refuses_a_stale_one(personas, partnership_a):
    staff, admin = api(personas["staff"]), api(personas["admin"])

    missing = staff.patch(url(partnership_a), {"programme": "Savings"})
    assert missing.status_code == 400
    assert "version" in missing.json()

    done = staff.patch(url(partnership_a), {"programme": "Savings", "version": 1})
    assert done.status_code == 200, done.content
    assert (done.json()["programme"], done.json()["version"]) == ("Savings", 2)
    assert len(done.json()["parties"]) == 2  # the detail, as a GET would give it

    # Both read version 1; staff saved first.
    late = admin.patch(url(partnership_a), {"programme": "Radio", "version": 1})
    assert late.status_code == 409
    assert "detail" in late.json()
    partnership_a.refresh_from_db()
    assert (partnership_a.programme, partnership_a.version) == ("Savings", 2)


def test_update_checks_the_kind_against_the_policy(personas, partnership_a):
    response = api(personas["staff"]).patch(url(partnership_a),
                                            {"kind": "franchise", "version": 1})
    assert response.status_code == 400
    assert "kind" in response.json()
    partnership_a.refresh_from_db()
    assert (partnership_a.kind, partnership_a.version) == ("strategic", 1)


# --- the cycle: qualification, moves, history ------------------------------------------------


def test_qualify_gives_the_questions_of_the_policy(personas, partnership_a):
    response = api(personas["partner_a"]).get(url(partnership_a, "qualify"))
    assert response.status_code == 200
    questions = response.json()["questions"]
    assert [q["key"] for q in questions] == ["procurement", "one-way-accountability"]
    assert questions[0]["label"] == "Procurement"
    assert questions[0]["question"].startswith("Is the relationship in essence a purchase")


def test_qualify_says_not_a_partnership_and_names_the_pattern(personas, partnership_a):
    response = api(personas["staff"]).post(
        url(partnership_a, "qualify"), {"answers": {**NO_PATTERN, "procurement": True}},
        format="json",
    )

    assert response.status_code == 201, response.content
    data = response.json()
    assert data["is_partnership"] is False
    assert data["verdict"] == "Not a partnership: Procurement."
    assert [(p["key"], p["label"]) for p in data["patterns_found"]] == [
        ("procurement", "Procurement")]
    assert data["patterns_found"][0]["remedy"].startswith("Procure it as such")
    assert data["relationship_label"] == "Procurement"
    partnership_a.refresh_from_db()
    assert (partnership_a.is_partnership, partnership_a.relationship_label) == (
        False, "Procurement")
    assert partnership_a.checks.get().by == personas["staff"]


def test_qualify_with_no_pattern_is_a_partnership(personas, partnership_a):
    response = api(personas["admin"]).post(url(partnership_a, "qualify"),
                                           {"answers": NO_PATTERN}, format="json")
    assert response.status_code == 201
    assert (response.json()["is_partnership"], response.json()["patterns_found"]) == (True, [])


def test_qualify_needs_every_answer(personas, partnership_a):
    response = api(personas["staff"]).post(
        url(partnership_a, "qualify"), {"answers": {"procurement": False}}, format="json")
    assert response.status_code == 400
    assert "one-way-accountability" in response.content.decode()
    assert not partnership_a.checks.exists()


@pytest.mark.parametrize("persona", ["viewer", "partner_a"])
def test_only_home_admins_and_staff_run_the_check(personas, partnership_a, persona):
    response = api(personas[persona]).post(url(partnership_a, "qualify"),
                                           {"answers": NO_PATTERN}, format="json")
    assert response.status_code == 403
    assert not partnership_a.checks.exists()


def test_move_is_refused_while_the_gate_is_open_then_allowed(personas, partnership_a):
    client = api(personas["staff"])
    next_stage = {"to_stage": "managing-and-maintaining"}

    refused = client.post(url(partnership_a, "move"), next_stage)
    assert refused.status_code == 400
    reason = refused.content.decode()
    assert GATE in reason
    assert "The partnership agreement is signed by every partner; " in reason
    partnership_a.refresh_from_db()
    assert partnership_a.stage == "scoping-and-building"

    agreement(partnership_a)  # every party signs: the record ticks the first item
    still = client.post(url(partnership_a, "move"), next_stage)
    assert still.status_code == 400
    assert "agreement is signed" not in still.content.decode()  # only what is still open
    assert "The expectations on the partner are checked with evidence" in (
        still.content.decode())

    cycle.gate_tick(partnership=partnership_a, by=personas["staff"],
                       item="due-diligence", evidence="Due diligence report")
    moved = client.post(url(partnership_a, "move"), {**next_stage, "note": "All set"})
    assert moved.status_code == 200, moved.content
    assert (moved.json()["stage"], moved.json()["phase"]) == (
        "managing-and-maintaining", "managing")
    assert moved.json()["status"] == "active"
    partnership_a.refresh_from_db()
    assert (partnership_a.stage, partnership_a.version) == ("managing-and-maintaining", 2)


def test_move_to_an_unknown_stage_is_400(personas, partnership_a):
    response = api(personas["staff"]).post(url(partnership_a, "move"), {"to_stage": "nowhere"})
    assert response.status_code == 400
    assert "to_stage" in response.json()


@pytest.mark.parametrize("persona", ["viewer", "partner_a", "partner_admin_a"])
def test_only_home_admins_and_staff_move_a_partnership(personas, partnership_a, persona):
    response = api(personas[persona]).post(url(partnership_a, "move"),
                                           {"to_stage": "scoping-and-building",
                                            "to_phase": "building"})
    assert response.status_code == 403
    partnership_a.refresh_from_db()
    assert partnership_a.phase == "scoping"


def test_history_lists_stage_changes_and_gate_ticks(personas, partnership_a):
    staff = personas["staff"]  # recording the partnership was its first stage change
    cycle.stage_move(partnership=partnership_a, by=staff, to_stage="scoping-and-building",
                        to_phase="identifying", note="Partners found")
    cycle.gate_tick(partnership=partnership_a, by=staff, item="due-diligence",
                       evidence="Report")

    response = api(personas["partner_a"]).get(url(partnership_a, "history"))

    assert response.status_code == 200
    data = response.json()
    assert [(c["from_stage"], c["to_stage"], c["to_phase"], c["note"])
            for c in data["stage_changes"]] == [
        ("", "scoping-and-building", "scoping", "Recorded."),
        ("scoping-and-building", "scoping-and-building", "identifying", "Partners found"),
    ]
    assert all(c["at"] for c in data["stage_changes"])
    assert [(t["stage"], t["item"], t["evidence"]) for t in data["gate_ticks"]] == [
        ("scoping-and-building", "due-diligence", "Report")]


# --- comments ----------------------------------------------------------------------------------


def test_partner_a_comments_and_everyone_who_reads_sees_it(personas, partnership_a, org_a):
    posted = api(personas["partner_a"]).post(
        COMMENTS, {"partnership": partnership_a.pk, "text": "  Ledgers are ready  "})
    assert posted.status_code == 201, posted.content
    comment = Comment.objects.get(pk=posted.json()["id"])
    assert (comment.text, comment.author, comment.organisation) == (
        "Ledgers are ready", personas["partner_a"], org_a)
    assert posted.json()["organisation_name"] == org_a.name

    listed = api(personas["viewer"]).get(COMMENTS, {"partnership": partnership_a.pk})
    assert ids(listed) == [comment.pk]
    assert listed.json()["results"][0]["text"] == "Ledgers are ready"


def test_viewer_may_not_comment(personas, partnership_a):
    client = api(personas["viewer"])
    assert client.post(COMMENTS, {"partnership": partnership_a.pk, "text": "Hi"}).status_code == 403
    # Refused before validation.
    assert client.post(COMMENTS, {}).status_code == 403
    assert not Comment.objects.exists()


def test_blank_comment_is_400(personas, partnership_a):
    response = api(personas["staff"]).post(COMMENTS, {"partnership": partnership_a.pk,
                                                      "text": "   "})
    assert response.status_code == 400
    assert "text" in response.json()
    assert not Comment.objects.exists()


# --- query counts -------------------------------------------------------------------------------


def _make_partnerships(count, by, organisations, start=0):
    """Three parties each; organisation A is party to every other one."""
    for i in range(start, start + count):
        PartnershipFactory(
            by=by, title=f"Partnership {i:03d}", kind="operational",
            parties=[*organisations[i % 2:i % 2 + 2], in_role(organisations[-1], "funding")])


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(PARTNERSHIPS)
    assert response.status_code == 200
    return len(captured), response.json()


@pytest.mark.parametrize("persona", ["staff", "partner_a"])
def test_list_queries_are_bounded_and_do_not_grow_with_rows(
    personas, live_policy, org_a, org_b, persona, django_assert_max_num_queries
):
    organisations = [org_a, org_b, OrganisationFactory(), OrganisationFactory()]
    client = api(personas[persona])  # forced authentication: no session or user query

    _make_partnerships(5, personas["staff"], organisations)
    few, body = _count_list_queries(client)
    assert body["count"] == (5 if persona == "staff" else 3)
    assert all(len(row["parties"]) == 3 for row in body["results"])

    _make_partnerships(25, personas["staff"], organisations, start=5)  # 30 partnerships
    # The list is, whatever the number of rows on the page:
    #   1. SELECT COUNT(*) of the partnerships the user may see, filtered (the paginator)
    #   2. SELECT the page of partnerships (a partner's scope is a subquery, not a query)
    #   3. prefetch the page's parties, their organisations joined (one query for the page)
    with django_assert_max_num_queries(3):
        response = client.get(PARTNERSHIPS)
    assert response.status_code == 200
    assert response.json()["count"] == (30 if persona == "staff" else 15)
    assert all(len(row["parties"]) == 3 for row in response.json()["results"])

    many, _ = _count_list_queries(client)
    assert many == few  # 5 or 30 partnerships: the same queries


def test_detail_queries_are_bounded(personas, partnership_a, django_assert_max_num_queries):
    client = api(personas["partner_a"])
    # 1. the partnership, within the user's scope
    # 2-4. prefetch thematic areas, impact groups, provinces
    # 5. prefetch parties, their organisations joined
    # 6. prefetch the parties' contributions
    with django_assert_max_num_queries(6):
        response = client.get(url(partnership_a))
    assert response.status_code == 200
