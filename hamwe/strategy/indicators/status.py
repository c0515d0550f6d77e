"""How an indicator stands on a day, and why, in words (docs/decisions.md, "The strategy,
live"). Pure functions of the figures: no query.

- **not measurable yet**: the measure's module is not in place (it says which), a manual
  indicator has no entry yet, or there is nothing to measure yet;
- a manual indicator whose latest entry gives a **status**: that status, as entered;
- with a **target** (the pack's): **met** when the value reaches it; otherwise **missed**
  once the deadline has passed; before the deadline (">=" targets) **on track** when the
  value has come at least as far towards the target as the time has gone from the
  strategy's start to the deadline, else **at risk**; without a deadline, or for "<=" and
  "==" targets, on track when it is better than at the end of the previous fiscal year;
- with **no target** but a rule of the measure's own (e.g. "at least once a year"): met
  when the rule holds, else missed after the deadline or at risk;
- with neither: on track when better than, or as good as, the previous fiscal year (and
  not nothing), at risk when worse or nothing.
"""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MET, ON_TRACK, AT_RISK, MISSED, UNKNOWN = "met", "on_track", "at_risk", "missed", "unknown"
LABELS = {
    MET: gettext_lazy("Met"),
    ON_TRACK: gettext_lazy("On track"),
    AT_RISK: gettext_lazy("At risk"),
    MISSED: gettext_lazy("Missed"),
    UNKNOWN: gettext_lazy("Not measurable yet"),
}
# Where the data of a measure not computed yet will come from.
MODULES = {
    "capacity": gettext_lazy("capacity assessments"),
    "reporting": gettext_lazy("partner reports"),
    "knowledge": gettext_lazy("knowledge management"),
    "people": gettext_lazy("people and competencies"),
    "networks": gettext_lazy("networks"),
    "partners": gettext_lazy("partner registry"),
    "partnerships": gettext_lazy("partnerships"),
    "scorecards": gettext_lazy("score cards"),
}


@dataclass(frozen=True)
class Status:
    code: str
    reason: str

    @property
    def label(self):
        return LABELS[self.code]


def show(value, unit=""):
    """A figure as a reader writes it: 25 %, 2, 3,5 (in French)."""
    if value is None:
        return "—"
    decimals = 0 if float(value).is_integer() else 1
    text = formats.number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True)
    if unit == "%":
        return f"{text} %"
    return text


def target_text(target, unit=""):
    """"≥ 2", "≥ 100 %", "≤ 1"."""
    sign = {">=": "≥", "<=": "≤", "==": "="}[target.comparison]
    return f"{sign} {show(target.value, unit)}"


def reaches(value, target) -> bool:
    if target.comparison == ">=":
        return value >= target.value
    if target.comparison == "<=":
        return value <= target.value
    return abs(value - target.value) < 1e-9


def _better(value, previous, *, better, target=None) -> int:
    """1 better than `previous`, 0 the same, -1 worse."""
    if target is not None and target.comparison == "==":
        value, previous = -abs(value - target.value), -abs(previous - target.value)
    elif (target is not None and target.comparison == "<=") or better == "lower":
        value, previous = -value, -previous
    return (value > previous) - (value < previous)


def not_measurable(needs) -> Status:
    module = MODULES.get(needs, needs)
    return Status(UNKNOWN, _("Not measurable yet: needs the %(module)s module.") % {
        "module": module})


def judge(*, value, unit="", target=None, deadline=None, target_met=None, as_of,
          start=None, previous=None, previous_year="", better="higher") -> Status:
    """The status of a value on `as_of` (see the module's docstring). `previous` is the
    value at the end of the previous fiscal year, named `previous_year`."""
    if value is None:
        return Status(UNKNOWN, _("Nothing to measure yet."))
    shown = show(value, unit)
    past_deadline = deadline is not None and as_of > deadline
    words = {"value": shown, "year": previous_year,
             "previous": show(previous, unit) if previous is not None else "",
             "deadline": formats.date_format(deadline, "j F Y") if deadline else ""}
    if target is not None:
        words["target"] = target_text(target, unit)
        if reaches(value, target):
            return Status(MET, _("%(value)s against a target of %(target)s: met.") % words)
        if past_deadline:
            return Status(MISSED, _("%(value)s against a target of %(target)s: the "
                                    "deadline (%(deadline)s) has passed.") % words)
        if target.comparison == ">=" and deadline is not None and start is not None:
            elapsed = max(0, (as_of - start).days) / max(1, (deadline - start).days)
            expected = target.value * min(1.0, elapsed)
            words["expected"] = show(expected, unit)
            if value >= expected:
                return Status(ON_TRACK, _(
                    "%(value)s against a target of %(target)s by %(deadline)s: at or ahead "
                    "of a steady pace from the strategy's start (%(expected)s by now).")
                    % words)
            return Status(AT_RISK, _(
                "%(value)s against a target of %(target)s by %(deadline)s: behind a steady "
                "pace from the strategy's start (%(expected)s by now).") % words)
        if previous is not None and _better(value, previous, better=better, target=target) > 0:
            return Status(ON_TRACK, _("%(value)s against a target of %(target)s: not met "
                                      "yet, better than in %(year)s (%(previous)s).") % words)
        if previous is not None:
            return Status(AT_RISK, _("%(value)s against a target of %(target)s: not met "
                                     "yet, and no better than in %(year)s (%(previous)s).")
                          % words)
        return Status(AT_RISK, _("%(value)s against a target of %(target)s: not met yet.")
                      % words)
    if target_met is not None:
        if target_met:
            return Status(MET, _("%(value)s: what the measure asks is met.") % words)
        if past_deadline:
            return Status(MISSED, _("%(value)s: what the measure asks is not met, and the "
                                    "deadline (%(deadline)s) has passed.") % words)
        return Status(AT_RISK, _("%(value)s: what the measure asks is not met yet.") % words)
    if previous is None:
        if value:
            return Status(ON_TRACK, _("%(value)s: the first year measured; the policy sets "
                                      "no target.") % words)
        return Status(AT_RISK, _("Nothing counted yet; the policy sets no target."))
    change = _better(value, previous, better=better)
    if change > 0:
        return Status(ON_TRACK, _("%(value)s, better than in %(year)s (%(previous)s); the "
                                  "policy sets no target.") % words)
    if change == 0 and value:
        return Status(ON_TRACK, _("%(value)s, as in %(year)s; the policy sets no target.")
                      % words)
    if change == 0:
        return Status(AT_RISK, _("Nothing counted yet; the policy sets no target."))
    return Status(AT_RISK, _("%(value)s, worse than in %(year)s (%(previous)s); the policy "
                             "sets no target.") % words)


def entered_reason(entry, who) -> str:
    return _("%(status)s, as %(who)s judged it on the evidence, on %(date)s.") % {
        "status": LABELS.get(entry.status, entry.status), "who": who or _("staff"),
        "date": formats.date_format(entry.on, "j F Y")}


def no_entry_reason(indicator) -> str:
    if indicator.evidence:
        return _("No entry yet: staff enter it with its evidence (%(evidence)s).") % {
            "evidence": indicator.evidence}
    return _("No entry yet: staff enter it with its evidence.")


def being_computed() -> str:
    return _("Being computed: the value of this year is stored in the background.")
