"""Middleware of Hamwe's own, below every app."""

from django.middleware.gzip import GZipMiddleware


class CompressText(GZipMiddleware):
    """Django's GZipMiddleware for text only (pages, JSON, CSV, YAML, SVG): a phone on a
    slow link gets a page in a fifth of the bytes. Files that are compressed already (PDF,
    DOCX, XLSX, images) go out as they are, without the CPU spent on them.

    On BREACH (HTML pages carry a CSRF token): Django masks the token afresh in every
    response, and this middleware adds up to 100 random bytes to each gzip header ("Heal
    the Breach"); the session and CSRF cookies are SameSite=Lax, so another site cannot
    make a browser send the many signed-in requests the attack needs. See
    docs/decisions.md (2026-12, fast pages)."""

    COMPRESSIBLE = ("text/", "application/json", "application/yaml",
                    "application/javascript", "image/svg+xml")

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(self.COMPRESSIBLE):
            return response
        return super().process_response(request, response)
