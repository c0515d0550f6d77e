import datetime

import pytest

from hamwe.people import services

from .factories import appointment, staff

SECRET_EVALUATION = "SECRET-EVALUATION-9017"


@pytest.fixture
def team(personas, live_policy):
    """A person in a key position (`person`, staff), their manager (`manager`, staff), and
    an evaluation of 2025 with the person's self-assessment and a plan action, its
    comments carrying a marker that only the person, the manager and admins may see."""
    person = staff("Jean Ndayishimiye")
    manager = staff("Marie Nshimirimana")
    held = appointment(by=personas["admin"], user=person, manager=manager,
                       starts_on=datetime.date(2024, 1, 1))
    evaluation = services.evaluation_start(by=manager, appointment=held, year=2025)
    services.self_assess(evaluation=evaluation, by=person, ratings=[
        {"competency": k, "score": 3, "comment": SECRET_EVALUATION}
        for k in evaluation.competencies])
    action = services.action_add(evaluation=evaluation, by=manager,
                                 text=f"Shadow a partner review ({SECRET_EVALUATION})",
                                 due_on=datetime.date(2026, 3, 31))
    return {"person": person, "manager": manager, "appointment": held,
            "evaluation": evaluation, "action": action}
