"""Knowledge shared between the home NGO and its partners: items (lessons, good practices,
success stories, programme models, toolkits, studies), their attachments, who adopted
which item in what, who used which item, and the learning events where they were
documented.

Who may read an item is the access rule's (`access.scope_shared`): home users read
every item; a partner user reads the items its organisation originates (drafts too) and
the published items shared with it (all partners, public, or its organisation chosen);
never another partner's internal item or draft.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamwe.accounts import access
from hamwe.partners.models import Organisation, Province, ThematicArea

LANGUAGES = [("en", _("English")), ("fr", _("French")), ("sv", _("Swedish"))]


class ProgrammeModel(models.Model):
    """An approach or programme model that items document or are tagged with
    (Abatangamuco, VSL, SASA!, Peace Clubs ...): the topics a toolkit is counted on."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("programme model")
        verbose_name_plural = _("programme models")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LearningEvent(models.Model):
    """A joint documentation session, a learning event with partners, or the strategy's
    annual learning event: where items are documented and shared."""

    class Kind(models.TextChoices):
        DOCUMENTATION = "documentation", _("Joint documentation session")
        LEARNING = "learning", _("Learning event")
        ANNUAL = "annual", _("Annual learning event")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices,
                            default=Kind.LEARNING)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    shared = models.TextField(_("what was shared"), blank=True, max_length=5000)
    organisations = models.ManyToManyField(
        Organisation, through="Participation", verbose_name=_("participants"),
        related_name="learning_events",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("learning event")
        verbose_name_plural = _("learning events")
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return self.title


class Participation(models.Model):
    event = models.ForeignKey(LearningEvent, on_delete=models.CASCADE,
                              related_name="participations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("organisation"))
    people = models.PositiveSmallIntegerField(_("participants"), default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "organisation"],
                                               name="knowledge_one_participation")]

    def __str__(self):
        return f"{self.organisation} · {self.people}"


class ItemQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope_shared(
            self, user, via="origins",
            shared=Q(published_on__isnull=False,
                     sharing__in=[Item.Sharing.PARTNERS, Item.Sharing.PUBLIC]),
            chosen=Q(published_on__isnull=False, sharing=Item.Sharing.CHOSEN),
            chosen_via="shared_with",
        )

    def published(self):
        return self.filter(published_on__isnull=False)

    def public(self):
        return self.published().filter(sharing=Item.Sharing.PUBLIC)

    def for_list(self):
        return self.prefetch_related("origins", "thematic_areas").order_by(
            "-published_on", "-pk")


class Item(models.Model):
    class Kind(models.TextChoices):
        LESSON = "lesson", _("Lesson learned")
        PRACTICE = "practice", _("Good practice")
        STORY = "story", _("Success story")
        MODEL = "model", _("Programme model")
        TOOLKIT = "toolkit", _("Toolkit")
        STUDY = "study", _("Study")

    class Sharing(models.TextChoices):
        INTERNAL = "internal", _("Internal (its own organisations and the home NGO)")
        PARTNERS = "partners", _("All partners")
        CHOSEN = "chosen", _("Chosen partners")
        PUBLIC = "public", _("Public")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices,
                            default=Kind.LESSON)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, blank=True)
    body = models.TextField(_("text"), max_length=50000, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGES,
                                default="en")
    thematic_areas = models.ManyToManyField(ThematicArea, blank=True, related_name="+",
                                            verbose_name=_("thematic areas"))
    programme_models = models.ManyToManyField(ProgrammeModel, blank=True, related_name="items",
                                              verbose_name=_("programme models"))
    provinces = models.ManyToManyField(Province, blank=True, related_name="+",
                                       verbose_name=_("provinces"))
    # Whose knowledge it is: the home NGO, one or more partners, or both (joint).
    origins = models.ManyToManyField(Organisation, related_name="knowledge_items",
                                     verbose_name=_("origin organisations"))
    sharing = models.CharField(_("shared with"), max_length=10, choices=Sharing.choices,
                               default=Sharing.INTERNAL)
    shared_with = models.ManyToManyField(Organisation, blank=True, related_name="+",
                                         verbose_name=_("chosen partners"))
    name_origins = models.BooleanField(
        _("name the origin organisations in public"), default=True,
        help_text=_("Untick when a partner asked not to be named on the public page."))
    # A draft until published: read only by its origin organisations and the home NGO.
    published_on = models.DateField(_("published on"), null=True, blank=True)
    documented_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                      null=True, blank=True, related_name="+",
                                      verbose_name=_("documented by"))
    event = models.ForeignKey(LearningEvent, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="items",
                              verbose_name=_("documented at"))
    # An item made from a lesson offered elsewhere in Hamwe (a report, an inquiry).
    source = models.CharField(max_length=120, blank=True, editable=False)
    source_label = models.CharField(max_length=300, blank=True, editable=False)
    source_url = models.CharField(max_length=300, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[origins, shared_with])

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("knowledge item")
        verbose_name_plural = _("knowledge items")
        ordering = ["-published_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["source"], condition=~Q(source=""),
                                    name="knowledge_item_offered_once"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_draft(self):
        return self.published_on is None


class Attachment(models.Model):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="knowledge/%Y/")
    name = models.CharField(_("name"), max_length=200)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                 null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


class AdoptionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Adoptions the adopter or an origin organisation of the item may read."""
        return access.scope(self, user, via="parties")


class Adoption(models.Model):
    """"Organisation X took up item Y in its project, approach or programme Z on this
    date, with this effect": recorded by one side (the adopter or the item's origin),
    confirmed by the other. Only confirmed adoptions count in the measures."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="adoptions",
                             verbose_name=_("item"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="adoptions",
                                     verbose_name=_("adopting organisation"))
    taken_up_in = models.CharField(_("in project, approach or programme"), max_length=200)
    adopted_on = models.DateField(_("adopted on"))
    effect = models.TextField(_("effect"), max_length=3000, blank=True)
    recorded_by_adopter = models.BooleanField(default=True, editable=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+", editable=False)
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+", editable=False)
    # The adopter and the item's origin organisations, kept by the service: the
    # organisations that own this record under the access rule.
    parties = models.ManyToManyField(Organisation, related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = AdoptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-pk"]

    def __str__(self):
        return f"{self.organisation} · {self.item}"

    def clean(self):
        if self.adopted_on and self.adopted_on > datetime.date.today():
            raise ValidationError({"adopted_on": _("An adoption cannot lie in the future.")})


class UseQuerySet(models.QuerySet):
    def visible_to(self, user):
        return access.scope(self, user, via="user__organisation")


class Use(models.Model):
    """A user consulted an item for, or used it in, some work: recorded by the user,
    kept by the day only (never the time)."""

    class Kind(models.TextChoices):
        CONSULTED = "consulted", _("Consulted for")
        USED = "used", _("Used in")

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="uses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(_("how"), max_length=10, choices=Kind.choices,
                            default=Kind.CONSULTED)
    purpose = models.CharField(_("for or in what"), max_length=200)
    on = models.DateField(_("on"))

    objects = UseQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]
        constraints = [models.UniqueConstraint(fields=["item", "user", "kind", "on"],
                                               name="knowledge_one_use_a_day")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.purpose}"
