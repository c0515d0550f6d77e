"""Networks and community structures for tests, built through the services."""

import datetime

from hamwe.partners.tests.factories import OrganisationFactory, ThematicAreaFactory

from .. import services

D = datetime.date
SET_UP = D(2024, 1, 15)


def network(*, initiated_by, members=(), name="Governance network", theme="Governance",
            set_up_on=SET_UP, visibility="public", by=None):
    return services.network_create(by=by, data={
        "name": name, "theme": ThematicAreaFactory(name=theme), "visibility": visibility,
        "initiated_by": initiated_by, "set_up_on": set_up_on, "purpose": "Speak together."},
        members=members)


def home_organisation():
    from hamwe.partners.models import Organisation

    found = Organisation.objects.filter(is_home=True).first()
    return found or OrganisationFactory(name="Home NGO", acronym="HOME", sector="ingo",
                                        iati_type=21, is_home=True)


def community_group(name="Peace Club of Gitega", **fields):
    return OrganisationFactory(name=name, sector="community", iati_type=None, **fields)
