"""The template to download per kind of import: the headers in the reader's language,
one example row left out (a template is to be filled), and, in XLSX, a second sheet
with the allowed values of each column that has a list."""

import io

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from openpyxl import Workbook

from hamwe.core.spreadsheets import csv_bytes, neutralise

from . import imports


def template_bytes(kind_key, fmt) -> bytes:
    kind = imports.kind(kind_key)
    columns = kind.columns()
    header = [str(capfirst(c.label)) for c in columns]
    if fmt == "csv":
        return csv_bytes(header, [])
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(kind.sheet)[:31])
    sheet.append(header)
    allowed = workbook.create_sheet(title=_("Allowed values")[:31])
    allowed.append([_("Column"), _("Value"), _("Meaning")])
    for column in columns:
        if column.required:
            allowed.append([str(capfirst(column.label)), "", _("Required")])
        if column.choices:
            for value, label in column.choices():
                allowed.append([str(capfirst(column.label)), neutralise(str(value)),
                                neutralise(str(label))])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
