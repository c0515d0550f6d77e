"""Forms of the knowledge hub: shape only; the rules are the models' and the services'."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.core.forms import VersionedForm
from hamwe.partners.models import Organisation, Province, ThematicArea

from .models import LANGUAGES, Adoption, Item, LearningEvent, ProgrammeModel, Use

DATE = forms.DateInput(attrs={"type": "date"})


def _origin_choices(user, item=None):
    """A partner user shares its own organisation's knowledge, alone or jointly with the
    home NGO (and keeps an item's origins); home users name any organisations."""
    organisations = Organisation.objects.visible_to(user).order_by("-is_home", "name", "pk")
    if access.may_publish_knowledge(user):
        return organisations
    kept = Q(pk__in=item.origins.values("pk")) if item is not None and item.pk else Q()
    return organisations.filter(Q(pk=user.organisation_id) | Q(is_home=True) | kept)


class ItemForm(VersionedForm):
    class Meta:
        model = Item
        fields = ["kind", "title", "summary", "body", "language", "origins",
                  "thematic_areas", "programme_models", "provinces", "name_origins"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 8}),
            "thematic_areas": forms.CheckboxSelectMultiple,
            "programme_models": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "origins": _("Whose knowledge it is: your organisation, a partner, or several "
                         "together (joint)."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origins"].queryset = _origin_choices(user, self.instance)
        if not access.may_publish_knowledge(user):
            self.fields["origins"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["origins"].choices)
            self.fields["provinces"].widget = forms.CheckboxSelectMultiple()
            self.fields["provinces"].queryset = Province.objects.all()
            if not self.instance.pk and not self.is_bound:
                self.initial["origins"] = [user.organisation_id]
        self.fields["thematic_areas"].queryset = ThematicArea.objects.all()
        self.fields["programme_models"].queryset = ProgrammeModel.objects.all()
        if not self.instance.pk and not self.is_bound:
            self.initial.setdefault("language", "en")


class NewItemForm(ItemForm):
    """A new item also says whom it should be shared with once published."""

    sharing = forms.ChoiceField(label=_("Shared with"), choices=Item.Sharing.choices,
                                initial=Item.Sharing.PARTNERS, widget=forms.RadioSelect)

    def __init__(self, *args, user, language="en", **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if not self.is_bound:
            self.initial["language"] = language if language in dict(LANGUAGES) else "en"


class PublishForm(forms.Form):
    sharing = forms.ChoiceField(label=_("Shared with"), choices=Item.Sharing.choices,
                                widget=forms.RadioSelect)
    shared_with = forms.ModelMultipleChoiceField(
        label=_("Chosen partners"), required=False,
        queryset=Organisation.objects.filter(is_home=False).order_by("name", "pk"),
        help_text=_("Only when it is shared with chosen partners."))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("File"))
    name = forms.CharField(label=_("Name"), max_length=200, required=False)


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = ["organisation", "taken_up_in", "adopted_on", "effect"]
        widgets = {"adopted_on": DATE, "effect": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, item, origin_ids, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.visible_to(user).exclude(pk__in=origin_ids)
        # Anyone's adoption for those who may record any (home editors, the item's own
        # organisations); else one's own organisation's only.
        if not access.may_record_adoption(user, None, origin_ids):
            organisations = organisations.filter(pk=user.organisation_id)
        self.fields["organisation"].queryset = organisations.order_by("-is_home", "name", "pk")
        if not self.is_bound:
            self.initial["adopted_on"] = timezone.localdate()
            if access.is_partner(user) and user.organisation_id not in origin_ids:
                self.initial["organisation"] = user.organisation_id


class UseForm(forms.ModelForm):
    class Meta:
        model = Use
        fields = ["kind", "purpose"]
        widgets = {"kind": forms.RadioSelect}


class EventForm(forms.ModelForm):
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"), queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("How many people came from each is set on the event's page."))
    practices = forms.CharField(
        label=_("Best practices"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: each becomes a draft good practice of the participants."))
    challenges = forms.CharField(
        label=_("Remaining challenges"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: each becomes a draft lesson of the participants."))

    class Meta:
        model = LearningEvent
        fields = ["title", "kind", "held_on", "place", "shared"]
        widgets = {"held_on": DATE, "shared": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Organisation.objects.visible_to(user).order_by(
            "-is_home", "name", "pk")
        if not self.is_bound:
            self.initial.setdefault("held_on", timezone.localdate())


class ParticipationForm(forms.Form):
    """One organisation's count of people at an event; 0 takes it off the list."""

    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.none())
    people = forms.IntegerField(label=_("People who came"), min_value=0,
                                help_text=_("0 takes the organisation off the list."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.visible_to(user).order_by(
            "-is_home", "name", "pk")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Any kind")), *Item.Kind.choices])
    language = forms.ChoiceField(label=_("Language"), required=False,
                                 choices=[("", _("Any language")), *LANGUAGES])
    thematic_area = forms.ModelChoiceField(label=_("Thematic area"), required=False,
                                           queryset=ThematicArea.objects.all(),
                                           empty_label=_("Any thematic area"))
    programme_model = forms.ModelChoiceField(label=_("Programme model"), required=False,
                                             queryset=ProgrammeModel.objects.all(),
                                             empty_label=_("Any programme model"))
    origin = forms.ModelChoiceField(label=_("From"), required=False,
                                    queryset=Organisation.objects.all(),
                                    empty_label=_("Any organisation"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["origin"].queryset = Organisation.objects.visible_to(user).filter(
            knowledge_items__isnull=False).distinct().order_by("name")

    def filters(self) -> dict:
        data = self.cleaned_data
        found = {}
        for name, lookup in (("kind", "kind"), ("language", "language"),
                             ("thematic_area", "thematic_areas"),
                             ("programme_model", "programme_models"), ("origin", "origins")):
            if data.get(name):
                found[lookup] = getattr(data[name], "pk", data[name])
        return found
