"""`organisations-in-sectors` as of a day: the organisations recorded by then."""

import datetime

from hamwe.partners.models import Organisation
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.policy.measures import compute


def _recorded(organisation, day):
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=datetime.UTC)
    Organisation.objects.filter(pk=organisation.pk).update(created_at=moment)


def test_organisations_of_the_sectors_recorded_by_the_day(db):
    lab = OrganisationFactory(name="Soil Lab", sector="research")
    _recorded(lab, datetime.date(2014, 3, 1))
    _recorded(OrganisationFactory(name="Solar Ltd", sector="private"), datetime.date(2015, 3, 1))
    _recorded(OrganisationFactory(name="An NGO", sector="cso"), datetime.date(2014, 3, 1))
    _recorded(OrganisationFactory(name="Home", sector="research", is_home=True),
              datetime.date(2013, 1, 1))
    params = {"sectors": ["research", "private"]}
    # End of 2014: the lab only (the home organisation is never counted).
    early = compute("organisations-in-sectors", params, as_of=datetime.date(2014, 12, 31))
    assert early.value == 1 and early.detail == {"per_sector": {"research": 1, "private": 0}}
    assert [(r.kind, r.id) for r in early.rows] == [("organisation", lab.pk)]
    assert compute("organisations-in-sectors", params,
                   as_of=datetime.date(2015, 6, 30)).value == 2
