from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.core.models import PreparedFile


class ImportRun(models.Model):
    """One file brought in by one user: checked first (a dry run that writes nothing),
    then, when they say so, applied all or nothing. What the check found is kept so the
    commit applies exactly what was shown."""

    class State(models.TextChoices):
        CHECKING = "checking", _("Being checked")
        PROBLEMS = "problems", _("Problems found")
        CHECKED = "checked", _("Checked: ready to apply")
        APPLYING = "applying", _("Being applied")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Not applied")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    format = models.CharField(max_length=4, choices=Format.choices)
    file = models.FileField(upload_to="imports/%Y/%m/")
    filename = models.CharField(_("file"), max_length=200)
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list)  # [{row, column, message}]
    changes = models.JSONField(default=list)  # the plan: [{row, what, action, ...}]
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"import {self.pk} ({self.kind}, {self.state})"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else None

    @property
    def busy(self):
        return self.state in (self.State.CHECKING, self.State.APPLYING)

    def counts(self):
        """{(what, action): number} of the plan."""
        counts = {}
        for change in self.changes:
            key = f"{change['what']}_{change['action']}"
            counts[key] = counts.get(key, 0) + 1
        return counts


class IatiPublisher(models.Model):
    """How the home organisation publishes to IATI: its organisation identifier (as the
    IATI Registry knows it, e.g. "BI-MIN-1234") and where its published documents are."""

    identifier = models.CharField(_("IATI organisation identifier"), max_length=100)
    currency = models.CharField(_("default currency"), max_length=3, default="USD")
    documents_url = models.URLField(
        _("address of published documents"), blank=True,
        help_text=_("Where the signed MoUs that the parties agreed to publish are put "
                    "online; each is linked as <address>/<partnership>-mou.pdf."))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    def __str__(self):
        return self.identifier


class IatiActivity(models.Model):
    """A partnership chosen for publication as an IATI activity."""

    partnership = models.OneToOneField("partnerships.Partnership", on_delete=models.CASCADE,
                                       related_name="iati_activity")
    mou_agreed = models.BooleanField(
        _("the parties agree to publish the MoU"), default=False)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership__title", "pk"]

    def __str__(self):
        return str(self.partnership)


class Publication(models.Model):
    """An IATI file as made, by whom, and with which warnings they accepted."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation file")
        ACTIVITIES = "activities", _("Activity file")

    kind = models.CharField(_("file"), max_length=12, choices=Kind.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    made_at = models.DateTimeField(_("made"), auto_now_add=True)
    warnings = models.JSONField(_("warnings accepted"), default=list)
    activities = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="iati/%Y/")

    class Meta:
        ordering = ["-made_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.made_at:%Y-%m-%d})"


class ListExport(PreparedFile):
    """One list (core.exports) as one user asked for it, read under their access when
    the worker writes it; only that user gets it."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    list_key = models.CharField(max_length=40)
    format = models.CharField(max_length=4, choices=Format.choices)
    language = models.CharField(max_length=8)

    def __str__(self):
        return f"export {self.pk} ({self.list_key}, {self.format}, {self.state})"
