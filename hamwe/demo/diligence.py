"""Due diligence, risk flags and funding of a few partners (data/diligence.yaml), on
either pack: the home organisation's own checklist items, the partners' answers (given by
their own admin), the reviewer's verdicts with evidence, open and closed risk flags, and
three years of funding (one partner diversifying), all through the services."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.partners.diligence import selectors as diligence
from hamwe.partners.diligence import services
from hamwe.partners.funding import services as funding
from hamwe.partners.models import DiligenceRequirement, DiligenceStatus, Funding, RiskFlag

from .context import HOME
from .data import read
from .documents import one_page_pdf


def baseline(demo, rng):
    """Before the partnerships move through the cycle: the home organisation's own items,
    and the due diligence of every partner party of a partnership, answered and found
    complete (KIC's first gate asks for it). The follow-up after the partnerships
    (`build`) then finds gaps at a few partners."""
    table = read("diligence")
    _own_items(demo, table["own_items"])
    found = diligence.checklist()
    parties = {acronym for row in read("partnerships")["partnerships"]
               for acronym, _role in row["parties"] if acronym != HOME}
    for acronym in sorted(parties):
        organisation = demo.organisations.get(acronym)
        if organisation is not None and not organisation.diligence_items.exists():
            _complete(demo, organisation, found)


def build(demo, rng):
    """The follow-up: a few partners re-reviewed (data/diligence.yaml), one answering for
    the first time, risk flags, and three years of funding."""
    table = read("diligence")
    found = diligence.checklist()
    if RiskFlag.objects.exists():
        return  # a run on a later day adds nothing
    for acronym, row in table["partners"].items():
        organisation = demo.organisations.get(acronym)
        if organisation is not None:
            _follow_up(demo, organisation, row, found)
    for acronym, flags in table["flags"].items():
        organisation = demo.organisations.get(acronym)
        if organisation is not None:
            for flag in flags:
                _flag(demo, organisation, flag)
    _funding(demo, table)


def _own_items(demo, rows):
    if DiligenceRequirement.objects.exists():
        return
    for position, row in enumerate(rows, start=1):
        services.requirement_add(by=demo.admin, data={
            "text": row["text"], "evidence": row.get("evidence", ""), "position": position})


def _entry(demo, organisation, key):
    return diligence.entry_for_user(user=demo.admin, organisation=organisation, key=key,
                                    today=demo.today)


def _valid_documents(demo, organisation):
    return [d for d in organisation.documents.all()
            if d.expires_on is None or d.expires_on >= demo.today]


def _evidence(demo, organisation, entry, by, documents, index):
    """A document of the partner's record for a met item, or one made for it."""
    if documents:
        document = documents[index % len(documents)]
        return services.diligence_evidence_add(organisation=organisation, entry=entry,
                                               by=by, document=document)[0]
    pdf = one_page_pdf(entry.evidence[0] if entry.evidence else "Document",
                       organisation.name, demo.today.strftime("%d/%m/%Y"))
    item, document = services.diligence_evidence_add(
        organisation=organisation, entry=entry, by=by, data={
            "kind": "other", "dated": demo.today - datetime.timedelta(days=120),
            "file": SimpleUploadedFile("piece.pdf", pdf, "application/pdf")})
    documents.append(document)
    return item


def _answer(demo, organisation, key, by, status, day):
    entry = _entry(demo, organisation, key)
    services.diligence_answer(organisation=organisation, entry=entry, by=by, today=day,
                              data={"partner_status": status},
                              expected_version=entry.item.version if entry.item else None)


def _review(demo, organisation, key, status, comment, day):
    entry = _entry(demo, organisation, key)
    services.diligence_review(
        organisation=organisation, entry=entry, by=demo.staff or demo.admin, today=day,
        data={"status": status, "comment": comment, "reviewed_on": day},
        expected_version=entry.item.version if entry.item else None)


def _complete(demo, organisation, found):
    partner = demo.partner_admins.get(organisation.pk) or demo.admin
    documents = _valid_documents(demo, organisation)
    answered, reviewed = (demo.today - datetime.timedelta(days=days) for days in (75, 60))
    for index, entry in enumerate(found.entries):
        _answer(demo, organisation, entry.key, partner, DiligenceStatus.MET, answered)
        _evidence(demo, organisation, _entry(demo, organisation, entry.key), partner,
                  documents, index)
        _review(demo, organisation, entry.key, DiligenceStatus.MET, "", reviewed)


def _follow_up(demo, organisation, row, found):
    partner = demo.partner_admins.get(organisation.pk) or demo.admin
    documents = _valid_documents(demo, organisation)
    answered, reviewed = (demo.today - datetime.timedelta(days=days) for days in (14, 5))
    for index, entry in enumerate(found.entries):
        answer = (row.get("answers") or [])[index:index + 1]
        verdict = (row.get("verdicts") or [])[index:index + 1]
        if answer:
            _answer(demo, organisation, entry.key, partner, answer[0], answered)
        if not verdict or verdict[0] == "open":
            continue
        if verdict[0] == DiligenceStatus.MET and not _entry(
                demo, organisation, entry.key).satisfied:
            _evidence(demo, organisation, _entry(demo, organisation, entry.key), partner,
                      documents, index)
        _review(demo, organisation, entry.key, verdict[0], row.get("comment", ""), reviewed)


def _flag(demo, organisation, row):
    """A risk flag raised by home staff, some closed since (their history shows it)."""
    flag = services.risk_flag_raise(organisation=organisation, by=demo.staff or demo.admin,
                                    data={
        "level": row["level"], "category": row["category"], "description": row["description"],
        "raised_on": demo.today + datetime.timedelta(days=row["raised"])})
    if "closed" in row:
        services.risk_flag_update(
            flag=flag, by=demo.staff or demo.admin, expected_version=flag.version,
            data={"closed_on": demo.today + datetime.timedelta(days=row["closed"])})


def _funding(demo, table):
    year = demo.today.year
    for currency, by_offset in table["rates"].items():
        for offset, rate in by_offset.items():
            funding.rate_set(by=demo.admin, year=year + offset, currency=currency,
                             rate=Decimal(str(rate)))
    home = demo.organisations[HOME]
    for acronym, years in table["funding"].items():
        organisation = demo.organisations.get(acronym)
        if organisation is None or Funding.objects.filter(organisation=organisation).exists():
            continue
        by = demo.partner_admins.get(organisation.pk) or demo.admin
        for offset, rows in years.items():
            for row in rows:
                source = home if row["source"] == HOME else demo.organisations.get(row["source"])
                funding.funding_add(organisation=organisation, by=by, data={
                    "year": year + offset, "category": row["category"],
                    "source_name": source.name if source else row["source"], "source": source,
                    "amount": Decimal(str(row["amount"])), "currency": row["currency"]})
