"""Score-card rounds for tests, run the way Hamwe runs them: through the services
(`round_create` from the live policy, `invite`, `round_open`, each invited user answering
for themselves, `round_close`), so a round is valid by construction and its answers are
as anonymous as real ones. A live policy must be loaded first (the
`live_policy` fixture): the scale, thresholds and indicators are the policy's.

    RoundFactory(invited=[partner_a, partner_b, partner_c], status="closed",
                 answers=[{"equal-voice": 80}, {"funds-on-time": (40, "Late", "Plan ahead")}, 70])
"""

import datetime

import factory

from hamwe.scorecards.models import Round
from hamwe.scorecards.rounds import services


class RoundFactory(factory.Factory):
    """A round `by` a home user (or None) inviting the partner users `invited`, then
    opened (`status="open"`) or also answered and closed (`"closed"`). `answers` holds one
    answer per invited user, in order: indicator key -> score, or -> (score, reason,
    suggestion); or one score for every indicator."""

    class Meta:
        model = Round

    title = factory.Sequence(lambda n: f"Partner score card {n}")
    period = "FY26"
    opens_on = datetime.date(2026, 1, 1)
    closes_on = datetime.date(2026, 12, 31)
    by = None
    invited = ()
    status = Round.Status.DRAFT
    answers = ()

    @classmethod
    def _create(cls, model_class, *, by, invited, status, answers, **data):
        round_ = services.round_create(by=by, **data)
        services.invite(round_=round_, by=by, users=list(invited))
        if status != Round.Status.DRAFT:
            services.round_open(round_=round_, by=by)
        indicators = {i.key: i.pk for i in round_.indicators.all()}
        for user, scores in zip(invited, answers, strict=False):
            services.answer_submit(round_=round_, user=user, scores=_scores(indicators, scores))
        if status == Round.Status.CLOSED:
            round_.refresh_from_db()
            services.round_close(round_=round_, by=by)
        round_.refresh_from_db()
        return round_


def _scores(indicators, scores):
    if not isinstance(scores, dict):
        scores = dict.fromkeys(indicators, scores)
    items = []
    for key, value in scores.items():
        score, reason, suggestion = value if isinstance(value, tuple) else (value, "", "")
        items.append({"indicator": indicators[key], "score": score, "reason": reason,
                      "suggestion": suggestion})
    return items
