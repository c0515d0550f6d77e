"""Partner reports (data/reporting.yaml), through the reporting services: for a few of the
home organisation's running partnerships, each partner owes a narrative report every
fiscal quarter and a financial report every year, over the last three fiscal years. The
partner's own user wrote and submitted them (often a little late at first); staff
commented on sections and budget lines and sent some back, fewer each year, so the
quality trend shows; the partner revised and staff approved. This year's latest reports
are still due, one waits for review and one was sent back. A responsibility matrix per
year shows the partner taking the lead.

Built once: a database that has reporting schedules keeps its own."""

import datetime
from decimal import Decimal

from django.urls import reverse

from hamwe.partnerships.models import Partnership
from hamwe.policy.fiscal import Calendar
from hamwe.reporting import services
from hamwe.reporting.models import Report, Schedule

from .data import read


def build(demo, rng):
    if not Schedule.objects.exists():
        Reports(demo, rng).build()
    _notes(demo)


class Reports:
    def __init__(self, demo, rng):
        self.demo, self.random = demo, rng
        self.table = read("reporting")
        language = demo.pack.language if demo.pack.language in self.table["sections"] else "en"
        self.language = language
        self.by = demo.staff or demo.admin
        self.calendar = Calendar.of(demo.pack)
        self.year = self.calendar.year_of(demo.today)

    def build(self):
        partnerships = (Partnership.objects.filter(includes_home=True, status="active")
                        .exclude(is_partnership=False).order_by("pk"))
        made = 0
        for partnership in partnerships:
            partner = next((p.organisation for p in partnership.parties.select_related(
                "organisation").order_by("pk")
                if not p.organisation.is_home
                and p.organisation.pk in self.demo.partner_admins), None)
            if partner is None:
                continue
            self._partnership(partnership, partner)
            made += 1
            if made == self.table["partnerships"]:
                break

    def _partnership(self, partnership, partner):
        writer = self.demo.partner_admins[partner.pk]
        years = [self.year - 2, self.year - 1, self.year]
        narrative = services.schedule_add(
            partnership=partnership, organisation=partner, report_type="narrative",
            by=self.by, years=years)
        financial = services.schedule_add(
            partnership=partnership, organisation=partner, report_type="financial",
            frequency="yearly", by=self.by, years=years, due_days=45)
        for n, report in enumerate(narrative.reports.order_by("period_end")):
            self._narrative(report, writer, n)
        for n, report in enumerate(financial.reports.order_by("period_end")):
            self._financial(report, writer, n)
        for age, leads in self.table["responsibilities"].items():
            services.responsibility_set(partnership=partnership, year=self.year - int(age),
                                        data=leads, by=self.by)

    # --- one report ---------------------------------------------------------------------

    def _pick(self, options):
        return self.random.choice(options)

    def _rounds(self, report):
        age = self.year - report.year
        return self._pick(self.table["rounds_by_age"].get(age, [0]))

    def _narrative(self, report, writer, n):
        texts = self.table["sections"][self.language]
        for section in report.sections.all():
            options = texts.get(section.key) or texts["results"]
            services.section_save(section=section, text=options[n % len(options)],
                                  expected_version=section.version, by=writer)
        self._review(report, writer, anchors=list(report.sections.all()))

    def _financial(self, report, writer, n):
        for line in self.table["lines"]:
            budget = Decimal(line["budget"])
            actual = (budget * Decimal(self.random.uniform(0.8, 1.25))).quantize(
                Decimal("1"))
            over = abs(actual - budget) / budget > Decimal("0.10")
            services.line_add(report=report, by=writer, data={
                "code": line["code"],
                "label": line["label"].get(self.language, line["label"]["en"]),
                "budget": budget, "actual": actual, "budget_to_date": budget * (n + 1),
                "actual_to_date": actual * (n + 1),
                "explanation": self.table["sections"][self.language]["challenges"][1]
                if over else ""})
        self._review(report, writer, anchors=list(report.lines.all()))

    def _review(self, report, writer, *, anchors):
        """Submit, then as many revision rounds as the report's age gives, then approve;
        or, for the periods still open, leave it due, waiting or sent back."""
        today = self.demo.today
        if report.due_on > today + datetime.timedelta(days=60):
            return  # not due yet: left to write
        late = self.random.choice([-6, -2, 0, 3, 9]) if report.year < self.year else -3
        day = min(report.due_on + datetime.timedelta(days=late), today)
        rounds = self._rounds(report)
        questions = self.table["reviews"][self.language]
        recent = report.due_on > today - datetime.timedelta(days=40)
        for done in range(rounds + 1):
            report.refresh_from_db()
            services.report_submit(report=report, by=writer, expected_version=report.version,
                                   today=day)
            report.refresh_from_db()
            if recent and done == 0 and rounds == 0:
                return  # waits for review
            anchor = self._pick(anchors)
            review_day = min(day + datetime.timedelta(days=self.random.randint(2, 12)), today)
            if done < rounds:
                kind = {"section": anchor} if hasattr(anchor, "key") else {"line": anchor}
                question = services.comment_add(report=report, by=self.by,
                                                text=self._pick(questions[:3]), **kind)
                services.comment_add(report=report, by=writer, parent=question,
                                     text=self._pick(questions[:1] + questions[3:]))
                report.refresh_from_db()
                services.report_decide(report=report, decision="revision", by=self.by,
                                       expected_version=report.version, today=review_day)
                if recent and done == 0:
                    return  # sent back, not revised yet
                self._revise(report, writer, anchor)
                day = min(review_day + datetime.timedelta(days=self.random.randint(1, 6)),
                          today)
            else:
                services.report_decide(report=report, decision="approved", by=self.by,
                                       expected_version=report.version, today=review_day)

    def _revise(self, report, writer, anchor):
        if hasattr(anchor, "key"):
            anchor.refresh_from_db()
            services.section_save(section=anchor, by=writer, expected_version=anchor.version,
                                  text=anchor.text + "\n" + self._pick(
                                      self.table["sections"][self.language]["results"]))
        else:
            anchor.refresh_from_db()
            services.line_update(line=anchor, by=writer, expected_version=anchor.version,
                                 data={"explanation": self._pick(
                                     self.table["sections"][self.language]["challenges"])})


def _notes(demo):
    if Report.objects.exists():
        demo.notes.append(f"Partner reports: the board at {reverse('reporting:board')}, "
                          f"their quality over the years at {reverse('reporting:quality')}.")
