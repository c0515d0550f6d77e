"""The notifications' pages: the list, the header's count, and the choice of what the
daily e-mail carries; each person sees and sets only their own."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hamwe.conftest import SECRET_PARTNERSHIP, client_for
from hamwe.notifications.models import Preference
from hamwe.partnerships.models import Partnership

TODAY = timezone.localdate()

# The strategy's overdue activities are counted in hamwe/strategy's own tests.
pytestmark = pytest.mark.usefixtures("without_the_strategy_plan")


@pytest.fixture
def review_overdue(partnership_a):
    Partnership.objects.filter(pk=partnership_a.pk).update(
        next_review_on=TODAY - datetime.timedelta(days=2))
    return partnership_a


def test_the_list_groups_what_is_due_overdue_first(personas, review_overdue, round_a):
    html = client_for(personas["staff"]).get(reverse("notifications:list")).content.decode()
    assert "Overdue" in html and SECRET_PARTNERSHIP in html
    assert f'href="/partnerships/{review_overdue.pk}/reviews/new/"' in html
    assert "overdue by 2 days" in html

    partner = client_for(personas["partner_a"]).get(reverse("notifications:list"))
    page = partner.content.decode()
    assert "Answer the score card" in page and SECRET_PARTNERSHIP not in page
    # The score card, and what the later apps ask of A (its due-diligence items): the
    # header's count is the tasks the list shows.
    groups = partner.context["groups"]
    assert partner.context["due_count"] == sum(
        len(items) for name, items in groups.items() if name != "shared") >= 1


@pytest.mark.parametrize("persona", ["anonymous", "no_role"])
def test_no_one_without_a_role_has_notifications(personas, persona):
    response = client_for(personas[persona]).get(reverse("notifications:list"))
    assert response.status_code in (302, 403)


def test_the_header_count_is_fetched_and_cached_a_minute(personas, review_overdue, round_a):
    staff = client_for(personas["staff"])
    page = staff.get(reverse("partners:list")).content.decode()
    assert f'hx-get="{reverse("notifications:count")}"' in page  # filled after the page
    response = staff.get(reverse("notifications:count"))
    assert response["Cache-Control"] == "private, max-age=60"
    assert '<span class="badge"' in response.content.decode()
    assert ">1</span>" in response.content.decode()
    # The home page and the list know the count already: no second request.
    home = staff.get(reverse("home")).content.decode()
    assert 'hx-get="/notifications/count/"' not in home and 'class="badge"' in home


def test_a_person_chooses_among_the_kinds_that_concern_them(personas, live_policy):
    url = reverse("notifications:settings")
    partner = client_for(personas["partner_a"])
    form = partner.get(url).content.decode()
    assert "Score cards to answer" in form
    assert "Partnership reviews coming due" not in form  # staff's, not theirs
    assert "Your organisation&#x27;s profile" not in form  # never e-mailed anyway

    response = partner.post(url, {"emailed": ["scorecard-answer"], "language": "fr"})
    assert response.status_code == 302
    chosen = Preference.objects.get(user=personas["partner_a"])
    assert chosen.language == "fr"
    assert "scorecard-answer" not in chosen.not_emailed
    assert "scorecard-actions" in chosen.not_emailed

    # A kind that does not concern them is refused, and nothing changes.
    response = partner.post(url, {"emailed": ["partnership-reviews"], "language": ""})
    assert response.status_code == 200
    assert Preference.objects.get(user=personas["partner_a"]).language == "fr"
