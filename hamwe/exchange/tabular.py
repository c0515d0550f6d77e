"""Reading a CSV or XLSX file as rows of text, never evaluating anything.

An XLSX cell holding a formula is read as the formula's text (openpyxl with
`data_only=False` gives "=SUM(A1:A3)", never its cached result), and a CSV cell is text
already: what looks like a formula becomes a name or a note, never a computation. The one
apostrophe our own exports put before such text (core.spreadsheets.neutralise) is taken
off again, so an export read back is the same data.
"""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from hamwe.core.spreadsheets import _FORMULA_STARTS

MAX_ROWS = 50_000


class Unreadable(Exception):
    """The file is not a CSV or XLSX we can read; the message says why, in plain words."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    if text.startswith("'") and text[1:2] and text[1:].startswith(_FORMULA_STARTS):
        text = text[1:]
    return text


def read_rows(content: bytes, *, fmt: str):
    """The header (list of str) and the rows (lists of str), blank rows left out, each
    with its row number as the user's spreadsheet shows it (the header is row 1)."""
    if fmt == "xlsx":
        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
        except Exception as error:  # noqa: BLE001 (openpyxl raises many kinds)
            raise Unreadable(_("This is not an XLSX file we can read.")) from error
        sheet = workbook.worksheets[0]
        values = sheet.iter_rows(values_only=True)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = content.decode("cp1252", errors="replace")
        sample = text[:4096]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        values = csv.reader(io.StringIO(text), dialect)
    rows = iter(values)
    try:
        header = [_text(cell) for cell in next(rows)]
    except StopIteration:
        raise Unreadable(_("The file is empty.")) from None
    body = []
    for number, row in enumerate(rows, start=2):
        cells = [_text(cell) for cell in row]
        if not any(cells):
            continue
        if len(body) >= MAX_ROWS:
            raise Unreadable(_("The file has more than %(max)s rows; split it.")
                             % {"max": MAX_ROWS})
        body.append((number, cells))
    return header, body
