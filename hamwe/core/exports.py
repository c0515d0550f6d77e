"""The lists anyone may take away as CSV or XLSX, and how they are written without
holding them in memory.

An app offers a list with `@export_list(key, title=..., may=...)` on a function
`(user) -> (header, rows)` where `rows` is an iterator (read the queryset with
`.iterator(chunk_size=...)` under the user's access, never as one list). The data app
(`hamwe.exchange`) shows every registered list and writes it in the background, row by
row, to a temporary file: a 100,000-row list costs the worker a bounded amount of
memory. Cells are neutralised against formula injection (core.spreadsheets). Rows must
already honour an organisation's "never publish" mark (`undisclosed()`).
"""

import csv
import dataclasses

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from .spreadsheets import neutralise

UNDISCLOSED = _("Partner not disclosed")


@dataclasses.dataclass(frozen=True)
class ExportList:
    key: str
    title: object
    rows: object  # (user) -> (header, iterator of rows)
    may: object  # (user) -> bool


_LISTS: dict[str, ExportList] = {}


def export_list(key, *, title, may):
    def register(func):
        _LISTS[key] = ExportList(key=key, title=title, rows=func, may=may)
        return func
    return register


def lists(user=None):
    return {k: v for k, v in _LISTS.items() if user is None or v.may(user)}


def column(model, name) -> str:
    """A column's header: the field's own name, in the reader's language."""
    return str(capfirst(model._meta.get_field(name).verbose_name))


def in_chunks(qs, size=2000):
    """The rows of `qs` a chunk at a time, in primary-key order (a list of `size` at the
    most each): what an export's rows read, so that no list is held whole."""
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last).order_by("pk")[:size])
        if not batch:
            return
        last = batch[-1].pk
        yield batch


def undisclosed(organisation_name, never_publish):
    """An organisation's name as an export shows it: hidden when it is marked."""
    return str(UNDISCLOSED) if never_publish else organisation_name


def write_csv(handle, header, rows, *, progress=None, every=1000):
    """Into a text file opened with newline="" (utf-8-sig: Excel reads the accents)."""
    writer = csv.writer(handle)
    writer.writerow([neutralise(h) for h in header])
    done = 0
    for done, row in enumerate(rows, start=1):
        writer.writerow([neutralise(v) for v in row])
        if progress and done % every == 0:
            progress(done)
    return done


def write_xlsx(path, sheet_title, header, rows, *, progress=None, every=1000):
    """openpyxl's write-only mode streams each row to a temporary file, not to memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    sheet.append([neutralise(h) for h in header])
    done = 0
    for done, row in enumerate(rows, start=1):
        sheet.append([neutralise(v) for v in row])
        if progress and done % every == 0:
            progress(done)
    workbook.save(path)
    return done
