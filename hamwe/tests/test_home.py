"""The home page says what to do: for home staff, what is due, what others changed since
the last visit, and the panels apps add; for a partner user, what they are asked to do,
what was shared with them, and their partnerships."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hamwe.conftest import SECRET_PARTNERSHIP, client_for
from hamwe.core import registries
from hamwe.core.records import save_as
from hamwe.notifications.models import Visit
from hamwe.partners.models import Organisation
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Partnership, Party
from hamwe.scorecards.rounds import services as rounds

TODAY = timezone.localdate()

# The strategy's overdue activities are counted in hamwe/strategy's own tests.
pytestmark = pytest.mark.usefixtures("without_the_strategy_plan")


def days(n):
    return TODAY + datetime.timedelta(days=n)


def home(user):
    return client_for(user).get(reverse("home"))


def test_staff_see_what_is_due_overdue_first_with_links(personas, partnership_a, org_a):
    Partnership.objects.filter(pk=partnership_a.pk).update(next_review_on=days(-4))
    soon = Partnership.objects.create(title="Review soon", kind="strategic", status="active",
                                      stage="scoping-and-building", phase="scoping",
                                      next_review_on=days(6))
    response = home(personas["staff"])
    html = response.content.decode()
    groups = response.context["groups"]
    assert [i.url for i in groups["overdue"]] == [
        f"/partnerships/{partnership_a.pk}/reviews/new/"]
    assert [i.url for i in groups["soon"]] == [f"/partnerships/{soon.pk}/reviews/new/"]
    assert html.index("Overdue") < html.index("Coming due")
    assert f'href="/partnerships/{partnership_a.pk}/reviews/new/"' in html
    assert "overdue by 4 days" in html


def test_the_registry_count_is_the_registry_list_s(personas, org_a, org_b, live_policy):
    OrganisationFactory(name="Lakeside Health Alliance", is_home=True, sector="ingo")
    staff = client_for(personas["staff"])
    listed = staff.get(reverse("partners:list")).context["total"]
    html = home(personas["staff"]).content.decode()
    assert listed == 3
    assert "3 organisations in the registry" in html  # the home organisation included
    ingo = staff.get(reverse("partners:list") + "?sector=ingo").context["total"]
    assert f'href="/partners/?sector=ingo"><span class="stat">{ingo}</span>' in html


def test_the_partnerships_at_a_glance_agree_with_the_list(personas, partnership_a):
    html = home(personas["staff"]).content.decode()
    listed = client_for(personas["staff"]).get(
        reverse("partnerships:list") + "?stage=scoping-and-building").context["total"]
    assert f'?stage=scoping-and-building"><span class="stat">{listed}</span>' in html


def test_what_others_changed_since_the_last_visit(personas, org_a, org_b, live_policy):
    staff, admin = personas["staff"], personas["admin"]
    Visit.objects.create(user=staff, on=days(-1))
    Organisation.history.update(history_date=timezone.now() - datetime.timedelta(days=10))
    org_a.description = "Changed by the admin"
    save_as(org_a, by=admin)
    org_b.description = "Changed by staff themselves"
    save_as(org_b, by=staff)
    response = home(staff)
    changes = response.context["changes"]
    names = {c.name: c for c in changes["entries"]}
    assert org_a.name in names and org_b.name not in names
    assert names[org_a.name].by == str(admin) and names[org_a.name].url == (
        f"/partners/{org_a.pk}/")
    assert response.context["since"] == days(-1)
    assert "since your last visit" in response.content.decode()
    # The visit is kept as a day, once a day; the day before is what "since" reads.
    assert Visit.objects.get(user=staff).on == TODAY
    assert Visit.objects.get(user=staff).before == days(-1)
    home(staff)
    assert Visit.objects.get(user=staff).before == days(-1)


def test_a_first_visit_shows_the_last_week_and_partners_have_no_audit(personas, org_a):
    response = home(personas["staff"])
    assert response.context["first_visit"] and response.context["since"] == days(-7)
    assert "changes" not in home(personas["partner_a"]).context
    assert "changes" not in home(personas["viewer"]).context
    assert not Visit.objects.filter(user=personas["partner_a"]).exists()


def test_a_registered_panel_shows(personas, org_a, settings, tmp_path, monkeypatch):
    (tmp_path / "panel.html").write_text("<section id='strategy'>{{ words }}</section>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    monkeypatch.setattr(registries, "_PANELS", dict(registries._PANELS))
    registries.home_panel("strategy", template="panel.html", audience="home")(
        lambda user, request: {"words": "The strategy at a glance"})
    registries.home_panel("hidden", template="panel.html")(lambda user, request: None)
    assert "The strategy at a glance" in home(personas["viewer"]).content.decode()
    assert "The strategy at a glance" not in home(personas["partner_a"]).content.decode()


def test_a_partner_sees_its_partnerships_what_it_is_asked_and_what_was_shared(
    personas, org_a, org_b, partnership_a, round_a
):
    b_only = Partnership.objects.create(title="B's own radio", kind="strategic",
                                        stage="scoping-and-building", phase="scoping")
    Party.objects.create(partnership=b_only, organisation=org_b, role="lead")
    closed = rounds.round_create(by=personas["staff"], title="Last year's card", period="FY25",
                                 opens_on=days(-90), closes_on=days(-10))
    rounds.invite(round_=closed, by=personas["staff"], users=[personas["partner_a"]])
    closed = rounds.round_open(round_=closed, by=personas["staff"])
    rounds.round_close(round_=closed, by=personas["staff"])

    response = home(personas["partner_a"])
    html = response.content.decode()
    assert "What you are asked to do" in html
    assert "Answer the score card “Partner score card 2026”" in html
    assert "Shared with you" in html and "The results of “Last year’s card” are out" \
        in html.replace("&#x27;", "’")
    yours = html[html.index('id="your-partnerships"'):]
    assert SECRET_PARTNERSHIP in yours and "Scoping and building" in yours
    assert "B&#x27;s own radio" not in html
    assert "Your organisation" in html

    b = home(personas["partner_b"]).content.decode()
    assert SECRET_PARTNERSHIP not in b and "B&#x27;s own radio" in b


def test_a_viewer_is_asked_nothing_and_sees_the_panels(personas, partnership_a):
    html = home(personas["viewer"]).content.decode()
    assert 'id="due"' not in html
    assert "The registry at a glance" in html and "Partnerships at a glance" in html


def _more_partnerships(org_a, n, start=0):
    for i in range(start, start + n):
        p = Partnership.objects.create(
            title=f"Partnership {i}", kind="strategic", status="active",
            stage="scoping-and-building", phase="scoping", next_review_on=days(i - 3),
            starts_on=days(-900), ends_on=days(20 + i))
        Party.objects.create(partnership=p, organisation=org_a, role="implementing")


# session, user; what is due: reviews, the live policy, partnerships in a stage for long
# and their gate ticks, drafts, versions sent, partnerships ending; rounds to open, rounds
# to meet, actions due; the visit (read, and written on a new day); what others changed:
# four trails and the reviews; the registry by sector; the live policy, partnerships by
# status and by stage; due-diligence answers to review; and one query each for what the
# later apps ask of staff: capacity actions and assessments, reports to review, people's
# evaluations to do and their development actions (two), knowledge drafts to publish and
# adoptions to confirm, documents expiring, networks' structures to follow up; the
# live policy read again by two of the later providers.
STAFF_QUERIES = 33
# session, user; what is due: own invitations to answer, the organisation's actions and
# the day those not yet due were added, versions to sign and the day each was sent,
# partnerships ending, parties without contributions, the latest closed round invited to
# and the day it closed, the profile; the live policy and the partner's partnerships; its
# organisation; its due-diligence items left to answer (the live policy, the home
# organisation's own items, the count); and one query each for the later apps: capacity
# actions, reports to write, consultations and feedback to give, adoptions to confirm,
# meetings of a network it facilitates.
PARTNER_QUERIES = 25


@pytest.mark.parametrize(("persona", "most"), [("staff", STAFF_QUERIES),
                                               ("partner_a", PARTNER_QUERIES)])
def test_the_home_page_queries_do_not_grow_with_the_partnerships(
    personas, org_a, round_a, persona, most, django_assert_max_num_queries
):
    client = client_for(personas[persona])
    _more_partnerships(org_a, 1)
    client.get(reverse("home"))  # the visit recorded, the pack composed: as on any day
    with django_assert_max_num_queries(most):
        assert client.get(reverse("home")).status_code == 200
    _more_partnerships(org_a, 12, start=1)
    with django_assert_max_num_queries(most):
        page = client.get(reverse("home")).content.decode()
    assert "Partnership 12" in page


def _menu(html):
    return html[html.index('<ul class="menu">'):html.index("</nav>")]


def test_the_menu_keeps_the_most_used_modules_in_the_bar_and_the_rest_under_more(personas):
    staff_menu = _menu(client_for(personas["staff"]).get(reverse("networks:list"))
                       .content.decode())
    bar, more = staff_menu.split('<details class="dropdown modules">')
    for module in ("/partners/", "/partnerships/", "/reports/", "/scorecards/", "/strategy/",
                   "/policy/"):
        assert f'<li class="wide"><a href="{module}"' in bar
        assert f'<li class="narrow"><a href="{module}"' in more  # a phone's "Menu"
    assert 'href="/networks/" aria-current="page"' in more
    assert '<summary class="current">' in more  # the open module is under "More"
    assert 'href="/people/"' in more
    partner_menu = _menu(home(personas["partner_a"]).content.decode())
    assert 'href="/people/"' not in partner_menu  # people are the home NGO's own
    assert '<summary class="current">' not in partner_menu
