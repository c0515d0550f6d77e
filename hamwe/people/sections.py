"""People's section of an organisation's page (registered by PeopleConfig.ready): what
the organisation said about the staff competencies under its name. Anonymous input is
never shown per organisation, nor whether the organisation answered at all: an invited
organisation that gave no named input may have answered anonymously."""

from django.utils.translation import gettext_lazy as _

from hamwe.accounts import access
from hamwe.partners.sections import organisation_section

from . import policy
from .models import NamedInput


@organisation_section("competency-input", title=_("Input on staff competencies"), order=85,
                      template="people/sections/competency_input.html")
def competency_input(organisation, user):
    # One query: the organisation's named input, with its consultation and author.
    if not access.may_see_key_positions(user):
        return None
    items = list(NamedInput.objects.filter(organisation=organisation).select_related(
        "consultation", "user").order_by("-consultation__closes_on", "competency", "pk"))
    if not items:
        return None
    framework = policy.framework()
    return {"count": len(items),
            "items": [(framework.competency_name(i.competency), i) for i in items]}
