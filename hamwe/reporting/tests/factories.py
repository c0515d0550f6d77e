"""Reports for tests, made through the services: a schedule of `report_type` reports
that organisation A owes on its partnership, for one fiscal year (four quarters)."""

import io

from openpyxl import Workbook

from hamwe.reporting import services


def schedule_for(partnership, organisation, report_type, *, by=None, year=2026,
                 frequency="quarterly"):
    return services.schedule_add(partnership=partnership, organisation=organisation,
                                 report_type=report_type, by=by, years=[year],
                                 frequency=frequency)


def first_report(schedule):
    return schedule.reports.order_by("period_end").first()


def written(report, *, by=None, text="Forty savings groups met every week."):
    for section in report.sections.all():
        services.section_save(section=section, text=f"{text} ({section.key})",
                              expected_version=section.version, by=by)
    report.refresh_from_db()
    return report


def with_lines(report, *, by=None, lines=(("1.1", "Facilitators", 1000, 950),
                                          ("1.2", "Training", 500, 700))):
    for code, label, budget, actual in lines:
        services.line_add(report=report, by=by, data={
            "code": code, "label": label, "budget": budget, "actual": actual,
            "budget_to_date": budget, "actual_to_date": actual, "explanation": ""})
    report.refresh_from_db()
    return report


def workbook(rows, header=("Code", "Budget line", "Budget", "Spent", "Budget to date",
                           "Spent to date", "Explanation")):
    book = Workbook()
    sheet = book.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
