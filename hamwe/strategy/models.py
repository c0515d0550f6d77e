"""The strategy as it is followed: what staff enter (values and evidence for indicators,
progress on activities), the values computed once a fiscal year has ended, and the
annual reports made.

Directions, indicators and activities are the live policy's: records keep the policy
and the *key* of the part they are about, never copies of its words.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.policy.models import Policy


class Judgement(models.TextChoices):
    """How an indicator stands (also what staff may enter for a manual one)."""

    MET = "met", _("Met")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    MISSED = "missed", _("Missed")


def _not_in_the_future(day):
    if day and day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."))


class IndicatorEntry(models.Model):
    """A value or a status entered for an indicator, with what shows it: the value of a
    manual indicator, or evidence beside a computed one (the measure gives its value)."""

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="+")
    indicator = models.CharField(_("indicator"), max_length=60)  # the policy's key
    value = models.FloatField(_("value"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Judgement.choices, blank=True,
        help_text=_("How the indicator stands, in your judgement and on the evidence."),
    )
    on = models.DateField(_("as of"), validators=[_not_in_the_future],
                          help_text=_("The day the value or status holds for."))
    note = models.TextField(_("note"), blank=True)
    evidence = models.FileField(_("evidence document"), upload_to="strategy/evidence/%Y/",
                                blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("entered by"),
    )
    entered_on = models.DateField(_("entered on"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator entry")
        verbose_name_plural = _("indicator entries")
        ordering = ["policy", "indicator", "-on", "-pk"]
        indexes = [models.Index(fields=["policy", "indicator", "on"])]

    def __str__(self):
        return f"{self.indicator} ({self.on})"

    def clean(self):
        if self.value is None and not self.status and not self.note.strip() and not self.evidence:
            raise ValidationError(
                _("Enter a value or a status, or attach evidence with a note."))


class ActivityUpdate(models.Model):
    """Progress on one activity of the action plan: its status from that day on, a note
    on what was done, and the evidence."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="+")
    activity = models.CharField(_("activity"), max_length=60)  # the policy's key
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    on = models.DateField(_("as of"), validators=[_not_in_the_future])
    note = models.TextField(_("progress"), blank=True)
    evidence = models.FileField(_("evidence document"), upload_to="strategy/progress/%Y/",
                                blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("entered by"),
    )
    entered_on = models.DateField(_("entered on"), default=timezone.localdate)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity update")
        verbose_name_plural = _("activity updates")
        ordering = ["policy", "activity", "-on", "-pk"]
        indexes = [models.Index(fields=["policy", "activity", "on"])]

    def __str__(self):
        return f"{self.activity}: {self.status} ({self.on})"


class Snapshot(models.Model):
    """A computed indicator's value at the end of a fiscal year that has ended, computed
    once and kept (DESIGN: what cannot change any more is stored): the history on the
    dashboard and the annual report read it. `fingerprint` names the measure, its revision
    and parameters, so a changed measure or pack computes its years again."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=300)
    as_of = models.DateField()
    result = models.JSONField()  # hamwe.policy.measures.MeasureResult.as_json()
    computed_on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["policy", "fingerprint", "as_of"],
                                    name="one_snapshot_per_measure_and_day"),
        ]

    def __str__(self):
        return f"{self.fingerprint} @ {self.as_of}"


class Report(models.Model):
    """The annual partnership performance report of one fiscal year, in one language:
    made once, in the background, from the values as of the year's end, then kept."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("fiscal year"))  # the year it ends in
    language = models.CharField(_("language"), max_length=8)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=20, blank=True)  # what it is doing: see reports.STEPS
    error = models.TextField(blank=True)
    pdf = models.FileField(upload_to="strategy/reports/", blank=True)
    xlsx = models.FileField(upload_to="strategy/reports/", blank=True)
    seconds = models.FloatField(null=True, blank=True)  # how long making it took
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    requested_on = models.DateField(default=timezone.localdate)
    made_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["progress", "step"])

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-year", "language", "-pk"]
        constraints = [
            # One report of a year in a language, unless an earlier attempt failed.
            models.UniqueConstraint(fields=["policy", "year", "language"],
                                    condition=~Q(status="failed"),
                                    name="one_report_per_year_and_language"),
        ]

    def __str__(self):
        return f"{self.policy.pack} {self.year} ({self.language})"
