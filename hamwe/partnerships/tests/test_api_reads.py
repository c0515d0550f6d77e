"""Agreements (with versions and signatures), reviews and gate items through the API
(issue #18): read only, under the partnerships' access rule."""

import datetime

import pytest

from hamwe.conftest import client_for
from hamwe.partnerships.models import Agreement, GateTick, Review, Signature


@pytest.fixture
def records(partnership_a, personas):
    agreement = Agreement.objects.create(partnership=partnership_a, number=1, language="en",
                                         content={"title": "MoU"}, status="signed")
    party = partnership_a.parties.first()
    Signature.objects.create(agreement=agreement, party=party, signatory="Signer One",
                             signed_on=datetime.date(2026, 3, 1))
    review = Review.objects.create(partnership=partnership_a, held_on=datetime.date(2026, 6, 1),
                                   objectives_met="fully", recommendation="continue")
    tick = GateTick.objects.create(partnership=partnership_a, stage="scoping", item="need",
                                   evidence="Minutes")
    return {"agreement": agreement, "review": review, "tick": tick}


def test_home_staff_read_agreements_with_signatures(records, personas,
                                                    django_assert_max_num_queries):
    client = client_for(personas["staff"])
    # session and user, the page's count, the agreements, their signatures with parties
    with django_assert_max_num_queries(8):
        answer = client.get("/api/v1/agreements/").json()
    agreement = answer["results"][0]
    assert agreement["number"] == 1 and agreement["signatures"][0]["signatory"] == "Signer One"
    review = client.get(f"/api/v1/reviews/{records['review'].pk}/").json()
    assert review["recommendation"] == "continue"
    ticks = client.get(f"/api/v1/gate-items/?partnership={records['tick'].partnership_id}")
    assert ticks.json()["results"][0]["evidence"] == "Minutes"


@pytest.mark.parametrize("path", ["agreements", "reviews", "gate-items"])
def test_a_partner_of_another_organisation_sees_none(records, personas, path):
    client = client_for(personas["partner_b"])
    assert client.get(f"/api/v1/{path}/").json()["results"] == []
    pk = {"agreements": records["agreement"].pk, "reviews": records["review"].pk,
          "gate-items": records["tick"].pk}[path]
    assert client.get(f"/api/v1/{path}/{pk}/").status_code == 404
    own = client_for(personas["partner_a"]).get(f"/api/v1/{path}/{pk}/")
    assert own.status_code == 200
