"""knowledge-use-by-key-positions, joined by the strategy from the people app's key
positions and the knowledge app's ledger of use, checked by hand."""

import datetime

import pytest

from hamwe.knowledge import services as knowledge
from hamwe.knowledge.tests.factories import make_item
from hamwe.people.tests.factories import appointment, staff
from hamwe.policy.measures import compute

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_share_of_key_position_holders_who_used_the_knowledge_base(
        org_a, personas, live_policy):
    admin = personas["admin"]
    user, idle, left = staff("Ana Ndayishimiye"), staff("Eric Bizimana"), staff("Olive Niyonzima")
    outside = staff("Jean Hakizimana")  # uses the base, holds no key position
    for person in (user, idle):
        appointment(by=admin, user=person, starts_on=D(2024, 1, 1))
    appointment(by=admin, user=left, starts_on=D(2023, 1, 1), ends_on=D(2025, 12, 31))
    appointment(by=admin, name="Without an account", starts_on=D(2024, 1, 1))
    item = make_item(by=admin, origins=[org_a], publish=True)
    knowledge.use_record(item=item, by=user, kind="used", purpose="Savings groups",
                         on=D(2026, 3, 1))
    knowledge.use_record(item=item, by=idle, kind="consulted", purpose="Last year",
                         on=D(2025, 5, 1))  # the fiscal year before (CARE's starts in July)
    knowledge.use_record(item=item, by=outside, kind="used", purpose="x", on=D(2026, 3, 1))
    knowledge.use_record(item=item, by=left, kind="used", purpose="x", on=D(2025, 9, 1))

    year_end = compute("knowledge-use-by-key-positions", {}, as_of=D(2026, 6, 30))
    assert year_end.value == 50.0  # user of {user, idle}; `left` had left, `outside` holds none
    assert year_end.detail["in_key_positions"] == 2 and year_end.detail["used"] == 1
    assert year_end.rows == ()  # who used what is not shown

    before = compute("knowledge-use-by-key-positions", {}, as_of=D(2025, 10, 1))
    assert before.value == round(100 / 3, 1)  # user, idle and left held one; left used it
    assert compute("knowledge-use-by-key-positions", {}, as_of=D(2023, 6, 30)).value == 0.0
    assert compute("knowledge-use-by-key-positions", {}, as_of=D(2022, 6, 30)).value is None
