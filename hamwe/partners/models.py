import datetime
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.core.models import (
    LONG_TEXT,
    SHORT_TEXT,
    ConstraintsOnFields,
    PreparedFile,
    bounded_text,
)
from hamwe.core.text import fold


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


# The IATI codes that fit each sector. Any other is possible (an organisation may really be
# a private company registered as an academy) but is saved only when the user confirms it:
# most often it is a slip of the list. "Other" (90) fits every sector.
SECTOR_IATI_TYPES = {
    Sector.CIVIL_SOCIETY: {21, 22, 23, 24, 60},
    Sector.COMMUNITY: {22, 24},
    Sector.PRIVATE: {30, 70, 71, 72, 73},
    Sector.PUBLIC: {10, 11, 15, 30, 40},
    Sector.RESEARCH: {10, 15, 21, 22, 23, 24, 80},
    Sector.MEDIA: {15, 22, 24, 70, 72},
    Sector.DONOR: {10, 21, 40, 60},
    Sector.INTERNATIONAL_NGO: {21, 23},
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


class NamedInEachLanguage(models.Model):
    """Reference data named in each interface language: `name` in English (the
    interface's source language, and what a name falls back to), `name_fr` and `name_sv`
    where they are known. `str()` and `label` give the active language's name, so forms,
    filters, lists, pages, exports and the API show the reader's language without asking."""

    LANGUAGES = ("fr", "sv")  # besides English, the source

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    name_sv = models.CharField(_("name in Swedish"), max_length=120, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.label

    def name_in(self, language) -> str:
        code = (language or "").split("-")[0]
        if code in self.LANGUAGES:
            return getattr(self, f"name_{code}") or self.name
        return self.name

    @property
    def label(self) -> str:
        return self.name_in(translation.get_language())

    @property
    def names(self) -> dict:
        return {"en": self.name, **{code: getattr(self, f"name_{code}") for code in
                                    self.LANGUAGES}}


def in_reading_order(items):
    """Reference rows sorted as a reader of the active language reads their names
    ("Éducation" among the E, not after the Z as a byte order puts it)."""
    return sorted(items, key=lambda item: (fold(item), str(item)))


class ThematicArea(NamedInEachLanguage):
    class Meta(NamedInEachLanguage.Meta):
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")


class ImpactGroup(NamedInEachLanguage):
    """A population group whose lives the work should measurably improve."""

    class Meta(NamedInEachLanguage.Meta):
        verbose_name = _("impact group")
        verbose_name_plural = _("impact groups")


class FoldedText(models.TextField):
    """Text kept in step with other fields of the row, folded (`hamwe.core.text.fold`),
    for searching: computed whenever the row is written, `bulk_create` included. Never
    typed, never shown."""

    def __init__(self, *args, sources=(), **kwargs):
        self.sources = tuple(sources)
        kwargs.update(editable=False, blank=True, default="")
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key in ("editable", "blank", "default"):
            kwargs.pop(key, None)
        kwargs["sources"] = self.sources
        return name, path, args, kwargs

    def folded(self, instance) -> str:
        # One line per source: a search never matches across two of them.
        return "\n".join(fold(getattr(instance, name)) for name in self.sources)

    def pre_save(self, instance, add):
        value = self.folded(instance)
        setattr(instance, self.attname, value)
        return value


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
        "address", "staff_size", "email", "phone", "notes", "never_publish",
    )
    # Bookkeeping, read with the private part (when a record changed is private too: it
    # would tell an outsider when the organisation edits its record). Every model field
    # is in exactly one of the four (a test), so a new field cannot be shown before
    # someone decides who may read it.
    RECORD_FIELDS = ("id", "created_at", "updated_at", "version")
    # Kept for searching, never shown: public fields, folded.
    SEARCH_FIELDS = ("search_folded",)

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
    description = bounded_text(_("description"), LONG_TEXT, blank=True)
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
    notes = bounded_text(_("notes"), LONG_TEXT, blank=True)
    # A partner under threat: every export and publication leaves its name out (IATI
    # files anonymise it as the standard allows; spreadsheets show a placeholder).
    never_publish = models.BooleanField(
        _("never publish"),
        default=False,
        help_text=_("Leave this organisation's name out of every export and publication "
                    "(for example a partner under threat)."),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Bumped by every write; an edit made from an older version is refused, not applied.
    version = models.PositiveIntegerField(default=1, editable=False)
    # What the search compares (filters.OrganisationFilter.search): the same on SQLite
    # and PostgreSQL, and one LIKE per row instead of three.
    search_folded = FoldedText(sources=("name", "acronym", "commune"))

    history = HistoricalRecords(
        m2m_fields=[provinces, thematic_areas, impact_groups], excluded_fields=["search_folded"]
    )
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

    def save(self, *args, **kwargs):
        # The search column follows its sources, also when only some fields are saved.
        fields = kwargs.get("update_fields")
        sources = self._meta.get_field("search_folded").sources
        if fields is not None and set(fields) & set(sources):
            kwargs["update_fields"] = {*fields, "search_folded"}
        super().save(*args, **kwargs)

    def clean(self):
        # One name, however it was spaced when typed.
        self.name = " ".join((self.name or "").split())
        if self.sector and not self.iati_type:
            self.iati_type = SECTOR_IATI_TYPE.get(self.sector)
        if self.province_id and self.province.country != self.country:
            raise ValidationError(
                {"province": _("This province is not in the chosen country.")}
            )

    def iati_type_contradiction(self):
        """Why the IATI type does not fit the sector (a message), or None when it does.
        Such a type is saved only when the user confirms it (services)."""
        fitting = SECTOR_IATI_TYPES.get(self.sector)
        if not fitting or not self.iati_type or self.iati_type in fitting | {90}:
            return None
        names = {
            "type": f"{self.iati_type} · {self.get_iati_type_display()}",
            "sector": self.get_sector_display(),
        }
        usual = SECTOR_IATI_TYPE.get(self.sector)
        if usual is None:
            return _(
                "The IATI type %(type)s does not fit the sector “%(sector)s”. Check it, or "
                "confirm that you keep this type."
            ) % names
        return _(
            "The IATI type %(type)s does not fit the sector “%(sector)s”, whose usual type "
            "is %(usual)s. Check it, or confirm that you keep this type."
        ) % {**names, "usual": f"{usual.value} · {usual.label}"}


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
    notes = bounded_text(_("notes"), LONG_TEXT, blank=True)
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


class DocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An organisation's documents: its own users and the home organisation only,
        like its contacts; never another partner."""
        return access.scope(self, user, via="organisation")


def _document_path(document, filename):
    # Named by what it is, never by the uploader's file name (which may say too much).
    return f"documents/{document.organisation_id}/{filename}"


class Document(models.Model):
    """One of an organisation's own documents (statutes, registration certificate,
    audited accounts ...): the file, stored where no URL serves it, with its date and,
    where it has one, the date it expires."""

    class Kind(models.TextChoices):
        STATUTES = "statutes", _("Statutes")
        REGISTRATION = "registration", _("Registration certificate")
        AUDITED_ACCOUNTS = "audited_accounts", _("Audited accounts")
        ANNUAL_REPORT = "annual_report", _("Annual report")
        OTHER = "other", _("Other document")

    # Expiry within this many days is "soon": on the page, and on the home page's list.
    EXPIRES_SOON_DAYS = 30

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="documents",
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    dated = models.DateField(_("date of the document"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    note = bounded_text(_("note"), SHORT_TEXT, blank=True)
    file = models.FileField(_("file"), upload_to=_document_path, max_length=200)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-dated", "-pk"]
        indexes = [models.Index(fields=["expires_on"])]
        constraints = [
            models.CheckConstraint(
                name="document_expires_after_its_date",
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=F("dated")),
                violation_error_message=_("A document cannot expire before its date."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.dated})"

    def clean(self):
        if self.expires_on and self.dated and self.expires_on < self.dated:
            raise ValidationError({"expires_on": _("A document cannot expire before its date.")})

    def expiry(self, today):
        """None without an expiry date; else the days left (negative once expired) and
        whether it has expired or expires soon."""
        if self.expires_on is None:
            return None
        days = (self.expires_on - today).days
        return {"days": days, "expired": days < 0, "soon": 0 <= days <= self.EXPIRES_SOON_DAYS}

    def download_name(self):
        """What the file is called when downloaded: its type and date, not its path."""
        extension = PurePath(self.file.name).suffix
        return f"{self.kind}-{self.dated.isoformat()}{extension}"
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



# --- Due diligence ------------------------------------------------------------------------


class DiligenceStatus(models.TextChoices):
    MET = "met", _("Met")
    PARTLY = "partly", _("Partly met")
    NOT_MET = "not_met", _("Not met")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class DiligenceRequirementQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(active=True).order_by("position", "pk")


class DiligenceRequirement(models.Model):
    """An item of the home NGO's own on every partner's due-diligence checklist, beside
    the live policy's expectations (CARE Burundi's pack has none: its checklist is made of
    these alone). The same for every partner."""

    text = bounded_text(_("what is expected"), SHORT_TEXT)
    evidence = bounded_text(
        _("evidence asked for"), SHORT_TEXT, blank=True,
        help_text=_("One piece of evidence a line."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(
        _("on the checklist"), default=True,
        help_text=_("Taken off, it leaves the checklists; the answers given stay in the "
                    "history."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = DiligenceRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("due-diligence item of the home organisation")
        verbose_name_plural = _("due-diligence items of the home organisation")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def key(self) -> str:
        """How a checklist names it (a policy expectation is named by its own key)."""
        return f"own-{self.pk}"

    def evidence_asked(self) -> list[str]:
        return [line.strip() for line in self.evidence.splitlines() if line.strip()]


class DiligenceItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        """An organisation's due diligence: its own users and the home organisation."""
        return access.scope(self, user, via="organisation")


class DiligenceItem(models.Model):
    """Where one organisation stands on one item of its due-diligence checklist: the
    partner's own answer, and apart from it the home reviewer's verdict, with the
    documents that evidence it. A row exists once someone answered or reviewed the item;
    until then the item is open."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="diligence_items",
    )
    # Which item: the live policy's expectation (its key), or the home NGO's own.
    expectation = models.CharField(_("expectation of the policy"), max_length=80, blank=True)
    requirement = models.ForeignKey(
        DiligenceRequirement, verbose_name=_("item of the home organisation"),
        on_delete=models.PROTECT, null=True, blank=True, related_name="answers",
    )

    partner_status = models.CharField(
        _("the partner's answer"), max_length=16, choices=DiligenceStatus.choices, blank=True
    )
    partner_comment = bounded_text(_("the partner's comment"), SHORT_TEXT, blank=True)
    partner_answered_on = models.DateField(_("answered on"), null=True, blank=True)
    partner_answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("answered by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )

    status = models.CharField(
        _("verdict"), max_length=16, choices=DiligenceStatus.choices, blank=True
    )
    comment = bounded_text(_("reviewer's comment"), SHORT_TEXT, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewer"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    evidence = models.ManyToManyField(
        Document, verbose_name=_("evidence"), blank=True, related_name="diligence_items"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords(m2m_fields=[evidence])

    objects = DiligenceItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("due-diligence item")
        verbose_name_plural = _("due-diligence items")
        ordering = ["organisation", "expectation", "requirement", "pk"]
        constraints = [
            models.CheckConstraint(
                name="diligence_item_of_one_source",
                condition=(Q(expectation="") & Q(requirement__isnull=False))
                | (~Q(expectation="") & Q(requirement__isnull=True)),
                violation_error_message=_(
                    "An item is either an expectation of the policy or an item of the home "
                    "organisation."),
            ),
            models.UniqueConstraint(
                fields=["organisation", "expectation"], condition=~Q(expectation=""),
                name="one_item_per_expectation",
            ),
            models.UniqueConstraint(
                fields=["organisation", "requirement"], condition=Q(requirement__isnull=False),
                name="one_item_per_requirement",
            ),
            models.CheckConstraint(
                name="diligence_verdict_dated",
                condition=Q(status="") | Q(reviewed_on__isnull=False),
                violation_error_message=_("A verdict needs the date of the review."),
            ),
        ]
        indexes = [models.Index(fields=["status", "organisation"])]

    def __str__(self):
        return self.key

    @property
    def key(self) -> str:
        return self.expectation or f"own-{self.requirement_id}"


class RiskFlagQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Home staff only: never the partner itself, nor any other partner."""
        return access.scope_home_only(self, user)


class RiskFlag(models.Model):
    """A risk the home organisation keeps about a partner, at one of four levels (as the
    UN Partner Portal does). Its changes are its history; it is seen by home staff
    only."""

    class Level(models.TextChoices):
        OBSERVATION = "observation", _("Observation")
        YELLOW = "yellow", _("Yellow")
        ESCALATED = "escalated", _("Escalated")
        RED = "red", _("Red")

    class Category(models.TextChoices):
        FINANCIAL = "financial", _("Financial management")
        GOVERNANCE = "governance", _("Governance")
        SAFEGUARDING = "safeguarding", _("Safeguarding and conduct")
        FRAUD = "fraud", _("Fraud or corruption")
        DELIVERY = "delivery", _("Programme delivery")
        REPUTATION = "reputation", _("Reputation")
        OTHER = "other", _("Other")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="risk_flags",
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    description = bounded_text(_("what was observed"), SHORT_TEXT)
    raised_on = models.DateField(_("raised on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = RiskFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("risk flag")
        verbose_name_plural = _("risk flags")
        ordering = ["closed_on", "-raised_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="risk_flag_closed_after_raised",
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("raised_on")),
                violation_error_message=_("A flag cannot be closed before it was raised."),
            ),
        ]

    def __str__(self):
        return f"{self.get_level_display()} · {self.get_category_display()}"

    def clean(self):
        if self.closed_on and self.raised_on and self.closed_on < self.raised_on:
            raise ValidationError(
                {"closed_on": _("A flag cannot be closed before it was raised.")})


# --- Funding ------------------------------------------------------------------------------


# Figures of different currencies are compared in this one, at each year's rate.
REFERENCE_CURRENCY = "USD"


class FundingCategory(models.TextChoices):
    """Fixed over time (METHODS.md §5): a partner's mix is comparable from year to year."""

    HOME = "home", _("The home NGO")
    INTERNATIONAL_NGO = "ingo", _("Other international NGOs")
    BILATERAL = "bilateral", _("Bilateral donors")
    MULTILATERAL = "multilateral", _("Multilateral donors")
    GOVERNMENT = "government", _("Government")
    FOUNDATION = "foundation", _("Foundations")
    PRIVATE = "private", _("Private sector")
    OWN_INCOME = "own_income", _("Own income")




class FundingQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(self, user, via="organisation")


class Funding(models.Model):
    """What one source gave an organisation in one year (its revenue from that source)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE,
        related_name="funding",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    source_name = models.CharField(_("source"), max_length=200)
    source = models.ForeignKey(
        Organisation, verbose_name=_("source in the registry"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    category = models.CharField(_("category"), max_length=16, choices=FundingCategory.choices)
    amount = models.DecimalField(
        _("amount"), max_digits=16, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default=REFERENCE_CURRENCY)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    objects = FundingQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        ordering = ["-year", "category", "source_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "organisation", "year", Lower("source_name"), name="one_amount_per_source",
                violation_error_message=_("This source is already entered for this year."),
            ),
            models.CheckConstraint(
                name="funding_not_negative", condition=Q(amount__gte=0),
                violation_error_message=_("An amount cannot be negative."),
            ),
        ]
        indexes = [models.Index(fields=["organisation", "year"])]

    def __str__(self):
        return f"{self.source_name} {self.year}: {self.amount} {self.currency}"

    def clean(self):
        self.source_name = " ".join((self.source_name or "").split())
        self.currency = (self.currency or "").strip().upper()
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise ValidationError(
                {"currency": _("Give the currency's three-letter code (BIF, USD, SEK ...).")})
        if self.source_id and self.source_id == self.organisation_id:
            raise ValidationError(
                {"source": _("An organisation's own income is entered as own income, not "
                             "as a source of its own.")})


class FundingRate(models.Model):
    """What one unit of a currency is worth in the reference currency in a year: the
    rate at which that year's figures are compared."""

    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    currency = models.CharField(_("currency"), max_length=3)
    rate = models.DecimalField(
        _("value of one unit"), max_digits=18, decimal_places=8,
        validators=[MinValueValidator(0)],
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        ordering = ["-year", "currency"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "currency"], name="one_rate_per_year",
                violation_error_message=_("This currency has a rate for this year already."),
            ),
            models.CheckConstraint(
                name="rate_positive", condition=Q(rate__gt=0),
                violation_error_message=_("A rate must be above zero."),
            ),
        ]

    def __str__(self):
        return f"{self.currency} {self.year}: {self.rate}"

    def clean(self):
        self.currency = (self.currency or "").strip().upper()
        if len(self.currency) != 3 or not self.currency.isalpha():
            raise ValidationError(
                {"currency": _("Give the currency's three-letter code (BIF, USD, SEK ...).")})
        if self.currency == REFERENCE_CURRENCY:
            raise ValidationError(
                {"currency": _("Figures in the reference currency need no rate.")})
