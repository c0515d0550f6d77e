"""Capacity assessments over time, the strengthening plan from their gaps, and the
capacity passport a partner shares (METHODS.md §3).

An assessment is made with the live policy's capacity framework and keeps the policy
version and the framework version it was made with: its criteria are the framework's
*keys*, its words are read from that version of the policy (never copied here). Scores
are kept per side: the partner's own score ("self"), the facilitator's, and the agreed
one, each a row of its own, so that no side ever overwrites another.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.core.models import SHORT_TEXT, PreparedFile, bounded_text
from hamwe.partners.models import Organisation
from hamwe.policy.models import Policy


class AssessmentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Home users see every assessment; a partner user those of their organisation
        (including the mutual ones, in which it assessed the home NGO)."""
        from hamwe.accounts import access

        return access.scope(self, user, via="organisation")

    def completed(self, as_of=None):
        qs = self.filter(status=Assessment.Status.COMPLETED)
        return qs if as_of is None else qs.filter(completed_on__lte=as_of)

    def of_partners(self):
        """Assessments of partners' capacity (a mutual one is of the home NGO's)."""
        return self.exclude(mode=Assessment.Mode.MUTUAL)


class Assessment(models.Model):
    class Kind(models.TextChoices):
        BASELINE = "baseline", _("Baseline")
        FOLLOW_UP = "follow-up", _("Follow-up")
        CLOSE_OUT = "close-out", _("Close-out")

    class Mode(models.TextChoices):
        SELF = "self", _("Self-assessment by the partner")
        FACILITATED = "facilitated", _("Facilitated with the partner")
        MUTUAL = "mutual", _("Mutual: the partner assesses the home NGO")

    class Status(models.TextChoices):
        OPEN = "open", _("Being scored")
        COMPLETED = "completed", _("Agreed and completed")

    # The partner whose assessment it is: the one assessed, or in a mutual assessment
    # the one that assesses the home NGO. Its users see it; no other partner does.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="capacity_assessments",
        verbose_name=_("partner"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=12, choices=Mode.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN, editable=False)
    # What it was made with: the policy, its version then, and the framework's version
    # (only assessments of one framework version are compared).
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="+",
                               editable=False)
    policy_version = models.PositiveIntegerField(_("policy version"), editable=False)
    framework_version = models.PositiveIntegerField(_("framework version"), editable=False)
    assessed_on = models.DateField(_("assessed on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    self_submitted_on = models.DateField(_("self-scores submitted on"), null=True, blank=True,
                                         editable=False)
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)
    # Stored when it is completed (an agreed assessment cannot change any more).
    overall = models.FloatField(_("overall score"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("capacity assessment")
        verbose_name_plural = _("capacity assessments")
        ordering = ["-assessed_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "completed_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | Q(completed_on__isnull=False),
                name="a_completed_assessment_has_its_date",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.organisation} · {self.assessed_on}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def of_home(self):
        """A mutual assessment is of the home NGO's capacity, not of the partner's."""
        return self.mode == self.Mode.MUTUAL


class Score(models.Model):
    """One side's level for one criterion: the partner's own, the facilitator's, or the
    agreed one. One row per side, so each is kept as it was given."""

    class Side(models.TextChoices):
        SELF = "self", _("Self score")
        FACILITATOR = "facilitator", _("Facilitator's score")
        AGREED = "agreed", _("Agreed score")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    domain = models.CharField(_("domain"), max_length=200)  # framework keys
    criterion = models.CharField(_("criterion"), max_length=200)
    side = models.CharField(_("side"), max_length=12, choices=Side.choices)
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(10)])
    justification = bounded_text(_("justification"), SHORT_TEXT, blank=True)
    evidence = bounded_text(_("evidence"), SHORT_TEXT, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion", "side"],
                                    name="one_score_per_side_and_criterion"),
        ]

    def __str__(self):
        return f"{self.criterion} {self.side}: {self.level}"


class DomainResult(models.Model):
    """A completed assessment's score in one domain (the mean of its agreed levels),
    stored once when it is completed: results and the measure read these."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="domain_results")
    domain = models.CharField(max_length=200)
    score = models.FloatField()
    criteria = models.PositiveSmallIntegerField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_result_per_domain"),
        ]

    def __str__(self):
        return f"{self.domain}: {self.score:.2f}"


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from hamwe.accounts import access

        return access.scope(self, user, via="organisation")

    def pending(self):
        return self.exclude(status__in=[Action.Status.DONE, Action.Status.DROPPED])


class Action(models.Model):
    """One action of a partner's strengthening plan, usually proposed from a weak
    criterion of an assessment."""

    class Owner(models.TextChoices):
        HOME = "home", _("The home NGO")
        PARTNER = "partner", _("The partner")
        THIRD = "third", _("A third party")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDERWAY = "underway", _("Underway")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="capacity_actions")
    assessment = models.ForeignKey(Assessment, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="actions", editable=False)
    domain = models.CharField(_("domain"), max_length=200, blank=True)
    criterion = models.CharField(_("criterion"), max_length=200, blank=True)
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=8, choices=Owner.choices,
                             default=Owner.PARTNER)
    third_party = models.CharField(_("third party"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PLANNED)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    resources = bounded_text(_("resources"), SHORT_TEXT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("strengthening action")
        verbose_name_plural = _("strengthening actions")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.owner == self.Owner.THIRD and not self.third_party.strip():
            errors["third_party"] = _("Name the third party that owns this action.")
        if self.status == self.Status.DONE and self.done_on is None:
            errors["done_on"] = _("Say when the action was done.")
        if self.status != self.Status.DONE and self.done_on is not None:
            errors["done_on"] = _("Only a done action has a date it was done.")
        if errors:
            raise ValidationError(errors)


class ShareLinkQuerySet(models.QuerySet):
    def visible_to(self, user):
        from hamwe.accounts import access

        return access.scope(self, user, via="organisation")


class ShareLink(models.Model):
    """A link to a partner's capacity passport that the partner gives to a donor. Only
    a hash of its token is kept: the token is shown once, when the link is made."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="passport_links")
    label = models.CharField(_("given to"), max_length=200)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField(_("expires on"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True, editable=False)
    created_on = models.DateField(_("made on"), editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+", editable=False)

    history = HistoricalRecords(excluded_fields=["token_hash"])
    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_on", "-pk"]

    def __str__(self):
        return self.label

    def usable_on(self, day):
        return self.revoked_on is None and day <= self.expires_on

    def clean(self):
        if self.expires_on and self.created_on and self.expires_on < self.created_on:
            raise ValidationError({"expires_on": _("A link cannot expire before it is made.")})


class PassportDocument(PreparedFile):
    """A partner's passport as a PDF, drawn by the task worker (core.prepared) and kept
    while what it shows is unchanged (`fingerprint`)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "fingerprint"],
                                    name="one_passport_per_state"),
        ]

    def __str__(self):
        return f"passport {self.organisation_id} ({self.state})"
