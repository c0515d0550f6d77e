"""Files that users upload (signed agreements, statutes, audited accounts, evidence,
attachments): checked by what they contain, bounded in size, kept where the web server
never serves them, and served only by a view that has asked the access rule first.

Uploads go to the default storage under `MEDIA_ROOT` (`HAMWE_DATA_DIR/media`), which no
URL of Hamwe or of the documented proxy serves: a file leaves only through
`file_response`, called by a view after its `*_for_user` selector.
"""

import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024

# extension -> (what the file starts with, what a reader calls it)
KINDS = {
    ".pdf": ((b"%PDF-",), "PDF"),
    ".jpg": ((b"\xff\xd8\xff",), "JPEG"),
    ".jpeg": ((b"\xff\xd8\xff",), "JPEG"),
    ".png": ((b"\x89PNG\r\n\x1a\n",), "PNG"),
    ".docx": ((b"PK\x03\x04",), "Word"),
    ".xlsx": ((b"PK\x03\x04",), "Excel"),
    ".odt": ((b"PK\x03\x04",), "OpenDocument"),
    ".ods": ((b"PK\x03\x04",), "OpenDocument"),
}
# Office files are zip archives: the member that says which kind of document it is.
_ZIP_MARKERS = {".docx": "word/", ".xlsx": "xl/", ".odt": "content.xml", ".ods": "content.xml"}
DOCUMENTS = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".odt", ".ods")
SCANS = (".pdf", ".jpg", ".jpeg", ".png")


def check_upload(upload, *, allowed=DOCUMENTS, max_bytes=MAX_BYTES) -> str:
    """Refuse a file that is not what its name says, is of a kind not `allowed`, or is
    larger than `max_bytes` (ValidationError in plain words). Returns its extension."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in allowed:
        names = sorted({KINDS[e][1] for e in allowed})
        raise ValidationError(
            _("Upload a file of one of these kinds: %(kinds)s.") % {"kinds": ", ".join(names)}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is larger than %(megabytes)d MB.") % {"megabytes": max_bytes // 2**20}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    starts, name = KINDS[extension]
    ok = any(head.startswith(magic) for magic in starts)
    if ok and extension in _ZIP_MARKERS:
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = any(n.startswith(_ZIP_MARKERS[extension]) for n in archive.namelist())
        except zipfile.BadZipFile:
            ok = False
        upload.seek(0)
    if not ok:
        raise ValidationError(_("The file's content is not a %(type)s file.") % {"type": name})
    return extension


def file_response(stored, *, filename=None, inline=False):
    """Serve a stored file (a FieldFile) to a user the caller has already let read it."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    name = filename or PurePath(stored.name).name
    response = FileResponse(handle, as_attachment=not inline, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
