"""Thematic networks and coalitions among organisations, and community structures.

A network's current status and facilitator are copies of the newest row of their
histories (`StatusChange`, `Facilitation`), kept in step by the services, so that lists
filter and count from the network's own row."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.core.models import LONG_TEXT, SHORT_TEXT, ConstraintsOnFields, bounded_text
from hamwe.partners.models import Organisation, Sector, ThematicArea


class NetworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public networks for every user with a role; a members-only network for the
        home organisation and its members' users only."""
        return access.scope_or_public(self, user, via="memberships__organisation",
                                      public=Q(visibility=Network.Visibility.PUBLIC))

    def for_list(self):
        return self.select_related("theme", "facilitator", "initiated_by").annotate(
            members=models.Count("memberships", distinct=True))


class Network(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", _("Being set up")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        CLOSED = "closed", _("Closed")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public: every user sees it and its members")
        MEMBERS = "members", _("Members only: its members and the home organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    theme = models.ForeignKey(ThematicArea, verbose_name=_("thematic area"),
                              on_delete=models.PROTECT, related_name="networks")
    purpose = bounded_text(_("purpose"), LONG_TEXT, blank=True)
    visibility = models.CharField(_("visibility"), max_length=8, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    initiated_by = models.ForeignKey(Organisation, verbose_name=_("initiated by"),
                                     on_delete=models.PROTECT, related_name="+")
    set_up_on = models.DateField(_("set up on"))
    # Copies of the newest StatusChange and Facilitation (services keep them in step).
    status = models.CharField(_("status"), max_length=8, choices=Status.choices,
                              default=Status.FORMING, editable=False)
    facilitator = models.ForeignKey(Organisation, verbose_name=_("facilitated by"),
                                    on_delete=models.PROTECT, related_name="+",
                                    editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("networks:detail", args=[self.pk])


class StatusChange(models.Model):
    """The network's status from a day on: its status over time."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="statuses")
    status = models.CharField(_("status"), max_length=8, choices=Network.Status.choices)
    since = models.DateField(_("since"))
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "since", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["network", "since"], name="one_status_a_day",
            violation_error_message=_("The network already has a status from this day."))]

    def __str__(self):
        return f"{self.get_status_display()} ({self.since})"


class Facilitation(models.Model):
    """Who facilitates the network from a day on; kept as history. A row whose organisation
    is not the previous one's is a hand-over."""

    network = models.ForeignKey(Network, on_delete=models.CASCADE,
                                related_name="facilitations")
    organisation = models.ForeignKey(Organisation, verbose_name=_("facilitated by"),
                                     on_delete=models.PROTECT, related_name="+")
    handed_over_by = models.ForeignKey(Organisation, verbose_name=_("handed over by"),
                                       on_delete=models.PROTECT, related_name="+",
                                       null=True, blank=True)
    since = models.DateField(_("since"))
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "since", "pk"]

    def __str__(self):
        return f"{self.organisation} ({self.since})"

    def clean(self):
        if self.handed_over_by_id and self.handed_over_by_id == self.organisation_id:
            raise ValidationError(
                {"organisation": _("Facilitation is handed over to another organisation.")})


class Membership(ConstraintsOnFields, models.Model):
    class Role(models.TextChoices):
        CONVENOR = "convenor", _("Convenor")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"),
                                     on_delete=models.PROTECT,
                                     related_name="network_memberships")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices,
                            default=Role.MEMBER)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    constraint_fields = {"already_a_member": "organisation"}

    class Meta:
        ordering = ["network", "role", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"], name="one_membership_per_organisation",
                violation_error_code="already_a_member",
                violation_error_message=_("This organisation is already a member.")),
            models.CheckConstraint(
                name="membership_left_after_joining",
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message=_("An organisation cannot leave before it joined.")),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class Meeting(models.Model):
    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minutes = bounded_text(_("minutes"), LONG_TEXT, blank=True)
    attended_by = models.ManyToManyField(Organisation, verbose_name=_("organisations present"),
                                         related_name="+")

    history = HistoricalRecords(m2m_fields=[attended_by])

    class Meta:
        ordering = ["network", "-held_on", "-pk"]

    def __str__(self):
        return f"{self.title} ({self.held_on})"


class JointActivity(models.Model):
    class Kind(models.TextChoices):
        ADVOCACY = "advocacy", _("Joint advocacy")
        STUDY = "study", _("Joint study")
        PROJECT = "project", _("Joint project")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    led_by = models.ForeignKey(Organisation, verbose_name=_("led by"),
                               on_delete=models.PROTECT, related_name="+")
    organisations = models.ManyToManyField(Organisation, verbose_name=_("taking part"),
                                           related_name="+")
    outcome = bounded_text(_("outcome"), LONG_TEXT, blank=True)

    history = HistoricalRecords(m2m_fields=[organisations])

    class Meta:
        verbose_name = _("joint activity")
        verbose_name_plural = _("joint activities")
        ordering = ["network", "-started_on", "-pk"]
        constraints = [models.CheckConstraint(
            name="activity_ends_after_it_starts",
            condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
            violation_error_message=_("An activity cannot end before it starts."))]

    def __str__(self):
        return self.title


class NetworkLink(models.Model):
    """A link to a regional or international network."""

    class Level(models.TextChoices):
        REGIONAL = "regional", _("Regional network")
        INTERNATIONAL = "international", _("International network")

    network = models.ForeignKey(Network, on_delete=models.CASCADE, related_name="links")
    name = models.CharField(_("network linked to"), max_length=200)
    level = models.CharField(_("level"), max_length=14, choices=Level.choices)
    website = models.URLField(_("website"), blank=True)
    since = models.DateField(_("since"))
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["network", "level", "name", "pk"]

    def __str__(self):
        return self.name


# --- Community structures ---------------------------------------------------------------


class StructureQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A structure's record (maturity, who accompanies it) is part of its
        organisation's: its own users and the home organisation."""
        return access.scope(self, user, via="organisation")


class CommunityStructure(models.Model):
    """An organisation of the community-group sector, of its own kind, followed as it
    matures and, at a step, registers as an organisation of its own."""

    class Kind(models.TextChoices):
        PEACE_CLUB = "peace_club", _("Peace Club")
        ABATANGAMUCO = "abatangamuco", _("Abatangamuco group")
        VSL_GROUP = "vsl_group", _("Village savings and loan group")
        VSL_NETWORK = "vsl_network", _("Network of savings and loan groups")
        NAWE_NUZE = "nawe_nuze", _("Nawe Nuze group")
        OTHER = "other", _("Other community group")

    organisation = models.OneToOneField(Organisation, verbose_name=_("organisation"),
                                        on_delete=models.PROTECT,
                                        related_name="community_structure")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    registered_on = models.DateField(
        _("registered on"), null=True, blank=True,
        help_text=_("The day it became a registered organisation of its own."))
    registration_note = bounded_text(_("registration"), SHORT_TEXT, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()
    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = _("community structure")
        verbose_name_plural = _("community structures")
        ordering = ["organisation__name", "pk"]

    def __str__(self):
        return str(self.organisation)

    def get_absolute_url(self):
        return reverse("networks:structure", args=[self.pk])

    def clean(self):
        if self.organisation_id and self.organisation.sector != Sector.COMMUNITY:
            raise ValidationError({"organisation": _(
                "A community structure is an organisation of the community-group sector.")})
        if self.registered_on and self.formed_on and self.registered_on < self.formed_on:
            raise ValidationError({"registered_on": _(
                "A structure cannot register before it was formed.")})


class MaturityStep(models.Model):
    """Where a structure stood on the maturity scale on a day (networks.policy)."""

    structure = models.ForeignKey(CommunityStructure, on_delete=models.CASCADE,
                                  related_name="steps")
    on = models.DateField(_("assessed on"))
    level = models.PositiveSmallIntegerField(_("maturity"))
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["structure", "on", "pk"]
        constraints = [models.UniqueConstraint(
            fields=["structure", "on"], name="one_maturity_a_day",
            violation_error_message=_("The structure already has a maturity on this day."))]

    def __str__(self):
        return f"{self.level} ({self.on})"


class Accompaniment(models.Model):
    """A civil-society organisation that accompanies a structure, from a day on."""

    structure = models.ForeignKey(CommunityStructure, on_delete=models.CASCADE,
                                  related_name="accompaniments")
    organisation = models.ForeignKey(Organisation, verbose_name=_("accompanied by"),
                                     on_delete=models.PROTECT, related_name="+")
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["structure", "since", "pk"]
        constraints = [models.CheckConstraint(
            name="accompaniment_ends_after_it_starts",
            condition=Q(until__isnull=True) | Q(until__gte=F("since")),
            violation_error_message=_("An accompaniment cannot end before it starts."))]

    def __str__(self):
        return f"{self.organisation} ({self.since})"

    def clean(self):
        if self.organisation_id and self.organisation.sector not in (
                Sector.CIVIL_SOCIETY, Sector.INTERNATIONAL_NGO):
            raise ValidationError({"organisation": _(
                "A structure is accompanied by a civil-society organisation.")})
