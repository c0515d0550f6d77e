"""Documents a few partners keep on their organisation's page (data/documents.yaml):
statutes, registration certificates, audited accounts, annual reports, a few expiring
soon and one expired, added through the registry's services by the partner's own admin
(or the demo admin), each file a small PDF made here."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from hamwe.partners.models import Document
from hamwe.partners.services import document_add

from .data import read


def build(demo, rng):
    table = read("documents")
    for acronym, rows in table["documents"].items():
        organisation = demo.organisations.get(acronym)
        if organisation is None:
            continue
        # Found by type: a run on a later day adds nothing either.
        have = set(organisation.documents.values_list("kind", flat=True))
        by = demo.partner_admins.get(organisation.pk) or demo.admin
        for row in rows:
            if row["kind"] in have:
                continue
            dated = demo.today + datetime.timedelta(days=row["dated"])
            expires = row.get("expires")
            title = table["titles"][row["kind"]]
            pdf = one_page_pdf(title, organisation.name, dated.strftime("%d/%m/%Y"))
            document_add(organisation=organisation, by=by, data={
                "kind": row["kind"],
                "dated": dated,
                "expires_on": demo.today + datetime.timedelta(days=expires)
                if expires is not None else None,
                "note": row.get("note", ""),
                "file": SimpleUploadedFile(f"{row['kind']}.pdf", pdf, "application/pdf"),
            })
    demo.documents = Document.objects.count()


def _text(value):
    encoded = value.encode("cp1252", "replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def one_page_pdf(title, organisation, date):
    """A valid one-page PDF with three lines of text (Helvetica, Windows-1252)."""
    stream = (b"BT /F1 20 Tf 72 760 Td (" + _text(title) + b") Tj "
              b"/F1 12 Tf 0 -30 Td (" + _text(organisation) + b") Tj "
              b"0 -18 Td (" + _text(date) + b") Tj "
              b"0 -36 Td (" + _text("Document de d\u00e9monstration : fictif.") + b") Tj ET")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
            "%%EOF\n").encode()
    return bytes(out)
