"""The OpenAPI schema and the docs page of /api/v1/."""

import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

SCHEMA = "/api/v1/schema/?format=json"
DOCS = "/api/v1/docs/"
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    response = APIClient().get(SCHEMA)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def test_schema_describes_the_partner_registry(schema):
    assert schema["openapi"].startswith("3.")
    ids = {op["operationId"] for _, _, op in operations(schema)}
    # Not vacuous: the checks below run over these operations at least.
    assert {
        "organisations_list", "organisations_create", "organisations_retrieve",
        "organisations_update", "organisations_partial_update",
        "contacts_list", "contacts_create", "contacts_retrieve", "contacts_update",
        "contacts_partial_update", "contacts_destroy",
    } <= ids
    # Organisations cannot be deleted, so the schema must not offer it.
    assert "organisations_destroy" not in ids
    assert {"tokenAuth", "cookieAuth"} <= set(schema["components"]["securitySchemes"])


PARTNERSHIP_OPERATIONS = {
    "partnerships_list", "partnerships_create", "partnerships_retrieve", "partnerships_update",
    "partnerships_partial_update", "partnerships_history_retrieve",
    "partnerships_qualify_retrieve", "partnerships_qualify_create", "partnerships_move_create",
    "contributions_list", "contributions_create", "contributions_retrieve",
    "contributions_update", "contributions_partial_update", "contributions_destroy",
    "comments_list", "comments_create",
}


def _ref(op, code):
    return op["responses"][code]["content"]["application/json"]["schema"]["$ref"].rsplit("/")[-1]


def test_schema_describes_partnerships(schema):
    by_id = {op["operationId"]: op for _, _, op in operations(schema)}
    assert PARTNERSHIP_OPERATIONS <= set(by_id)
    # No deleting a partnership, nor editing or deleting a comment, through the API.
    assert not {"partnerships_destroy", "comments_update", "comments_destroy"} & set(by_id)
    # Where request and answer differ, both are named (not guessed from one serializer).
    create = by_id["partnerships_create"]
    body = create["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert body.endswith("/PartnershipCreateRequest")
    assert _ref(create, "201") == "PartnershipDetail"
    assert _ref(by_id["partnerships_list"], "200") == "PaginatedPartnershipSummaryList"
    assert _ref(by_id["partnerships_qualify_create"], "201") == "QualificationResult"
    assert _ref(by_id["partnerships_move_create"], "200") == "PartnershipDetail"
    requests = schema["components"]["schemas"]
    assert "parties" in requests["PartnershipCreateRequest"]["required"]
    assert "version" in requests["PatchedPartnershipUpdateRequest"]["properties"]


def test_every_partnership_operation_declares_401_403_and_404(schema):
    # 404 even on lists: a page past the last is "Invalid page.".
    ops = [
        (method, path, op) for path, method, op in operations(schema)
        if path.startswith(("/api/v1/partnerships/", "/api/v1/contributions/",
                            "/api/v1/comments/"))
    ]
    assert len(ops) == len(PARTNERSHIP_OPERATIONS)
    missing = [
        (method.upper(), path, code)
        for method, path, op in ops
        for code in ("401", "403", "404")
        if code not in op["responses"]
    ]
    assert missing == []
    for method, path, op in ops:
        assert _ref(op, "403") == "Error", (method, path)


def test_every_operation_declares_401_and_403(schema):
    missing = [
        (method.upper(), path, code)
        for path, method, op in operations(schema)
        for code in ("401", "403")
        if code not in op["responses"]
    ]
    assert missing == []


def test_object_and_write_operations_declare_404(schema):
    needing = [
        (path, method, op)
        for path, method, op in operations(schema)
        if "{" in path
        or any(p["in"] == "path" for p in op.get("parameters", []))
        or method != "get"
    ]
    assert len(needing) >= 9  # retrieve/update/partial/destroy and the two creates
    missing = [(m.upper(), p) for p, m, op in needing if "404" not in op["responses"]]
    assert missing == []


def test_writes_declare_400_and_updates_409(schema):
    for path, method, op in operations(schema):
        if method in ("post", "put", "patch"):
            assert "400" in op["responses"], (method, path)
        if method in ("put", "patch"):
            assert "409" in op["responses"], (method, path)


def test_update_operations_document_the_version_field(schema):
    request = schema["components"]["schemas"]["PatchedOrganisationRequest"]
    assert "version" in request["properties"]


def test_every_path_is_versioned(schema):
    assert schema["paths"]
    assert [p for p in schema["paths"] if not p.startswith("/api/v1/")] == []


def test_docs_page_loads_everything_from_hamwe_itself():
    response = APIClient().get(DOCS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "http://" not in html
    assert "https://" not in html
    assets = re.findall(r'(?:src|href)="([^"]*)"', html)
    assert assets, "the docs page references no assets"
    for url in assets:
        assert url.startswith("/"), url
        assert not url.startswith("//"), url  # protocol-relative: another host

    static = [u for u in assets if u.startswith("/static/")]
    for name in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css"):
        url = f"/static/drf_spectacular_sidecar/swagger-ui-dist/{name}"
        assert url in static
        # Served by Hamwe: the file is among the static files it collects.
        assert finders.find(url.removeprefix("/static/")) is not None, url


def test_docs_page_has_no_inline_script_for_the_csp_to_block():
    # The Content-Security-Policy allows scripts from 'self' only: an inline <script> would
    # be blocked and the page stay blank. The start-up script is a file of its own.
    response = APIClient().get(DOCS)
    html = response.content.decode()
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2]
        for part in response.headers["Content-Security-Policy"].split(";")
    )
    assert directives["script-src"] == "'self'"

    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    for attrs, body in scripts:
        assert 'src="' in attrs and body.strip() == "", attrs

    init_url = re.findall(r'<script src="(/api/v1/docs/[^"]*)"', html)
    assert len(init_url) == 1
    init = APIClient().get(init_url[0])
    assert init.status_code == 200
    assert init["Content-Type"].startswith("application/javascript")
    script = init.content.decode()
    assert "SwaggerUIBundle" in script
    assert '"/api/v1/schema/"' in script  # the schema from Hamwe itself
    assert "http://" not in script and "https://" not in script


def test_every_operation_declares_429_with_retry_after_and_the_rates(schema):
    ops = list(operations(schema))
    assert len(ops) > 25  # every app's endpoints, not a few
    for path, method, op in ops:
        answer = op["responses"].get("429")
        assert answer is not None, f"{method.upper()} {path} does not declare 429"
        assert "Retry-After" in answer["headers"], f"{method.upper()} {path}"
        assert "1200 a minute per signed-in user" in answer["description"]
        assert "60 a minute per address" in answer["description"]
