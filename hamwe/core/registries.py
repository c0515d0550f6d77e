"""Registries that apps fill, so that the top can show what the apps provide without the
bottom knowing the apps (DESIGN.md, "Registries, not imports upward").

- **What is due**: each app lists the items a user has to act on (a review coming due, a
  round to answer, a report to approve ...). The home page, the in-app notifications and
  the daily e-mail digest all read `due_for(user)`.
- **Home panels**: a block of the home page an app adds (the strategy at a glance ...).

Apps register in their `AppConfig.ready()`. A provider reads through the app's own
selectors, under the access rule, with a fixed number of queries whatever the data.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DueItem:
    """One thing a user is asked to do."""

    kind: str  # the provider's name, e.g. "partnership-review": for choices and icons
    title: str  # what to do, in the reader's language
    url: str  # where to do it
    due_on: datetime.date | None = None
    detail: str = ""  # one more line: the partnership, the round, the organisation
    today: datetime.date | None = None

    @property
    def overdue(self) -> bool:
        return bool(self.due_on and self.today and self.due_on < self.today)


@dataclass(frozen=True)
class Provider:
    name: str
    label: str  # what this kind of item is, for a user's choice of what to receive
    items: Callable  # (user, *, today) -> Iterable[DueItem]
    order: int = 100


_DUE: dict[str, Provider] = {}


def due_provider(name, *, label, order=100):
    """Register `function(user, *, today)` as the provider of the items called `name`."""

    def register(function):
        _DUE[name] = Provider(name=name, label=label, items=function, order=order)
        return function

    return register


def due_providers() -> list[Provider]:
    return sorted(_DUE.values(), key=lambda p: (p.order, p.name))


def due_for(user, *, today, only: Iterable[str] | None = None) -> list[DueItem]:
    """Everything `user` is asked to do, overdue first, then by date (undated last)."""
    wanted = set(only) if only is not None else None
    items = []
    for provider in due_providers():
        if wanted is None or provider.name in wanted:
            items.extend(provider.items(user, today=today))
    far = datetime.date.max
    return sorted(items, key=lambda i: (not i.overdue, i.due_on or far, i.title))


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str  # rendered with the context `context(user, request)` returns
    context: Callable  # (user, request) -> dict | None (None: the panel is not shown)
    order: int = 100
    audience: str = "all"  # "home", "partner" or "all"


_PANELS: dict[str, HomePanel] = {}


def home_panel(name, *, template, order=100, audience="all"):
    """Register `function(user, request) -> dict | None` as a block of the home page."""

    def register(function):
        _PANELS[name] = HomePanel(name=name, template=template, context=function,
                                  order=order, audience=audience)
        return function

    return register


def home_panels() -> list[HomePanel]:
    return sorted(_PANELS.values(), key=lambda p: (p.order, p.name))


# --- Kept in step --------------------------------------------------------------------------
# An app that keeps a copy of another app's field (for filtering and counting cheaply, e.g.
# the sectors of a partnership's parties) registers here what to do when such a record
# changes; the writing app's service says what changed, in its own transaction.

_FOLLOWERS: dict[str, list[Callable]] = {}


def follows(kind):
    """Register `function(instance, fields)` to run after a record of `kind` (e.g.
    "organisation") changed the `fields` named (a set)."""

    def register(function):
        _FOLLOWERS.setdefault(kind, []).append(function)
        return function

    return register


def changed(kind, instance, fields) -> None:
    """Called by the service that wrote `instance`, after the write."""
    for function in _FOLLOWERS.get(kind, []):
        function(instance, set(fields))
