"""The privacy of evaluations, swept: every route of people, every method, the sweep's
personas plus the person evaluated and their manager. An evaluation (its comments carry
SECRET_EVALUATION) is shown only to the person, their manager and home admins; another
member of staff (the `staff` persona), a viewer or a partner never reaches it; and each
write to an evaluation is made only by whom it belongs to."""

import pytest
from django.test import Client
from django.urls import reverse

from hamwe.tests.samples import PERSONA_ORDER
from hamwe.tests.test_isolation_sweep import _send, _text_of

from .sweep_samples import SAMPLES, SECRET_EVALUATION, people_state, ratings_post

SEES_EVALUATION = {"admin", "person", "manager"}
PLANNERS = frozenset({"admin", "person", "manager"})
# Who may write with these routes, among the personas and the two people of the team.
PRIVATE_WRITES = {
    "people:self_assess": (frozenset({"person"}), ratings_post),
    "people:manager_assess": (frozenset({"manager"}), ratings_post),
    "people:evaluation_new": (frozenset({"admin", "manager"}), None),
    "people:feedback_invite": (frozenset({"admin", "manager"}), None),
    "people:action_add": (PLANNERS, None),
    "people:action_done": (PLANNERS, None),
}
ORDER = (*PERSONA_ORDER[:-2], "person", "manager", *PERSONA_ORDER[-2:])


def _writers(key, sample):
    if key in PRIVATE_WRITES:
        return PRIVATE_WRITES[key][0]
    # The person and the manager are members of staff like the `staff` persona.
    extra = {"person", "manager"} if "staff" in sample.writers else set()
    return sample.writers | extra


def _probe(team, personas, key):
    sample = SAMPLES[key]
    payload = PRIVATE_WRITES.get(key, (None, None))[1]
    if payload is not None:
        sample = type(sample)(**{**sample.__dict__, "payload": payload})
    url = reverse(key, kwargs=sample.kwargs(team))
    everyone = {**personas, "person": team.person, "manager": team.manager}
    writers = _writers(key, sample)
    problems, seen = [], set()
    before = people_state()
    for persona in ORDER:
        client = Client(raise_request_exception=False)
        for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            if everyone[persona] is not None and "_auth_user_id" not in client.session:
                client.force_login(everyone[persona])
            response = _send(client, method, url, sample, team)
            where = f"{method} {url} as {persona}"
            if response.status_code >= 500:
                problems.append(f"{where}: server error")
            elif SECRET_EVALUATION in _text_of(response):
                seen.add(persona)
                if persona not in SEES_EVALUATION:
                    problems.append(f"{where}: shows the evaluation")
            after = people_state()
            if after != before and persona not in writers:
                problems.append(f"{where}: changed people's records ({response.status_code})")
            before = after
    return problems, seen


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_no_one_else_reaches_an_evaluation(team, personas, key):
    problems, _seen = _probe(team, personas, key)
    assert not problems, "\n".join(problems)


def test_the_person_the_manager_and_admins_do_see_it(team, personas):
    """The sweep can fail: those who may see the evaluation are shown its marker."""
    _problems, seen = _probe(team, personas, "people:evaluation")
    assert seen == SEES_EVALUATION


def test_the_sweep_catches_an_evaluation_opened_to_staff(team, personas, monkeypatch):
    from hamwe.accounts import access

    monkeypatch.setattr(access.may_see_evaluation, "__code__",
                        (lambda user, *, person_id, manager_id: True).__code__)
    problems, _seen = _probe(team, personas, "people:evaluation")
    assert any("as staff: shows the evaluation" in p for p in problems)
    assert any("as viewer: shows the evaluation" in p for p in problems)
