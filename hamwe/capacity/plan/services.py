"""The strengthening plan: actions proposed from an assessment's weakest criteria (the
action plan matters more than the scores, METHODS.md §3), and their follow-up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.core.records import save_as, update_versioned

from ..framework import framework_of
from ..models import Action, Score

PROPOSED = 5  # weakest criteria proposed at most


def gaps(assessment, *, limit=PROPOSED):
    """The weakest criteria of the assessment, lowest agreed level first (the
    framework's order among equals), below the top level and without an action still
    pending in the partner's plan: each with its level and the next level's descriptor,
    which the proposed action aims at. Two queries."""
    framework = framework_of(assessment)
    agreed = dict(assessment.scores.filter(side=Score.Side.AGREED)
                  .values_list("criterion", "level"))
    planned = set(Action.objects.pending().filter(organisation_id=assessment.organisation_id)
                  .values_list("criterion", flat=True))
    order = {c.key: i for i, c in enumerate(framework.criteria)}
    found = []
    for criterion in framework.criteria:
        level = agreed.get(criterion.key)
        if level is None or level >= framework.top or criterion.key in planned:
            continue
        aim = min((lv for lv in criterion.descriptors if lv > level), default=None)
        found.append({"criterion": criterion, "level": level, "aim": aim,
                      "aim_text": criterion.descriptors.get(aim, "")})
    found.sort(key=lambda gap: (gap["level"], order[gap["criterion"].key]))
    return found[:limit]


@transaction.atomic
def plan_from_gaps(*, assessment, choices, by) -> list[Action]:
    """One action per chosen gap: `choices` is a list of dicts with `criterion`,
    `title`, `owner`, `third_party`, `due_on` and `resources`."""
    if assessment.of_home:
        raise ValidationError(_("A mutual assessment is of the home NGO: its gaps go to "
                                "the home NGO's own plans, not to the partner's."))
    framework = framework_of(assessment)
    made = []
    for choice in choices:
        criterion = framework.criterion(choice["criterion"])
        if criterion is None:
            raise ValidationError({"criterion": _("This criterion is not in the framework.")})
        action = Action(
            organisation_id=assessment.organisation_id, assessment=assessment,
            domain=criterion.domain, criterion=criterion.key, title=choice["title"],
            owner=choice.get("owner") or Action.Owner.PARTNER,
            third_party=choice.get("third_party", ""), due_on=choice["due_on"],
            resources=choice.get("resources", ""),
        )
        made.append(save_as(action, by=by))
    return made


def action_update(*, action, by, expected_version, **changes) -> Action:
    """Change an action (its status, owner, due date, resources ...), refusing an edit
    made over someone else's newer one."""
    if changes.get("status") == Action.Status.DONE and not changes.get("done_on"):
        changes["done_on"] = action.done_on or timezone.localdate()
    if changes.get("status") and changes["status"] != Action.Status.DONE:
        changes["done_on"] = None
    return update_versioned(action, by=by, expected_version=expected_version, changes=changes)
