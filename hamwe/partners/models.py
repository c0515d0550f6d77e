import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.core.models import ConstraintsOnFields, PreparedFile


class Sector(models.TextChoices):
    """Every kind of actor the two policies name as a possible partner."""

    CIVIL_SOCIETY = "cso", _("Civil society organisation")
    COMMUNITY = "community", _("Community-based group or social movement")
    PRIVATE = "private", _("Private sector")
    PUBLIC = "public", _("Public sector / government")
    RESEARCH = "research", _("Research or academic institution")
    MEDIA = "media", _("Media")
    DONOR = "donor", _("Donor or foundation")
    INTERNATIONAL_NGO = "ingo", _("International NGO")


class IatiOrganisationType(models.IntegerChoices):
    """IATI 2.03 OrganisationType codelist."""

    GOVERNMENT = 10, _("Government")
    LOCAL_GOVERNMENT = 11, _("Local Government")
    OTHER_PUBLIC_SECTOR = 15, _("Other Public Sector")
    INTERNATIONAL_NGO = 21, _("International NGO")
    NATIONAL_NGO = 22, _("National NGO")
    REGIONAL_NGO = 23, _("Regional NGO")
    PARTNER_COUNTRY_NGO = 24, _("Partner Country based NGO")
    PUBLIC_PRIVATE_PARTNERSHIP = 30, _("Public Private Partnership")
    MULTILATERAL = 40, _("Multilateral")
    FOUNDATION = 60, _("Foundation")
    PRIVATE_SECTOR = 70, _("Private Sector")
    PRIVATE_SECTOR_PROVIDER = 71, _("Private Sector in Provider Country")
    PRIVATE_SECTOR_AID_RECIPIENT = 72, _("Private Sector in Aid Recipient Country")
    PRIVATE_SECTOR_THIRD = 73, _("Private Sector in Third Country")
    ACADEMIC = 80, _("Academic, Training and Research")
    OTHER = 90, _("Other")


# The IATI code a sector most often has; the user may pick another. Community groups and
# media have no code of their own, so none is suggested.
SECTOR_IATI_TYPE = {
    Sector.CIVIL_SOCIETY: IatiOrganisationType.NATIONAL_NGO,
    Sector.PRIVATE: IatiOrganisationType.PRIVATE_SECTOR,
    Sector.PUBLIC: IatiOrganisationType.GOVERNMENT,
    Sector.RESEARCH: IatiOrganisationType.ACADEMIC,
    Sector.DONOR: IatiOrganisationType.FOUNDATION,
    Sector.INTERNATIONAL_NGO: IatiOrganisationType.INTERNATIONAL_NGO,
}


class LegalStatus(models.TextChoices):
    ASSOCIATION = "association", _("Registered association (non-profit)")
    NGO = "ngo", _("Registered NGO")
    COOPERATIVE = "cooperative", _("Cooperative")
    COMPANY = "company", _("Company")
    PUBLIC_BODY = "public_body", _("Public body")
    FOUNDATION = "foundation", _("Foundation or trust")
    INFORMAL = "informal", _("Informal group (not registered)")
    OTHER = "other", _("Other")


class Province(models.Model):
    """An administrative province. Burundi's are loaded as data by a migration."""

    country = CountryField(_("country"), default="BI")
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=12, unique=True)
    valid_from = models.PositiveSmallIntegerField(_("in use from (year)"), null=True, blank=True)
    valid_until = models.PositiveSmallIntegerField(_("in use until (year)"), null=True, blank=True)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["country", "name", "code"]

    def __str__(self):
        if self.valid_from:
            return f"{self.name} ({self.valid_from}–)"
        return self.name


class ThematicArea(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ImpactGroup(models.Model):
    """A population group whose lives the work should measurably improve."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("impact group")
        verbose_name_plural = _("impact groups")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Organisations whose public profile the user may see."""
        return access.scope_public(self, user)

    def fully_visible_to(self, user):
        """Organisations whose whole record (private fields too) the user may see."""
        return access.scope(self, user, via="pk")

    def for_list(self):
        return self.select_related("province").prefetch_related("thematic_areas")


def _current_year():
    return datetime.date.today().year


class Organisation(ConstraintsOnFields, models.Model):
    """An organisation of any sector: a partner, a possible partner, or the home NGO."""

    # The public profile: what every signed-in user, partners included, may read.
    PUBLIC_FIELDS = (
        "name", "acronym", "sector", "iati_type", "description", "country", "province",
        "commune", "presence", "provinces", "thematic_areas", "impact_groups", "founded_year",
        "website", "is_home",
    )
    # The rest of the record: the organisation's own users and the home organisation only.
    PRIVATE_FIELDS = (
        "legal_status", "registration_number", "registration_authority", "registered_on",
        "address", "staff_size", "email", "phone", "notes",
    )
    # Bookkeeping, read with the private part (when a record changed is private too: it
    # would tell an outsider when the organisation edits its record). Every model field
    # is in exactly one of the three (a test), so a new field cannot be shown before
    # someone decides who may read it.
    RECORD_FIELDS = ("id", "created_at", "updated_at", "version")

    class Presence(models.TextChoices):
        HEAD_OFFICE = "head_office", _("Head office only")
        PROVINCIAL = "provincial", _("Head office and provincial offices")
        NATIONAL = "national", _("National coverage")
        INTERNATIONAL = "international", _("International")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    iati_type = models.PositiveSmallIntegerField(
        _("IATI organisation type"), choices=IatiOrganisationType.choices, null=True, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    is_home = models.BooleanField(
        _("home organisation"),
        default=False,
        help_text=_("The NGO that runs this Hamwe. There is at most one."),
    )

    legal_status = models.CharField(
        _("legal status"), max_length=16, choices=LegalStatus.choices, blank=True
    )
    registration_number = models.CharField(_("registration number"), max_length=80, blank=True)
    registration_authority = models.CharField(
        _("registered with"), max_length=200, blank=True
    )
    registered_on = models.DateField(_("registered on"), null=True, blank=True)

    country = CountryField(_("country"), default="BI")
    province = models.ForeignKey(
        Province,
        verbose_name=_("province of head office"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="head_offices",
    )
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    presence = models.CharField(
        _("presence"), max_length=16, choices=Presence.choices, default=Presence.HEAD_OFFICE
    )
    provinces = models.ManyToManyField(
        Province, verbose_name=_("provinces where present"), blank=True, related_name="+"
    )
    thematic_areas = models.ManyToManyField(
        ThematicArea, verbose_name=_("thematic areas"), blank=True, related_name="organisations"
    )
    impact_groups = models.ManyToManyField(
        ImpactGroup, verbose_name=_("impact groups"), blank=True, related_name="organisations"
    )
    founded_year = models.PositiveSmallIntegerField(
        _("founded (year)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    staff_size = models.PositiveIntegerField(_("staff (people)"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped by every write; an edit made from an older version is refused, not applied.
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[provinces, thematic_areas, impact_groups])
    constraint_fields = {"name_taken": "name"}

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_home"], condition=Q(is_home=True), name="one_home_organisation",
                violation_error_message=_("There is already a home organisation."),
            ),
            models.UniqueConstraint(
                Lower("name"), name="one_organisation_per_name",
                violation_error_code="name_taken",
                violation_error_message=_(
                    "An organisation with this name is already in the registry."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["sector", "name"]),
            models.Index(fields=["name", "id"], name="organisation_name_idx"),  # the order
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self):
        # One name, however it was spaced when typed.
        self.name = " ".join((self.name or "").split())
        if self.sector and not self.iati_type:
            self.iati_type = SECTOR_IATI_TYPE.get(self.sector)
        if self.province_id and self.province.country != self.country:
            raise ValidationError(
                {"province": _("This province is not in the chosen country.")}
            )


class ContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(self, user, via="organisation")


class Contact(models.Model):
    """A contact person of an organisation. Never shown outside it and the home NGO."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("main contact"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["-is_primary", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                name="contact_reachable",
                condition=~Q(email="", phone=""),
                violation_error_message=_("Give at least an e-mail address or a phone number."),
            ),
        ]

    def __str__(self):
        return self.name


class Export(PreparedFile):
    """The registry as one user asked for it (their filters, their access), as CSV or
    XLSX, made by the task worker (core.prepared); only that user ever gets it, and it
    is dropped after a day."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "XLSX"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    format = models.CharField(max_length=4, choices=Format.choices)
    query = models.TextField(blank=True)  # the list's filters, as in its address
    language = models.CharField(max_length=8)  # of the column names and choices

    def __str__(self):
        return f"export {self.pk} ({self.format}, {self.state})"

