"""CSV and XLSX responses that are safe to open in a spreadsheet.

A cell that starts with =, +, -, @, tab or carriage return is read as a formula by
Excel, LibreOffice and Google Sheets; text from a partner's profile could then run a
formula on the reader's machine (CSV/formula injection). Such cells are prefixed with an
apostrophe, which the spreadsheet shows as plain text.
"""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) for v in row])
    # The byte-order mark makes Excel read the file as UTF-8 (accents in names).
    return ("\ufeff" + buffer.getvalue()).encode()


def xlsx_bytes(sheet_title, header, rows) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append([neutralise(h) for h in header])
    for row in rows:
        # Written as strings, never as formulas: openpyxl would treat a leading "=" as one.
        sheet.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_response(filename, header, rows):
    response = HttpResponse(csv_bytes(header, rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_response(filename, sheet_title, header, rows):
    response = HttpResponse(xlsx_bytes(sheet_title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
