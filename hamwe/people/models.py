"""Staff partnership competencies: key positions and who holds them, the consultation of
partners on the competency framework, and yearly evaluations with development plans.

Records keep the policy's *keys* (a key position, a competency), never copies of its words.

Privacy by construction:
- an evaluation, its ratings, its partners' feedback and its plan are read only through
  `access.evaluations_visible_to` (the person, their manager, home admins);
- partners' anonymous input (`AnonymousInput`) and feedback (`Feedback`) hold no user,
  organisation, IP address or time, have random keys and are rewritten in a fresh random
  order on every answer (see services._reshuffle); the invitations they spend record only
  *that* they were used; none of these is in the row-history audit trail.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.core.models import LONG_TEXT, SHORT_TEXT, bounded_text
from hamwe.partners.models import Organisation

# The evaluation scale: the same four steps for the self-assessment, the manager's and
# partners' feedback (docs/decisions.md). A rating at or above POSITIVE_FROM is positive
# unless the policy's measure names another threshold.
SCALE = (
    (1, _("Not yet shown")),
    (2, _("Developing")),
    (3, _("Good")),
    (4, _("Strong")),
)
SCALE_MIN, SCALE_MAX = 1, 4
POSITIVE_FROM = 3
# Importance of a competency, as partners rate it in a consultation.
IMPORTANCE = (
    (1, _("Not important")),
    (2, _("Somewhat important")),
    (3, _("Important")),
    (4, _("Essential")),
)

on_scale = [MinValueValidator(SCALE_MIN), MaxValueValidator(SCALE_MAX)]


class AppointmentQuerySet(models.QuerySet):
    def held_on(self, day):
        """Appointments running on `day` (started, not yet ended)."""
        return self.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day))


class Appointment(models.Model):
    """A member of the home NGO's staff in a key position of the live policy, from a day
    to a day: a user, or a person without an account (named). Ending an appointment keeps
    it, so the history of who held which position stays."""

    position = models.SlugField(_("key position"), max_length=80)  # a policy key
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="appointments", verbose_name=_("user"),
    )
    name = models.CharField(_("name (without an account)"), max_length=200, blank=True)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="managed_appointments", verbose_name=_("manager"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment to a key position")
        ordering = ["position", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="appointment_ends_after_start"),
        ]

    def __str__(self):
        return f"{self.holder_name} · {self.position}"

    def clean(self):
        if bool(self.user_id) == bool(self.name.strip()):
            raise ValidationError({"name": _(
                "Choose a user or write the name of a person without an account (one of "
                "the two).")})
        if self.user_id and self.manager_id and self.user_id == self.manager_id:
            raise ValidationError({"manager": _("A person is not their own manager.")})
        if self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes after the start.")})

    @property
    def holder_name(self):
        return self.user.full_name if self.user_id else self.name


# --- The consultation of partners on the competency framework --------------------------


class Consultation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    closes_on = models.DateField(_("closes on"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.OPEN)
    # Copied from the live policy's score card when the consultation is made.
    min_group_scores = models.PositiveSmallIntegerField(_("fewest answers to show scores"))
    min_group_comments = models.PositiveSmallIntegerField(
        _("fewest answers to show comments"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation on the competencies")
        ordering = ["-closes_on", "-pk"]

    def __str__(self):
        return self.title


class ConsultationInvitation(models.Model):
    """A partner user's right to give input once. Records only *that* it was used."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["consultation", "user"],
                                               name="one_consultation_invitation_per_user")]

    def __str__(self):
        return f"{self.consultation} · {self.user}"


class NamedInput(models.Model):
    """A partner's input on one competency, given under their name (as they chose)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="named_inputs")
    competency = models.SlugField(max_length=80)
    importance = models.PositiveSmallIntegerField(null=True, blank=True, choices=IMPORTANCE)
    comment = bounded_text(_("comment"), SHORT_TEXT, blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")

    class Meta:
        ordering = ["competency", "pk"]

    def __str__(self):
        return f"{self.competency} · {self.user}"


class AnonymousInput(models.Model):
    """A partner's input on one competency, anonymous: nothing here says who or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE,
                                     related_name="anonymous_inputs")
    # Which answer it belongs to (random, rewritten on every answer): counts answers.
    answer = models.UUIDField()
    competency = models.SlugField(max_length=80)
    importance = models.PositiveSmallIntegerField(null=True, blank=True, choices=IMPORTANCE)
    comment = bounded_text(_("comment"), SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["id"]  # random: the order says nothing


# --- Yearly evaluations -----------------------------------------------------------------

    def __str__(self):
        return str(self.id)


class Evaluation(models.Model):
    """One fiscal year's evaluation of a person in a key position on the competencies of
    that position: their self-assessment, their manager's, partners' feedback (optional,
    anonymous) and a development plan."""

    appointment = models.ForeignKey(Appointment, on_delete=models.PROTECT,
                                    related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    # Copied from the policy when the evaluation starts, frozen with it.
    competencies = models.JSONField(default=list)
    self_done_on = models.DateField(_("self-assessed on"), null=True, blank=True)
    manager_done_on = models.DateField(_("assessed by the manager on"), null=True,
                                       blank=True)
    # The mean of the manager's ratings, stored when they complete the assessment: a
    # past year's figure is computed once. Positive = at or above the policy's threshold.
    manager_mean = models.FloatField(null=True, blank=True)
    feedback_minimum = models.PositiveSmallIntegerField(default=5)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation")
        ordering = ["-year", "appointment"]
        constraints = [models.UniqueConstraint(fields=["appointment", "year"],
                                               name="one_evaluation_per_year")]

    def __str__(self):
        return f"{self.appointment} · {self.year}"


class Rating(models.Model):
    class By(models.TextChoices):
        SELF = "self", _("Self-assessment")
        MANAGER = "manager", _("Manager")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="ratings")
    by = models.CharField(max_length=8, choices=By.choices)
    competency = models.SlugField(max_length=80)
    score = models.PositiveSmallIntegerField(_("rating"), choices=SCALE, validators=on_scale)
    comment = bounded_text(_("comment"), SHORT_TEXT, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["evaluation", "by", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "by", "competency"],
                                               name="one_rating_per_competency")]

    def __str__(self):
        return f"{self.competency}: {self.score}"


class FeedbackInvitation(models.Model):
    """A partner user asked for feedback on a person's partnership work. Records only
    *that* it was used; never when, never what it said."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="feedback_invitations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "user"],
                                               name="one_feedback_invitation_per_user")]

    def __str__(self):
        return f"{self.evaluation} · {self.user}"


class Feedback(models.Model):
    """A partner's anonymous feedback on the person's partnership work: no user,
    organisation or time; random key, rewritten with the others on every answer."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="feedback")
    score = models.PositiveSmallIntegerField(_("rating"), choices=SCALE, validators=on_scale)
    comment = bounded_text(_("comment"), SHORT_TEXT, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return str(self.id)


class DevelopmentAction(models.Model):
    """An action of the person's development plan, with its due date."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE,
                                   related_name="actions")
    competency = models.SlugField(_("competency"), max_length=80, blank=True)
    text = bounded_text(_("action"), LONG_TEXT)
    due_on = models.DateField(_("due on"))
    added_on = models.DateField(_("added on"), default=timezone.localdate, editable=False)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development action")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.text[:60]
