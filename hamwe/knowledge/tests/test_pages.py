"""The knowledge pages: a partner shares a lesson in French, staff publish it, another
partner records its adoption and the origin confirms; the public page; query counts."""

import datetime

import pytest
from django.urls import reverse

from hamwe.conftest import client_for
from hamwe.knowledge.models import Adoption, Item
from hamwe.knowledge.tests.factories import home_organisation, make_item

pytestmark = pytest.mark.django_db


def test_from_a_shared_lesson_to_a_confirmed_adoption(personas, org_a, org_b):
    partner_a = client_for(personas["partner_a"])
    partner_a.cookies["django_language"] = "fr"
    form = partner_a.get(reverse("knowledge:item_new"), HTTP_ACCEPT_LANGUAGE="fr")
    assert form.status_code == 200 and "Partager" in form.content.decode()
    response = partner_a.post(reverse("knowledge:item_new"), {
        "kind": "lesson", "title": "Les visites entre groupes d'épargne",
        "summary": "Les groupes apprennent en se visitant.", "language": "fr",
        "origins": [org_a.pk], "sharing": "partners", "name_origins": "on"})
    item = Item.objects.get()
    assert response.status_code == 302 and item.is_draft
    assert list(item.origins.all()) == [org_a]
    # B does not see the draft; staff publish it to all partners; then B does.
    partner_b = client_for(personas["partner_b"])
    assert partner_b.get(reverse("knowledge:item_detail", args=[item.pk])).status_code == 404
    assert partner_b.post(reverse("knowledge:item_publish", args=[item.pk]),
                          {"sharing": "partners"}).status_code == 404
    staff = client_for(personas["staff"])
    assert staff.post(reverse("knowledge:item_publish", args=[item.pk]),
                      {"sharing": "partners"}).status_code == 302
    assert "visites" in partner_b.get(reverse("knowledge:list") + "?q=visites").content.decode()
    response = partner_b.post(reverse("knowledge:adoption_new", args=[item.pk]), {
        "organisation": org_b.pk, "taken_up_in": "Clubs d'écoute radio",
        "adopted_on": "2026-06-01", "effect": "Plus de membres"})
    adoption = Adoption.objects.get()
    assert response.status_code == 302 and adoption.confirmed_on is None
    confirm = reverse("knowledge:adoption_confirm", args=[item.pk, adoption.pk])
    assert partner_b.post(confirm).status_code == 403
    assert partner_a.post(confirm).status_code == 302
    adoption.refresh_from_db()
    assert adoption.confirmed_on is not None


def test_the_list_and_an_item_in_a_bounded_number_of_queries(
        personas, org_a, org_b, django_assert_max_num_queries):
    staff = personas["staff"]
    for n in range(25):
        make_item(by=staff, origins=[org_a if n % 2 else org_b], title=f"Lesson {n} on savings",
                  summary="Savings groups", publish=True)
    item = Item.objects.first()
    make_item(by=staff, origins=[home_organisation()], title="Home", publish=True)
    partner = client_for(personas["partner_a"])
    # session, user, the search (count, ranked ids), the items, their origins and areas,
    # the filter's choices (areas, models, organisations), what is due in the header.
    with django_assert_max_num_queries(18):
        response = partner.get(reverse("knowledge:list") + "?q=savings")
    assert response.content.decode().count("<mark>") >= 20
    with django_assert_max_num_queries(18):
        assert partner.get(reverse("knowledge:list")).status_code == 200
    # session, user, the item and its six relations, adoptions, uses, predicates.
    with django_assert_max_num_queries(18):
        assert partner.get(reverse("knowledge:item_detail", args=[item.pk])).status_code == 200


def test_the_public_page_is_light_and_names_only_who_agreed(personas, org_a, org_b, client):
    staff = personas["staff"]
    make_item(by=staff, origins=[org_a], kind="story", title="Women lead the cooperative",
              summary="A story.", sharing="public", publish=True)
    make_item(by=staff, origins=[org_b], kind="toolkit", title="Radio club toolkit",
              sharing="public", publish=True, name_origins=False)
    make_item(by=staff, origins=[org_a], kind="story", title="Shared only with partners",
              publish=True)
    make_item(by=staff, origins=[org_a], kind="lesson", title="A public lesson",
              sharing="public", publish=True)
    for n in range(30):
        make_item(by=staff, origins=[org_a], kind="story", title=f"Story {n}",
                  summary="x" * 900, body="y " * 3000, sharing="public", publish=True,
                  published_on=datetime.date(2026, 1, 1))
    response = client.get(reverse("knowledge:public"))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Women lead the cooperative" in text and "Radio club toolkit" in text
    assert "Shared only with partners" not in text and "A public lesson" not in text
    assert org_a.acronym in text and org_b.acronym not in text and org_b.name not in text
    assert "<script" not in text
    assert len(response.content) < 50 * 1024, len(response.content)


def test_the_organisation_page_shows_its_knowledge(personas, org_a):
    make_item(by=personas["staff"], origins=[org_a], title="Alpha's practice", publish=True)
    page = client_for(personas["partner_b"]).get(reverse("partners:detail", args=[org_a.pk]))
    assert "Alpha&#x27;s practice" in page.content.decode() or "Alpha's practice" in (
        page.content.decode())


def test_staff_set_how_many_came_from_each_organisation(personas, org_a, org_b):
    from hamwe.knowledge import services

    event = services.event_record(by=personas["staff"], title="Learning day",
                                  held_on=datetime.date(2026, 5, 20), participants=[(org_a, 1)])
    url = reverse("knowledge:event_participation", args=[event.pk])
    staff = client_for(personas["staff"])
    assert staff.post(url, {"organisation": org_b.pk, "people": 5}).status_code == 302
    assert staff.post(url, {"organisation": org_a.pk, "people": 3}).status_code == 302
    page = staff.get(reverse("knowledge:event_detail", args=[event.pk])).content.decode()
    assert '<td class="num">8</td>' in page and "Save the count" in page
    refused = staff.post(url, {"organisation": org_b.pk, "people": -2})
    assert refused.status_code == 400 and "greater than or equal to 0" in refused.content.decode()
    # A participant reads the counts but may not change them.
    partner = client_for(personas["partner_a"])
    shown = partner.get(reverse("knowledge:event_detail", args=[event.pk])).content.decode()
    assert '<td class="num">5</td>' in shown and "Save the count" not in shown
    assert partner.post(url, {"organisation": org_a.pk, "people": 9}).status_code == 403
    assert dict(event.participations.values_list("organisation", "people")) == {
        org_a.pk: 3, org_b.pk: 5}
