"""The knowledge section of an organisation's page (registered by KnowledgeConfig.ready)."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from hamwe.partners.sections import organisation_section

from . import selectors


@organisation_section("knowledge", title=_("Knowledge"), order=70,
                      template="knowledge/sections/knowledge.html")
def knowledge(organisation, user):
    """The items the organisation originates that the reader may read, and its adoptions;
    three queries."""
    items = list(selectors.organisation_items(organisation=organisation, user=user)[:20])
    adopted = selectors.adoptions_visible_to(user).filter(
        organisation=organisation, confirmed_on__isnull=False).count()
    if not items and not adopted:
        return None
    return {"items": items, "count": len(items), "adopted": adopted,
            "link": f"{reverse('knowledge:list')}?{urlencode({'origin': organisation.pk})}"}
