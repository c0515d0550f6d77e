from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core import exports as core_exports
from hamwe.core import prepared
from hamwe.core.pages import add_service_errors
from hamwe.core.spreadsheets import CSV_TYPE, XLSX_TYPE

from . import imports, selectors, services
from .forms import ImportForm
from .templates_files import template_bytes

SHOWN_CHANGES = 500  # of a large plan, the first changes; the counts say the rest


@requires(access.may_import)
@require_http_methods(["GET", "POST"])
def import_start(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_upload(by=request.user, kind=form.cleaned_data["kind"],
                                         upload=form.cleaned_data["file"],
                                         language=translation.get_language())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("exchange:import_detail", pk=run.pk)
    context = {
        "form": form,
        "kinds": imports.kinds(),
        "runs": selectors.import_runs_for_user(user=request.user)[:20],
    }
    return render(request, "exchange/import_start.html", context)


@requires(access.may_import)
@require_GET
def import_template(request, kind, fmt):
    if kind not in imports.kinds():
        raise Http404
    response = HttpResponse(template_bytes(kind, fmt),
                            content_type=XLSX_TYPE if fmt == "xlsx" else CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.{fmt}"'
    return response


@requires(access.may_import)
@require_GET
def import_detail(request, pk):
    run = selectors.import_run_for_user(user=request.user, pk=pk)
    changes = [c for c in run.changes if c["action"] != "unchanged"]
    kind, counts = imports.kinds().get(run.kind), run.counts()
    context = {
        "run": run,
        "State": type(run).State,
        "problems": run.problems,
        "changes": changes[:SHOWN_CHANGES],
        "more_changes": max(0, len(changes) - SHOWN_CHANGES),
        "kind": kind,
        "summary": [str(label) % {"n": counts.get(f"{what}_{action}", 0)}
                    for what, action, label in (kind.summary if kind else ())],
    }
    if request.htmx and run.busy:
        return render(request, "exchange/_import_status.html", context)
    if request.htmx:
        response = HttpResponse()
        response["HX-Redirect"] = request.path
        return response
    response = render(request, "exchange/import_detail.html", context)
    if run.busy:
        response["Refresh"] = "3"
        response["Cache-Control"] = "no-store"
    return response


@requires(access.may_import)
@require_POST
def import_apply(request, pk):
    run = selectors.import_run_for_user(user=request.user, pk=pk)
    try:
        services.import_apply(run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The changes are being applied."))
    return redirect("exchange:import_detail", pk=run.pk)


@role_required
@require_GET
def exports(request):
    return render(request, "exchange/exports.html", {
        "lists": core_exports.lists(request.user),
        "may_import": access.may_import(request.user),
        "may_publish_iati": access.may_publish_iati(request.user),
    })


@role_required
@require_POST
def export_start(request, key, fmt):
    try:
        export = services.export_request(user=request.user, key=key, fmt=fmt,
                                         language=translation.get_language())
    except ValidationError:
        raise Http404 from None
    return redirect("exchange:export_detail", pk=export.pk)


@role_required
@require_GET
def export_detail(request, pk):
    export = selectors.export_for_user(user=request.user, pk=pk)
    entry = core_exports.lists(request.user).get(export.list_key)
    title = entry.title if entry else export.list_key
    return prepared.respond(request, export, title=_("Export: %(list)s (%(format)s)")
                            % {"list": title, "format": export.get_format_display()},
                            filename=f"{export.list_key}.{export.format}")
