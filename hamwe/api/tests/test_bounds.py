"""What the API refuses with 400 rather than a server error, and the schema it promises.

Found by fuzzing: a huge number in `?partnership=` / `?party=` overflowed the database's
integer (500); JSON nested 5,000 deep exhausted the parser's recursion (500); an id that
was not a number answered an HTML page; the schema required private fields that a partner
never gets and described the history endpoint as a partnership.
"""

import json

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from hamwe.core.api import json_depth_exceeds
from hamwe.core.filters import MAX_ID

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize("url", [
    "/api/v1/contributions/?partnership={}", "/api/v1/contributions/?party={}",
    "/api/v1/comments/?partnership={}",
])
@pytest.mark.parametrize("value", [str(MAX_ID + 1), "9" * 30, "1.5", "-3", "0", "1e400"])
def test_an_id_filter_out_of_range_is_a_400(personas, partnership_a, url, value):
    response = api(personas["staff"]).get(url.format(value))
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"


def test_an_id_filter_in_range_filters(personas, partnership_a):
    response = api(personas["staff"]).get(f"/api/v1/comments/?partnership={MAX_ID}")
    assert response.status_code == 200 and response.json()["results"] == []


# Every endpoint that takes JSON, including those with parsers of their own (documents).
@pytest.mark.parametrize("url", ["/api/v1/comments/", "/api/v1/contacts/", "/api/v1/documents/"])
def test_json_nested_thousands_deep_is_a_400(personas, partnership_a, url):
    deep = "[" * 5000 + "]" * 5000
    response = api(personas["staff"]).generic(
        "POST", url, deep, content_type="application/json"
    )
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


def test_a_json_body_over_the_limit_is_a_400(personas, partnership_a):
    text = "x" * (1024 * 1024)
    response = api(personas["staff"]).post(
        "/api/v1/comments/", {"partnership": partnership_a.pk, "text": text}, format="json"
    )
    # Refused before the body is read into memory, by Django or by the parser.
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_a_form_body_over_the_limit_is_a_json_400(personas, partnership_a):
    response = api(personas["staff"]).post(
        "/api/v1/comments/", {"partnership": partnership_a.pk, "text": "x" * (1024 * 1024)}
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


def test_not_a_number_in_json_is_a_400(personas, partnership_a):
    response = api(personas["staff"]).generic(
        "POST", "/api/v1/contributions/", '{"estimated_value": NaN}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_the_depth_count_ignores_brackets_in_strings():
    assert not json_depth_exceeds(json.dumps({"text": "[" * 100}).encode(), 3)
    assert json_depth_exceeds(b'{"a": [[[[1]]]]}', 3)
    assert not json_depth_exceeds(b'{"a": "\\"[[[[", "b": [1]}', 3)


@override_settings(DEBUG=False)
@pytest.mark.parametrize("path", ["/api/v1/contacts/not-a-number/", "/api/v1/nothing-here/",
                                  "/api/v1/contacts/1.5e3/"])
def test_an_unknown_api_address_answers_json(personas, path):
    response = api(personas["staff"]).get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


@override_settings(DEBUG=False)
def test_an_unknown_page_is_still_a_page(personas):
    from hamwe.conftest import client_for

    response = client_for(personas["staff"]).get("/partners/nothing/here/")
    assert response.status_code == 404 and response["Content-Type"].startswith("text/html")


def test_a_text_longer_than_the_model_allows_is_a_400(personas):
    response = api(personas["staff"]).post(
        "/api/v1/organisations/",
        {"name": "Long Description Org", "sector": "cso", "description": "x" * 5001},
        format="json",
    )
    assert response.status_code == 400 and "description" in response.json()


# --- the schema agrees with the answers ---------------------------------------------------


@pytest.fixture
def schema():
    return APIClient().get("/api/v1/schema/?format=json").json()


def test_private_fields_are_documented_but_not_required(schema, personas, org_a, org_b):
    from hamwe.partners.models import Organisation

    component = schema["components"]["schemas"]["Organisation"]
    private = {*Organisation.PRIVATE_FIELDS, "created_at", "updated_at", "version"}
    assert private <= set(component["properties"])
    assert not private & set(component.get("required", []))
    # What a partner gets of another organisation has every required field.
    body = api(personas["partner_a"]).get(f"/api/v1/organisations/{org_b.pk}/").json()
    assert set(component["required"]) <= set(body)
    assert not private & set(body)


def test_the_history_endpoint_is_described_as_history(schema):
    ok = schema["paths"]["/api/v1/partnerships/{id}/history/"]["get"]["responses"]["200"]
    ref = ok["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/History")
    assert set(schema["components"]["schemas"]["History"]["properties"]) == {
        "stage_changes", "gate_ticks"}


def test_a_delete_is_documented_without_a_body(schema):
    deleted = schema["paths"]["/api/v1/contacts/{id}/"]["delete"]["responses"]["204"]
    assert "content" not in deleted


def test_lists_declare_400_for_filters_and_404_for_pages(schema):
    lists = [(path, item["get"]) for path, item in schema["paths"].items()
             if "{" not in path and "get" in item and any(
                 p["name"] == "page" for p in item["get"].get("parameters", []))]
    assert len(lists) >= 6
    for path, operation in lists:
        assert "404" in operation["responses"], path
        if any(p["name"] != "page" for p in operation["parameters"]):
            assert "400" in operation["responses"], path


def test_id_filters_are_documented_as_bounded_integers(schema):
    parameters = schema["paths"]["/api/v1/contributions/"]["get"]["parameters"]
    party = next(p for p in parameters if p["name"] == "party")
    assert party["schema"] == {"type": "integer", "minimum": 1, "maximum": MAX_ID}


def test_the_docs_say_how_to_get_a_token(schema):
    assert "/users/tokens/" in schema["info"]["description"]
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert scheme["in"] == "header" and "/users/tokens/" in scheme["description"]


# --- page forms ---------------------------------------------------------------------------

BIG = "9" * 30
# Every number a page form takes, each far past any database integer.
HUGE_FORM = {
    name: BIG for name in (
        "organisation", "party", "partnership", "province", "provinces", "thematic_area",
        "thematic_areas", "impact_group", "impact_groups", "founded_year", "staff_size",
        "iati_type", "iati_role", "rating", "version", "estimated_value", "indicator",
        "meeting", "owner_organisation", "organisations", "page",
    )
}


@pytest.mark.parametrize("path", [
    "/partners/new/", "/partners/{org}/edit/", "/partners/{org}/contacts/new/",
    "/partnerships/new/", "/partnerships/{p}/edit/", "/partnerships/{p}/parties/new/",
    "/partnerships/{p}/comments/", "/partnerships/{p}/reviews/new/",
    "/partnerships/{p}/gate/tick/", "/partnerships/{p}/stage/", "/partnerships/{p}/qualify/",
])
def test_a_huge_number_in_a_page_form_is_no_server_error(personas, org_a, partnership_a, path):
    from hamwe.conftest import client_for

    client = client_for(personas["staff"])
    client.raise_request_exception = False
    url = path.format(org=org_a.pk, p=partnership_a.pk)
    assert client.post(url, HUGE_FORM).status_code < 500
    assert client.get(url, HUGE_FORM).status_code < 500
