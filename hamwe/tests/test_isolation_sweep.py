"""The isolation sweep: every route, every method, every persona, against organisation A.

For each route in hamwe/tests/routes.py (which must list every route Hamwe serves) and
each persona, the sweep sends GET, POST, PUT, PATCH and DELETE and fails on:
- a server error;
- a response showing one of A's private markers to someone who may not read A's private
  record (partner of B, a user with no role, an anonymous visitor);
- a response showing even A's public name to someone with no role or not signed in;
- any change to A's record, contacts or users made by someone who may not change them.
"""

import io
import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from hamwe.accounts.models import User
from hamwe.conftest import EDITS_A, SECRETS_OF_A, SEES_A_PRIVATE
from hamwe.tests.routes import SAMPLES, sweep_targets

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SMALL_PACK = Path(__file__).resolve().parents[1] / "policy" / "tests" / "small-pack.yaml"
EDITS_POLICY = {"admin"}
PUBLIC_MARKER_OF_A = "Alpha Women"
SEES_NOTHING = {"anonymous", "no_role"}
# Outsiders go first, while A's records are intact, then those who may change them.
PERSONA_ORDER = ("anonymous", "no_role", "partner_b", "viewer", "partner_a",
                 "partner_admin_a", "staff", "admin")


def _targets():
    try:
        return sweep_targets()
    except LookupError as missing:
        # Collected as a failing test, so the message is shown rather than swallowed.
        return [("__missing__", str(missing), False)]


def _text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # XLSX, DOCX and other zip-based files: read what is inside
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8", "replace")


def _policy_snapshot():
    from hamwe.policy.models import PolicyPart

    return sorted(PolicyPart.objects.values_list("pk", "version"))


def _snapshot(org):
    from hamwe.notifications.tests.sweep_samples import notification_state
    from hamwe.partners.tests.sweep_samples import document_state
    from hamwe.partnerships.tests.sweep_samples import partnership_state
    from hamwe.scorecards.tests.sweep_samples import scorecard_state
    from hamwe.strategy.tests.sweep_samples import strategy_state

    # Score cards: staff run rounds; a partner user answers with their own link (the
    # sample link is partner_a's, so partner_b, invited too, must not be able to use it).
    org.refresh_from_db()
    records = partnership_state(org) + scorecard_state() + notification_state(org)
    return records + document_state(org) + strategy_state() + (
        org.name, org.notes, org.registration_number, org.version,
        tuple(org.contacts.order_by("pk").values_list("pk", "name", "email", "version")),
        tuple(User.objects.filter(organisation=org).order_by("pk").values_list(
            "pk", "email", "role", "is_partner_admin", "is_active")),
    )


def _write_payload(ctx):
    return {
        "name": "HACKED", "notes": "HACKED", "registration_number": "HACKED",
        "email": "hacked@attacker.example", "phone": "000", "sector": "cso",
        "version": ctx.org_a.version, "organisation": ctx.org_a.pk, "role": "partner",
        "is_partner_admin": "on", "presence": "head_office", "country": "BI",
    }


def probe(ctx, personas, sample_key, route_name, with_format):
    """Send every method as every persona; return the problems found (empty = no leak)."""
    kwargs = SAMPLES[sample_key](ctx)
    if with_format:
        kwargs["format"] = "json"
    url = reverse(route_name, kwargs=kwargs)
    problems = []
    for persona in PERSONA_ORDER:
        user = personas[persona]
        client = Client(raise_request_exception=False)
        for method in METHODS:
            # One sign-in per persona, renewed only when a request ended the session
            # (sign-out): signing in is most of the sweep's cost on PostgreSQL.
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user)
            before = _snapshot(ctx.org_a)
            policy_before = _policy_snapshot()
            payload = _write_payload(ctx)
            if method in ("GET", "DELETE"):
                response = client.generic(method, url)
            elif method == "POST":
                response = client.post(url, payload)
            else:
                response = client.generic(
                    method, url, json.dumps(payload), content_type="application/json"
                )
            where = f"{method} {url} as {persona}"
            if response.status_code >= 500:
                problems.append(f"{where}: server error {response.status_code}")
                continue
            text = _text_of(response)
            if persona not in SEES_A_PRIVATE:
                problems += [f"{where}: shows A's private {s!r}" for s in SECRETS_OF_A if s in text]
            if persona in SEES_NOTHING and PUBLIC_MARKER_OF_A in text:
                problems.append(f"{where}: shows A's public profile to someone with no role")
            if persona not in EDITS_A and _snapshot(ctx.org_a) != before:
                problems.append(f"{where}: changed A's records ({response.status_code})")
            if persona not in EDITS_POLICY and _policy_snapshot() != policy_before:
                problems.append(f"{where}: changed the policy ({response.status_code})")
    return problems


@pytest.fixture
def ctx(org_a, personas, live_policy, partnership_a, round_a, settings, tmp_path):
    from hamwe.partners.tests.sweep_samples import context_of as documents_context_of
    from hamwe.partnerships.tests.sweep_samples import context_of
    from hamwe.scorecards.tests.sweep_samples import context_of as round_context_of
    from hamwe.strategy.tests.sweep_samples import context_of as strategy_context_of

    settings.MEDIA_ROOT = tmp_path  # the documents' files, evidence and reports
    return SimpleNamespace(
        **documents_context_of(org_a),
        org_a=org_a, contact_a=org_a.contacts.get(), user_a=personas["partner_a"],
        policy_part=live_policy.parts.filter(section="principle").first(),
        partnership_a=partnership_a,
        **context_of(partnership_a),
        **round_context_of(round_a),
        **strategy_context_of(org_a),
    )


@pytest.mark.parametrize(
    ("sample_key", "route_name", "with_format"), _targets(), ids=lambda v: str(v)
)
def test_no_route_leaks_organisation_a(ctx, personas, sample_key, route_name, with_format):
    if sample_key == "__missing__":
        pytest.fail(route_name)
    problems = probe(ctx, personas, sample_key, route_name, with_format)
    assert not problems, "\n".join(problems)


def test_every_route_has_sample_arguments():
    targets = sweep_targets()  # raises, naming the routes, when one is missing
    assert len(targets) >= len({name for name, _r, _f in targets})


def test_the_sweep_detects_a_planted_leak(ctx, personas, monkeypatch):
    """If the access rule broke, the sweep would say so (the sweep itself can fail)."""
    from hamwe.accounts import access

    monkeypatch.setattr(access, "sees_private", lambda user, organisation_id: True)
    problems = probe(ctx, personas, "partners:detail", "partners:detail", False)
    assert any("partner_b" in p and "SECRET-REG-A" in p for p in problems)


def test_the_sweep_detects_a_planted_write(ctx, personas, monkeypatch):
    from hamwe.accounts import access

    monkeypatch.setattr(access, "may_edit_organisation", lambda user, organisation_id: True)
    problems = probe(ctx, personas, "partners:edit", "partners:edit", False)
    assert any("partner_b" in p and "changed A's records" in p for p in problems)
