"""Files made by the task worker (documents, exports), and the page that waits for them.

A request for such a file never makes it: it finds the `PreparedFile` row that stands
for it (or creates it and enqueues the task), and answers at once — with the file when it
is ready, else with a "being prepared" page that refreshes itself (the Refresh header, no
JavaScript needed) and, with htmx, polls its progress and opens the file when it is done.
So a web worker is held for milliseconds, never for the seconds a PDF takes, and the
timeout in hamwe/gunicorn_conf.py can stay short.

The task side: `start(prepared, total=...)`, `advance(prepared, done)`, `finish(prepared,
name, content)` or `fail(prepared, error)`.
"""

import logging

from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.shortcuts import render

from .uploads import file_response

log = logging.getLogger(__name__)

REFRESH_SECONDS = 3  # without JavaScript; htmx asks every second


def respond(request, prepared, *, title, filename, inline=False):
    """The file when it is ready; else the page (or, for htmx, the part of it) that
    says how far it has got. The caller fetched `prepared` under the access rule."""
    if prepared.ready:
        if request.htmx:
            # htmx asked for the progress: the file is ready, open it as a page would.
            response = HttpResponse(status=200)
            response["HX-Redirect"] = request.get_full_path()
            return response
        return file_response(prepared.file, filename=filename, inline=inline)
    context = {"prepared": prepared, "title": title, "url": request.get_full_path(),
               "State": type(prepared).State}
    if request.htmx:
        return render(request, "_prepared_status.html", context)
    response = render(request, "prepared.html", context, status=202)
    if prepared.state != prepared.State.FAILED:
        response["Refresh"] = str(REFRESH_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


# --- the task's side ----------------------------------------------------------------------


def start(prepared, *, total=0):
    prepared.state, prepared.total, prepared.done = prepared.State.WORKING, total, 0
    prepared.save(update_fields=["state", "total", "done"])


def advance(prepared, done):
    prepared.done = done
    prepared.save(update_fields=["done"])


def finish(prepared, name, content: bytes):
    prepared.file.save(name, ContentFile(content), save=False)
    prepared.state, prepared.done = prepared.State.READY, prepared.total
    prepared.save(update_fields=["file", "state", "done"])


def fail(prepared, error):
    log.exception("could not prepare %s", prepared)
    prepared.state, prepared.error = prepared.State.FAILED, str(error)[:2000]
    prepared.save(update_fields=["state", "error"])
