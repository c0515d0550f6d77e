"""The isolation sweep: every route, every method, every persona, against organisation A.

For each route in hamwe/tests/routes.py (which must list every route Hamwe serves) and
each persona, the sweep sends GET, POST, PUT, PATCH and DELETE, each write with the
payload its route accepts (the route's sample, see hamwe/tests/samples.py), and fails on:
- a server error;
- a response showing one of A's private markers to someone who may not read A's private
  record (partner of B, a user with no role, an anonymous visitor);
- a response showing even A's public name to someone with no role or not signed in;
- any change to A's records (and the registry and users around them) made by someone the
  route's sample does not name as one who may make it, any change to the policy
  made other than by an admin editing it, and any change to a person's own settings
  (their notifications) made by anyone else.

The sweep's own tests show that it can fail: the payloads change what it watches when
one who may sends them (so an outsider's refusal is the access rule's, not a form's),
and a guard planted open (or, where the rule is in the data, the data planted) on any
write route is caught.
"""

import io
import json
import types
import zipfile
from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path, reverse
from django.utils import translation

from hamwe.conftest import (
    SECRETS_OF_A,
    SEES_A_PRIVATE,
    example_policy,
    organisation_a,
    organisation_b,
    partnership_of_a,
    personas_of,
    round_of_a,
)
from hamwe.tests.routes import SAMPLES, all_routes, sweep_targets
from hamwe.tests.samples import METHODS, PERSONA_ORDER

__all__ = ["METHODS", "PERSONA_ORDER"]  # the root conftest.py prints the sweep's count

PUBLIC_MARKER_OF_A = "Alpha Women"
SEES_NOTHING = {"anonymous", "no_role"}
PROBLEM = {"records": "changed A's records", "policy": "changed the policy",
           "own": "changed another person's own settings"}


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


def _snapshot(ctx):
    """What a write could change: A's records, the registry and the users around them,
    the score cards A is invited to; and, apart, the live policy and each person's own
    settings (by user id)."""
    from hamwe.accounts.tests.sweep_samples import users_state
    from hamwe.capacity.tests.sweep_samples import capacity_state
    from hamwe.exchange.tests.sweep_samples import exchange_state
    from hamwe.knowledge.tests.sweep_samples import knowledge_state
    from hamwe.networks.tests.sweep_samples import networks_state
    from hamwe.notifications.tests.sweep_samples import notification_state
    from hamwe.partners.tests.sweep_samples import registry_state
    from hamwe.partnerships.tests.sweep_samples import partnership_state
    from hamwe.people.tests.sweep_samples import people_state
    from hamwe.policy.tests.sweep_samples import policy_state
    from hamwe.reporting.tests.sweep_samples import reporting_state
    from hamwe.scorecards.tests.sweep_samples import scorecard_state
    from hamwe.strategy.tests.sweep_samples import strategy_state

    org = ctx.org_a
    return {
        "records": (registry_state(org), partnership_state(org), scorecard_state(org),
                    users_state(), strategy_state(), networks_state(), knowledge_state(org),
                    people_state(), capacity_state(org),
                    reporting_state(), exchange_state()),
        "policy": policy_state(),
        "own": notification_state(),
    }


def _others(own, user):
    """Everyone's own settings but `user`'s."""
    return {pk: state for pk, state in own.items() if user is None or pk != user.pk}


def _url(ctx, sample_key, route_name, with_format):
    kwargs = SAMPLES[sample_key].kwargs(ctx)
    if with_format:
        kwargs["format"] = "json"
    return reverse(route_name, kwargs=kwargs)


def _send(client, method, url, sample, ctx):
    """One request: a page's form posted as a browser would, the API's body as JSON."""
    payload = sample.payload(ctx) if sample.payload else {}
    if method in ("GET", "DELETE"):
        return client.generic(method, url)
    if method == "POST" and (not sample.api or sample.multipart):
        return client.post(url, payload)
    # As JSON, without the file a form would upload (JSON cannot carry one).
    body = {key: value for key, value in payload.items() if not hasattr(value, "read")}
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def probe(ctx, personas, sample_key, route_name, with_format, *, only=PERSONA_ORDER,
          methods=METHODS):
    """Send every method as every persona (or those `only`, the `methods`); return the
    problems found (empty = no leak).

    What each response shows is checked at once; the state is compared once per persona,
    after all its methods (the snapshot reads every app's records of A: taken after each
    request it was most of the sweep's time). A change is then reported with the methods
    and answers of that persona's requests."""
    sample = SAMPLES[sample_key]
    url = _url(ctx, sample_key, route_name, with_format)
    problems = []
    before = _snapshot(ctx)
    for persona in only:
        user = personas[persona]
        client = Client(raise_request_exception=False)
        answers = []
        for method in methods:
            # One sign-in per persona, renewed only when a request ended the session
            # (sign-out): signing in is most of the sweep's cost on PostgreSQL.
            if user is not None and "_auth_user_id" not in client.session:
                client.force_login(user)
            response = _send(client, method, url, sample, ctx)
            answers.append(f"{method} {response.status_code}")
            where = f"{method} {url} as {persona}"
            if response.status_code >= 500:
                problems.append(f"{where}: server error {response.status_code}")
            else:
                text = _text_of(response)
                if persona not in SEES_A_PRIVATE:
                    problems += [f"{where}: shows A's private {s!r}" for s in SECRETS_OF_A
                                 if s in text]
                if persona in SEES_NOTHING and PUBLIC_MARKER_OF_A in text:
                    problems.append(f"{where}: shows A's public profile to someone with no role")
        after = _snapshot(ctx)
        for kind, problem in PROBLEM.items():
            if kind == "own":  # each may change their own (their last visit too)
                changed = _others(after[kind], user) != _others(before[kind], user)
            else:
                allowed = kind == sample.changes and persona in sample.writers
                changed = not allowed and after[kind] != before[kind]
            if changed:
                problems.append(f"{url} as {persona}: {problem} ({', '.join(answers)})")
        before = after
    return problems


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Organisation A and everything around it, built once for all the sweep's tests (on
    each test worker), in a transaction rolled back after the last of them. Each test runs
    inside it in a savepoint of its own (the `db` fixture), so what one test's writes
    change the next never sees (its Python objects are shared: a test changes records
    through requests and services, never these objects). Built per test, it was most of
    the sweep's time: about 3.5 s of setup for each of its 418 tests."""
    media = tmp_path_factory.mktemp("sweep-media")  # documents' files, evidence, reports
    # In one language, not the one an earlier test's request left active: some records
    # keep a label in the language they were made in.
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(), \
            transaction.atomic(), translation.override("en"):
        org_a, org_b = organisation_a(), organisation_b()
        personas = personas_of(org_a, org_b)
        live_policy = example_policy()
        partnership_a = partnership_of_a(org_a)
        yield _context_of(org_a, org_b, personas, live_policy, partnership_a,
                          round_of_a(personas))
        transaction.set_rollback(True)


@pytest.fixture
def ctx(world, db):
    return world


@pytest.fixture
def personas(world, db):
    """The world's personas (the root conftest's fixture would make others)."""
    return world.personas


def _context_of(org_a, org_b, personas, live_policy, partnership_a, round_a):
    from hamwe.capacity.tests.sweep_samples import context_of as capacity_context_of
    from hamwe.exchange.tests.sweep_samples import context_of as exchange_context_of
    from hamwe.knowledge.tests.sweep_samples import context_of as knowledge_context_of
    from hamwe.networks.tests.sweep_samples import context_of as networks_context_of
    from hamwe.partners.tests.sweep_samples import context_of as documents_context_of
    from hamwe.partnerships.tests.sweep_samples import context_of
    from hamwe.people.tests.sweep_samples import context_of as people_context_of
    from hamwe.reporting.tests.sweep_samples import context_of as reports_context_of
    from hamwe.scorecards.tests.sweep_samples import context_of as round_context_of
    from hamwe.strategy.tests.sweep_samples import context_of as strategy_context_of

    staff = personas["staff"]
    return SimpleNamespace(
        **documents_context_of(org_a), personas=personas,
        org_a=org_a, org_b=org_b, contact_a=org_a.contacts.get(), staff=staff,
        user_a=personas["partner_a"],
        policy_part=live_policy.parts.filter(section="principle").first(),
        partnership_a=partnership_a,
        **context_of(partnership_a, by=staff),
        **round_context_of(round_a, by=staff,
                           partners_of_a=[personas["partner_a"], personas["partner_admin_a"]]),
        **strategy_context_of(org_a),
        **networks_context_of(org_a),
        **knowledge_context_of(org_a, org_b, by=staff),
        **people_context_of(org_a=org_a, by=personas["admin"],
                            partners_of_a=[personas["partner_a"], personas["partner_admin_a"]],
                            partner_b=personas["partner_b"]),
        **capacity_context_of(org_a, by=staff, partner=personas["partner_a"]),
        **reports_context_of(partnership_a, org_a, by=staff),
        **exchange_context_of(org_a, partnership_a, by=staff),
    )


@pytest.mark.parametrize(
    ("sample_key", "route_name", "with_format"), _targets(), ids=lambda v: str(v)
)
def test_no_route_leaks_organisation_a(ctx, personas, sample_key, route_name, with_format):
    if sample_key == "__missing__":
        pytest.fail(route_name)
    problems = probe(ctx, personas, sample_key, route_name, with_format)
    assert not problems, "\n".join(problems)


# --- The sweep can fail -------------------------------------------------------------------


def test_a_route_without_a_sample_stops_the_sweep():
    """A route added without a sample makes `sweep_targets()` raise, naming it."""
    from hamwe import urls

    def view(request):
        return HttpResponse()

    throwaway = types.ModuleType("throwaway_urls")
    throwaway.urlpatterns = [*urls.urlpatterns, path("unsampled/", view, name="unsampled"),
                             path("nameless/", view)]
    with override_settings(ROOT_URLCONF=throwaway), pytest.raises(LookupError) as missing:
        sweep_targets()
    assert "unsampled (unsampled/)" in str(missing.value)
    assert "unnamed route 'nameless/'" in str(missing.value)
    assert sweep_targets()  # Hamwe's own routes all have one


def test_every_sample_is_of_a_route():
    """A sample left behind by a route that is gone would probe nothing."""
    names = {name for name, _pattern, _params in all_routes()}
    assert sorted(key for key in SAMPLES if key.partition("#")[0] not in names) == []


def test_the_sweep_detects_a_planted_leak(ctx, personas, monkeypatch):
    """If the access rule broke, the sweep would say so (the sweep itself can fail)."""
    from hamwe.accounts import access

    monkeypatch.setattr(access, "sees_private", lambda user, organisation_id: True)
    problems = probe(ctx, personas, "partners:detail", "partners:detail", False)
    assert any("partner_b" in p and "SECRET-REG-A" in p for p in problems)


class _Undo(Exception):
    pass


@contextmanager
def _undone():
    """Whatever happens inside is rolled back: each write is tried on the same records."""
    try:
        with transaction.atomic():
            yield
            raise _Undo
    except _Undo:
        pass


def _why(response):
    """What a refused write said: its form's errors, or the start of its body."""
    context = getattr(response, "context", None)
    form = context.get("form") if context else None
    if form is not None and form.errors:
        return form.errors.as_text()
    return _text_of(response)[:300]


def _writes_of(samples):
    """(sample key, route name, with_format) of every probe whose sample writes."""
    return [target for target in _targets() if target[0] in samples
            and SAMPLES[target[0]].writes]


def _groups():
    from hamwe.accounts.tests import sweep_samples as accounts
    from hamwe.capacity.tests import sweep_samples as capacity
    from hamwe.exchange.tests import sweep_samples as exchange
    from hamwe.knowledge.tests import sweep_samples as knowledge
    from hamwe.networks.tests import sweep_samples as networks
    from hamwe.notifications.tests import sweep_samples as notifications
    from hamwe.partners.tests import sweep_samples as partners
    from hamwe.partnerships.tests import sweep_samples as partnerships
    from hamwe.people.tests import sweep_samples as people
    from hamwe.policy.tests import sweep_samples as policy
    from hamwe.reporting.tests import sweep_samples as reporting
    from hamwe.scorecards.tests import sweep_samples as scorecards
    from hamwe.strategy.tests import sweep_samples as strategy

    return {
        "exchange": exchange.SAMPLES,
        "partners": partners.SAMPLES,
        "notifications": notifications.SAMPLES,
        "accounts": accounts.SAMPLES,
        "policy": policy.SAMPLES,
        "partnerships-records": partnerships.RECORD_SAMPLES,
        "partnerships-cycle": partnerships.CYCLE_SAMPLES,
        "partnerships-agreements": partnerships.AGREEMENT_SAMPLES,
        "partnerships-api": partnerships.API_SAMPLES,
        "scorecards-rounds": scorecards.ROUND_SAMPLES,
        "scorecards-followup": scorecards.PLAN_SAMPLES,
        "strategy-indicators": strategy.INDICATOR_SAMPLES,
        "strategy-plan": strategy.PLAN_SAMPLES,
        "strategy-reports": strategy.REPORT_SAMPLES,
        "strategy-api": strategy.API_SAMPLES,
        "networks": networks.NETWORK_SAMPLES,
        "networks-structures": networks.STRUCTURE_SAMPLES,
        "knowledge": knowledge.SAMPLES,
        "people": people.SAMPLES,
        "capacity-assessments": capacity.ASSESSMENT_SAMPLES,
        "capacity-plan": capacity.PLAN_SAMPLES,
        "capacity-passport": capacity.PASSPORT_SAMPLES,
        "capacity-api": capacity.API_SAMPLES,
        "reporting-reports": reporting.REPORT_SAMPLES,
        "reporting-schedules": reporting.SCHEDULE_SAMPLES,
    }


GROUPS = _groups()


def test_every_write_is_proved_with_its_app():
    """The tests below prove each app's writes: no write sample is left out of them."""
    grouped = {key for samples in GROUPS.values() for key in samples}
    assert sorted(key for key, sample in SAMPLES.items()
                  if sample.writes and key not in grouped) == []


@pytest.mark.parametrize("group", GROUPS)
def test_each_write_changes_what_the_sweep_watches(ctx, personas, group):
    """The payloads are honest: sent by one who may, each write of each route changes
    the state the sweep compares. An outsider's write is then refused by the access
    rule, never by a form that would refuse anyone."""
    unchanged = []
    for sample_key, route_name, with_format in _writes_of(GROUPS[group]):
        sample = SAMPLES[sample_key]
        url = _url(ctx, sample_key, route_name, with_format)
        for method in sample.writes:
            with _undone():
                before = _snapshot(ctx)[sample.changes]
                client = Client(raise_request_exception=False)
                client.force_login(personas[sample.writer])
                response = _send(client, method, url, sample, ctx)
                if _snapshot(ctx)[sample.changes] == before:
                    unchanged.append(f"{method} {url} as {sample.writer}: nothing changed "
                                     f"({response.status_code}) {_why(response)}")
    assert not unchanged, "\n".join(unchanged)


def _allow_everyone(*args, **kwargs):
    return True


def _plant_open(monkeypatch, name):
    """Make the access predicate `name` allow everyone. Planted in the function itself
    (its code), so every holder of it says yes: modules that call `access.may_x(...)`
    when they run, and the views' `@requires(access.may_x)`, which took the function
    when they were defined."""
    from hamwe.accounts import access

    predicate = getattr(access, name)
    assert callable(predicate), name
    monkeypatch.setattr(predicate, "__code__", _allow_everyone.__code__)


# In these groups every write needs A's partnership (or the community structure, the
# assessment or A's report) in sight, which partner_b never has: the guard planted open lets
# in those who read it but may not change it.
CAUGHT_WITH_A_IN_SIGHT = {"partnerships-cycle", "partnerships-agreements",
                          "networks-structures", "capacity-assessments", "capacity-plan",
                          "capacity-passport", "capacity-api", "reporting-reports",
                          "reporting-schedules"}


@pytest.mark.parametrize("group", GROUPS)
def test_the_sweep_catches_a_planted_write(ctx, personas, monkeypatch, group):
    """Opened to everyone, the predicates that guard a write let someone the sample does
    not name make it, and the sweep reports it: for every write route, an outsider
    (partner_b wherever it can reach the route) changed A's records. Where the rule is
    in the data (an invitation), partner_b is given what it looks for instead."""
    silent, caught = [], set()
    for sample_key, route_name, with_format in _writes_of(GROUPS[group]):
        sample = SAMPLES[sample_key]
        # Outsiders in the sweep's order, partner_b first; those with no role are left out:
        # a capability cannot let them in (they are refused before any is asked). Of one's
        # own settings, anyone else is an outsider: the plant writes partner_a's.
        outsiders = ([p for p in PERSONA_ORDER if p not in sample.writers | SEES_NOTHING]
                     if sample.changes != "own" else ["partner_b"])
        with monkeypatch.context() as planted, _undone():
            for name in sample.guard:
                _plant_open(planted, name)
            if sample.plant and sample.changes == "own":
                sample.plant(ctx, personas, planted)
            elif sample.plant:
                sample.plant(ctx, personas)
            for persona in outsiders:
                problems = probe(ctx, personas, sample_key, route_name, with_format,
                                 only=[persona], methods=sample.writes)
                if any(PROBLEM[sample.changes] in p for p in problems):
                    caught.add(persona)
                    break
            else:
                silent.append(sample_key)
    assert not silent, f"planted open, these writes went unreported: {silent}"
    expected = "viewer" if group in CAUGHT_WITH_A_IN_SIGHT else "partner_b"
    assert expected in caught, caught
