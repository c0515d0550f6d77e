"""Partnerships: two or more parties, what they share, what each brings, and where the
relationship stands in the partnership cycle.

Kinds, stages, phases, gate items, principles and non-partnership patterns are the live
policy's: records keep their *keys* (stable across policy versions), and read names and
texts from the policy.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length, Upper
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.core.models import (
    LONG_TEXT,
    LONGEST_TEXT,
    SHORT_TEXT,
    ConstraintsOnFields,
    bounded_text,
)
from hamwe.partners.models import ImpactGroup, Organisation, Province, ThematicArea


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Home users see every partnership; a partner user those their organisation is
        party to, never any other."""
        return access.scope(self, user, via="parties__organisation")

    def active(self):
        return self.filter(status=Partnership.Status.ACTIVE)

    def with_party(self, organisation):
        """Those the organisation is a party to: one definition for the list's filter,
        the API and the organisation's page, so their counts agree."""
        return self.filter(pk__in=Party.objects.filter(organisation=organisation)
                           .values("partnership"))

    def with_agreement(self, state):
        """"any": with at least one version of the agreement; "signed": with a signed
        version; "none": without any version yet."""
        versions = Agreement.objects.filter(partnership=models.OuterRef("pk"))
        if state == "signed":
            return self.filter(models.Exists(versions.filter(status=Agreement.Status.SIGNED)))
        if state == "none":
            return self.exclude(models.Exists(versions))
        return self.filter(models.Exists(versions))

    def for_list(self):
        return self.prefetch_related(
            models.Prefetch("parties", queryset=Party.objects.select_related("organisation"))
        )

    def whole(self):
        """With everything the record's pages show: themes, places, parties and their
        contributions."""
        return self.select_related("initiated_by").prefetch_related(
            "thematic_areas",
            "impact_groups",
            "provinces",
            models.Prefetch(
                "parties",
                queryset=Party.objects.select_related("organisation").prefetch_related(
                    "contributions"
                ),
            ),
        )


class Partnership(models.Model):
    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    title = models.CharField(_("title"), max_length=250)
    kind = models.CharField(_("kind"), max_length=60)  # a partnership_kind key of the policy
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PROPOSED
    )
    shared_vision = bounded_text(_("shared vision"), LONG_TEXT, blank=True)
    joint_objectives = bounded_text(_("joint objectives"), LONGEST_TEXT, blank=True)
    initiated_by = models.ForeignKey(
        Organisation,
        verbose_name=_("initiated by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiated_partnerships",
    )
    includes_home = models.BooleanField(
        _("includes the home organisation"),
        default=False,
        editable=False,
        help_text=_("Kept in step with the parties, for filtering."),
    )
    thematic_areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="partnerships"
    )
    impact_groups = models.ManyToManyField(
        ImpactGroup, verbose_name=_("impact groups"), blank=True, related_name="partnerships"
    )
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces"), blank=True, related_name="partnerships"
    )
    programme = models.CharField(_("programme or project"), max_length=250, blank=True)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    has_funding = models.BooleanField(_("involves funding"), default=False)
    # Set by the qualification check: None until it has been run.
    is_partnership = models.BooleanField(_("is a partnership"), null=True, editable=False)
    relationship_label = models.CharField(
        _("relationship is"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_(
            "What the relationship is called when the check finds it is not a "
            "partnership (procurement, grant, sub-contract...)."
        ),
    )
    stage = models.CharField(_("stage"), max_length=60, blank=True)
    phase = models.CharField(_("phase"), max_length=60, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[thematic_areas, impact_groups, provinces])
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["stage"])]
        constraints = [
            models.CheckConstraint(
                name="partnership_ends_after_it_starts",
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                violation_error_message=_("The end comes before the start."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end comes before the start.")})


class Party(ConstraintsOnFields, models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead / contract holder")
        IMPLEMENTING = "implementing", _("Implementing")
        TECHNICAL = "technical", _("Technical support")
        FUNDING = "funding", _("Funding")
        KNOWLEDGE = "knowledge", _("Knowledge")
        ADVOCACY = "advocacy", _("Advocacy")

    class IatiRole(models.IntegerChoices):
        FUNDING = 1, _("Funding")
        ACCOUNTABLE = 2, _("Accountable")
        EXTENDING = 3, _("Extending")
        IMPLEMENTING = 4, _("Implementing")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    iati_role = models.PositiveSmallIntegerField(
        _("IATI organisation role"), choices=IatiRole.choices, null=True, blank=True
    )
    own_objectives = bounded_text(_("own objectives"), LONG_TEXT, blank=True)
    responsibilities = bounded_text(_("responsibilities"), LONG_TEXT, blank=True)
    risks = bounded_text(_("risks it takes on"), LONG_TEXT, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    constraint_fields = {"already_a_party": "organisation"}

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["partnership", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="one_party_per_organisation",
                violation_error_code="already_a_party",
                violation_error_message=_("This organisation is already a party."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Contribution(models.Model):
    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        STAFF = "staff", _("Staff")
        EXPERTISE = "expertise", _("Expertise")
        IN_KIND = "in_kind", _("In kind")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0, _("A value cannot be negative."))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, default="BIF", blank=True,
        validators=[RegexValidator(r"^[A-Za-z]{3}$", _("Three letters, e.g. BIF, USD, EUR."))],
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["party", "pk"]
        constraints = [
            models.CheckConstraint(
                name="contribution_not_negative",
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                violation_error_message=_("A value cannot be negative."),
            ),
            models.CheckConstraint(
                name="contribution_currency_code",
                condition=Q(currency="")
                | Q(Exact(Length("currency"), 3), Exact(Upper("currency"), F("currency"))),
                violation_error_message=_("Three letters, e.g. BIF, USD, EUR."),
            ),
        ]

    def __str__(self):
        return self.description

    def clean(self):
        self.currency = (self.currency or "").strip().upper()
        if self.estimated_value is not None and not self.currency:
            raise ValidationError({"currency": _("Say which currency the value is in.")})


class QualificationCheck(models.Model):
    """One run of "is this a partnership?": the answers, and what they showed."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="checks")
    answers = models.JSONField(_("answers"))  # pattern key -> True (pattern present) / False
    is_partnership = models.BooleanField(_("is a partnership"))
    patterns_found = models.JSONField(_("patterns found"), default=list)
    occasion = models.CharField(_("occasion"), max_length=20, default="record")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return (
            f"{self.partnership}: {'partnership' if self.is_partnership else 'not a partnership'}"
        )


class StageChange(models.Model):
    """The cycle's history: every move from stage to stage (or phase to phase)."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=60, blank=True)
    to_stage = models.CharField(max_length=60)
    to_phase = models.CharField(max_length=60, blank=True)
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.partnership}: {self.from_stage} -> {self.to_stage}"


class GateTick(models.Model):
    """One item of a stage's gate checklist, ticked: by whom, when, on what evidence."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="gate_ticks"
    )
    stage = models.CharField(max_length=60)
    item = models.CharField(max_length=60)
    evidence = bounded_text(_("evidence"), SHORT_TEXT)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "stage", "item"], name="one_tick_per_gate_item"
            )
        ]

    def __str__(self):
        return f"{self.partnership}: {self.stage}/{self.item}"


class Comment(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    text = bounded_text(_("comment"), LONG_TEXT)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text[:60]


class Review(models.Model):
    """A partnership review (The Partnering Toolbook): it feeds the next stage decision."""

    class Recommendation(models.TextChoices):
        CONTINUE = "continue", _("Continue as agreed")
        REVISE = "revise", _("Revise the agreement")
        SUSTAIN = "sustain", _("Move to sustaining outcomes")
        END = "end", _("End the partnership")

    class Met(models.TextChoices):
        FULLY = "fully", _("Fully")
        PARTLY = "partly", _("Partly")
        NOT = "not", _("Not")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField(_("held on"))
    objectives_met = models.CharField(_("objectives met"), max_length=8, choices=Met.choices)
    objectives_notes = bounded_text(_("on the objectives"), LONG_TEXT, blank=True)
    # principle key -> 1..5, each principle of the policy rated one by one
    principle_ratings = models.JSONField(_("principles upheld"), default=dict)
    contributions_delivered = bounded_text(_("contributions delivered"), LONG_TEXT, blank=True)
    governance_working = bounded_text(_("governance"), LONG_TEXT, blank=True)
    membership_change = bounded_text(_("anyone joining or leaving"), SHORT_TEXT, blank=True)
    revise_agreement = models.BooleanField(_("revise the agreement"), default=False)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices
    )
    qualification = models.ForeignKey(
        QualificationCheck, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"{self.partnership} ({self.held_on})"

    def clean(self):
        if self.recommendation == self.Recommendation.REVISE and not self.revise_agreement:
            raise ValidationError({"revise_agreement": _(
                "The recommendation is to revise the agreement: say so here too, or "
                "choose another recommendation."
            )})


class ReviewValue(models.Model):
    """What one party expected of the partnership, and what it got."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="values")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="+")
    expected = bounded_text(_("expected"), SHORT_TEXT, blank=True)
    received = bounded_text(_("received"), SHORT_TEXT, blank=True)
    rating = models.PositiveSmallIntegerField(_("value, 1-5"))

    def __str__(self):
        return f"{self.party}: {self.rating}"


class Agreement(models.Model):
    """A version of the partnership agreement (MoU), generated from the record and the
    policy, with the checklist of what it contains (METHODS.md §2)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent for signature")
        SIGNED = "signed", _("Signed")

    class Ingredient(models.TextChoices):
        NOT_RELEVANT = "not_relevant", _("Not relevant")
        MISSING = "missing", _("Not in place")
        PARTLY = "partly", _("Partially in place")
        FULLY = "fully", _("Fully in place")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="agreements"
    )
    number = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8)
    content = models.JSONField(_("content"))  # the text as generated, kept as signed
    principles = models.JSONField(_("principles stated"), default=list)  # principle keys
    states_all_principles = models.BooleanField(
        _("states every principle"),
        default=False,
        help_text=_("Whether it stated every principle of the policy when generated."),
    )
    checklist = models.JSONField(_("checklist"), default=dict)  # ingredient -> Ingredient
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "number"], name="one_agreement_per_number"
            )
        ]

    def __str__(self):
        return f"{self.partnership} v{self.number}"


class Signature(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatures")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="signatures")
    signatory = models.CharField(_("signatory"), max_length=200)
    title = models.CharField(_("position"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"))
    scan = models.FileField(_("scanned copy"), upload_to="agreements/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agreement", "party"], name="one_signature_per_party")
        ]

    def __str__(self):
        return f"{self.signatory} ({self.signed_on})"
