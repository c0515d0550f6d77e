from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Role


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=None, required=False,
        help_text=_("Only for partner users."),
    )
    is_partner_admin = forms.BooleanField(
        label=_("Partner admin (may invite colleagues)"), required=False
    )

    def __init__(self, *args, organisations, fixed_organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if fixed_organisation is not None:
            # A partner admin invites colleagues of their own organisation only.
            self.fields["role"].choices = [(Role.PARTNER, Role.PARTNER.label)]
            self.fields["role"].initial = Role.PARTNER
            self.fields["organisation"].initial = fixed_organisation.pk
            self.fields["organisation"].disabled = True


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("Where you will use it, e.g. \"monthly export script\"."),
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, initial=90,
        choices=[(30, _("30 days")), (90, _("90 days")), (365, _("one year"))],
    )


class AccessForm(forms.Form):
    """A person's access: the role of a home user, the partner-admin flag of a partner
    user. `seen` is their access as the form showed it (two admins on one person)."""

    role = forms.ChoiceField(label=_("Role"), required=False)
    is_partner_admin = forms.BooleanField(
        label=_("Partner admin (may invite and manage colleagues)"), required=False)
    seen = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, person, may_change_role, **kwargs):
        from .models import HOME_ROLES

        super().__init__(*args, **kwargs)
        self.fields["seen"].initial = kwargs.get("initial", {}).get("seen")
        if may_change_role:
            self.fields["role"].choices = [(r.value, r.label) for r in Role if r in HOME_ROLES]
            self.fields["role"].initial = person.role
            del self.fields["is_partner_admin"]
        else:
            del self.fields["role"]
            self.fields["is_partner_admin"].initial = person.is_partner_admin
