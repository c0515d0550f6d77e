"""Partner reports: what each partnership reports and when (schedules, reports by fiscal
period), what the partner writes (narrative sections, budget lines, attachments), the
review (comments, submissions kept as versions, decisions), and who leads what in the
partnership each year (the responsibility matrix).

A report belongs to the organisation that writes it (`organisation`, a party to the
partnership): it is that organisation's record under the access rule, never its
co-parties'. Periods are kept as numbers (fiscal year, quarter) and named from the live
policy's calendar when shown.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.core.models import LONG_TEXT, SHORT_TEXT, bounded_text
from hamwe.partners.models import Organisation
from hamwe.partnerships.models import Partnership


class ReportType(models.TextChoices):
    NARRATIVE = "narrative", _("Narrative")
    FINANCIAL = "financial", _("Financial")


class Frequency(models.TextChoices):
    QUARTERLY = "quarterly", _("Every fiscal quarter")
    YEARLY = "yearly", _("Every fiscal year")


class Settings(models.Model):
    """What the home organisation sets for every report (one row)."""

    variance_threshold = models.DecimalField(
        _("variance needing an explanation (%)"), max_digits=5, decimal_places=1, default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A budget line whose actual spending differs from its budget by more "
                    "than this share needs an explanation before the report is submitted."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting settings")
        verbose_name_plural = _("reporting settings")

    def __str__(self):
        return str(self._meta.verbose_name)


class ScheduleQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(self, user, via="organisation")


class Schedule(models.Model):
    """One kind of report an organisation owes on a partnership: how often and how long
    after the period's end it is due."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="report_schedules")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="report_schedules",
                                     verbose_name=_("reporting organisation"))
    report_type = models.CharField(_("report"), max_length=10, choices=ReportType.choices)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.QUARTERLY)
    due_days = models.PositiveSmallIntegerField(
        _("days after the period's end"), default=30, validators=[MaxValueValidator(180)])
    remind_days = models.PositiveSmallIntegerField(
        _("remind this many days before"), default=7, validators=[MaxValueValidator(60)])
    currency = models.CharField(_("currency"), max_length=3, default="BIF")

    objects = ScheduleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")
        ordering = ["partnership", "report_type"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "organisation", "report_type"],
            name="schedule_one_per_type",
            violation_error_message=_("This organisation already has a schedule for this "
                                      "kind of report on this partnership."))]

    def __str__(self):
        return f"{self.partnership} · {self.get_report_type_display()}"


class ReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(self, user, via="organisation")


class Report(models.Model):
    """One report for one fiscal period, with the figures of its review kept on the row
    (counted when they change, so the board and the measures read them without joins)."""

    class Status(models.TextChoices):
        DUE = "due", _("Due")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        REVISION = "revision", _("Revision requested")
        APPROVED = "approved", _("Approved")

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="reports")
    # Copied from the schedule, so the board filters and counts from one table.
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="reports")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="reports")
    report_type = models.CharField(_("report"), max_length=10, choices=ReportType.choices)
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, validators=[MinValueValidator(1),
                                                         MaxValueValidator(4)])
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DUE)
    currency = models.CharField(_("currency"), max_length=3, default="BIF")
    exchange_rate = models.DecimalField(
        _("exchange rate to the home currency"), max_digits=14, decimal_places=6, default=1,
        validators=[MinValueValidator(0)])
    # The review's figures (METHODS §6): submissions, comments, the days that matter.
    submissions = models.PositiveSmallIntegerField(default=0, editable=False)
    comments = models.PositiveIntegerField(default=0, editable=False)
    first_submitted_on = models.DateField(null=True, blank=True, editable=False)
    approved_on = models.DateField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReportQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["comments", "updated_at"])

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period_end", "organisation", "report_type", "pk"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="report_board_idx"),
            models.Index(fields=["organisation", "year", "report_type"],
                         name="report_quality_idx"),
            models.Index(fields=["-period_end", "organisation", "report_type", "id"],
                         name="report_order_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "year", "quarter"],
                                    name="report_one_per_period",
                                    nulls_distinct=False),
            models.CheckConstraint(name="report_period_in_order",
                                   condition=Q(period_end__gte=models.F("period_start")),
                                   violation_error_message=_(
                                       "The period ends before it starts.")),
        ]

    def __str__(self):
        return f"{self.organisation} · {self.get_report_type_display()} · {self.year}"

    @property
    def editable(self):
        """The partner may write while the report is due or sent back."""
        return self.status in (self.Status.DUE, self.Status.REVISION)

    @property
    def rounds(self):
        """Feedback rounds (METHODS §6): submissions less one, once submitted."""
        return max(self.submissions - 1, 0)


class Section(models.Model):
    """One part of a narrative report, saved on its own (a dropped link loses at most
    the one being written). `key` names the template's section."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField(default=0)
    text = bounded_text(_("text"), LONG_TEXT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report section")
        verbose_name_plural = _("report sections")
        ordering = ["report", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "key"],
                                               name="section_once_per_report")]

    def __str__(self):
        return self.key


class BudgetLine(models.Model):
    """One line of a financial report: budget and actual for the period and since the
    start, with the explanation a large variance needs."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("code"), max_length=20)
    label = models.CharField(_("budget line"), max_length=200)
    budget = models.DecimalField(_("budget for the period"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    actual = models.DecimalField(_("spent in the period"), max_digits=14, decimal_places=2,
                                 validators=[MinValueValidator(0)])
    budget_to_date = models.DecimalField(_("budget to date"), max_digits=14, decimal_places=2,
                                         validators=[MinValueValidator(0)])
    actual_to_date = models.DecimalField(_("spent to date"), max_digits=14, decimal_places=2,
                                         validators=[MinValueValidator(0)])
    explanation = bounded_text(_("explanation of the variance"), SHORT_TEXT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["report", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["report", "code"],
                                               name="line_code_once_per_report",
                                               violation_error_message=_(
                                                   "This code is already a line of the "
                                                   "report."))]

    def __str__(self):
        return f"{self.code} {self.label}"

    def clean(self):
        if (self.budget is not None and self.budget_to_date is not None
                and self.budget_to_date < self.budget):
            raise ValidationError({"budget_to_date": _(
                "The budget to date cannot be less than the period's budget.")})
        if (self.actual is not None and self.actual_to_date is not None
                and self.actual_to_date < self.actual):
            raise ValidationError({"actual_to_date": _(
                "The spending to date cannot be less than the period's spending.")})

    @property
    def variance(self):
        return self.actual - self.budget

    @property
    def variance_percent(self):
        """The variance as a share of the budget (None for a line with no budget)."""
        if not self.budget:
            return None
        return round(100 * self.variance / self.budget, 1)


def attachment_path(instance, filename):
    return f"reporting/attachments/{instance.report_id}/{filename}"


class Attachment(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    name = models.CharField(_("name"), max_length=200)
    added_on = models.DateField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["report", "pk"]

    def __str__(self):
        return self.name


class Submission(models.Model):
    """A report as it was sent: kept whole, so each version can be read and compared
    with the one before, and the decision taken on it."""

    class Decision(models.TextChoices):
        PENDING = "", _("Awaiting review")
        REVISION = "revision", _("Revision requested")
        APPROVED = "approved", _("Approved")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()  # {"sections": [[key, text]], "lines": [[code, ...]]}
    submitted_on = models.DateField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, related_name="+")
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("submitted version")
        verbose_name_plural = _("submitted versions")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"],
                                               name="submission_numbered_once")]

    def __str__(self):
        return f"{self.report_id} v{self.number}"


class Comment(models.Model):
    """A reviewer's or the partner's comment on a report, anchored to a section or a
    budget line (or the whole report), in reply to another when `parent` is set."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="thread")
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, null=True,
                                   blank=True, related_name="+")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="comments")
    line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                               null=True, related_name="+")
    text = bounded_text(_("comment"), SHORT_TEXT)
    at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report comment")
        verbose_name_plural = _("report comments")
        ordering = ["report", "at", "pk"]
        constraints = [models.CheckConstraint(
            name="comment_one_anchor",
            condition=Q(section__isnull=True) | Q(line__isnull=True),
            violation_error_message=_("A comment is about a section or a budget line, "
                                      "not both."))]

    def __str__(self):
        return self.text[:40]


class Lead(models.TextChoices):
    HOME = "home", _("Home organisation")
    PARTNER = "partner", _("Partner")
    JOINT = "joint", _("Joint")


class Responsibility(models.Model):
    """Who leads planning, M&E, donor correspondence and reporting in a partnership in a
    fiscal year: the shift toward the partner is what the strategy measures."""

    TASKS = ("planning", "monitoring", "donors", "reporting")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE,
                                    related_name="responsibilities")
    year = models.PositiveSmallIntegerField(_("fiscal year"))
    planning = models.CharField(_("planning"), max_length=8, choices=Lead.choices)
    monitoring = models.CharField(_("monitoring and evaluation"), max_length=8,
                                  choices=Lead.choices)
    donors = models.CharField(_("donor correspondence"), max_length=8, choices=Lead.choices)
    reporting = models.CharField(_("reporting"), max_length=8, choices=Lead.choices)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("responsibility matrix")
        verbose_name_plural = _("responsibility matrices")
        ordering = ["partnership", "-year"]
        constraints = [models.UniqueConstraint(
            fields=["partnership", "year"], name="responsibility_once_a_year",
            violation_error_message=_("This partnership already has a matrix for this "
                                      "year."))]

    def __str__(self):
        return f"{self.partnership} {self.year}"
