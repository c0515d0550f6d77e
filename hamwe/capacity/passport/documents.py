"""The capacity passport as a PDF (WeasyPrint, from `capacity/passport_pdf.html`), in
the language it was asked in. The PDF uses the machine's fonts and CSS inside the
template: it fetches nothing."""

import logging

from django.template.loader import render_to_string
from django.utils import translation

from ..results.radar import radar_svg

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"The passport PDF fetches nothing ({url})")


def filename(organisation):
    return f"capacity-passport-{organisation.pk}.pdf"


def passport_html(data, language) -> str:
    with translation.override(language):
        latest = data["latest"]
        radar = ""
        if latest is not None:
            radar = radar_svg(axes=[d["name"] for d in data["domains"]],
                              series=[("now", [d["score"] for d in data["domains"]])],
                              top=data["framework"].top, title="")
        return render_to_string("capacity/passport_pdf.html", {**data, "radar": radar})


def passport_pdf(data, language) -> bytes:
    from weasyprint import HTML  # imported here: loading Pango costs a moment

    return HTML(string=passport_html(data, language), url_fetcher=_refuse_fetch).write_pdf()
