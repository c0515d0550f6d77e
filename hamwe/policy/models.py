"""The live policy: a loaded pack, cut into parts that admins can edit one at a time.

A pack is stored as its *parts*: each item of each list (a principle, a stage, an
indicator, an activity...) is one `PolicyPart` row, and what is left (the pack's
scalar settings) is the policy's `settings` part. Composing the parts in order gives
the pack back exactly, so export round-trips by construction. Other records refer to a
part by its policy, section and key, which stay stable across versions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PolicyQuerySet(models.QuerySet):
    def live(self):
        return self.filter(is_live=True)


class Policy(models.Model):
    pack = models.SlugField(_("pack"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(_("language"), max_length=8)
    version = models.PositiveIntegerField(_("version loaded"))
    is_live = models.BooleanField(_("live"), default=False)
    edited = models.BooleanField(
        _("edited since loaded"),
        default=False,
        help_text=_("An export of an edited policy carries the next version number."),
    )
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)
    # Renewed (at random) by every load and every edit: a process may keep the composed
    # pack while the stamp it reads from the database is unchanged. Random, not a counter,
    # so that a rolled-back change can never be mistaken for a later committed one.
    stamp = models.CharField(max_length=32, default="", editable=False)

    history = HistoricalRecords(excluded_fields=["stamp"])
    objects = PolicyQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.UniqueConstraint(
                fields=["is_live"], condition=Q(is_live=True), name="one_live_policy"
            ),
        ]

    def __str__(self):
        return self.title


class PolicyVersion(models.Model):
    """Every version of a pack that was loaded, kept whole."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("version"))
    document = models.JSONField(_("pack as loaded"))
    source_name = models.CharField(_("loaded from"), max_length=300, blank=True)
    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("policy version")
        verbose_name_plural = _("policy versions")
        ordering = ["policy", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "version"], name="one_row_per_version"),
        ]

    def __str__(self):
        return f"{self.policy.pack} v{self.version}"


class PolicyPart(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="parts")
    section = models.CharField(_("section"), max_length=40)
    key = models.CharField(_("key"), max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    position = models.PositiveIntegerField(_("position"))
    data = models.JSONField(_("content"))
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("policy part")
        verbose_name_plural = _("policy parts")
        ordering = ["policy", "section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "section", "key"], name="one_part_per_key"),
        ]

    def __str__(self):
        return f"{self.section}:{self.key}"
