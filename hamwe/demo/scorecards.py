"""The partner score card (data/scorecards.yaml), through the score cards' services: three
yearly rounds on the policy's indicators. The two closed ones were answered by the
invited partner users, each signed in with their own invitation, and by focus groups
whose consensus a facilitator entered, enough of them for the results to show scores and
comments above the policy's minimum group sizes; the home organisation scored itself, met
its partners at an interface meeting and agreed a joint action plan, followed up since. An
appreciative-inquiry session gave the current round an indicator and the plan an action;
a partner proposed another. The current round is open, and the printed partner logins
have not answered it yet.

Built once: a database that has score-card rounds keeps its own."""

import datetime

from django.urls import reverse

from hamwe.scorecards.followup.services import (
    action_add,
    action_update,
    commitment_to_action,
    inquiry_create,
    inquiry_item_add,
    meeting_record,
    proposition_to_indicator,
    self_evaluation_record,
)
from hamwe.scorecards.models import Action, InquiryItem, Round
from hamwe.scorecards.rounds.services import (
    answer_submit,
    group_answer_submit,
    invite,
    proposal_add,
    proposal_decide,
    round_close,
    round_create,
    round_open,
)

from .data import read

ROUNDS = ("earlier", "last", "current")
STEP = 10  # the answer form's steps on a 0-100 scale


def build(demo, rng):
    if not Round.objects.exists():
        ScoreCards(demo, rng).build()
    _notes(demo)


class ScoreCards:
    def __init__(self, demo, rng):
        self.demo, self.random = demo, rng
        self.table = read("scorecards")
        self.by = demo.staff or demo.admin  # partnership staff run the score card
        self.home = demo.pack.organisation.short_name
        self.extra_themes = {}  # key of an indicator added to a round -> its theme

    def build(self):
        for name in ROUNDS:
            self._round(name)

    def text(self, words):
        return words.replace("{home}", self.home)

    # --- rounds -------------------------------------------------------------------------

    def _round(self, name):
        spec = self.table["rounds"][name]
        opens = self.demo.today + datetime.timedelta(days=spec["opens"])
        period = fiscal_year_name(self.demo.pack.fiscal_year, opens)
        titles = self.table["titles"]
        round_ = round_create(
            by=self.by, title=titles.get(self.demo.pack.language, titles["en"]).format(
                period=period),
            period=period, opens_on=opens,
            closes_on=opens + datetime.timedelta(days=spec["days"]),
        )
        invited = [*self.demo.partner_logins, *self.demo.respondents]
        invite(round_=round_, by=self.by, users=invited)
        if name == "current":
            self._proposal(round_)
            self._proposition(round_)
        round_ = round_open(round_=round_, by=self.by)
        # Those who answer: in the current round, none of the printed
        # logins, so that a visitor can answer as one of them.
        pool = self.demo.respondents if name == "current" else invited
        answering = self.random.sample(pool, spec["individual"])
        answers = self._answers(round_, name, len(answering) + len(spec["groups"]))
        for user, scores in zip(answering, answers[:len(answering)], strict=True):
            answer_submit(round_=round_, user=user, scores=scores)
        for size, scores in zip(spec["groups"], answers[len(answering):], strict=True):
            group_answer_submit(round_=round_, by=self.by, group_size=size, scores=scores)
        if name == "current":
            return round_
        round_ = round_close(round_=round_, by=self.by)
        # The demo tells a history: its past rounds closed when they were due to.
        Round.objects.filter(pk=round_.pk).update(closed_on=round_.closes_on)
        round_.refresh_from_db()
        self._self_evaluation(round_, name)
        meeting = self._meeting(round_, name)
        self._plan(round_, name, meeting)
        if name == "last":
            self.inquiry = self._inquiry(round_, meeting)
        return round_

    def _themes(self, round_):
        """(indicator, theme) for each indicator of the round that has a theme."""
        names = [key for key, theme in self.table["themes"].items()
                 if "earlier" in theme["scores"]]
        mapping = self.table["indicator_themes"].get(self.demo.pack.pack, {})
        pairs = []
        for position, indicator in enumerate(round_.indicators.order_by("position", "pk")):
            theme = (self.extra_themes.get(indicator.key) or mapping.get(indicator.key)
                     or names[position % len(names)])
            pairs.append((indicator, theme))
        return pairs

    def _answers(self, round_, name, count):
        """`count` answers, each a list of scores as `answer_submit` takes them: every
        theme's scores spread around its median, and in the last round the partners'
        reasons and suggestions, each on an answer of its own."""
        answers = [[] for _ in range(count)]
        for indicator, theme_key in self._themes(round_):
            theme = self.table["themes"][theme_key]
            if name not in theme["scores"]:
                continue
            values = spread(self.random, count, *theme["scores"][name])
            comments = {}
            if name == "last":
                said = theme.get("comments", [])
                comments = dict(zip(self.random.sample(range(count), len(said)), said,
                                    strict=True))
            for index, value in enumerate(values):
                comment = comments.get(index, {})
                answers[index].append({
                    "indicator": indicator.pk,
                    "score": on_scale(round_, value),
                    "reason": self.text(comment.get("reason", "")),
                    "suggestion": self.text(comment.get("suggestion", "")),
                })
        return answers

    def _proposal(self, round_):
        """A partner proposes an indicator while the round is a draft; staff accept it."""
        spec = self.table["proposal"]
        organisation = self.demo.organisations[spec["by"]]
        partner = self.demo.partner_admins[organisation.pk]
        proposal = proposal_add(round_=round_, by=partner, text=self.text(spec["text"]))
        indicator = proposal_decide(proposal=proposal, by=self.by, accept=True)
        self.extra_themes[indicator.key] = spec["theme"]

    def _proposition(self, round_):
        """The inquiry's first proposition becomes an indicator of the round."""
        item = self.inquiry.items.filter(step=InquiryItem.Step.DESIGN).order_by("pk").first()
        indicator = proposition_to_indicator(item=item, by=self.by, round_=round_)
        self.extra_themes[indicator.key] = self.table["inquiry"]["design"][0]["theme"]

    # --- follow-up ----------------------------------------------------------------------

    def _self_evaluation(self, round_, name):
        which = ROUNDS.index(name)
        scores = []
        for indicator, theme_key in self._themes(round_):
            theme = self.table["themes"][theme_key]
            if "self" in theme:
                scores.append({
                    "indicator": indicator,
                    "score": on_scale(round_, theme["self"][which]),
                    "reason": self.text(theme["self_reason"]) if name == "last" else "",
                })
        self_evaluation_record(round_=round_, by=self.by, scores=scores)

    def _organisations(self, acronyms):
        return [self.demo.organisations[acronym] for acronym in acronyms]

    def _meeting(self, round_, name):
        spec = self.table["meetings"][name]
        return meeting_record(
            round_=round_, by=self.by,
            held_on=round_.closes_on + datetime.timedelta(days=spec["after_close"]),
            organisations=self._organisations(spec["present"]),
            agreed=self.text(spec["agreed"]),
        )

    def _plan(self, round_, name, meeting):
        by_theme = {theme: indicator for indicator, theme in self._themes(round_)}
        for spec in self.table["actions"][name]:
            organisation = (self.demo.organisations[spec["organisation"]]
                            if spec["owner"] == Action.Owner.PARTNER else None)
            action = action_add(
                round_=round_, by=self.by, text=self.text(spec["text"]), owner=spec["owner"],
                due_on=self.demo.today + datetime.timedelta(days=spec["due"]),
                owner_organisation=organisation, indicator=by_theme.get(spec["theme"]),
                meeting=meeting,
            )
            if spec["status"] != Action.Status.PLANNED or spec.get("follow_up"):
                # Who carries it out keeps it up to date: a partner with demo logins its own.
                by = self.demo.partner_admins.get(organisation.pk) if organisation else None
                action_update(action=action, by=by or self.by, data={
                    "status": spec["status"],
                    "follow_up": self.text(spec.get("follow_up", "")),
                }, expected_version=action.version)

    def _inquiry(self, round_, meeting):
        spec = self.table["inquiry"]
        session = inquiry_create(
            by=self.by, held_on=meeting.held_on + datetime.timedelta(days=spec["after_meeting"]),
            topics="\n".join(spec["topics"]), organisations=self._organisations(spec["present"]),
            round_=round_,
        )
        for step in (InquiryItem.Step.DISCOVER, InquiryItem.Step.DREAM,
                     InquiryItem.Step.DESIGN, InquiryItem.Step.DELIVER):
            for entry in spec[step]:
                text = entry["text"] if isinstance(entry, dict) else entry
                inquiry_item_add(session=session, by=self.by, step=step, text=self.text(text))
        commitment = spec["deliver"][0]
        item = session.items.filter(step=InquiryItem.Step.DELIVER).order_by("pk").first()
        commitment_to_action(
            item=item, by=self.by, round_=round_, owner=commitment["owner"],
            due_on=self.demo.today + datetime.timedelta(days=commitment["due"]),
        )
        return session


def spread(rng, count, median, lowest, highest):
    """`count` scores in steps of 10 from `lowest` to `highest` whose median is exactly
    `median`, in random order: half at or below it, half at or above."""
    middle = 1 if count % 2 else 2
    side = (count - middle) // 2
    below = [lowest] + [rng.randrange(lowest, median + 1, STEP) for _ in range(side - 1)]
    above = [highest] + [rng.randrange(median, highest + 1, STEP) for _ in range(side - 1)]
    values = below + [median] * middle + above
    rng.shuffle(values)
    return values


def on_scale(round_, percent):
    """A score given on 0-100 at the same share of the round's scale, in the answer
    form's steps (tens on a percent scale, ones on a short one)."""
    low, high = round_.scale_min, round_.scale_max
    if (low, high) == (0, 100):
        return float(percent)
    step = 1 if high - low <= 10 else (high - low) / 10
    return low + round((high - low) * percent / 100 / step) * step


def fiscal_year_name(fiscal_year, day):
    """The policy's name of the fiscal year that `day` falls in ("FY27" for November 2026
    when the year starts in July): {fy} is the two-digit year in which it ends."""
    starts_in = day.year if day.month >= fiscal_year.first_month else day.year - 1
    ends_in = starts_in if fiscal_year.first_month == 1 else starts_in + 1
    return fiscal_year.year_name.format(fy=f"{ends_in % 100:02d}")


def _notes(demo):
    closed = Round.objects.filter(status=Round.Status.CLOSED).order_by("-closes_on").first()
    current = Round.objects.filter(status=Round.Status.OPEN).order_by("-opens_on").first()
    if closed is not None:
        demo.notes.append(
            f"Score card: results of {closed.title} at "
            f"{reverse('scorecards:results', args=[closed.pk])}, its joint action plan at "
            f"{reverse('scorecards:plan', args=[closed.pk])}."
        )
    if current is not None:
        demo.notes.append(
            f"The partner logins above can answer {current.title} (open) at "
            f"{reverse('scorecards:rounds')}."
        )
