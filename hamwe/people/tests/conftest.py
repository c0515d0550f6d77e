from types import SimpleNamespace

import pytest

from .sweep_samples import context_of


@pytest.fixture
def team(org_a, personas, live_policy):
    """The sweep's people context: `person` in a key position managed by `manager`, their
    2025 evaluation (self-assessed, a plan action, A's partners asked for feedback), and
    a consultation A's partner users are invited to."""
    return SimpleNamespace(org_a=org_a, **context_of(
        org_a=org_a, by=personas["admin"],
        partners_of_a=[personas["partner_a"], personas["partner_admin_a"]],
        partner_b=personas["partner_b"]))
