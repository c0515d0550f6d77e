"""Knowledge items, adoptions and events for tests, made through the services so the
search index is kept in step as it is in use.

    item = make_item(by=staff, origins=[org_a], title="Savings groups", publish=True)
"""

import datetime

from hamwe.knowledge import services
from hamwe.knowledge.models import Item
from hamwe.partners.tests.factories import OrganisationFactory


def home_organisation():
    from hamwe.partners.models import Organisation

    return Organisation.objects.filter(is_home=True).first() or OrganisationFactory(
        name="Home NGO Burundi", acronym="HOME", is_home=True)


def make_item(*, by, origins, title="A lesson", kind=Item.Kind.LESSON, summary="", body="",
              language="en", sharing=Item.Sharing.PARTNERS, shared_with=(), publish=False,
              published_on=None, **more):
    item = services.item_create(by=by, kind=kind, title=title, summary=summary, body=body,
                                language=language, origins=origins, sharing=sharing,
                                shared_with=shared_with, **more)
    if publish or published_on:
        item = services.item_publish(item=item, by=by, sharing=sharing,
                                     shared_with=shared_with,
                                     on=published_on or datetime.date.today())
    return item
