"""An agreement version as documents: a PDF to print and sign (WeasyPrint, from the
`partnerships/mou.html` template) and an editable DOCX (python-docx).

Both render the version's stored content; the words around it (headings, "Page 1 of 3",
the signature labels) are in the version's language, whatever the reader's. The PDF uses
fonts installed on the machine (DejaVu) and CSS inside the template: it fetches nothing.
"""

import io
import logging

from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ..models import Agreement
from .selectors import agreement_parties

# WeasyPrint logs every layout step at INFO: keep its warnings, not a line per page.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def signature_rows(agreement):
    """One row per party named in the version, with its signature once recorded."""
    signed = {s.party_id: s for s in agreement.signatures.all()}
    names = {p["party"]: p["name"] for p in agreement.content.get("parties", [])}
    rows = []
    for party in agreement_parties(agreement):
        rows.append({"party": party, "organisation": names.get(party.pk, party.organisation.name),
                     "signature": signed.get(party.pk)})
    return rows


def filename(agreement, extension):
    # The number, not the title: a title may hold anything, headers only ASCII.
    return f"agreement-{agreement.partnership_id}-v{agreement.number}.{extension}"


def _css_string(text):
    """`text` as a CSS string literal, safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3C ") + '"'


def _page_parts():
    """"Page %(page)s of %(pages)s", translated, cut into text, "page" and "pages", so the
    translation decides the word order."""
    rest = _("Page %(page)s of %(pages)s")
    while rest:
        found = sorted((rest.find(m), m) for m in ("%(page)s", "%(pages)s") if m in rest)
        if not found:
            yield "text", rest
            return
        index, marker = found[0]
        if index:
            yield "text", rest[:index]
        yield ("page" if marker == "%(page)s" else "pages"), ""
        rest = rest[index + len(marker):]


def page_counter_css():
    """The page number as a CSS `content` value with counters."""
    return " ".join(_css_string(text) if kind == "text" else f"counter({kind})"
                    for kind, text in _page_parts())


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"The agreement PDF fetches nothing ({url})")


def mou_html(agreement) -> str:
    with translation.override(agreement.language):
        return render_to_string("partnerships/mou.html", {
            "agreement": agreement,
            "content": agreement.content,
            "draft": agreement.status == Agreement.Status.DRAFT,
            "signatures": signature_rows(agreement),
            "page_counter": page_counter_css(),
            "header_right": _css_string(_header_right(agreement)),
        })


def _header_right(agreement):
    label = _("Version %(number)s") % {"number": agreement.number}
    if agreement.status == Agreement.Status.DRAFT:
        label += " · " + _("Draft")
    return label


def mou_pdf(agreement) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a moment

    return HTML(string=mou_html(agreement), url_fetcher=_refuse_fetch).write_pdf()


# --- DOCX ----------------------------------------------------------------------------


def _field(run, instruction):
    """A Word field (PAGE, NUMPAGES) in `run`: Word and LibreOffice fill it in."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _page_footer(paragraph):
    for kind, text in _page_parts():
        if kind == "text":
            paragraph.add_run(text)
        else:
            _field(paragraph.add_run(), "PAGE" if kind == "page" else "NUMPAGES")


def _table(document, header, rows):
    from docx.shared import Pt

    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(10)
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(str(text)).font.size = Pt(10)
    document.add_paragraph()
    return table


def _blocks(document, blocks):
    from docx.shared import Cm

    for block in blocks:
        kind = block["type"]
        if kind == "p":
            document.add_paragraph(block["text"])
        elif kind == "h":
            document.add_heading(block["text"], level=2)
        elif kind == "list":
            for item in block["items"]:
                document.add_paragraph(item, style="List Bullet")
        elif kind == "quote":
            _quote(document, block, Cm(1))
        elif kind == "table":
            _table(document, block["header"], block["rows"])


def _quote(document, block, indent):
    """A principle quoted: its name, its text, what it means in practice. Versions made
    before the practice lines were quoted have a title and a text only."""
    if block.get("title"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = indent
        paragraph.add_run(block["title"] + _mark(block.get("title_lang"))).bold = True
    if block.get("text"):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = indent
        paragraph.add_run("“" + block["text"] + "”" + _mark(block.get("text_lang"))).italic = True
    if block.get("practice"):
        paragraph = document.add_paragraph(block.get("practice_intro", ""))
        paragraph.paragraph_format.left_indent = indent
        for line in block["practice"]:
            item = document.add_paragraph(line, style="List Bullet")
            item.paragraph_format.left_indent = indent * 2
        if block.get("practice_lang"):
            document.paragraphs[-1].add_run(_mark(block["practice_lang"]))


def _mark(language):
    """" [EN]" after a policy text quoted in the source because it is not translated."""
    return f" [{language.upper()}]" if language else ""


def mou_docx(agreement) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    content = agreement.content
    with translation.override(agreement.language):
        document = Document()
        section = document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21)  # A4
        section.top_margin = section.bottom_margin = Cm(2.5)
        section.left_margin = section.right_margin = Cm(2.2)
        normal = document.styles["Normal"]
        normal.font.name = "DejaVu Serif"
        normal.font.size = Pt(10.5)
        for name in ("Title", "Heading 1", "Heading 2"):
            document.styles[name].font.color.rgb = RGBColor(0x1F, 0x2A, 0x44)
        properties = document.core_properties
        properties.title = f"{content['document']}: {content['title']}"
        properties.language = agreement.language
        properties.comments = content["reference"]

        header = section.header.paragraphs[0]
        header.text = f"{content['document']} · {content['title']}"
        header.add_run("\t\t" + _header_right(agreement))
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_footer(footer)

        document.add_paragraph(content["document"], style="Title")
        subtitle = document.add_paragraph()
        subtitle.add_run(content["title"]).bold = True
        document.add_paragraph(content["between"])
        document.add_paragraph(content["reference"]).runs[0].font.size = Pt(9)
        document.add_paragraph(content["intro"])

        for article in content["articles"]:
            document.add_heading(article["title"], level=1)
            _blocks(document, article["blocks"])

        document.add_heading(_("Signatures"), level=1)
        document.add_paragraph(content["signatures_intro"])
        rows = []
        for row in signature_rows(agreement):
            signature = row["signature"]
            rows.append([
                row["organisation"],
                signature.signatory if signature else "",
                signature.title if signature else "",
                formats.date_format(signature.signed_on, "j F Y")
                if signature else "",
                "",
            ])
        table = _table(document, [_("Party"), _("Name"), _("Position"), _("Date"),
                                  _("Signature")], rows)
        for row in table.rows[1:]:
            row.height = Cm(1.6)

        out = io.BytesIO()
        document.save(out)
    return out.getvalue()
