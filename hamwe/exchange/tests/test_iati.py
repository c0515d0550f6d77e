"""IATI 2.03: the organisation and activity files validate against the shipped schemas,
the checks come before a file is made (publishing with warnings is recorded), and an
organisation marked "never publish" is in no file by name."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import etree

from hamwe.conftest import client_for
from hamwe.exchange.iati import build, selectors, services
from hamwe.exchange.models import Publication
from hamwe.partners.tests.factories import OrganisationFactory
from hamwe.partnerships.models import Agreement, Partnership
from hamwe.partnerships.tests.factories import PartnershipFactory, in_role


@pytest.fixture
def home(db):
    return OrganisationFactory(name="Hamwe Home NGO", sector="ingo", iati_type=21,
                               is_home=True)


@pytest.fixture
def published(personas, home, partnership_a, live_policy):
    staff = personas["staff"]
    services.publisher_save(by=staff, data={"identifier": "BI-MIN-0042",
                                            "documents_url": "https://ngo.example/iati"})
    hidden = OrganisationFactory(name="Shelter Under Threat", acronym="SUT",
                                 never_publish=True, registration_number="SUT-99")
    from hamwe.partners.models import ThematicArea

    area = ThematicArea.objects.create(name="Savings")
    second = PartnershipFactory(
        title="Safe houses", status="active", starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2028, 12, 31),
        parties=[in_role(home, "funding"), in_role(hidden, "implementing")])
    second.thematic_areas.add(area)
    Agreement.objects.create(partnership=second, number=1, language="en", content={},
                             status="signed")
    services.activity_choose(partnership=partnership_a, by=staff)
    services.activity_choose(partnership=second, by=staff, mou_agreed=True)
    return {"hidden": hidden, "second": second}


def test_the_organisation_file_validates_against_the_schema(published, personas):
    publication = services.publish(kind="organisation", by=personas["staff"])
    content = publication.file.read()
    assert build.validate(content, "organisation") == []
    assert b"BI-MIN-0042" in content and b"Hamwe Home NGO" in content


def test_the_activity_file_validates_and_shows_roles_status_dates_sectors_and_the_mou(
        published, personas):
    with pytest.raises(ValidationError):  # warnings not accepted yet
        services.publish(kind="activities", by=personas["staff"])
    publication = services.publish(kind="activities", by=personas["staff"],
                                   accept_warnings=True)
    content = publication.file.read()
    assert build.validate(content, "activities") == []
    assert publication.warnings and publication.activities == 2
    root = etree.fromstring(content)
    safe = next(a for a in root if a.findtext("title/narrative") == "Safe houses")
    roles = [(p.get("role"), p.get("type")) for p in safe.findall("participating-org")]
    assert roles == [("1", "21"), ("4", "22")]
    assert safe.find("activity-status").get("code") in {"1", "2", "3"}
    assert [d.get("type") for d in safe.findall("activity-date")] == ["1", "2", "3"]
    assert safe.find("sector").get("vocabulary") == "99"
    assert safe.find("document-link/category").get("code") == "A09"


def test_a_never_publish_organisation_is_anonymised(published, personas):
    content = services.publish(kind="activities", by=personas["staff"],
                               accept_warnings=True).file.read().decode()
    hidden = published["hidden"]
    for trace in (hidden.name, hidden.acronym, hidden.registration_number):
        assert trace not in content
    assert build.UNDISCLOSED in content


def test_errors_stop_the_file(personas, home, live_policy):
    with pytest.raises(ValidationError) as raised:
        services.publish(kind="activities", by=personas["staff"], accept_warnings=True)
    assert "IATI identifier" in " ".join(raised.value.messages)
    assert not Publication.objects.exists()


def test_the_page_shows_the_checks_before_a_file_is_made(published, personas):
    client = client_for(personas["staff"])
    page = client.get(reverse("exchange:iati")).content.decode()
    assert "never publish" in page and "Publish with warnings" in page
    response = client.post(reverse("exchange:iati_publish", args=["activities"]),
                           {"accept_warnings": "on"})
    publication = Publication.objects.get()
    assert response.status_code == 302 and publication.warnings
    download = client.get(reverse("exchange:iati_file", args=[publication.pk]))
    assert download.status_code == 200


@pytest.mark.parametrize("who", ["viewer", "partner_a", "partner_b"])
def test_only_home_editors_publish(personas, who):
    assert client_for(personas[who]).get(reverse("exchange:iati")).status_code == 403


def test_stage_gives_the_activity_status(live_policy):
    stages = selectors.stages()
    ended = Partnership(status="ended", stage=stages[1].key)
    first = Partnership(status="active", stage=stages[0].key)
    middle = Partnership(status="active", stage=stages[1].key)
    last = Partnership(status="active", stage=stages[-1].key)
    assert [build.activity_status(p, stages) for p in (ended, first, middle, last)] == [
        4, 1, 2, 3]
