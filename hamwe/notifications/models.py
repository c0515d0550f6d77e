"""What each person chose to receive, the day they last looked, and the daily e-mails
sent. Nothing here keeps a person's activity finer than the day (score-card anonymity,
docs/decisions.md): a visit and a digest are dates, and none of these rows is in the
row-history audit trail, whose rows carry the second of each change."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hamwe.core.models import ReminderLog


class Preference(models.Model):
    """A person's choice of what the daily e-mail carries (every kind of item unless
    they turned it off), and its language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="+",
    )
    # Names of the providers (hamwe.core.registries) whose items they do not want by
    # e-mail: a provider added later is e-mailed until they turn it off.
    not_emailed = models.JSONField(_("not e-mailed"), default=list, blank=True)
    language = models.CharField(
        _("language of the e-mails"), max_length=8, blank=True, choices=settings.LANGUAGES,
        help_text=_("Leave empty for the site's language."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user_id}"


class Visit(models.Model):
    """The day a person last opened the home page, and the day of the visit before: what
    changed since then is shown. Days only, never times."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True,
        related_name="+",
    )
    on = models.DateField(_("last visit"))
    before = models.DateField(_("visit before"), null=True, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.on}"


class Digest(ReminderLog):
    """The daily e-mail of what is due, sent to one person on one day: kept so that each
    person gets at most one a day, however often the job runs."""

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "sent_on"], name="one_digest_a_day")
        ]

    def __str__(self):
        return f"{self.recipient_id} ({self.sent_on})"
