"""`appreciative-inquiry-sessions` on a hand-built set of sessions, as of several days
(the example pack's fiscal year starts in July: FY26 is July 2025 - June 2026)."""

import datetime

from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy.measures import compute
from hamwe.scorecards.models import InquirySession

D = datetime.date


def _session(held_on, organisations, topics="Trust\nShared learning"):
    session = InquirySession.objects.create(held_on=held_on, topics=topics)
    session.organisations.set(organisations)
    return session


def test_sessions_with_partners_in_the_fiscal_year_up_to_the_day(live_policy):
    a, b = OrganisationFactory(name="Partner A"), OrganisationFactory(name="Partner B")
    _session(D(2025, 6, 15), [a])  # FY25
    september = _session(D(2025, 9, 10), [a, b], topics="What gives life to our work")
    february = _session(D(2026, 2, 1), [a])
    _session(D(2026, 3, 15), [])  # staff only: not "with partners"
    _session(D(2026, 5, 1), [b])
    # 31 March 2026: FY26 so far holds September and February with partners (the March
    # one had none present) = 2, with partners A and B.
    result = compute("appreciative-inquiry-sessions", as_of=D(2026, 3, 31))
    assert result.value == 2
    assert result.detail == {"year": 2026, "from": "2025-07-01", "organisations": 2}
    assert [(r.kind, r.id, r.label) for r in result.rows] == [
        ("inquiry", september.pk, "What gives life to our work"),
        ("inquiry", february.pk, "Trust")]
    # The whole of FY26: May too = 3. The whole of FY25: June 2025 = 1.
    assert compute("appreciative-inquiry-sessions", as_of=D(2026, 6, 30)).value == 3
    assert compute("appreciative-inquiry-sessions", as_of=D(2025, 6, 30)).value == 1
    assert compute("appreciative-inquiry-sessions", as_of=D(2025, 6, 30)).detail[
        "organisations"] == 1


def test_sessions_in_a_fixed_number_of_queries(live_policy, django_assert_max_num_queries):
    for day in (D(2025, 9, 1), D(2025, 10, 1), D(2025, 11, 1)):
        _session(day, [OrganisationFactory()])
    compute("appreciative-inquiry-sessions", as_of=D(2026, 3, 31))
    # 1 the live policy (the composed pack is kept); 2 the counts; 3 the sessions.
    with django_assert_max_num_queries(3):
        assert compute("appreciative-inquiry-sessions", as_of=D(2026, 3, 31)).value == 3
