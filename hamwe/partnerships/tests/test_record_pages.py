"""The partnership record pages: the list and its filters, one partnership on one screen,
the forms, and who may do what there."""

import pytest

from hamwe.conftest import client_for
from hamwe.partners.models import Province, ThematicArea
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.cycle import services as cycle
from hamwe.partnerships.models import Comment, Partnership, Party
from hamwe.partnerships.records import services as records
from hamwe.partnerships.tests.factories import PartnershipFactory, in_role
from hamwe.policy.models import Policy


@pytest.fixture
def home(db):
    return OrganisationFactory(name="Home NGO", acronym="HOME", sector="ingo", is_home=True)


@pytest.fixture
def party_a(partnership_a, org_a):
    return partnership_a.parties.get(organisation=org_a)


@pytest.fixture
def other_party(partnership_a, org_a):
    return partnership_a.parties.exclude(organisation=org_a).get()


def _titles(response):
    return [p.title for p in response.context["page"].object_list]


def _chips(response, name):
    return {chip["label"]: chip["count"] for chip in response.context[name]}


# --- The list ------------------------------------------------------------------------


def test_filters_narrow_the_list(personas, live_policy, org_a, org_b, home):
    ngozi = Province.objects.get(code="BI-NG")
    water = ThematicArea.objects.create(name="Water")
    radio = PartnershipFactory(parties=[org_a, org_b], title="Radio for savers",
                               kind="operational", at=("managing-and-maintaining", "managing"))
    radio.provinces.add(ngozi)
    radio.thematic_areas.add(water)
    with_home = PartnershipFactory(title="With the home NGO",
                                   parties=[in_role(org_a, "lead"), in_role(home, "technical")])
    other = PartnershipFactory(title="Others only", programme="Clean wells")
    client = client_for(personas["staff"])

    assert set(_titles(client.get("/partnerships/"))) == {radio.title, with_home.title,
                                                          other.title}
    assert _titles(client.get("/partnerships/", {"q": "savers"})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"q": "wells"})) == [other.title]  # programme
    assert _titles(client.get("/partnerships/", {"q": "beta youth"})) == [radio.title]  # party
    assert _titles(client.get("/partnerships/", {"kind": "operational"})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"stage": "managing-and-maintaining"})) == [
        radio.title]
    assert _titles(client.get("/partnerships/", {"sector": "media"})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"thematic_area": water.pk})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"province": ngozi.pk})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"status": "active"})) == [radio.title]
    assert _titles(client.get("/partnerships/", {"includes_home": "true"})) == [with_home.title]
    assert set(_titles(client.get("/partnerships/", {"includes_home": "false"}))) == {
        radio.title, other.title}


def test_counts_by_kind_and_stage_follow_the_filters_and_link_to_them(
    personas, live_policy, org_a, org_b
):
    PartnershipFactory(parties=[org_a, org_b], kind="operational",
                       at=("managing-and-maintaining", "managing"))
    PartnershipFactory(parties=[org_a, org_b], kind="operational")
    PartnershipFactory(parties=[org_a, org_b], kind="strategic")
    client = client_for(personas["viewer"])

    response = client.get("/partnerships/")
    assert _chips(response, "kind_chips") == {
        "Strategic partnership": 1, "Operational partnership": 2}
    assert _chips(response, "stage_chips") == {
        "Scoping and building": 2, "Managing and maintaining": 1}
    html = response.content.decode()
    assert 'href="/partnerships/?kind=operational"' in html

    narrowed = client.get("/partnerships/", {"kind": "operational"})
    assert _chips(narrowed, "stage_chips") == {
        "Scoping and building": 1, "Managing and maintaining": 1}
    # The chip of the filter in force clears it; the others keep it.
    chips = {chip["label"]: chip for chip in narrowed.context["kind_chips"]}
    assert chips["Operational partnership"]["selected"]
    assert chips["Operational partnership"]["query"] == ""
    stage_chip = narrowed.context["stage_chips"][0]
    assert "kind=operational" in stage_chip["query"] and "stage=" in stage_chip["query"]


def test_each_row_names_kind_stage_phase_parties_and_flags_non_partnerships(
    personas, partnership_a
):
    cycle.qualification_run(partnership=partnership_a, by=personas["staff"],
                               answers={"procurement": True, "one-way-accountability": False})
    html = client_for(personas["staff"]).get("/partnerships/").content.decode()
    assert "Strategic partnership" in html  # the policy's name, not the key
    assert "Scoping and building" in html and "Scoping" in html
    assert "AWSN" in html and "Gamma Research Institute" in html
    assert "not a partnership: Procurement" in html


def test_pagination_and_the_htmx_partial(personas, live_policy, org_a, org_b):
    for _ in range(30):
        PartnershipFactory(parties=[org_a, org_b])
    client = client_for(personas["viewer"])
    first, second = client.get("/partnerships/"), client.get("/partnerships/", {"page": 2})
    assert first.context["total"] == 30
    assert len(_titles(first)) == 25 and len(_titles(second)) == 5
    assert not set(_titles(first)) & set(_titles(second))
    partial = client.get("/partnerships/", {"page": 2}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body and _titles(second)[0] in body


@pytest.mark.parametrize("rows", [5, 30])
def test_list_queries_do_not_grow_with_rows(
    personas, live_policy, org_a, org_b, rows, django_assert_max_num_queries
):
    area = ThematicArea.objects.create(name="Education")
    for _ in range(rows):
        partnership = PartnershipFactory(parties=[org_a, org_b, OrganisationFactory()])
        partnership.thematic_areas.add(area)
    client = client_for(personas["viewer"])
    # session, user; counts by kind, by stage; the page's count, the page of
    # partnerships, their parties with their organisations; the live policy row (its
    # composed pack is kept per process, keyed by the row's stamp; the filter's kind and
    # stage choices reuse it); thematic areas, provinces; the policy's parts, read once
    # when this process first composes the newly loaded pack.
    with django_assert_max_num_queries(11):
        response = client.get("/partnerships/")
    assert len(_titles(response)) == min(rows, 25)


def test_partner_users_list_only_their_organisations_partnerships(
    personas, partnership_a, org_b
):
    theirs = PartnershipFactory(parties=[org_b, OrganisationFactory()], title="B's own")
    assert _titles(client_for(personas["partner_a"]).get("/partnerships/")) == [
        partnership_a.title]
    assert _titles(client_for(personas["partner_b"]).get("/partnerships/")) == [theirs.title]


# --- One partnership -----------------------------------------------------------------


def test_detail_shows_the_whole_record(personas, partnership_a, party_a):
    records.contribution_add(party=party_a, by=personas["partner_a"], data={
        "kind": "money", "description": "Seed capital", "estimated_value": 1500000,
        "currency": "BIF"})
    cycle.qualification_run(partnership=partnership_a, by=personas["staff"],
                               answers={"procurement": False, "one-way-accountability": True})
    records.comment_add(partnership=partnership_a, by=personas["partner_a"],
                        text="Meeting on Monday")
    html = client_for(personas["partner_a"]).get(
        f"/partnerships/{partnership_a.pk}/").content.decode()
    assert "A long-term partnership on shared goals" in html  # the kind's description
    assert "Women save and invest together." in html
    assert "Grow our groups" in html and "Seed capital" in html
    assert "1,500,000 BIF" in html
    assert "Not a partnership, because:" in html
    assert "Only one party reports and is reviewed." in html  # the pattern's text
    assert "One-way accountability" in html  # and its label
    assert "Meeting on Monday" in html


def test_partner_of_b_gets_404_on_as_partnership(personas, partnership_a, party_a):
    client = client_for(personas["partner_b"])
    pk = partnership_a.pk
    contribution = party_a.contributions.get()
    for url in (f"/partnerships/{pk}/", f"/partnerships/{pk}/edit/",
                f"/partnerships/{pk}/parties/{party_a.pk}/edit/",
                f"/partnerships/{pk}/parties/{party_a.pk}/contributions/new/",
                f"/partnerships/{pk}/contributions/{contribution.pk}/edit/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/partnerships/{pk}/comments/", {"text": "hi"}).status_code == 404
    assert not Comment.objects.exists()


def test_partner_adds_contributions_to_its_own_party_only(
    personas, partnership_a, party_a, other_party
):
    client = client_for(personas["partner_a"])
    pk = partnership_a.pk
    payload = {"kind": "in_kind", "description": "Meeting room", "currency": "BIF"}

    own = client.post(f"/partnerships/{pk}/parties/{party_a.pk}/contributions/new/", payload)
    assert own.status_code == 302
    assert party_a.contributions.filter(description="Meeting room").exists()

    other = client.post(f"/partnerships/{pk}/parties/{other_party.pk}/contributions/new/",
                        payload)
    assert other.status_code == 403
    assert not other_party.contributions.exists()


def test_partner_cannot_edit_the_partnership_or_its_parties(
    personas, partnership_a, party_a, other_party
):
    client = client_for(personas["partner_a"])
    pk = partnership_a.pk
    assert client.get(f"/partnerships/{pk}/edit/").status_code == 403
    response = client.post(f"/partnerships/{pk}/edit/", {
        "title": "Taken over", "kind": "strategic", "status": "active", "version": 1})
    assert response.status_code == 403
    assert client.post(f"/partnerships/{pk}/parties/{other_party.pk}/remove/").status_code == 403
    assert client.get(f"/partnerships/{pk}/parties/new/").status_code == 403
    assert client.get("/partnerships/new/").status_code == 403
    partnership_a.refresh_from_db()
    assert partnership_a.title != "Taken over" and partnership_a.parties.count() == 2
    html = client.get(f"/partnerships/{pk}/").content.decode()
    assert f"/partnerships/{pk}/edit/" not in html
    assert f"/parties/{party_a.pk}/contributions/new/" in html
    assert f"/parties/{other_party.pk}/contributions/new/" not in html


def test_viewer_reads_but_changes_nothing(personas, partnership_a, party_a):
    client = client_for(personas["viewer"])
    pk = partnership_a.pk
    detail = client.get(f"/partnerships/{pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert f"/partnerships/{pk}/edit/" not in html
    assert "/contributions/" not in html  # neither to add nor to edit one
    assert f"/partnerships/{pk}/comments/" not in html  # no comment form
    for url, data in (
        (f"/partnerships/{pk}/edit/", {"title": "X", "kind": "strategic"}),
        (f"/partnerships/{pk}/parties/{party_a.pk}/contributions/new/",
         {"kind": "staff", "description": "X"}),
        (f"/partnerships/{pk}/comments/", {"text": "X"}),
        ("/partnerships/new/", {"title": "X"}),
    ):
        assert client.post(url, data).status_code == 403, url
    assert not Comment.objects.exists()
    assert party_a.contributions.count() == 1


def test_change_history_is_for_home_admins_and_staff(personas, partnership_a):
    # The check sets its flag with .update(): the next edit must not claim that change.
    cycle.qualification_run(partnership=partnership_a, by=personas["admin"],
                               answers={"procurement": True, "one-way-accountability": False})
    records.partnership_update(partnership=partnership_a, by=personas["staff"],
                                data={"title": "Renamed savings groups"}, expected_version=1)
    staff = client_for(personas["staff"]).get(f"/partnerships/{partnership_a.pk}/")
    assert "Change history" in staff.content.decode()
    assert "Renamed savings groups" in staff.content.decode()
    assert [c["field"] for c in staff.context["audit"][0]["changes"]] == ["title"]
    for persona in ("viewer", "partner_a"):
        response = client_for(personas[persona]).get(f"/partnerships/{partnership_a.pk}/")
        assert "Change history" not in response.content.decode(), persona


# --- Forms ---------------------------------------------------------------------------


def _create_payload(*parties, **fields):
    payload = {"title": "Clean water together", "kind": "operational", "status": "proposed",
               "parties-TOTAL_FORMS": 3, "parties-INITIAL_FORMS": 0, **fields}
    for i, (organisation, role) in enumerate(parties):
        payload[f"parties-{i}-organisation"] = organisation.pk
        payload[f"parties-{i}-role"] = role
    return payload


def test_create_with_one_party_is_refused_with_a_clear_error(personas, live_policy, org_a):
    client = client_for(personas["staff"])
    response = client.post("/partnerships/new/", _create_payload((org_a, "lead")))
    assert response.status_code == 200
    assert "at least two different parties" in response.content.decode()
    assert not Partnership.objects.exists()

    twice = client.post("/partnerships/new/",
                        _create_payload((org_a, "lead"), (org_a, "funding")))
    assert "chosen twice" in twice.content.decode()
    assert not Partnership.objects.exists()


def test_create_with_two_parties_starts_the_cycle(personas, live_policy, org_a, home):
    client = client_for(personas["staff"])
    response = client.post("/partnerships/new/", _create_payload(
        (org_a, "implementing"), (home, "technical"),
        **{"parties-0-own_objectives": "Reach more women"}))
    partnership = Partnership.objects.get()
    assert response.status_code == 302
    assert response.url == f"/partnerships/{partnership.pk}/"
    assert partnership.kind == "operational" and partnership.includes_home
    assert (partnership.stage, partnership.phase) == ("scoping-and-building", "scoping")
    assert partnership.parties.get(organisation=org_a).own_objectives == "Reach more women"


def test_create_errors_stay_in_place(personas, live_policy, org_a, org_b):
    client = client_for(personas["staff"])
    response = client.post("/partnerships/new/", _create_payload(
        (org_a, "lead"), (org_b, "funding"), title="", kind="franchise",
        starts_on="2026-05-01", ends_on="2026-01-01"))
    form = response.context["form"]
    assert set(form.errors) == {"title", "kind", "ends_on"}
    assert "The end comes before the start." in response.content.decode()
    assert not Partnership.objects.exists()


def test_kind_choices_come_from_the_live_policy(personas, live_policy):
    form = client_for(personas["staff"]).get("/partnerships/new/").context["form"]
    assert [key for key, _label in form.fields["kind"].choices] == ["strategic", "operational"]


def test_a_conflicting_edit_is_refused(personas, partnership_a):
    client = client_for(personas["staff"])
    url = f"/partnerships/{partnership_a.pk}/edit/"
    assert client.get(url).context["form"].initial["version"] == 1
    records.partnership_update(partnership=partnership_a, by=personas["admin"],
                                data={"title": "The admin's title"}, expected_version=1)
    response = client.post(url, {"title": "The staff's title", "kind": "strategic",
                                 "status": "proposed", "version": 1})
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    partnership_a.refresh_from_db()
    assert partnership_a.title == "The admin's title"
    assert response.context["form"].initial["title"] == "The admin's title"


def test_an_edit_saves_and_is_audited(personas, partnership_a):
    client = client_for(personas["staff"])
    response = client.post(f"/partnerships/{partnership_a.pk}/edit/", {
        "title": "Savings and research", "kind": "operational", "status": "active",
        "version": 1})
    assert response.status_code == 302
    partnership_a.refresh_from_db()
    assert (partnership_a.title, partnership_a.kind, partnership_a.version) == (
        "Savings and research", "operational", 2)
    assert partnership_a.history.first().history_user == personas["staff"]


def test_parties_are_added_edited_and_removed_but_never_below_two(
    personas, partnership_a, party_a, org_b
):
    client = client_for(personas["staff"])
    pk = partnership_a.pk
    refused = client.post(f"/partnerships/{pk}/parties/{party_a.pk}/remove/", follow=True)
    assert "at least two parties" in refused.content.decode()
    assert partnership_a.parties.count() == 2

    form = client.get(f"/partnerships/{pk}/parties/new/").context["form"]
    assert org_b in form.fields["organisation"].queryset
    assert party_a.organisation not in form.fields["organisation"].queryset  # already a party
    added = client.post(f"/partnerships/{pk}/parties/new/",
                        {"organisation": org_b.pk, "role": "advocacy", "iati_role": 4})
    assert added.status_code == 302
    party_b = partnership_a.parties.get(organisation=org_b)
    assert party_b.iati_role == 4

    edited = client.post(f"/partnerships/{pk}/parties/{party_b.pk}/edit/",
                         {"role": "advocacy", "risks": "Its reputation", "version": 1})
    assert edited.status_code == 302
    party_b.refresh_from_db()
    assert party_b.risks == "Its reputation"

    removed = client.post(f"/partnerships/{pk}/parties/{party_a.pk}/remove/")
    assert removed.status_code == 302
    assert not partnership_a.parties.filter(pk=party_a.pk).exists()


def test_a_party_of_another_partnership_is_not_found_through_this_one(
    personas, partnership_a, org_b
):
    elsewhere = PartnershipFactory(parties=[org_b, OrganisationFactory()])
    party = elsewhere.parties.first()
    client = client_for(personas["staff"])
    assert client.get(
        f"/partnerships/{partnership_a.pk}/parties/{party.pk}/edit/").status_code == 404


def test_contributions_are_edited_and_removed_by_their_party(personas, partnership_a, party_a):
    client = client_for(personas["partner_a"])
    contribution = party_a.contributions.get()
    url = f"/partnerships/{partnership_a.pk}/contributions/{contribution.pk}/"
    invalid = client.post(url + "edit/", {"kind": "money", "description": "Cash",
                                          "estimated_value": "100", "currency": "",
                                          "version": 1})
    assert "Say which currency" in invalid.content.decode()
    saved = client.post(url + "edit/", {"kind": "money", "description": "Cash",
                                        "estimated_value": "100", "currency": "usd",
                                        "version": 1})
    assert saved.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.description, contribution.currency) == ("Cash", "USD")
    assert client.post(url + "delete/").status_code == 302
    assert not party_a.contributions.exists()


def test_a_conflicting_contribution_edit_is_refused(personas, partnership_a, party_a):
    contribution = party_a.contributions.get()
    records.contribution_update(contribution=contribution, by=personas["staff"],
                                 data={"description": "Three facilitators"},
                                 expected_version=1)
    response = client_for(personas["partner_a"]).post(
        f"/partnerships/{partnership_a.pk}/contributions/{contribution.pk}/edit/",
        {"kind": "staff", "description": "One facilitator", "currency": "BIF", "version": 1})
    assert "Someone else saved this record" in response.content.decode()
    contribution.refresh_from_db()
    assert contribution.description == "Three facilitators"


def test_partners_comment_and_empty_comments_are_refused_in_place(personas, partnership_a):
    client = client_for(personas["partner_a"])
    url = f"/partnerships/{partnership_a.pk}/comments/"
    empty = client.post(url, {"text": "   "})
    assert empty.status_code == 200
    assert empty.context["comment_form"].errors
    assert not Comment.objects.exists()
    response = client.post(url, {"text": "We can host the next meeting."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == personas["partner_a"]
    assert comment.organisation == personas["partner_a"].organisation


def test_the_header_links_to_partnerships(personas, partnership_a):
    html = client_for(personas["partner_a"]).get("/partnerships/").content.decode()
    assert '<a href="/partnerships/" aria-current="page">' in html



def test_pages_work_before_a_policy_is_loaded(personas, live_policy, org_a, org_b):
    """Records keep policy keys: without a live policy they show the keys, and recording
    a new partnership waits for a policy."""
    partnership = PartnershipFactory(parties=[org_a, org_b], kind="strategic")
    Policy.objects.update(is_live=False)  # recorded under a policy no longer live
    client = client_for(personas["staff"])
    assert "strategic" in client.get("/partnerships/").content.decode()
    detail = client.get(f"/partnerships/{partnership.pk}/")
    assert detail.status_code == 200 and "strategic" in detail.content.decode()
    assert client.get("/partnerships/new/").status_code == 404


def test_list_of_5000_partnerships_stays_within_the_same_queries(
    personas, live_policy, org_a, django_assert_max_num_queries
):
    others = OrganisationFactory.create_batch(20)
    # Rows as partnership_create leaves them, in bulk: 5,000 through the service would
    # take minutes.
    Partnership.objects.bulk_create(
        Partnership(title=f"Partnership {i:05d}", kind="strategic",
                    stage="scoping-and-building", phase="scoping", status="active")
        for i in range(5000)
    )
    ids = list(Partnership.objects.values_list("pk", flat=True))
    Party.objects.bulk_create(
        [Party(partnership_id=pk, organisation=org_a, role="lead") for pk in ids]
        + [Party(partnership_id=pk, organisation=others[pk % 20], role="implementing")
           for pk in ids]
    )
    for persona in ("viewer", "partner_a"):
        client = client_for(personas[persona])
        client.get("/partnerships/")  # the process composes the policy once
        # As for 5 or 30 rows (test_list_queries_do_not_grow_with_rows), less the policy's
        # parts, composed above; a partner user's header also names their organisation.
        with django_assert_max_num_queries(11):
            response = client.get("/partnerships/", {"page": 200})
        assert response.context["page"].paginator.count == 5000
        assert len(_titles(response)) == 25
