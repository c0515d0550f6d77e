"""Writes about score cards. Anonymity is kept here, by construction (see models.py)."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.records import save_as, update_versioned
from hamwe.policy import localise
from hamwe.policy import selectors as policy_selectors

from ..models import Answer, Indicator, Invitation, Proposal, Round, Score, SelfScore


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
        scale_display=card.scale.display,
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
        round_, by=by, expected_version=round_.version,
        changes={"status": Round.Status.CLOSED, "closed_on": timezone.localdate()},
    )


@transaction.atomic
def invite(*, round_, by, users) -> list[Invitation]:
    """Invite partner users to answer. An invitation is the user's right to answer once;
    it proves nothing by itself (no token, no link of its own): the answer page is the
    same address for every respondent of the round, and the signed-in user is who
    answers. Returns the new invitations (users already invited are left as they are)."""
    created = []
    for user in users:
        if not access.may_answer_scorecards(user):
            raise ValidationError(_("Only partner users are invited to rate the home NGO."))
        if round_.invitations.filter(user=user).exists():
            continue
        created.append(
            Invitation.objects.create(
                round=round_, organisation_id=user.organisation_id, user=user
            )
        )
    return created


def invitation_of(*, round_, user):
    """The user's invitation to the round, or None."""
    return Invitation.objects.filter(round=round_, user=user).first()


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
def answer_submit(*, round_, user, scores) -> None:
    """Store one anonymous answer and spend the user's invitation, together or not at all.

    `scores`: [{"indicator": pk, "score": n, "reason": "", "suggestion": ""}]. Nothing
    returned, nothing logged: the caller learns only that the answer was received. In the
    same transaction, every answer and score of the round is written again in a fresh
    random order with fresh random keys (`_reshuffle`), so that neither the order of the
    rows, nor their keys, nor the database's write stamps can pair this answer with the
    invitation it spends, or with when it came.
    """
    # The round's row is the lock: answers to one round are stored one at a time.
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    invitation = Invitation.objects.select_for_update().filter(round=round_, user=user).first()
    if invitation is None:
        raise ValidationError(_("You are not invited to answer this round."))
    if invitation.used:
        raise ValidationError(_("You have already answered this round."))
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("This round is not open."))
    _check_scores(round_, scores)
    Invitation.objects.filter(pk=invitation.pk).update(used=True)
    # Every spent invitation of the round is written again too, so that they all carry
    # this transaction's stamp: a snapshot does not even tell who answered first.
    Invitation.objects.filter(round=round_, used=True).update(used=True)
    _store_answer(round_, kind=Answer.Kind.INDIVIDUAL, group_size=1, scores=scores)


def _store_answer(round_, *, kind, group_size, scores):
    answer = Answer(round=round_, kind=kind, group_size=group_size)
    new_scores = [
        Score(
            answer=answer,
            indicator_id=item["indicator"],
            score=item["score"],
            reason=item.get("reason", "").strip(),
            suggestion=item.get("suggestion", "").strip(),
        )
        for item in scores
    ]
    _reshuffle(round_, extra_answer=answer, extra_scores=new_scores)
    Round.objects.filter(pk=round_.pk).update(answers_received=F("answers_received") + 1)


_shuffle = secrets.SystemRandom().shuffle


def _reshuffle(round_, *, extra_answer, extra_scores):
    """Write the round's answers and scores again, the new ones among them, in a fresh
    random order with fresh random keys, in the caller's transaction.

    Row order (SQLite's `rowid`, PostgreSQL's `ctid`) follows insertion order, keys could
    be followed from one snapshot to the next, and PostgreSQL stamps each row with the
    transaction that wrote it (`xmin`): after this, every answer and score of the round
    was inserted by the transaction that spent the latest invitation, in an order that
    says nothing. Reads the round's rows once and writes them in two bulk inserts.
    """
    answers = list(Answer.objects.filter(round=round_).values("id", "kind", "group_size"))
    scores = list(
        Score.objects.filter(answer__round=round_).values(
            "answer_id", "indicator_id", "score", "reason", "suggestion"
        )
    )
    Score.objects.filter(answer__round=round_).delete()
    Answer.objects.filter(round=round_).delete()
    fresh_key = {row["id"]: uuid.uuid4() for row in answers}
    rows = [Answer(id=fresh_key[row["id"]], round=round_, kind=row["kind"],
                   group_size=row["group_size"]) for row in answers]
    extra_answer.id = uuid.uuid4()
    rows.append(extra_answer)
    _shuffle(rows)
    Answer.objects.bulk_create(rows)
    score_rows = [
        Score(id=uuid.uuid4(), answer_id=fresh_key[row["answer_id"]],
              indicator_id=row["indicator_id"], score=row["score"], reason=row["reason"],
              suggestion=row["suggestion"])
        for row in scores
    ]
    for score in extra_scores:
        score.id, score.answer_id = uuid.uuid4(), extra_answer.id
        score_rows.append(score)
    _shuffle(score_rows)
    Score.objects.bulk_create(score_rows)


@transaction.atomic
def group_answer_submit(*, round_, by, group_size, scores) -> None:
    """A facilitator enters the consensus scores of a partner group met in person,
    marked as a group answer speaking for `group_size` people."""
    if round_.status != Round.Status.OPEN:
        raise ValidationError(_("This round is not open."))
    if group_size < 2:
        raise ValidationError({"group_size": _("A group has at least two people.")})
    _check_scores(round_, scores)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _store_answer(round_, kind=Answer.Kind.GROUP, group_size=group_size, scores=scores)


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
