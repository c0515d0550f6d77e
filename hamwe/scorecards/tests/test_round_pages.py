"""The rounds and answering pages: staff run a round, partner users answer once with
their own invitation, and nobody sees or can recover who answered what."""

import datetime
import re

import pytest
from django.urls import reverse

from hamwe.accounts.models import Role
from hamwe.accounts.tests.factories import UserFactory
from hamwe.conftest import client_for
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.scorecards.models import Answer, Indicator, Invitation, Round, Score
from hamwe.scorecards.rounds import services
from hamwe.scorecards.tests.factories import RoundFactory

REASON = "Visits are too rare-7781"


@pytest.fixture
def draft_round(personas, live_policy):
    return RoundFactory(by=personas["staff"], title="Draft card", period="FY27",
                        opens_on=datetime.date(2027, 1, 1), closes_on=datetime.date(2027, 6, 30))


def _answer_data(round_, score="80", reason=REASON):
    first = round_.indicators.first()
    return {f"score_{first.pk}": score, f"reason_{first.pk}": reason,
            f"suggestion_{first.pk}": "Come every quarter"}


def _path(link):
    """The path of a link in an e-mail (the test client takes paths)."""
    return re.sub(r"^https?://[^/]+", "", link)


def test_staff_create_invite_and_open_a_round(personas, org_a, live_policy, mailoutbox):
    staff = client_for(personas["staff"])
    response = staff.post(reverse("scorecards:round_new"), {
        "title": "Score card 2027", "period": "FY27",
        "opens_on": "2027-01-01", "closes_on": "2027-12-31"})
    round_ = Round.objects.get(title="Score card 2027")
    assert response.status_code == 302
    assert round_.status == Round.Status.DRAFT and round_.indicators.count() == 2
    assert round_.scale_max == 100 and round_.min_group_scores == 5

    # Opening needs invitations first: the service's reason is shown.
    response = staff.post(reverse("scorecards:round_open", args=[round_.pk]), follow=True)
    assert "Invite partner users before opening the round." in response.content.decode()

    staff.post(reverse("scorecards:round_invite", args=[round_.pk]),
               {"organisations": [org_a.pk]})
    invited = set(Invitation.objects.filter(round=round_).values_list("user__email", flat=True))
    assert invited == {"partner@a.example", "partner.admin@a.example"}
    assert not mailoutbox  # a draft may change or never open: no one is asked yet

    staff.post(reverse("scorecards:round_open", args=[round_.pk]))
    round_.refresh_from_db()
    assert round_.status == Round.Status.OPEN
    assert sorted(m.to[0] for m in mailoutbox) == ["partner.admin@a.example",
                                                   "partner@a.example"]

    # Invited once it is open: asked at once, and those asked before are not asked again.
    newcomer = UserFactory(email="newcomer@a.example", role=Role.PARTNER, organisation=org_a)
    staff.post(reverse("scorecards:round_invite", args=[round_.pk]),
               {"organisations": [org_a.pk]})
    assert [m.to[0] for m in mailoutbox[2:]] == [newcomer.email]
    html = staff.get(reverse("scorecards:rounds")).content.decode()
    assert "Score card 2027" in html and "Open" in html


@pytest.mark.parametrize("persona", ["viewer", "partner_a"])
def test_only_admins_and_staff_create_rounds(personas, live_policy, persona):
    client = client_for(personas[persona])
    response = client.post(reverse("scorecards:round_new"), {
        "title": "Sneaky", "period": "X", "opens_on": "2027-01-01", "closes_on": "2027-02-01"})
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_indicator_wording_is_frozen_once_the_round_opens(personas, round_a, draft_round):
    staff = client_for(personas["staff"])
    draft_indicator = draft_round.indicators.first()
    staff.post(reverse("scorecards:indicator_edit", args=[draft_round.pk, draft_indicator.pk]),
               {"text": "Reworded while a draft"})
    draft_indicator.refresh_from_db()
    assert draft_indicator.text == "Reworded while a draft"

    indicator = round_a.indicators.first()
    before = indicator.text
    url = reverse("scorecards:indicator_edit", args=[round_a.pk, indicator.pk])
    assert "are frozen" in staff.get(url).content.decode()
    response = staff.post(url, {"text": "Reworded after opening"})
    indicator.refresh_from_db()
    assert indicator.text == before
    assert "are frozen" in response.content.decode()

    response = staff.post(reverse("scorecards:indicator_add", args=[round_a.pk]),
                          {"key": "late", "text": "Added late", "source": "policy"})
    assert not round_a.indicators.filter(key="late").exists()


def test_thresholds_can_be_raised_but_not_lowered_once_open(personas, round_a):
    staff = client_for(personas["staff"])
    url = reverse("scorecards:round_thresholds", args=[round_a.pk])
    response = staff.post(url, {"min_group_scores": 3, "min_group_comments": 10,
                                "version": round_a.version})
    round_a.refresh_from_db()
    assert round_a.min_group_scores == 5
    assert "cannot be lowered" in response.content.decode()

    staff.post(url, {"min_group_scores": 7, "min_group_comments": 12,
                     "version": round_a.version})
    round_a.refresh_from_db()
    assert (round_a.min_group_scores, round_a.min_group_comments) == (7, 12)


def test_a_partner_answers_once_and_never_sees_the_answer_again(personas, round_a):
    partner = client_for(personas["partner_a"])
    url = reverse("scorecards:answer", args=[round_a.pk])
    form = partner.get(url)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'type="radio"' in html and 'value="50"' in html and "50\u00a0%" in html

    response = partner.post(url, _answer_data(round_a), follow=True)
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("scorecards:answer_done")
    assert "Thank you, your answer was received" in html
    # The page's own text, not the header's form, whose random CSRF token may hold "80".
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert REASON not in html and "80" not in main
    assert Answer.objects.count() == 1 and Score.objects.get().reason == REASON

    again = partner.post(url, _answer_data(round_a, score="20"))
    assert again.status_code == 410
    assert "You have already answered this round." in again.content.decode()
    assert Answer.objects.count() == 1

    for page in (reverse("scorecards:rounds"),
                 reverse("scorecards:round_detail", args=[round_a.pk])):
        html = partner.get(page).content.decode()
        assert "You have answered" in html
        assert REASON not in html and "80\u00a0%" not in html


def test_an_answer_needs_a_score(personas, round_a):
    partner = client_for(personas["partner_a"])
    url = reverse("scorecards:answer", args=[round_a.pk])
    response = partner.post(url, _answer_data(round_a, score=""))
    assert response.status_code == 200
    assert not Answer.objects.exists()
    assert not Invitation.objects.filter(used=True).exists()


def test_an_invited_partner_answers_for_themself_only(personas, round_a):
    """The address is the round's: who answers is whoever is signed in, with their own
    invitation. partner_b (invited too) answers once, and that spends no one else's."""
    partner_b = client_for(personas["partner_b"])
    url = reverse("scorecards:answer", args=[round_a.pk])
    assert partner_b.post(url, _answer_data(round_a)).status_code == 302
    assert Invitation.objects.get(used=True).user == personas["partner_b"]
    assert client_for(personas["partner_a"]).get(url).status_code == 200


def test_a_closed_round_refuses_answers(personas, round_a):
    services.round_close(round_=round_a, by=personas["staff"])
    partner = client_for(personas["partner_a"])
    response = partner.post(reverse("scorecards:answer", args=[round_a.pk]),
                            _answer_data(round_a))
    assert response.status_code == 410
    assert "This round is not open." in response.content.decode()
    assert not Answer.objects.exists()


def test_a_partner_not_invited_gets_404(personas, round_a):
    other = OrganisationFactory(name="Delta Farmers")
    outsider = UserFactory(email="outsider@d.example", role=Role.PARTNER, organisation=other)
    client = client_for(outsider)
    assert client.get(reverse("scorecards:round_detail", args=[round_a.pk])).status_code == 404
    assert client.get(reverse("scorecards:answer", args=[round_a.pk])).status_code == 404
    assert client.post(reverse("scorecards:answer", args=[round_a.pk])).status_code == 404
    assert round_a.title not in client.get(reverse("scorecards:rounds")).content.decode()
    # The invited partner sees it.
    partner = client_for(personas["partner_a"])
    assert partner.get(reverse("scorecards:round_detail", args=[round_a.pk])).status_code == 200


def test_a_facilitator_enters_a_groups_consensus(personas, round_a):
    staff = client_for(personas["staff"])
    url = reverse("scorecards:group_answer", args=[round_a.pk])
    response = staff.post(url, {"group_size": 1, **_answer_data(round_a)})
    assert response.status_code == 200 and not Answer.objects.exists()

    staff.post(url, {"group_size": 6, **_answer_data(round_a, score="60")})
    answer = Answer.objects.get()
    assert answer.kind == Answer.Kind.GROUP and answer.group_size == 6
    assert answer.scores.get().score == 60
    round_a.refresh_from_db()
    assert round_a.answers_received == 1

    partner = client_for(personas["partner_a"])
    assert partner.post(url, {"group_size": 6, **_answer_data(round_a)}).status_code == 403
    assert Answer.objects.count() == 1


def test_the_e_mailed_link_works_and_is_the_same_for_everyone(
    personas, org_a, draft_round, mailoutbox, settings
):
    settings.HAMWE_BASE_URL = "https://hamwe.example.org"
    staff = client_for(personas["staff"])
    staff.post(reverse("scorecards:round_invite", args=[draft_round.pk]),
               {"organisations": [org_a.pk]})
    staff.post(reverse("scorecards:round_open", args=[draft_round.pk]))
    mail = next(m for m in mailoutbox if m.to == ["partner@a.example"])
    links = re.findall(r"https://hamwe\.example\.org/scorecards/\d+/answer/", mail.body)
    assert len(links) == 1

    partner = client_for(personas["partner_a"])
    path = _path(links[0])
    assert partner.get(path).status_code == 200
    response = partner.post(path, _answer_data(draft_round))
    assert response.status_code == 302
    assert Answer.objects.filter(round=draft_round).count() == 1
    # The colleague's mail carries the very same address: it says nothing of who.
    other = next(m for m in mailoutbox if m.to == ["partner.admin@a.example"])
    assert links[0] in other.body


def test_the_portal_answer_button_leads_to_the_round_s_answer_page(personas, round_a):
    partner = client_for(personas["partner_a"])
    html = partner.get(reverse("scorecards:rounds")).content.decode()
    url = reverse("scorecards:answer", args=[round_a.pk])
    assert f'href="{url}"' in html
    partner.post(url, _answer_data(round_a))
    assert Answer.objects.count() == 1
    html = partner.get(reverse("scorecards:rounds")).content.decode()
    assert f'href="{url}"' not in html and "You have answered" in html


def test_a_partner_proposes_and_staff_accept_without_naming_them(personas, org_a, draft_round):
    services.invite(round_=draft_round, by=personas["staff"], users=[personas["partner_a"]])
    partner = client_for(personas["partner_a"])
    partner.post(reverse("scorecards:proposal_new", args=[draft_round.pk]),
                 {"text": "LHA answers our e-mails within a week."})
    proposal = draft_round.proposals.get()
    assert proposal.organisation == org_a

    # partner_b's organisation is not invited to this draft: it cannot even see it.
    partner_b = client_for(personas["partner_b"])
    response = partner_b.post(reverse("scorecards:proposal_new", args=[draft_round.pk]),
                              {"text": "Planted"})
    assert response.status_code == 404 and draft_round.proposals.count() == 1

    staff = client_for(personas["staff"])
    detail = staff.get(reverse("scorecards:round_detail", args=[draft_round.pk]))
    assert "LHA answers our e-mails within a week." in detail.content.decode()
    staff.post(reverse("scorecards:proposal_decide", args=[draft_round.pk]),
               {"proposal": proposal.pk, "decision": "accept"})
    indicator = draft_round.indicators.get(source=Indicator.Source.PROPOSED)
    assert indicator.text == "LHA answers our e-mails within a week."
    assert org_a.name not in indicator.text and org_a.acronym not in indicator.key


def test_a_policy_may_choose_faces_for_those_who_read_little(personas, round_a):
    Round.objects.filter(pk=round_a.pk).update(scale_display="faces")
    html = client_for(personas["partner_a"]).get(
        reverse("scorecards:answer", args=[round_a.pk])).content.decode()
    first = html[html.index('class="answer-item'):html.index("</fieldset>")]
    assert first.count('type="radio"') == 5 and first.count('class="face face-') == 5
    for value in ("0", "25", "50", "75", "100"):
        assert f'value="{value}"' in first
    assert "Very happy" in first  # each face is named for screen readers
