"""Partner score cards: partners rate the home NGO, anonymously (METHODS.md §1).

Anonymity by construction:
- `Answer` and `Score` hold no user, organisation, IP address or time, and their keys are
  random (UUID), so neither their content nor their order points back at anyone;
- an `Invitation` records only that it was used (no time, no link to an answer), and is
  used in the same transaction that stores the answer;
- neither answers nor invitations are in the row-history audit trail (no
  HistoricalRecords): the round counts that someone answered, never who answered what.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.core.models import LONG_TEXT, LONGEST_TEXT, SHORT_TEXT, bounded_text
from hamwe.partners.models import Organisation


class RoundQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Home users see every round; a partner user the rounds their organisation is
        invited to (never anyone's answers: results are aggregates only)."""
        from hamwe.accounts import access

        return access.scope(self, user, via="invitations__organisation")


class Round(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    period = models.CharField(_("period"), max_length=40)  # e.g. a fiscal period name
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    # Copied from the live policy when the round is created; frozen once it opens.
    scale_min = models.FloatField(_("lowest score"))
    scale_max = models.FloatField(_("highest score"))
    high_grade = models.FloatField(_("high grade from"))
    scale_display = models.CharField(
        _("scores chosen as"), max_length=8, default="numbers",
        choices=[("numbers", _("Numbers")), ("faces", _("Faces"))],
    )
    min_group_scores = models.PositiveSmallIntegerField(_("fewest answers to show scores"))
    min_group_comments = models.PositiveSmallIntegerField(_("fewest answers to show comments"))
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("previous round"),
    )
    answers_received = models.PositiveIntegerField(_("answers received"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["answers_received"])
    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("score-card round")
        verbose_name_plural = _("score-card rounds")
        ordering = ["-opens_on", "-pk"]

    def __str__(self):
        return self.title


class Indicator(models.Model):
    """One statement partners score in a round. Its wording is frozen once the round
    opens; `key` ties it to the same indicator in other rounds (for change over time)."""

    class Source(models.TextChoices):
        POLICY = "policy", _("From the policy")
        PROPOSED = "proposed", _("Proposed by partners")
        INQUIRY = "inquiry", _("From appreciative inquiry")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="indicators")
    key = models.SlugField(_("key"), max_length=80)
    text = models.CharField(_("statement"), max_length=400)
    # The language `text` is written in ("" in rounds from before languages were kept),
    # and its translations by language, copied from the policy pack with the wording and
    # frozen with it. A partner's proposal has only the language it was written in.
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    translations = models.JSONField(_("translations"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="one_indicator_key_per_round")
        ]

    def __str__(self):
        return self.text

    @property
    def wording(self):
        """The statement in the reader's (active) language: its translation, or the text
        as written, marked when the reader's language is another (see
        hamwe.policy.localise). Whatever the language, it is the same indicator."""
        from django.utils.translation import get_language

        from hamwe.policy.localise import text_in

        return text_in(self.text, self.language, self.translations, get_language())


class Proposal(models.Model):
    """An indicator a partner proposes for a round: who proposed it is kept here, apart
    from the answers, and is never copied to the indicator it may become."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="proposals")
    text = models.CharField(_("proposed statement"), max_length=400)
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    accepted = models.BooleanField(null=True)

    def __str__(self):
        return self.text


class Invitation(models.Model):
    """A partner user's right to answer a round once. Records only *that* it was used:
    never when, and nothing that leads to the answer (see rounds.services._reshuffle)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="one_invitation_per_user")
        ]

    def __str__(self):
        return f"{self.round} · {self.user}"


class Answer(models.Model):
    """One respondent's answer, or one partner group's consensus entered by a facilitator.
    Nothing here says who, which organisation, or when."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("Individual answer")
        GROUP = "group", _("Group consensus (focus group)")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.INDIVIDUAL)
    # How many people a group answer speaks for (1 for an individual).
    group_size = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["id"]  # random: the order says nothing

    def __str__(self):
        return str(self.id)


class Score(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores")
    score = models.FloatField(_("score"))
    reason = models.TextField(_("reason"), blank=True)
    suggestion = models.TextField(_("suggestion"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "indicator"], name="one_score_per_indicator_per_answer"
            )
        ]

    def __str__(self):
        return f"{self.score}"


class SelfScore(models.Model):
    """The home NGO's own score on an indicator (the score card's self-evaluation)."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="self_score")
    score = models.FloatField(_("score"))
    reason = bounded_text(_("reason"), SHORT_TEXT, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{self.indicator}: {self.score}"


class InterfaceMeeting(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    organisations = models.ManyToManyField(
        Organisation, related_name="+", verbose_name=_("organisations present")
    )
    agreed = bounded_text(_("what was agreed"), LONGEST_TEXT)

    history = HistoricalRecords(m2m_fields=[organisations])

    def __str__(self):
        return f"{self.round} · {self.held_on}"


class Action(models.Model):
    """An action of the joint action plan."""

    class Owner(models.TextChoices):
        HOME = "home", _("Home organisation")
        PARTNER = "partner", _("A partner")
        JOINT = "joint", _("Joint")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        UNDER_WAY = "under_way", _("Under way")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    meeting = models.ForeignKey(
        InterfaceMeeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    text = models.CharField(_("action"), max_length=400)
    owner = models.CharField(_("owner"), max_length=8, choices=Owner.choices)
    owner_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    follow_up = bounded_text(_("follow-up"), SHORT_TEXT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="partner_action_has_its_owner",
                condition=~models.Q(owner="partner") | models.Q(owner_organisation__isnull=False),
                violation_error_message=_("Name the partner organisation that owns the action."),
            ),
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.owner == self.Owner.PARTNER and self.owner_organisation_id is None:
            raise ValidationError(
                {"owner_organisation": _("Name the partner organisation that owns the action.")}
            )
        if self.owner != self.Owner.PARTNER:
            self.owner_organisation = None


class InquirySession(models.Model):
    """An appreciative-inquiry session (METHODS.md §4): define, discover, dream, design,
    deliver."""

    round = models.ForeignKey(
        Round, on_delete=models.SET_NULL, null=True, blank=True, related_name="inquiries"
    )
    held_on = models.DateField(_("held on"))
    topics = bounded_text(_("affirmative topics"), SHORT_TEXT)  # one per line
    organisations = models.ManyToManyField(
        Organisation, related_name="+", verbose_name=_("organisations present")
    )

    history = HistoricalRecords(m2m_fields=[organisations])

    def __str__(self):
        return f"{self.held_on}"


class InquiryItem(models.Model):
    class Step(models.TextChoices):
        DISCOVER = "discover", _("Discover: a story")
        DREAM = "dream", _("Dream")
        DESIGN = "design", _("Design: a proposition")
        DELIVER = "deliver", _("Deliver: a commitment")

    session = models.ForeignKey(InquirySession, on_delete=models.CASCADE, related_name="items")
    step = models.CharField(_("step"), max_length=10, choices=Step.choices)
    text = bounded_text(_("text"), LONG_TEXT)
    # A proposition may become an indicator of the next round; a commitment an action.
    became_indicator = models.ForeignKey(
        Indicator, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    became_action = models.ForeignKey(
        Action, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self):
        return self.text[:60]
