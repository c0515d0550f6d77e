"""The bench's generator of due diligence and funding writes rows the pages read."""

import pytest


@pytest.mark.django_db
def test_the_generator_writes_checklists_and_funding(live_policy):
    from bench.data import Scale, generate
    from hamwe.partners.diligence.selectors import checklist, summaries_of
    from hamwe.partners.funding.selectors import figures_of
    from hamwe.partners.models import DiligenceItem, Funding

    ctx = generate(Scale("T", organisations=40, partnerships=0, rounds=0,
                         answers_per_round=0),
                   only={"accounts", "partners", "diligence_and_funding"}, log=lambda *a: None)
    assert DiligenceItem.objects.exists() and Funding.objects.exists()
    found = checklist()
    summaries = summaries_of(ctx.organisations, today=ctx.today, found=found)
    assert any(s["met"] for s in summaries.values())
    assert any(series for series in figures_of(ctx.organisations).values())
