"""The partner registry's blocks of the home page (hamwe.core.registries.home_panel,
registered by PartnersConfig.ready)."""

from django.db.models import Count

from hamwe.accounts import access
from hamwe.core.registries import home_panel

from .models import Organisation, Sector


@home_panel("registry", template="partners/home_registry.html", order=20, audience="home")
def registry(user, request):
    """The registry at a glance: every organisation the registry list shows (the home
    organisation included, as there), by sector, each count a link to the list filtered
    to that sector. One query."""
    counts = dict(
        Organisation.objects.visible_to(user).values_list("sector").annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "total": sum(counts.values()),
        "by_sector": [
            {"value": value, "label": label, "count": counts.get(value, 0)}
            for value, label in Sector.choices
        ],
    }


@home_panel("own-organisation", template="partners/home_own.html", order=60,
            audience="partner")
def own_organisation(user, request):
    """A partner user's own organisation, to keep its profile. One query."""
    own = Organisation.objects.fully_visible_to(user).filter(pk=user.organisation_id).first()
    if own is None:
        return None
    return {"own": own, "may_edit": access.may_edit_organisation(user, own.pk)}
