"""Reads about score cards. Results are computed in ONE place, `round_results`, from a
few aggregate queries; pages, the API and the strategy's measure all read them here, so
the anonymity rules below hold everywhere or nowhere.

The rules (METHODS.md §1; design choices marked *):
- a figure is shown only when it rests on at least `round.min_group_scores` answers
  (comments: `round.min_group_comments`); below that the page says "fewer than N",
  never the exact count;
- * a group answer (a focus group's consensus) counts as ONE answer, whatever its
  `group_size`: counting its members would let one group reach the minimum alone and
  put its consensus on show as if it were an anonymous spread of people;
- the breakdown by kind of answer (individual answers, group consensus) is shown only
  when every cell has at least the minimum AND so has its complement (total - cell),
  unless that complement is 0: otherwise the whole breakdown of that indicator is
  withheld, so no subtraction of two shown figures gives a small group;
- * figures appear only once the round is closed: while answers still arrive, comparing
  the results before and after one partner answered would single that answer out;
- comments are shown without dates, shuffled with a fresh random seed each time;
- change from the previous round only on indicators present in both (same `key`) and
  shown in both.

Gap = consolidated score (median) - the home NGO's self-score: negative when partners
rate the home NGO lower than it rates itself.
"""


from django.core.exceptions import PermissionDenied

from hamwe.accounts import access
from hamwe.core.records import one_or_404

from ..models import Round


def round_for_user(*, user, pk) -> Round:
    """The round if the user may see it (home users: all; partner users: the rounds
    their organisation is invited to), or 404."""
    return one_or_404(Round.objects.visible_to(user).select_related("previous"), pk=pk)


def round_for_manager(*, user, pk) -> Round:
    """A round the user may run (home admins and staff): 404 if they may not see it, 403
    if they may see but not run it."""
    round_ = round_for_user(user=user, pk=pk)
    if not access.may_run_scorecards(user):
        raise PermissionDenied
    return round_


def rounds_for_user(user):
    return Round.objects.visible_to(user)


