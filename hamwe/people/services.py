"""Writes about people: appointments to key positions, consultations of partners on the
competencies, yearly evaluations and development plans. Anonymity is kept here, by
construction (see models.py): anonymous rows are written with fresh random keys in a
fresh random order on every answer, and their invitations are all stamped together."""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hamwe.accounts import access
from hamwe.core.models import SHORT_TEXT
from hamwe.core.records import save_as, update_versioned

from . import policy
from .models import (
    SCALE_MAX,
    SCALE_MIN,
    AnonymousInput,
    Appointment,
    Consultation,
    ConsultationInvitation,
    DevelopmentAction,
    Evaluation,
    Feedback,
    FeedbackInvitation,
    NamedInput,
    Rating,
)

_shuffle = secrets.SystemRandom().shuffle


def _today():
    return timezone.localdate()


# --- Appointments -----------------------------------------------------------------------


@transaction.atomic
def appointment_create(*, by, position, starts_on, user=None, name="", manager=None,
                       ends_on=None) -> Appointment:
    """Put a member of the home NGO's staff (a user, or a person without an account) in a
    key position of the live policy from `starts_on`."""
    framework = policy.framework()
    if position not in framework.positions:
        raise ValidationError({"position": _("This is not a key position of the policy.")})
    for who, field in ((user, "user"), (manager, "manager")):
        if who is not None and not access.is_home(who):
            raise ValidationError({field: _("Choose a member of the home organisation.")})
    appointment = Appointment(position=position, user=user, name=name.strip(),
                              manager=manager, starts_on=starts_on, ends_on=ends_on)
    appointment.full_clean()
    if user is not None:
        overlapping = Appointment.objects.filter(position=position, user=user).exclude(
            ends_on__lt=starts_on)
        if ends_on is not None:
            overlapping = overlapping.filter(starts_on__lte=ends_on)
        if overlapping.exists():
            raise ValidationError({"user": _(
                "This person already holds this key position in that time.")})
    return save_as(appointment, by=by)


def appointment_end(*, appointment, by, ends_on, expected_version) -> Appointment:
    """End an appointment on `ends_on`; it is kept, so the history shows who held what."""
    return update_versioned(appointment, by=by, expected_version=expected_version,
                            changes={"ends_on": ends_on})


# --- The consultation on the competency framework ---------------------------------------


@transaction.atomic
def consultation_create(*, by, title, closes_on, organisations) -> Consultation:
    """Ask the partner users of `organisations` for their input on every competency of
    the live policy; the minimum group sizes come from the policy's score card."""
    framework = policy.framework()
    if not framework.competencies:
        raise ValidationError(_("The policy names no competencies to consult on."))
    if closes_on < _today():
        raise ValidationError({"closes_on": _("The closing day lies ahead.")})
    consultation = save_as(Consultation(
        title=title.strip(), closes_on=closes_on,
        min_group_scores=framework.min_group_scores,
        min_group_comments=framework.min_group_comments), by=by)
    users = access.partner_users_of([o.pk for o in organisations])
    ConsultationInvitation.objects.bulk_create(
        ConsultationInvitation(consultation=consultation, organisation_id=u.organisation_id,
                               user=u) for u in users)
    return consultation


def consultation_close(*, consultation, by, expected_version) -> Consultation:
    return update_versioned(consultation, by=by, expected_version=expected_version,
                            changes={"status": Consultation.Status.CLOSED})


def _check_inputs(framework, inputs):
    if not any(i.get("importance") or i.get("comment", "").strip() for i in inputs):
        raise ValidationError(_("Rate or comment on at least one competency."))
    for item in inputs:
        if item["competency"] not in framework.competencies:
            raise ValidationError(_("A competency the policy does not name was rated."))
        if item.get("importance") not in (None, 1, 2, 3, 4):
            raise ValidationError(_("Importance lies between 1 and 4."))
        if len(item.get("comment", "").strip()) > SHORT_TEXT:
            raise ValidationError({"comment": _(
                "Keep each comment within %(limit)d characters.") % {"limit": SHORT_TEXT}})


@transaction.atomic
def consultation_answer(*, consultation, user, inputs, named) -> None:
    """Store a partner user's input on the competencies, once, under their name or not
    (`named`). `inputs`: [{"competency": key, "importance": 1-4 or None, "comment": ""}].
    Anonymous input is written among the others in a fresh random order with fresh keys,
    and every spent invitation is written again, so neither order, keys nor write stamps
    pair it with the invitation it spends."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    invitation = ConsultationInvitation.objects.select_for_update().filter(
        consultation=consultation, user=user).first()
    if invitation is None:
        raise ValidationError(_("You are not invited to this consultation."))
    if invitation.used:
        raise ValidationError(_("You have already given your input."))
    if consultation.status != Consultation.Status.OPEN:
        raise ValidationError(_("This consultation is closed."))
    framework = policy.framework()
    inputs = [i for i in inputs if i.get("importance") or i.get("comment", "").strip()]
    _check_inputs(framework, inputs)
    ConsultationInvitation.objects.filter(pk=invitation.pk).update(used=True)
    ConsultationInvitation.objects.filter(consultation=consultation, used=True).update(
        used=True)
    if named:
        NamedInput.objects.bulk_create(
            NamedInput(consultation=consultation, competency=i["competency"],
                       importance=i.get("importance"), comment=i.get("comment", "").strip(),
                       organisation_id=user.organisation_id, user=user) for i in inputs)
        return
    rows = list(AnonymousInput.objects.filter(consultation=consultation).values(
        "answer", "competency", "importance", "comment"))
    answer = uuid.uuid4()
    rows += [{"answer": answer, "competency": i["competency"],
              "importance": i.get("importance"), "comment": i.get("comment", "").strip()}
             for i in inputs]
    fresh = {}
    AnonymousInput.objects.filter(consultation=consultation).delete()
    new = [AnonymousInput(id=uuid.uuid4(), consultation=consultation,
                          answer=fresh.setdefault(row["answer"], uuid.uuid4()),
                          competency=row["competency"], importance=row["importance"],
                          comment=row["comment"]) for row in rows]
    _shuffle(new)
    AnonymousInput.objects.bulk_create(new)


# --- Evaluations ------------------------------------------------------------------------


@transaction.atomic
def evaluation_start(*, by, appointment, year) -> Evaluation:
    """Open the fiscal year's evaluation of the person in `appointment`, on the
    competencies the policy gives that key position (copied, frozen with it)."""
    if not access.may_start_evaluation(by, manager_id=appointment.manager_id):
        raise ValidationError(_("Only the person's manager or a home admin starts it."))
    framework = policy.framework()
    calendar = policy.fiscal_calendar()
    span = calendar.year(year)
    if appointment.starts_on > span.end or (
            appointment.ends_on and appointment.ends_on < span.start):
        raise ValidationError({"year": _("The person did not hold the position that year.")})
    if Evaluation.objects.filter(appointment=appointment, year=year).exists():
        raise ValidationError({"year": _("That year's evaluation exists already.")})
    return save_as(Evaluation(
        appointment=appointment, year=year,
        competencies=framework.competencies_of(appointment.position),
        feedback_minimum=framework.min_group_scores), by=by)


def _check_ratings(evaluation, ratings):
    keys = set(evaluation.competencies)
    given = {r["competency"] for r in ratings}
    if given != keys:
        raise ValidationError(_("Rate every competency of the evaluation."))
    for r in ratings:
        if not SCALE_MIN <= int(r["score"]) <= SCALE_MAX:
            raise ValidationError(_("Ratings lie between %(lo)d and %(hi)d.")
                                  % {"lo": SCALE_MIN, "hi": SCALE_MAX})
        if len(r.get("comment", "").strip()) > SHORT_TEXT:
            raise ValidationError({"comment": _(
                "Keep each comment within %(limit)d characters.") % {"limit": SHORT_TEXT}})


def _store_ratings(evaluation, *, by_user, side, ratings):
    _check_ratings(evaluation, ratings)
    for r in ratings:
        rating = Rating.objects.filter(evaluation=evaluation, by=side,
                                       competency=r["competency"]).first() or Rating(
            evaluation=evaluation, by=side, competency=r["competency"])
        rating.score = int(r["score"])
        rating.comment = r.get("comment", "").strip()
        save_as(rating, by=by_user)


@transaction.atomic
def self_assess(*, evaluation, by, ratings, on=None) -> Evaluation:
    """The person's own ratings of every competency, with comments; editable until the
    manager completes the evaluation."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not access.may_self_assess(by, person_id=evaluation.appointment.user_id):
        raise ValidationError(_("Only the person evaluated assesses themselves."))
    if evaluation.manager_done_on:
        raise ValidationError(_("The manager completed this evaluation: it is closed."))
    _store_ratings(evaluation, by_user=by, side=Rating.By.SELF, ratings=ratings)
    evaluation.self_done_on = on or _today()
    evaluation.version += 1
    return save_as(evaluation, by=by, update_fields=["self_done_on", "version"])


@transaction.atomic
def manager_assess(*, evaluation, by, ratings, on=None) -> Evaluation:
    """The manager's ratings of every competency, with comments; completes the
    evaluation and stores the mean the measures read."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if not access.may_assess_as_manager(by, manager_id=evaluation.appointment.manager_id):
        raise ValidationError(_("Only the person's manager assesses them."))
    if evaluation.manager_done_on:
        raise ValidationError(_("The manager completed this evaluation already."))
    _store_ratings(evaluation, by_user=by, side=Rating.By.MANAGER, ratings=ratings)
    scores = [int(r["score"]) for r in ratings]
    evaluation.manager_mean = round(sum(scores) / len(scores), 2)
    evaluation.manager_done_on = on or _today()
    evaluation.version += 1
    return save_as(evaluation, by=by,
                   update_fields=["manager_mean", "manager_done_on", "version"])


@transaction.atomic
def feedback_invite(*, evaluation, by, users) -> int:
    """Ask partner users for anonymous feedback on the person's partnership work."""
    if not access.may_start_evaluation(by, manager_id=evaluation.appointment.manager_id):
        raise ValidationError(_("Only the person's manager or a home admin asks partners."))
    if evaluation.manager_done_on:
        raise ValidationError(_("The manager completed this evaluation: it is closed."))
    known = set(evaluation.feedback_invitations.values_list("user_id", flat=True))
    new = [FeedbackInvitation(evaluation=evaluation, user=u) for u in users
           if access.is_partner(u) and u.pk not in known]
    FeedbackInvitation.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def feedback_give(*, evaluation, user, score, comment="") -> None:
    """A partner user's anonymous feedback, once; stored without who or when, among the
    others in a fresh random order with fresh keys."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    invitation = FeedbackInvitation.objects.select_for_update().filter(
        evaluation=evaluation, user=user).first()
    if invitation is None:
        raise ValidationError(_("You are not asked for feedback on this person."))
    if invitation.used:
        raise ValidationError(_("You have already given your feedback."))
    if evaluation.manager_done_on:
        raise ValidationError(_("This evaluation is closed."))
    if not SCALE_MIN <= int(score) <= SCALE_MAX:
        raise ValidationError({"score": _("Ratings lie between %(lo)d and %(hi)d.")
                               % {"lo": SCALE_MIN, "hi": SCALE_MAX}})
    comment = comment.strip()
    if len(comment) > SHORT_TEXT:
        raise ValidationError({"comment": _(
            "Keep each comment within %(limit)d characters.") % {"limit": SHORT_TEXT}})
    FeedbackInvitation.objects.filter(pk=invitation.pk).update(used=True)
    FeedbackInvitation.objects.filter(evaluation=evaluation, used=True).update(used=True)
    rows = list(Feedback.objects.filter(evaluation=evaluation).values("score", "comment"))
    rows.append({"score": int(score), "comment": comment})
    Feedback.objects.filter(evaluation=evaluation).delete()
    new = [Feedback(id=uuid.uuid4(), evaluation=evaluation, **row) for row in rows]
    _shuffle(new)
    Feedback.objects.bulk_create(new)


@transaction.atomic
def action_add(*, evaluation, by, text, due_on, competency="") -> DevelopmentAction:
    """An action of the person's development plan."""
    if not access.may_plan_development(by, person_id=evaluation.appointment.user_id,
                                       manager_id=evaluation.appointment.manager_id):
        raise ValidationError(_("Only the person, their manager or a home admin plans."))
    if competency and competency not in evaluation.competencies:
        raise ValidationError({"competency": _("Not a competency of this evaluation.")})
    return save_as(DevelopmentAction(evaluation=evaluation, text=text.strip(), due_on=due_on,
                                     competency=competency), by=by)


def action_done(*, action, by, done_on, expected_version) -> DevelopmentAction:
    return update_versioned(action, by=by, expected_version=expected_version,
                            changes={"done_on": done_on})
