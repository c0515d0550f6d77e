"""Writes about score cards. Anonymity is kept here, by construction (see models.py)."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import save_as, update_versioned
from hamwe.policy import localise
from hamwe.policy import selectors as policy_selectors

from ..models import Answer, Indicator, Invitation, Proposal, Round, Score, SelfScore


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def round_create(*, by, title, period, opens_on, closes_on) -> Round:
    """A draft round with the policy's scale, threshold, minimum group sizes and
    indicators. Partners' proposals and inquiry propositions are added before it opens."""
    policy = policy_selectors.live_policy()
    if policy is None:
        raise ValidationError(_("Load a policy first: the score card comes from it."))
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("A round closes after it opens.")})
    # The wording in the policy's own language, with its translations, frozen together.
    pack = policy_selectors.source_pack(policy)
    card = pack.scorecard
    translated = localise.indicator_translations(pack)
    previous = Round.objects.filter(status=Round.Status.CLOSED).order_by("-closes_on").first()
    round_ = Round.objects.create(
        title=title,
        period=period,
        opens_on=opens_on,
        closes_on=closes_on,
        scale_min=card.scale.minimum,
        scale_max=card.scale.maximum,
        high_grade=card.high_grade,
        min_group_scores=card.min_group_scores,
        min_group_comments=card.min_group_comments,
        previous=previous,
        created_by=by,
    )
    Indicator.objects.bulk_create(
        Indicator(
            round=round_,
            key=item.key,
            text=item.text,
            language=pack.language,
            translations=translated.get(item.key, {}),
            source=Indicator.Source.POLICY,
            position=position,
        )
        for position, item in enumerate(card.indicators)
    )
    return round_


def _require_draft(round_):
    if round_.status != Round.Status.DRAFT:
        raise ValidationError(_("The round is open: its indicators and thresholds are frozen."))


def _writing_language():
    return localise.reading_language(get_language())


@transaction.atomic
def indicator_add(*, round_, by, key, text, source, language=None) -> Indicator:
    """An indicator written in `language` (default: the writer's active language), with
    no translation."""
    _require_draft(round_)
    if round_.indicators.filter(key=key).exists():
        raise ValidationError({"key": _("This round already has an indicator with this key.")})
    position = round_.indicators.count()
    return Indicator.objects.create(
        round=round_, key=key, text=text, source=source, position=position,
        language=language if language is not None else _writing_language(),
    )


@transaction.atomic
def indicator_update(*, indicator, by, text) -> Indicator:
    """New wording for a draft round's indicator. Its translations translated the old
    wording, so they are dropped: readers in other languages see the new wording, marked,
    rather than a translation of a statement no longer asked."""
    _require_draft(indicator.round)
    fields = ["text"]
    if text != indicator.text:
        indicator.translations = {}
        fields.append("translations")
    indicator.text = text
    save_as(indicator, by=by, update_fields=fields)
    return indicator


def round_update_thresholds(
    *, round_, by, min_group_scores, min_group_comments, expected_version
) -> Round:
    """Thresholds may be raised at any time, never lowered once the round is open."""
    if round_.status != Round.Status.DRAFT and (
        min_group_scores < round_.min_group_scores or min_group_comments < round_.min_group_comments
    ):
        raise ValidationError(_("The minimum group sizes cannot be lowered once a round opens."))
    if min_group_scores < 3 or min_group_comments < 3:
        raise ValidationError(_("No group smaller than 3 is ever shown."))
    return update_versioned(
        round_,
        by=by,
        expected_version=expected_version,
        changes={"min_group_scores": min_group_scores, "min_group_comments": min_group_comments},
    )


def round_open(*, round_, by) -> Round:
    _require_draft(round_)
    if not round_.indicators.exists():
        raise ValidationError(_("A round needs at least one indicator."))
    if not round_.invitations.exists():
        raise ValidationError(_("Invite partner users before opening the round."))
    return update_versioned(
        round_, by=by, expected_version=round_.version, changes={"status": Round.Status.OPEN}
    )


def round_close(*, round_, by) -> Round:
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("Only an open round can be closed."))
    return update_versioned(
        round_, by=by, expected_version=round_.version, changes={"status": Round.Status.CLOSED}
    )


@transaction.atomic
def invite(*, round_, by, users) -> list[tuple[Invitation, str]]:
    """Personal single-use links for partner users. Returns (invitation, token) pairs: the
    token is shown or mailed once and only its hash is kept."""
    created = []
    for user in users:
        if not access.may_answer_scorecards(user):
            raise ValidationError(_("Only partner users are invited to rate the home NGO."))
        if round_.invitations.filter(user=user).exists():
            continue
        token = secrets.token_urlsafe(24)
        invitation = Invitation.objects.create(
            round=round_, organisation_id=user.organisation_id, user=user, token_hash=_hash(token)
        )
        created.append((invitation, token))
    return created


def invitation_for_token(token):
    return Invitation.objects.select_related("round").filter(token_hash=_hash(token)).first()


def _check_scores(round_, scores):
    indicators = {i.pk: i for i in round_.indicators.all()}
    if not scores:
        raise ValidationError(_("Score at least one indicator."))
    for item in scores:
        if item["indicator"] not in indicators:
            raise ValidationError(_("An indicator of another round was scored."))
        value = item["score"]
        if not round_.scale_min <= value <= round_.scale_max:
            raise ValidationError(
                _("Scores lie between %(lo)s and %(hi)s.")
                % {"lo": round_.scale_min, "hi": round_.scale_max}
            )


@transaction.atomic
def answer_submit(*, token, user, scores) -> None:
    """Store one anonymous answer and spend the invitation, together or not at all.

    `scores`: [{"indicator": pk, "score": n, "reason": "", "suggestion": ""}]. Nothing
    returned, nothing logged: the caller learns only that the answer was received.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("round")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None or invitation.user_id != user.pk:
        raise ValidationError(_("This link is not yours or does not exist."))
    if invitation.used:
        raise ValidationError(_("You have already answered this round."))
    round_ = invitation.round
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("This round is not open."))
    _check_scores(round_, scores)
    Invitation.objects.filter(pk=invitation.pk).update(used=True)
    answer = Answer.objects.create(round=round_, kind=Answer.Kind.INDIVIDUAL)
    _store_scores(answer, scores)
    Round.objects.filter(pk=round_.pk).update(answers_received=F("answers_received") + 1)
    transaction.on_commit(lambda: blur_write_order(round_id=round_.pk))


def blur_write_order(*, round_id):
    """Rewrite every answer, score and used invitation of the round in one transaction.

    PostgreSQL stamps each row with the transaction that last wrote it (`xmin`). The
    answer and the invitation it spent are written together, so until this runs a
    reader of the raw tables could pair them by that stamp; afterwards all of them
    carry the same one. Harmless on SQLite, which keeps no such stamp.
    """
    with transaction.atomic():
        Invitation.objects.filter(round_id=round_id, used=True).update(used=True)
        Answer.objects.filter(round_id=round_id).update(kind=F("kind"))
        Score.objects.filter(answer__round_id=round_id).update(score=F("score"))


def _store_scores(answer, scores):
    Score.objects.bulk_create(
        Score(
            answer=answer,
            indicator_id=item["indicator"],
            score=item["score"],
            reason=item.get("reason", "").strip(),
            suggestion=item.get("suggestion", "").strip(),
        )
        for item in scores
    )


@transaction.atomic
def group_answer_submit(*, round_, by, group_size, scores) -> None:
    """A facilitator enters the consensus scores of a partner group met in person,
    marked as a group answer speaking for `group_size` people."""
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("This round is not open."))
    if group_size < 2:
        raise ValidationError({"group_size": _("A group has at least two people.")})
    _check_scores(round_, scores)
    answer = Answer.objects.create(round=round_, kind=Answer.Kind.GROUP, group_size=group_size)
    _store_scores(answer, scores)
    Round.objects.filter(pk=round_.pk).update(answers_received=F("answers_received") + 1)


@transaction.atomic
def self_score_set(*, indicator, by, score, reason="") -> SelfScore:
    round_ = indicator.round
    if not round_.scale_min <= score <= round_.scale_max:
        raise ValidationError(
            {
                "score": _("Scores lie between %(lo)s and %(hi)s.")
                % {"lo": round_.scale_min, "hi": round_.scale_max}
            }
        )
    self_score, _created = SelfScore.objects.update_or_create(
        indicator=indicator, defaults={"score": score, "reason": reason, "by": by}
    )
    return self_score


@transaction.atomic
def invitation_renew_link(*, round_, user) -> str:
    """A fresh personal link for the user's unused invitation to an open round, for the
    portal's "Answer" button: tokens are never stored, so the old one cannot be shown
    again; the new one replaces it (the e-mailed link stops working)."""
    invitation = (
        Invitation.objects.select_for_update().filter(round=round_, user=user).first()
    )
    if invitation is None:
        raise ValidationError(_("You are not invited to answer this round."))
    if invitation.used:
        raise ValidationError(_("You have already answered this round."))
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("This round is not open."))
    token = secrets.token_urlsafe(24)
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=_hash(token))
    return token


@transaction.atomic
def proposal_add(*, round_, by, text) -> Proposal:
    """A partner user proposes an indicator for a draft round their organisation is
    invited to."""
    _require_draft(round_)
    if not by.organisation_id or not round_.invitations.filter(
        organisation_id=by.organisation_id
    ).exists():
        raise ValidationError(_("Only partners invited to the round propose indicators."))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the statement you propose.")})
    return Proposal.objects.create(round=round_, text=text, organisation_id=by.organisation_id,
                                   language=_writing_language())


@transaction.atomic
def proposal_decide(*, proposal, by, accept) -> Indicator | None:
    """Accept (the proposal becomes an indicator with source "proposed", which does not
    name the proposer) or decline a proposal, once."""
    round_ = proposal.round
    _require_draft(round_)
    if proposal.accepted is not None:
        raise ValidationError(_("This proposal was already decided."))
    proposal.accepted = accept
    proposal.save(update_fields=["accepted"])
    if not accept:
        return None
    base = slugify(proposal.text)[:60] or "proposed"
    key, n = base, 1
    while round_.indicators.filter(key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return indicator_add(
        round_=round_, by=by, key=key, text=proposal.text, source=Indicator.Source.PROPOSED,
        language=proposal.language,
    )
