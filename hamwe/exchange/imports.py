"""The import contract: what a kind of import (organisations with contacts, ...) gives,
and the check and commit every kind shares.

A kind says its columns (a key, a label in the reader's language, the allowed values
where there is a list) and two functions: `plan(rows)` turns the file's rows into
problems and planned changes without writing anything, and `apply(plan, by, progress)`
makes the planned changes through the owning app's services. The check and the commit
here run the same `plan`, so what the user saw in the dry run is exactly what the commit
applies: the commit re-plans against the records as they are now and refuses when the
plan differs (someone changed a record in between), and everything it writes is in one
transaction (a failure, or a kill -9, leaves nothing of it).

A later app adds its kind by subclassing `ImportKind` in its own module of this app
(`hamwe/exchange/kinds.py`) and decorating it with `@import_kind`; see docs/decisions.md.
"""

import dataclasses
import json

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

_KINDS = {}


def import_kind(cls):
    _KINDS[cls.key] = cls()
    return cls


def kinds():
    return dict(_KINDS)


def kind(key):
    return _KINDS[key]


@dataclasses.dataclass
class Column:
    key: str
    label: object  # lazily translated
    required: bool = False
    choices: object = None  # callable -> [(value, label), ...] shown in the template
    note: object = ""


@dataclasses.dataclass
class Problem:
    row: int  # as the spreadsheet shows it (the header is row 1); 0 for the whole file
    column: str  # the column's label, "" for the whole row
    message: str

    def as_dict(self):
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Change:
    row: int
    what: str  # "organisation", "contact"
    action: str  # "create", "update", "unchanged"
    label: str
    # [(column label, before, after)] for an update; [(column label, "", value)] for a new
    # record; the version the record had when planned (an update applies to that version).
    fields: list
    version: int = 0
    target: int = 0  # the matched record's id
    values: dict = dataclasses.field(default_factory=dict)  # what is written (JSON)
    parent: str = ""  # a contact's organisation, by its key in the file

    def as_dict(self):
        return dataclasses.asdict(self)


class ImportKind:
    key = ""
    title = ""
    sheet = ""
    # What the check's summary counts: (what, action, label with %(n)s), in its order.
    summary = ()

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def plan(self, header, rows, *, progress=None):
        """(problems, changes) for the file's rows; writes nothing."""
        raise NotImplementedError

    def apply(self, changes, *, by, progress=None):
        """Make `changes` through the services, inside the caller's transaction."""
        raise NotImplementedError

    # --- reading ------------------------------------------------------------------------

    @staticmethod
    def read_row(number, cells, found, read, labels):
        """(values, problems) of one row: each filled cell read by `read(key, text)`, which
        raises ValueError with the message to show; an empty cell is left out."""
        values, problems = {}, []
        for key, index in found.items():
            text = cells[index] if index < len(cells) else ""
            if text == "":
                continue
            try:
                values[key] = read(key, text)
            except ValueError as error:
                problems.append(Problem(number, labels[key], str(error)))
        return values, problems

    @staticmethod
    def field_problems(error, number, labels, *, prefix=""):
        """A model's ValidationError as problems of the row, each in its column."""
        return [Problem(number, labels.get(prefix + field, "") if field != "__all__" else "",
                        message)
                for field, messages in error.message_dict.items() for message in messages]

    # --- the header, in any of the product's languages --------------------------------

    def header_map(self):
        """Every spelling of every column's label (each language, and the key) -> key."""
        names = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for column in self.columns():
                    names[_fold(column.label)] = column.key
        for column in self.columns():
            names[_fold(column.key)] = column.key
        return names

    def read_header(self, header):
        """{column key: index} and the problems of the header (unknown or missing)."""
        names, problems, found = self.header_map(), [], {}
        labels = {c.key: str(capfirst(c.label)) for c in self.columns()}
        for index, cell in enumerate(header):
            if not cell:
                continue
            key = names.get(_fold(cell))
            if key is None:
                problems.append(Problem(1, cell, _("This column is not one we know; it would be "
                                                   "left out. Use the template's headers.")))
            elif key in found:
                problems.append(Problem(1, cell, _("This column appears twice.")))
            else:
                found[key] = index
        for column in self.columns():
            if column.required and column.key not in found:
                problems.append(Problem(1, labels[column.key],
                                        _("This column is required and missing.")))
        return found, problems


def _fold(text):
    return " ".join(str(text).split()).casefold()


def check(kind_key, content, *, fmt, progress=None):
    """The dry run: (problems, changes), nothing written."""
    from .tabular import Unreadable, read_rows

    import_ = kind(kind_key)
    try:
        header, rows = read_rows(content, fmt=fmt)
    except Unreadable as error:
        return [Problem(0, "", str(error))], []
    return import_.plan(header, rows, progress=progress)


def as_json(changes):
    """The plan as it is stored (tuples become lists), to compare one with another."""
    return json.loads(json.dumps([c if isinstance(c, dict) else c.as_dict()
                                  for c in changes]))


class PlanChanged(Exception):
    """The records changed since the check: the plan shown is no longer what would be
    applied."""


def commit(kind_key, content, *, fmt, by, expected, progress=None):
    """Apply the file all or nothing. `expected` is the plan the user saw (as dicts);
    refused with PlanChanged when planning again now gives another."""
    import_ = kind(kind_key)
    with transaction.atomic():
        problems, changes = check(kind_key, content, fmt=fmt)
        if problems or as_json(changes) != as_json(expected):
            raise PlanChanged(_("The records changed since the check, or the check found "
                                "problems: check the file again."))
        import_.apply(changes, by=by, progress=progress)
    return changes
