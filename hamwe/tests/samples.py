"""How the isolation sweep calls one route: a sample.

A sample gives the route's URL arguments (`kwargs(ctx)`, always pointing at organisation
A's records) and, for a route that writes, a request that is valid for that route
(`payload(ctx)`), the methods that write with it, who may make those writes and the
access predicates that refuse everyone else. With a payload the route would accept, an
outsider's write is refused by the access rule, not by form validation, so "an outsider
changed A's records" can fire on every write route (the sweep's own tests prove both:
that the payload changes what the sweep watches when one who may sends it, and that it
does so for an outsider once the guard is planted open).

A route whose sample names no writes may change nothing the sweep watches, for anyone.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from hamwe.conftest import EDITS_A as _EDITS_A

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Outsiders go first, while A's records are intact, then those who may change them.
PERSONA_ORDER = ("anonymous", "no_role", "partner_b", "viewer", "partner_a",
                 "partner_admin_a", "staff", "admin")

# Who may write, by persona name (see hamwe/conftest.py).
HOME_EDITORS = frozenset({"staff", "admin"})
EDITS_A = frozenset(_EDITS_A)
WITH_A_ROLE = frozenset(PERSONA_ORDER) - {"anonymous", "no_role"}


def _no_kwargs(ctx):
    return {}


@dataclass(frozen=True)
class Sample:
    kwargs: Callable[[Any], dict] = _no_kwargs
    payload: Callable[[Any], dict] | None = None
    writes: tuple[str, ...] = ()  # methods that send `payload` and change state
    writers: frozenset[str] = frozenset()  # personas who may make those writes
    guard: tuple[str, ...] = ()  # `hamwe.accounts.access` predicates that refuse the others
    # Where the rule is in the data, not a capability (an invitation): `plant(ctx,
    # personas)` gives partner_b what the rule looks for, so that its write goes through.
    # For a person's own settings (changes="own"), `plant(ctx, personas, monkeypatch)`.
    plant: Callable[..., None] | None = None
    # What the writes change: "records" (A's), "policy", or "own" (the writer's own
    # settings, which no one else may change: its `writers` are everyone with a role).
    changes: str = "records"
    api: bool = False  # JSON bodies (the API) rather than form posts (pages)
    multipart: bool = False  # the API's POST uploads a file: sent as a form, not JSON

    @property
    def writer(self):
        """The persona the sweep's own tests write as: the least privileged who may."""
        return next(p for p in PERSONA_ORDER if p in self.writers)


def read(kwargs=None) -> Sample:
    """A route that changes nothing the sweep watches, whoever calls it however."""
    return Sample(kwargs=kwargs or _no_kwargs)


def page(kwargs=None, *, post, writers, guard=(), plant=None, changes="records") -> Sample:
    """A page whose form posts `post(ctx)`, which `writers` may send. `guard`: the
    predicates that refuse everyone else; where the rule is not a capability (the
    signed-in user's own invitation), `plant` instead: what lets partner_b in."""
    assert bool(guard) != bool(plant), "a write is refused by a guard or by the data"
    return Sample(kwargs=kwargs or _no_kwargs, payload=post, writes=("POST",),
                  writers=writers, guard=_names(guard), plant=plant, changes=changes)


def api(kwargs=None, *, writes, body=None, writers, guard=(), multipart=False) -> Sample:
    """An API endpoint whose methods `writes` change state: `body(ctx)` is the JSON that
    its POST, PUT and PATCH send (its POST as a multipart form when `multipart`)."""
    assert guard, "an API write is refused by a capability"
    return Sample(kwargs=kwargs or _no_kwargs, payload=body or (lambda ctx: {}),
                  writes=writes, writers=writers, guard=_names(guard), api=True,
                  multipart=multipart)


def _names(guard):
    return (guard,) if isinstance(guard, str) else tuple(guard)


def form_data(form, **changes):
    """What a browser sends for `form` as the page shows it, with `changes` (field name ->
    value) typed in: the initial values of every field, under the form's prefix."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = changes[name] if name in changes else form[name].value()
        key = form.add_prefix(name)
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[key] = "on"
        elif isinstance(value, list | tuple | set):
            data[key] = [str(getattr(v, "pk", v)) for v in value]
        elif value is not None:
            data[key] = str(getattr(value, "pk", value))
    return data


def current(obj):
    """`obj` as the database has it now (as it was, once deleted): a payload sends the
    version the editor would have read."""
    return type(obj)._base_manager.filter(pk=obj.pk).first() or obj
