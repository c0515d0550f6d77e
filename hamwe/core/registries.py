"""Registries that apps fill, so that the top can show what the apps provide without the
bottom knowing the apps (DESIGN.md, "Registries, not imports upward").

- **What is due**: each app lists the items a user has to act on (a review coming due, a
  round to answer, a report to approve ...) and what was shared with them (an agreement
  to sign, a round's results). The home page, the in-app notifications and the daily
  e-mail digest all read `due_for(user, today=...)`.
- **Home panels**: a block of the home page an app adds (the registry at a glance, the
  strategy at a glance ...).

Apps register in their `AppConfig.ready()`. A provider reads through the app's own
selectors, under the access rule, with a fixed number of queries whatever the data.
"""

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class DueItem:
    """One thing a user is asked to do, or that was shared with them."""

    kind: str  # the provider's name, e.g. "partnership-reviews": for choices and styling
    title: str  # what to do, in the reader's language
    url: str  # where to do it (a path; e-mails put HAMWE_BASE_URL before it)
    due_on: datetime.date | None = None
    detail: str = ""  # one more line: the partnership, the round, the organisation
    # Shared with the user to read or sign, rather than a task: the daily digest lists it
    # once, on the first day after `since` (the day it was shared); a task every day.
    shared: bool = False
    since: datetime.date | None = None
    today: datetime.date | None = None  # set by `due_for`

    @property
    def overdue(self) -> bool:
        return bool(self.due_on and self.today and self.due_on < self.today)

    @property
    def days_left(self) -> int | None:
        """Days until it is due (negative: overdue), or None when undated."""
        if self.due_on is None or self.today is None:
            return None
        return (self.due_on - self.today).days


def _anyone(user) -> bool:
    return True


@dataclass(frozen=True)
class Provider:
    name: str
    label: str  # what this kind of item is, for a user's choice of what to receive
    items: Callable  # (user, *, today) -> Iterable[DueItem]
    order: int = 100
    audience: Callable = _anyone  # (user) -> bool: whom it may concern (an access predicate)
    by_email: bool = True  # False: shown in Hamwe only, never e-mailed (gentle nudges)


_DUE: dict[str, Provider] = {}


def due_provider(name, *, label, order=100, audience=None, by_email=True):
    """Register `function(user, *, today)` as the provider of the items called `name`.
    `audience(user)`, an access predicate, says whom such items may concern: the provider
    is called, and offered as a choice of what to receive, only for them. `by_email=False`
    keeps its items out of the daily e-mail (shown on the home page and the list only)."""

    def register(function):
        _DUE[name] = Provider(name=name, label=label, items=function, order=order,
                              audience=audience or _anyone, by_email=by_email)
        return function

    return register


def due_providers(user=None) -> list[Provider]:
    """Every provider, or those whose items may concern `user`, in their order."""
    providers = sorted(_DUE.values(), key=lambda p: (p.order, p.name))
    if user is None:
        return providers
    return [p for p in providers if p.audience(user)]


def due_for(user, *, today, only: Iterable[str] | None = None) -> list[DueItem]:
    """Everything `user` is asked to do and was shared with, from every provider (or
    those named in `only`): overdue first, then by date, undated last."""
    wanted = set(only) if only is not None else None
    items = []
    for provider in due_providers(user):
        if wanted is None or provider.name in wanted:
            items.extend(
                dataclasses.replace(item, today=today)
                for item in provider.items(user, today=today)
            )
    far = datetime.date.max
    return sorted(items, key=lambda i: (not i.overdue, i.due_on or far, i.title))


def due_groups(items) -> dict[str, list[DueItem]]:
    """Items as the pages and the digest show them: overdue, dated (coming due), undated
    tasks (waiting), and what was shared; each group in `due_for`'s order."""
    groups = {"overdue": [], "soon": [], "waiting": [], "shared": []}
    for item in items:
        if item.shared:
            groups["shared"].append(item)
        elif item.overdue:
            groups["overdue"].append(item)
        elif item.due_on is not None:
            groups["soon"].append(item)
        else:
            groups["waiting"].append(item)
    return groups


@dataclass(frozen=True)
class HomePanel:
    name: str
    template: str  # rendered with the context `context(user, request)` returns
    context: Callable  # (user, request) -> dict | None (None: the panel is not shown)
    order: int = 100
    audience: str = "all"  # "home", "partner" or "all"


_PANELS: dict[str, HomePanel] = {}


def home_panel(name, *, template, order=100, audience="all"):
    """Register `function(user, request) -> dict | None` as a block of the home page:
    `template` is rendered with that dict as its context (and the request), or left out
    when it is None. `audience`: shown to home users, to partner users, or to all."""

    def register(function):
        _PANELS[name] = HomePanel(name=name, template=template, context=function,
                                  order=order, audience=audience)
        return function

    return register


def home_panels(audience=None) -> list[HomePanel]:
    """Every panel, or those for `audience` ("home" or "partner"), in their order."""
    panels = sorted(_PANELS.values(), key=lambda p: (p.order, p.name))
    if audience is None:
        return panels
    return [p for p in panels if p.audience in ("all", audience)]


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


# --- Lessons offered to the knowledge hub -------------------------------------------------
# A lesson met elsewhere (a partner report's lessons, an appreciative-inquiry session's
# propositions) becomes a knowledge item in one step. The app that keeps knowledge
# registers the one receiver; the app where the lesson was met offers the step only when a
# receiver is registered, and never imports it.


@dataclass(frozen=True)
class Lesson:
    """A lesson offered to the knowledge hub, in the words of the record it came from."""

    title: str
    text: str
    organisation_ids: tuple[int, ...]  # whose lesson it is (origin organisations)
    language: str  # the language it was written in ("en", "fr", "sv" ...)
    source: str  # a stable key of the record, e.g. "report-section:123": offered once
    source_label: str  # the record, in the reader's language ("Report Q3 FY2026 ...")
    source_url: str = ""  # the page of that record


_LESSON_RECEIVER: list[Callable] = []


def receives_lessons(function):
    """Register `function(lesson, *, by) -> str` as the receiver of offered lessons: it
    records a draft knowledge item (or raises ValidationError) and returns its page."""
    _LESSON_RECEIVER[:] = [function]
    return function


def lessons_received() -> bool:
    """Whether an app takes offered lessons (the step is shown only then)."""
    return bool(_LESSON_RECEIVER)


def offer_lesson(lesson: Lesson, *, by) -> str:
    """Offer `lesson` to the knowledge hub on behalf of `by`: the new item's page."""
    if not _LESSON_RECEIVER:
        raise LookupError("No app receives lessons.")
    return _LESSON_RECEIVER[0](lesson, by=by)
