"""The gate facts that a partnership's own record establishes (the catalogue is
hamwe/policy/facts.py): each reads one partnership with one query, or none when the
partnership comes with its parties prefetched, and says what the record shows in the
reader's language, with the page that shows it."""

import datetime

from django.db.models import Count, DateTimeField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamwe.policy.facts import Finding, establishes

from .models import Agreement, QualificationCheck, Review, StageChange

_BEFORE_ANY = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def _day(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localdate(value)
    return formats.date_format(value, "DATE_FORMAT")


def _detail(partnership, anchor):
    return reverse("partnerships:detail", args=[partnership.pk]) + anchor


@establishes("qualification-passed")
def qualification_passed(partnership, *, stage, pack):
    check = (
        QualificationCheck.objects.filter(partnership=partnership)
        .order_by("-at", "-pk").only("at", "is_partnership").first()
    )
    url = reverse("partnerships:qualify", args=[partnership.pk]) + "#result"
    if check is None:
        return Finding(False, _("No qualification check has been run yet."), url)
    if check.is_partnership:
        return Finding(True, _("The qualification check of %(date)s says this is a "
                               "partnership.") % {"date": _day(check.at)}, url)
    return Finding(False, _("The qualification check of %(date)s says this is not a "
                            "partnership.") % {"date": _day(check.at)}, url)


def _every_party(partnership, field, *, holds, lacking):
    """Whether a partnership of at least two parties has `field` written for each."""
    parties = list(partnership.parties.all())  # prefetched on the partnership's pages
    url = _detail(partnership, "#parties")
    if len(parties) < 2:
        return Finding(False, _("The partnership has fewer than two parties."), url)
    missing = [p.organisation.name for p in parties if not getattr(p, field).strip()]
    if missing:
        return Finding(False, lacking % {"names": ", ".join(missing)}, url)
    return Finding(True, holds % {"count": len(parties)}, url)


@establishes("parties-have-roles")
def parties_have_roles(partnership, *, stage, pack):
    return _every_party(
        partnership, "responsibilities",
        holds=_("Each of the %(count)s parties has its role and responsibilities written "
                "on the record."),
        lacking=_("No responsibilities written yet for: %(names)s."),
    )


@establishes("own-objectives-recorded")
def own_objectives_recorded(partnership, *, stage, pack):
    return _every_party(
        partnership, "own_objectives",
        holds=_("Each of the %(count)s parties has its own objectives written on the "
                "record."),
        lacking=_("No own objectives written yet for: %(names)s."),
    )


def _current_agreement(partnership):
    """The newest version, with how many parties signed it and when the last did."""
    return (
        Agreement.objects.filter(partnership=partnership)
        .annotate(signed=Count("signatures"), last_signed=Max("signatures__signed_on"))
        .order_by("-number").only("pk", "number", "status", "partnership_id").first()
    )


def _agreement_finding(partnership, *, sent_is_enough):
    agreement = _current_agreement(partnership)
    if agreement is None:
        return Finding(False, _("No agreement has been generated yet."),
                       reverse("partnerships:agreements", args=[partnership.pk]))
    url = reverse("partnerships:agreement_detail", args=[partnership.pk, agreement.pk])
    number = agreement.number
    if agreement.status == Agreement.Status.SIGNED:
        return Finding(True, _("Version %(number)s of the agreement is signed by every party "
                               "it names (the last on %(date)s).") % {
            "number": number, "date": _day(agreement.last_signed)}, url)
    if agreement.status == Agreement.Status.SENT:
        because = ngettext(
            "Version %(number)s of the agreement is sent for signature; %(count)s party "
            "has signed it.",
            "Version %(number)s of the agreement is sent for signature; %(count)s parties "
            "have signed it.",
            agreement.signed,
        ) % {"number": number, "count": agreement.signed}
        return Finding(sent_is_enough, because, url)
    return Finding(False, _("Version %(number)s of the agreement is a draft, not yet sent "
                            "for signature.") % {"number": number}, url)


@establishes("agreement-sent")
def agreement_sent(partnership, *, stage, pack):
    return _agreement_finding(partnership, sent_is_enough=True)


@establishes("agreement-signed")
def agreement_signed(partnership, *, stage, pack):
    return _agreement_finding(partnership, sent_is_enough=False)


def _review_in_stage(partnership, stage):
    """The latest review recorded since the partnership last entered `stage` (a move from
    another stage; a move between its phases does not count), or since it was recorded
    when no move into the stage is known."""
    entered = (
        StageChange.objects.filter(partnership=OuterRef("partnership"), to_stage=stage)
        .exclude(from_stage=stage).order_by("-at", "-pk").values("at")[:1]
    )
    since = Coalesce(Subquery(entered), Value(_BEFORE_ANY), output_field=DateTimeField())
    return (
        Review.objects.filter(partnership=partnership)
        .alias(since=since).filter(at__gte=since)
        .order_by("-at", "-pk").only("pk", "held_on", "principle_ratings").first()
    )


@establishes("review-recorded")
def review_recorded(partnership, *, stage, pack):
    review = _review_in_stage(partnership, stage)
    if review is None:
        return Finding(False, _("No review has been recorded since the partnership entered "
                                "this stage."))
    return Finding(
        True, _("The review held on %(date)s is recorded in this stage.") % {
            "date": _day(review.held_on)},
        reverse("partnerships:review_detail", args=[partnership.pk, review.pk]),
    )


@establishes("principles-rated")
def principles_rated(partnership, *, stage, pack):
    review = _review_in_stage(partnership, stage)
    if review is None:
        return Finding(False, _("No review has been recorded since the partnership entered "
                                "this stage."))
    url = reverse("partnerships:review_detail", args=[partnership.pk, review.pk])
    rated = review.principle_ratings or {}
    unrated = [p.name for p in pack.principles if p.key not in rated]
    if unrated:
        # A principle added to the policy after the review.
        return Finding(False, _("The review held on %(date)s did not rate: %(names)s.") % {
            "date": _day(review.held_on), "names": ", ".join(str(n) for n in unrated)}, url)
    return Finding(True, _("The review held on %(date)s rated each of the %(count)s "
                           "principles.") % {"date": _day(review.held_on),
                                             "count": len(pack.principles)}, url)
