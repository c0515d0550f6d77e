"""Schemathesis against Hamwe itself: every API operation, as staff and as a partner.

Cases are generated from the OpenAPI schema that /api/v1/schema/ serves (valid ones and
invalid ones), sent through Hamwe's own WSGI application in this process with a real
personal token, and every answer is checked: no server error, a status code, content
type and body that the schema declares. Path ids are the records of organisation A (and B,
for a partner reading another organisation's public profile) as well as made-up ones.

Bounded for CI: a fixed number of cases per operation, persona and kind, derandomised so
that every run sends the same requests. The terminal summary prints the count.
"""

import os
import time
from collections import Counter

import pytest
from django.core import signals
from django.db import close_old_connections

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hamwe.accounts.tests.factories import api_token_for  # noqa: E402
from hamwe.partners.tests.sweep_samples import context_of  # noqa: E402

# Cases per operation, persona, kind of data (valid, invalid) and path id; raise it for a
# deeper run: HAMWE_FUZZ_CASES=50 pytest hamwe/api/tests/test_fuzz.py
CASES_PER_RUN = int(os.environ.get("HAMWE_FUZZ_CASES", "5"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
PERSONAS = ("staff", "partner_a")


def _path_ids(ctx, persona):
    """Real ids to put in each resource's path, besides made-up ones: A's records, and for
    the partner also B's organisation (whose public profile only it may read)."""
    ids = {
        "organisations": [ctx["org_a"].pk],
        "contacts": [ctx["contact_a"].pk],
        "partnerships": [ctx["partnership_a"].pk],
        "contributions": [ctx["contribution_a"].pk],
        "scorecard-rounds": [ctx["round_a"].pk],
        "documents": [ctx["document_a"].pk],
        "thematic-areas": [ctx["thematic_area"].pk],
        "impact-groups": [ctx["impact_group"].pk],
    }
    if persona == "partner_a":
        ids["organisations"].append(ctx["org_b"].pk)
    return ids


@pytest.fixture
def in_process_wsgi():
    """Hamwe's WSGI application, serving from this test's database transaction: Django's
    request signals would otherwise close the connection that holds it (as its own test
    client also prevents)."""
    from django.core.handlers.wsgi import WSGIHandler

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _runs(schema, ctx, persona):
    """(operation, kind of data, path id) to fuzz: valid and invalid data with made-up ids,
    and valid data with each real id (invalid data around a fixed id is often nothing)."""
    for result in schema.get_all_operations():
        operation = result.ok()
        resource = operation.path.removeprefix("/api/v1/").split("/")[0]
        yield operation, GenerationMode.POSITIVE, None
        yield operation, GenerationMode.NEGATIVE, None
        if "{id}" in operation.path:
            for pk in _path_ids(ctx, persona).get(resource, []):
                yield operation, GenerationMode.POSITIVE, pk


def _fuzz(strategy, label, persona, headers, sent, failures):
    """A Hypothesis test of one strategy that records every failure instead of stopping."""

    @settings(max_examples=CASES_PER_RUN, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate], suppress_health_check=list(HealthCheck))
    @given(case=strategy)
    def run(case):
        response = case.call(headers=headers)
        sent[response.status_code // 100] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as error:  # collect all, stop at none
            for failure in getattr(error, "exceptions", [error]):
                title = getattr(failure, "title", type(failure).__name__)
                failures.setdefault((label, persona, title), (
                    f"{label} as {persona}: {title}: "
                    f"{str(getattr(failure, 'message', failure))[:600]}\n"
                    f"    {case.as_curl_command(headers=headers)[:600]}"
                ))

    return run


@pytest.mark.django_db
def test_every_operation_answers_as_its_schema_says(
    personas, org_a, org_b, partnership_a, round_a, in_process_wsgi, record_property
):
    started = time.monotonic()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", in_process_wsgi)
    ctx = {
        "org_a": org_a, "org_b": org_b, "contact_a": org_a.contacts.get(),
        "partnership_a": partnership_a, "round_a": round_a,
        "contribution_a": partnership_a.parties.get(organisation=org_a).contributions.get(),
        **context_of(org_a),  # a document of A (with a file) and reference rows
    }
    operations = set()
    sent = Counter()
    failures = {}

    for persona in PERSONAS:
        headers = {"Authorization": f"Token {api_token_for(personas[persona])}"}
        for operation, mode, pk in _runs(schema, ctx, persona):
            operations.add(operation.label)
            strategy = operation.as_strategy(
                generation_mode=mode, path_parameters={"id": pk} if pk else None
            )

            try:
                _fuzz(strategy, operation.label, persona, headers, sent, failures)()
            except Unsatisfiable:
                pass  # e.g. no invalid variant of an operation without parameters

    elapsed = time.monotonic() - started
    total = sum(sent.values())
    record_property("schemathesis", (
        f"{len(operations)} operations x {len(PERSONAS)} personas (staff, partner): {total} "
        f"requests ({sent[2]} 2xx, {sent[4]} 4xx, {sent[5]} 5xx), {len(failures)} failures "
        f"in {elapsed:.0f} s"
    ))
    assert len(operations) >= 30  # every operation of /api/v1/, not a vacuous run
    assert not failures, "\n".join(failures.values())
