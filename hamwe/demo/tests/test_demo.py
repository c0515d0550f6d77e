"""The demo, built on each shipped pack: what a visitor signing in must find."""

import datetime
import io
import re
from collections import Counter
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from hamwe.accounts.models import Role, User
from hamwe.conftest import client_for
from hamwe.demo import load_demo
from hamwe.partners.models import (
    Contact,
    Document,
    ImpactGroup,
    Organisation,
    Sector,
    ThematicArea,
)
from hamwe.partnerships.agreements import selectors as agreements
from hamwe.partnerships.cycle.selectors import reviews_due
from hamwe.partnerships.models import (
    Agreement,
    Contribution,
    GateTick,
    Partnership,
    Party,
    QualificationCheck,
    Review,
    Signature,
    StageChange,
)
from hamwe.partnerships.policy import current_policy
from hamwe.policy import selectors as policy_selectors
from hamwe.policy import services as policy_services
from hamwe.policy.validation import parse_file
from hamwe.scorecards.followup import selectors as followup
from hamwe.scorecards.models import (
    Action,
    Answer,
    Indicator,
    InquiryItem,
    InquirySession,
    InterfaceMeeting,
    Invitation,
    Proposal,
    Round,
    Score,
    SelfScore,
)
from hamwe.scorecards.results.selectors import round_results

PACKS = Path(__file__).resolve().parents[2] / "policy" / "packs"
SHIPPED = ["care-burundi", "kic"]


def _load_pack(name):
    return policy_services.policy_load(pack=parse_file(PACKS / f"{name}.yaml"))


def _pack():
    return policy_selectors.policy_pack(policy_selectors.live_policy())


def _counts():
    models = [Organisation, Contact, ThematicArea, ImpactGroup, User, Partnership, Party,
              Contribution, QualificationCheck, StageChange, Review, Signature, Round,
              Indicator, Invitation, Answer, Score, SelfScore, InterfaceMeeting, Action,
              InquirySession, InquiryItem, Proposal, Document]
    counts = {model.__name__: model.objects.count() for model in models}
    for model in [Organisation, Contact, User, Partnership, GateTick, Agreement, Round, Action]:
        counts[f"{model.__name__} history"] = model.history.count()
    return counts


@pytest.fixture(scope="class", params=SHIPPED)
def built_demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo built once per pack for all the tests of a class, in a transaction rolled
    back after the last of them. Each test runs inside it in a savepoint of its own (the
    `db` fixture), so what one test changes the next never sees. Its files (evidence,
    the annual report) go to a folder of its own."""
    media = tmp_path_factory.mktemp("demo-media")
    # In the language `hamwe demo` runs in (a command's), not the one an earlier test's
    # request left active: qualification checks record their labels in it.
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), \
            transaction.atomic(), translation.override("en"):
        _load_pack(request.param)
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(built_demo, db):
    return built_demo


def _closed_round():
    return Round.objects.select_related("previous").filter(
        status=Round.Status.CLOSED).order_by("-closes_on").first()


def _open_round():
    return Round.objects.get(status=Round.Status.OPEN)


class TestDemo:
    # --- the home organisation is the pack's ---------------------------------------------

    def test_the_home_organisation_is_the_one_the_pack_names(self, demo):
        pack = _pack()
        home = Organisation.objects.get(is_home=True)
        assert (home.name, home.acronym) == (pack.organisation.name, pack.organisation.short_name)
        assert demo["home"] == pack.organisation.name
        assert not Organisation.objects.filter(name__icontains="Umoja International").exists()

    def test_the_demo_names_no_other_home_organisation(self, demo):
        home = _pack().organisation.short_name
        others = {"CARE", "KIC", "Umoja"} - set(home.split())
        texts = [
            *Score.objects.exclude(reason="", suggestion="").values_list("reason", "suggestion"),
            *Action.objects.values_list("text", "follow_up"),
            *InterfaceMeeting.objects.values_list("agreed", flat=True),
            *InquiryItem.objects.values_list("text", flat=True),
            *Indicator.objects.exclude(source=Indicator.Source.POLICY).values_list(
                "text", flat=True),
            *Round.objects.values_list("title", flat=True),
        ]
        words = " ".join(" ".join(t) if isinstance(t, tuple) else t for t in texts)
        assert "{home}" not in words
        assert home in words
        assert {word for word in others if re.search(rf"\b{word}\b", words)} == set()

    def test_the_banner_names_the_home_organisation_and_the_logins(self, demo):
        out = io.StringIO()
        call_command("demo", "--no-serve", "--pack", _pack().pack, stdout=out)
        banner = out.getvalue()
        assert f"Home organisation: {_pack().organisation.name}" in banner
        for label, email in demo["users"]:
            assert re.search(rf"^  {re.escape(label)} +{re.escape(email)}$", banner, re.M)
        closed = _closed_round()
        assert reverse("scorecards:results", args=[closed.pk]) in banner
        assert reverse("scorecards:plan", args=[closed.pk]) in banner

    def test_a_database_with_another_home_organisation_is_refused(self, demo):
        other = next(name for name in SHIPPED if name != _pack().pack)
        home = Organisation.objects.get(is_home=True).name
        with pytest.raises(CommandError, match=re.escape(home)):
            call_command("demo", "--no-serve", "--pack", other, stdout=io.StringIO())
        with pytest.raises(ImproperlyConfigured, match=re.escape(home)):
            load_demo()

    # --- the registry and the logins ----------------------------------------------------

    def test_running_twice_duplicates_nothing(self, demo):
        before = _counts()
        again = load_demo()
        assert _counts() == before
        assert again["users"] == demo["users"]

    def test_every_sector_has_at_least_three_organisations(self, demo):
        counts = Counter(Organisation.objects.values_list("sector", flat=True))
        assert {sector: counts[sector] for sector in Sector.values if counts[sector] < 3} == {}

    def test_exactly_one_home_organisation(self, demo):
        assert Organisation.objects.filter(is_home=True).count() == 1

    def test_every_organisation_has_one_main_contact(self, demo):
        for organisation in Organisation.objects.all():
            assert organisation.contacts.filter(is_primary=True).count() == 1, organisation

    def test_reference_data_is_named_in_french_and_swedish(self, demo):
        for model in (ThematicArea, ImpactGroup):
            assert not model.objects.filter(name_fr="").exists()
            assert not model.objects.filter(name_sv="").exists()
        staff = User.objects.get(email="staff@hamwe.example")
        arsn = Organisation.objects.get(acronym="ARSN")
        with translation.override("en"):  # what the request activates ends with it
            page = client_for(staff).get(
                reverse("partners:detail", args=[arsn.pk]), headers={"accept-language": "sv"}
            ).content.decode()
        assert "Kvinnors ekonomiska egenmakt" in page and "Utsatta kvinnor" in page

    def test_partners_keep_documents_some_expiring_and_one_expired(self, demo):
        from hamwe.core.registries import due_for

        today = timezone.localdate()
        documents = Document.objects.select_related("organisation")
        assert documents.count() >= 10
        soon = documents.filter(expires_on__gte=today,
                                expires_on__lte=today + datetime.timedelta(days=30))
        assert soon.count() >= 3
        assert documents.filter(expires_on__lt=today).count() == 1
        assert all(d.file.open("rb").read(5) == b"%PDF-" for d in documents)
        # The partner admins of ARSN and RCIF added them, and are asked to renew them.
        arsn = User.objects.get(email="admin@arsn.example")
        assert Document.history.filter(history_user=arsn).exists()
        due = due_for(arsn, today=today, only=["document-expiry"])
        assert [item.detail.split(" · ")[0] for item in due] == [arsn.organisation.name]

    def test_every_login_works_with_the_printed_password(self, demo):
        for _label, email in demo["users"]:
            assert authenticate(email=email, password=demo["password"]) is not None, email

    def test_password_changes_each_run_and_the_new_one_works(self, demo):
        again = load_demo()
        assert again["password"] != demo["password"]
        for _label, email in again["users"]:
            user = User.objects.get(email=email)
            assert user.check_password(again["password"])
            assert not user.check_password(demo["password"])

    def test_partner_users_belong_to_organisations(self, demo):
        partners = User.objects.filter(role=Role.PARTNER)
        assert partners.filter(is_partner_admin=True).count() >= 2
        assert partners.filter(is_partner_admin=False).count() >= 2
        for user in partners:
            assert user.organisation is not None
            assert not user.organisation.is_home

    def test_home_users_have_their_roles(self, demo):
        admin = User.objects.get(email="admin@hamwe.example")
        assert admin.role == Role.ADMIN and admin.is_superuser
        assert User.objects.get(email="staff@hamwe.example").role == Role.STAFF
        assert User.objects.get(email="viewer@hamwe.example").role == Role.VIEWER

    def test_audit_trail_names_the_demo_admin_and_shows_edits(self, demo):
        admin = User.objects.get(email="admin@hamwe.example")
        assert not Organisation.history.exclude(history_user=admin).exists()
        changed = Organisation.history.filter(history_type="~", history_user=admin)
        edited = {
            record.name
            for record in changed
            if record.prev_record is not None
            and {"staff_size", "description"}
            & set(record.diff_against(record.prev_record).changed_fields)
        }
        assert len(edited) >= 2

    def test_partnerships_follow_the_policy(self, demo):
        _assert_partnerships()

    # --- the score card -----------------------------------------------------------------

    def test_the_closed_round_shows_every_score_and_some_comments(self, demo):
        closed = _closed_round()
        results = round_results(closed)
        assert results.published
        assert results.indicators and results.summary.withheld == 0
        for result in results.indicators:
            assert result.shown and result.median is not None, result.indicator.key
            assert result.n >= closed.min_group_scores
            assert result.self_score is not None and result.gap is not None
        with_comments = [r for r in results.indicators if r.comments is not None]
        assert len(with_comments) >= 3
        assert all(len(r.comments) >= closed.min_group_comments for r in with_comments)
        # Some withheld, as partners comment on what matters to them: the page shows both.
        assert len(with_comments) < len(results.indicators)
        assert any(r.breakdown for r in results.indicators)
        assert 0 < results.summary.high < results.summary.shown

    def test_the_closed_round_compares_with_the_round_before(self, demo):
        results = round_results(_closed_round())
        assert results.previous is not None and results.previous.withheld == 0
        assert results.previous.high < results.summary.high
        assert all(r.change is not None for r in results.indicators)

    def test_answers_came_through_invitations_and_focus_groups(self, demo):
        closed = _closed_round()
        used = closed.invitations.filter(used=True).count()
        individual = closed.answers.filter(kind=Answer.Kind.INDIVIDUAL).count()
        assert used == individual > 0
        assert closed.answers.filter(kind=Answer.Kind.GROUP, group_size__gte=2).exists()
        assert closed.answers_received == closed.answers.count()

    def test_the_joint_action_plan_has_actions_of_every_owner(self, demo):
        closed = _closed_round()
        actions = list(closed.actions.select_related("owner_organisation"))
        assert {a.owner for a in actions} == set(Action.Owner.values)
        today = timezone.localdate()
        statuses = Counter(a.status for a in actions)
        assert statuses[Action.Status.DONE] >= 2
        assert statuses[Action.Status.PLANNED] + statuses[Action.Status.UNDER_WAY] >= 2
        assert [a.text for a in actions if followup.is_overdue(a, today)] and sum(
            followup.is_overdue(a, today) for a in actions) == 1
        assert all(a.due_on > a.meeting.held_on for a in actions if a.meeting)
        invited = followup.invited_organisation_ids(closed)
        assert all(a.owner_organisation_id in invited for a in actions if a.owner == "partner")
        assert sum(bool(a.follow_up) for a in actions) >= 4
        completion = followup.completion(actions, today=today)
        assert 0 < completion["done"] < completion["of"] and completion["overdue"] == 1

    def test_the_interface_meeting_and_the_self_evaluation(self, demo):
        closed = _closed_round()
        meeting = closed.meetings.get()
        present = set(meeting.organisations.values_list("pk", flat=True))
        assert len(present) >= 5 and present <= followup.invited_organisation_ids(closed)
        assert meeting.held_on > closed.closes_on and "Agreed" in meeting.agreed
        assert not closed.indicators.filter(self_score=None).exists()
        assert meeting.actions.exists()

    def test_an_inquiry_gave_an_indicator_and_an_action(self, demo):
        session = InquirySession.objects.get(round=_closed_round())
        steps = Counter(session.items.values_list("step", flat=True))
        assert set(steps) == set(InquiryItem.Step.values)
        proposition = session.items.get(became_indicator__isnull=False)
        assert proposition.became_indicator.round == _open_round()
        assert proposition.became_indicator.source == Indicator.Source.INQUIRY
        commitment = session.items.get(became_action__isnull=False)
        assert commitment.became_action.round == _closed_round()

    def test_the_open_round_invites_the_printed_partners_who_have_not_answered(self, demo):
        current = _open_round()
        assert current.previous == _closed_round()
        assert current.opens_on <= timezone.localdate() <= current.closes_on
        assert current.indicators.filter(source=Indicator.Source.PROPOSED).exists()
        printed = {email for _label, email in demo["users"]}
        partners = User.objects.filter(role=Role.PARTNER, email__in=printed)
        assert partners.count() >= 2
        for user in partners:
            assert current.invitations.get(user=user).used is False, user
        assert current.answers_received > 0
        assert not round_results(current).published

    def test_the_demo_partner_answers_the_open_round_in_the_portal(self, demo):
        current = _open_round()
        printed = {email for _label, email in demo["users"]}
        partner = User.objects.filter(role=Role.PARTNER, email__in=printed).first()
        client = client_for(partner)
        assert current.title in client.get(reverse("scorecards:rounds")).content.decode()
        address = reverse("scorecards:answer", args=[current.pk])
        assert f'href="{address}"' in client.get(reverse("scorecards:rounds")).content.decode()
        assert client.get(address).status_code == 200
        indicator = current.indicators.first()
        sent = client.post(address, {
            f"score_{indicator.pk}": "70", f"reason_{indicator.pk}": "Better than last year",
        })
        assert sent.status_code == 302 and sent["Location"] == reverse("scorecards:answer_done")
        current.refresh_from_db()
        assert current.invitations.get(user=partner).used
        assert Score.objects.filter(indicator=indicator, reason="Better than last year").exists()

    def test_the_results_and_plan_pages_show_the_demo(self, demo):
        closed = _closed_round()
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("scorecards:results", args=[closed.pk])).content.decode()
        assert 'class="muted small withheld"' not in page  # no score withheld
        # Some indicators' comments withheld, others' a link to them (a page at a time).
        assert "Comments withheld" in page
        assert f'href="/scorecards/{closed.pk}/results/comments/' in page
        plan = staff.get(reverse("scorecards:plan", args=[closed.pk])).content.decode()
        assert plan.count('class="plan-action ') == closed.actions.count() + (
            followup.open_actions_from_previous(closed).count())
        assert "overdue" in plan

    def test_capacity_assessments_show_movement(self, demo):
        from hamwe.capacity.models import Action as CapacityAction
        from hamwe.capacity.models import Assessment
        from hamwe.policy.measures import compute

        result = compute("capacity-improvement", as_of=timezone.localdate())
        assert result.detail["compared"] == 5 and result.value >= 3
        assert CapacityAction.objects.filter(status="done").exists()
        assert Assessment.objects.filter(status="open", mode="self").exists()
        follow_up = Assessment.objects.filter(kind="follow-up").first()
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("capacity:detail", args=[follow_up.pk])).content.decode()
        assert 'data-series="previous"' in page

    def test_the_home_pages_say_what_to_do(self, demo):
        """Staff and a printed partner admin find believable home pages: something
        overdue, of several kinds, and for the partner a round to answer, an agreement
        to sign and results shared; no e-mail carries the profile nudges."""
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        groups = staff.get(reverse("home")).context["groups"]
        kinds = {item.kind for group in groups.values() for item in group}
        assert groups["overdue"] and groups["soon"] and groups["waiting"]
        assert {"partnership-reviews", "agreements-to-send", "agreements-to-sign",
                "partnerships-ending", "scorecard-actions"} <= kinds
        partner = client_for(User.objects.get(email="admin@arsn.example"))
        response = partner.get(reverse("home"))
        groups = response.context["groups"]
        # A round to answer, the audited accounts to renew within the month, and this
        # quarter's report to write.
        assert sorted(i.kind for i in groups["soon"] if i.kind != "reports-to-write") == [
            "document-expiry", "scorecard-answer"]
        assert "reports-to-write" in {i.kind for i in groups["soon"] + groups["overdue"]}
        assert {"agreements-to-sign", "scorecard-results", "partnerships-ending"} <= {
            item.kind for item in groups["shared"]}
        assert 'id="your-partnerships"' in response.content.decode()

    def test_the_users_page_manages_someone_who_left_and_an_unused_invitation(self, demo):
        admin = client_for(User.objects.get(email="admin@hamwe.example"))
        left = User.objects.get(email="reverien@hamwe.example")
        invited = User.objects.get(email="jeanine@arsn.example")
        assert not left.is_active and invited.is_active and not invited.has_usable_password()
        page = admin.get(reverse("accounts:user", args=[left.pk])).content.decode()
        assert "This person can no longer sign in." in page and "Reactivate" in page
        page = admin.get(reverse("accounts:user", args=[invited.pk])).content.decode()
        assert "Send the invitation again" in page

    def test_the_charts_draw_in_french_too(self, demo):
        """A decimal comma in an SVG coordinate draws nothing: French pages must not have
        their chart coordinates localised."""
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        for url in (reverse("scorecards:results", args=[_closed_round().pk]),
                    reverse("scorecards:results_history")):
            page = staff.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
            assert '<html lang="fr"' in page
            svg = page[page.index("<svg"):page.index("</svg>")]
            coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|cx|cy|width|height)="([^"]*)"', svg)
            assert len(coordinates) > 10, url
            assert [c for c in coordinates if not re.fullmatch(r"-?\d+(\.\d+)?|100%", c)] == []

    # --- partner reports ----------------------------------------------------------------

    def test_reports_show_the_quality_trend_and_every_state(self, demo):
        from hamwe.policy.measures import compute
        from hamwe.reporting import selectors as reporting
        from hamwe.reporting.models import Report as PartnerReport

        statuses = set(PartnerReport.objects.values_list("status", flat=True))
        assert {"due", "approved", "revision"} <= statuses
        assert statuses & {"submitted", "in_review"}
        figures = reporting.quality(today=timezone.localdate())
        trend = reporting.trend(figures, "narrative")
        assert len(trend) >= 2 and trend[0][1] > trend[-1][1], trend
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("reporting:quality"))
        assert page.status_code == 200 and b"<svg" in page.content
        assert compute("partner-responsibility-share", as_of=timezone.localdate()).value
        partner = PartnerReport.objects.filter(status="revision").first()
        partner_user = User.objects.filter(organisation=partner.organisation).first()
        answer = client_for(partner_user).get(reverse("reporting:report", args=[partner.pk]))
        assert answer.status_code == 200 and b"Submit the revised report" in answer.content
    # --- data in and out ------------------------------------------------------------------

    def test_an_import_was_applied_and_iati_files_keep_the_partner_under_threat_out(
            self, demo):
        from hamwe.exchange.models import ImportRun, Publication

        run = ImportRun.objects.get()
        assert run.state == ImportRun.State.APPLIED and run.problems == []
        imported = Organisation.objects.get(name="Groupement Dusangire Lopfo de Busoni")
        assert imported.contacts.count() == 2
        assert imported.history.get().history_user == run.user
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("exchange:import_detail", args=[run.pk])).content.decode()
        assert "Groupement Dusangire Lopfo de Busoni" in page
        threatened = Organisation.objects.get(never_publish=True)
        files = {p.kind: p.file.read().decode() for p in Publication.objects.all()}
        assert set(files) == {"organisation", "activities"}
        assert files["activities"].count("<iati-activity ") >= 4
        assert "Partner not disclosed" in files["activities"]  # its partnership is in it
        for text in files.values():
            assert threatened.name not in text and threatened.acronym not in text
        iati_page = staff.get(reverse("exchange:iati")).content.decode()
        assert "XI-HAMWE-DEMO-001" in iati_page

    # --- networks and community structures ----------------------------------------------

    def test_networks_meet_act_and_one_was_handed_over(self, demo):
        from hamwe.networks.models import CommunityStructure, Facilitation, Network
        from hamwe.policy.measures import compute

        today = timezone.localdate()
        assert Network.objects.count() == 3
        assert Network.objects.filter(visibility="members").exists()
        assert Facilitation.objects.filter(handed_over_by__is_home=True).count() == 1
        assert compute("networks-handed-over", {}, as_of=today).value == 1
        assert compute("community-structures-matured", {}, as_of=today).value >= 3
        assert compute("community-structures-registered", {}, as_of=today).value == 1
        assert CommunityStructure.objects.filter(accompaniments__isnull=False).distinct() \
            .count() == CommunityStructure.objects.count() == 5
        # Joint activities partners led count for SD4 (GBV, Governance).
        areas = compute("partnerships-among-partners", {}, as_of=today).detail["per_area"]
        assert {"Gender-based violence", "Governance"} <= set(areas)
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        graph = staff.get(reverse("networks:graph")).content.decode()
        assert "Réseau Dusangire" in graph and "Isolated partners" in graph

    # --- the strategy -----------------------------------------------------------------

    def test_every_indicator_shows_a_value_an_entry_or_the_module_it_needs(self, demo):
        from hamwe.strategy.indicators import selectors as strategy_selectors
        from hamwe.strategy.policy import current_strategy

        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("strategy:dashboard")).content.decode()
        strategy = current_strategy()
        if strategy.strategy is None:  # KIC's policy has none, and the page says so
            assert "has no strategy" in page
            return
        evaluations = strategy_selectors.evaluate(strategy, today=timezone.localdate())
        assert len(evaluations) == sum(len(d.indicators) for d in strategy.directions())
        for e in evaluations:
            assert e.value is not None or e.entered or e.status.reason.startswith(
                "Not measurable yet: needs the"), e.indicator.key
        assert page.count('class="icard') == len(evaluations)
        assert sum(e.entered for e in evaluations) >= 1  # the manual one; the rest computed
        assert sum(e.measurable and e.value is not None for e in evaluations) >= 4

    def test_the_strategy_has_evidence_progress_and_an_annual_report(self, demo):
        from hamwe.strategy.models import ActivityUpdate, IndicatorEntry, Report
        from hamwe.strategy.policy import current_strategy

        if current_strategy().strategy is None:
            assert not IndicatorEntry.objects.exists() and not Report.objects.exists()
            return
        assert IndicatorEntry.objects.exclude(evidence="").count() >= 5
        assert ActivityUpdate.objects.filter(status="done").exclude(evidence="").exists()
        assert {u.status for u in ActivityUpdate.objects.all()} >= {"done", "under_way",
                                                                    "dropped"}
        # The registry grew over the strategy's first years, each organisation recorded
        # before its first partnership began: the annual report of a past year counts them.
        from django.db.models import F, Min

        from hamwe.partners.models import Organisation

        partners = Organisation.objects.filter(is_home=False)
        assert not partners.annotate(first=Min("parties__partnership__starts_on")).filter(
            created_at__date__gt=F("first")).exists()
        assert partners.filter(created_at__date__lt=current_strategy().period.end).count() \
            == partners.count()
        report = Report.objects.get()
        assert report.status == Report.Status.DONE and report.pdf and report.xlsx
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("strategy:report", args=[report.pk])).content.decode()
        assert "The report is ready." in page

    # --- knowledge ----------------------------------------------------------------------

    def test_the_knowledge_hub_shows_mutual_learning(self, demo):
        from hamwe.knowledge import search
        from hamwe.knowledge.models import Adoption, Item, LearningEvent
        from hamwe.policy.measures import compute

        today = timezone.localdate()
        assert Item.objects.filter(kind="toolkit", sharing="public").count() >= 2
        assert Item.objects.filter(kind="story", sharing="public").count() >= 2
        assert Item.objects.filter(published_on__isnull=True).exists()  # to publish
        assert Adoption.objects.filter(confirmed_on__isnull=True).exists()  # to confirm
        assert LearningEvent.objects.filter(kind="annual").exists()
        both = compute("practices-adopted", {"origin": "both"}, as_of=today)
        assert both.value == 3 and both.target_met and both.detail["among_partners"] == 1
        assert compute("success-stories-shared", {"per_year": 1}, as_of=today).target_met
        assert compute("toolkits-published", {"topics": ["Abatangamuco", "Peace Clubs"]},
                       as_of=today).target_met
        partner = User.objects.get(email="admin@arsn.example")
        assert search.search(partner, "echange").count >= 1  # "échange", in French
        assert search.search(partner, "follow-up costs").count == 0  # the home's internal
        page = client_for(partner).get(reverse("knowledge:public"))
        assert page.status_code == 200 and len(page.content) < 50 * 1024


# --- Partnerships, on whichever policy is live ---------------------------------------


def _assert_partnerships():
    """What the demo's partnerships show, read against the live policy's own keys."""
    policy = current_policy()
    stages = [s.key for s in policy.stages]
    partnerships = Partnership.objects.all()
    assert partnerships.count() >= 25

    by_stage = Counter(partnerships.values_list("stage", flat=True))
    assert {s: by_stage[s] for s in stages if not by_stage[s]} == {}
    assert set(by_stage) <= set(stages)
    by_kind = Counter(partnerships.values_list("kind", flat=True))
    assert set(by_kind) == set(policy.kinds)

    # Parties: two or three each; among partners only (neither joined nor initiated by
    # the home organisation), and active, so the strategy's measure has data.
    sizes = set(partnerships.annotate(n=Count("parties")).values_list("n", flat=True))
    assert sizes <= {2, 3}
    among = partnerships.active().filter(includes_home=False).exclude(initiated_by=None)
    assert among.exclude(initiated_by__is_home=True).exists()
    for sector in (Sector.RESEARCH, Sector.PRIVATE):
        with_sector = partnerships.filter(parties__organisation__sector=sector).distinct()
        assert with_sector.count() >= 2, sector
    assert not Party.objects.annotate(n=Count("contributions")).filter(n=0).exists()

    # The qualification check ran on each; some are not partnerships.
    assert not partnerships.filter(is_partnership=None).exists()
    labels = set(partnerships.filter(is_partnership=False).values_list(
        "relationship_label", flat=True))
    assert labels and "" not in labels
    assert labels <= {p.label for p in policy.non_partnerships}

    # Agreements signed by every party past the first stage; drafts in the first.
    signed = Agreement.objects.filter(status=Agreement.Status.SIGNED)
    assert signed.exists()
    for agreement in signed:
        named = {p.pk for p in agreements.agreement_parties(agreement)}
        assert set(agreement.signatures.values_list("party_id", flat=True)) == named
    later = partnerships.exclude(stage=stages[0])
    assert not later.exclude(agreements__status=Agreement.Status.SIGNED).exists()
    assert Agreement.objects.filter(status=Agreement.Status.DRAFT,
                                    partnership__stage=stages[0]).exists()

    # Reviews for those in the review stage or later; revision loops; reviews due.
    reviewed = [s for s in stages if policy.loops_from(s)] or stages[-2:]
    review_from = stages.index(reviewed[0])
    assert not partnerships.filter(stage__in=stages[review_from:], reviews=None).exists()
    back = [c for c in StageChange.objects.exclude(from_stage="")
            if stages.index(c.to_stage) < stages.index(c.from_stage)]
    assert back and all(c.note and c.partnership.reviews.filter(revise_agreement=True)
                        for c in back)
    assert all(c.partnership.agreements.count() >= 2 for c in back)
    assert reviews_due(today=datetime.date.today()).count() >= 2

    # A partner signing in sees their own partnerships.
    for user in User.objects.filter(role=Role.PARTNER, is_partner_admin=True):
        assert Partnership.objects.visible_to(user).count() >= 2, user

    def test_due_diligence_and_funding_on_either_pack(self, demo):
        """Partners with complete, partial and unreviewed checklists, evidence expiring,
        risk flags for staff only, and three years of funding with one diversifying."""
        from hamwe.partners.diligence.selectors import diligence_summary
        from hamwe.partners.funding.selectors import funding_profile
        from hamwe.policy.measures import compute

        by = {o.acronym: o for o in Organisation.objects.filter(
            acronym__in=["ARSN", "RCIF", "CFTM"])}
        assert diligence_summary(by["ARSN"])["complete"]
        rcif = diligence_summary(by["RCIF"])
        assert rcif["partly"] and rcif["not_met"] and not rcif["complete"]
        cftm = diligence_summary(by["CFTM"])
        assert cftm["open"] == cftm["total"] > 0
        series = funding_profile(by["ARSN"])["series"]
        assert len(series) == 3 and series[-1].diversification > series[0].diversification
        assert compute("funding-diversity", as_of=timezone.localdate()).value >= 1
        assert compute("due-diligence-complete", as_of=timezone.localdate()).value > 0
        staff = client_for(User.objects.get(email="staff@hamwe.example"))
        page = staff.get(reverse("partners:risk_flags", args=[by["RCIF"].pk]))
        assert "agrément" in page.content.decode()
        partner = client_for(User.objects.get(email="admin@arsn.example"))
        assert partner.get(reverse("partners:diligence", args=[by["ARSN"].pk])).status_code == 200

