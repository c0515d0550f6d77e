from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core import prepared
from hamwe.core.forms import filter_controls, quick_control
from hamwe.core.pages import add_service_errors, apply_edit, row_url
from hamwe.core.uploads import file_response

from . import selectors, services
from .forms import ContactForm, DocumentForm, OrganisationForm
from .models import Document, Sector
from .sections import sections_for

PAGE_SIZE = 25


def _rows(rows):
    """The list's rows as the template prints them (plain dicts: cheap to render)."""
    rows = list(rows)
    areas = selectors.thematic_areas_of(row["id"] for row in rows)
    url = row_url("partners:detail")
    sectors = dict(Sector.choices)
    for row in rows:
        row["url"] = url(row["id"])
        row["sector_label"] = sectors.get(row["sector"], row["sector"])
        row["areas"] = format_html_join("", '<span class="tag">{}</span>',
                                        ((name,) for name in areas.get(row["id"], [])))
    return rows


@role_required
def organisation_list(request):
    filterset, qs = selectors.organisation_list(user=request.user, params=request.GET)
    page = Paginator(selectors.organisation_rows(qs), PAGE_SIZE).get_page(
        request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": _rows(page.object_list),
        "query": query.urlencode(),
        "total": page.paginator.count,
    }
    if request.htmx:
        return render(request, "partners/_results.html", context)
    form = filterset.form
    context.update({
        "filter": filterset,
        "search": request.GET.get("q", ""),
        "sector": quick_control(form["sector"]),
        "sectors_chosen": len(request.GET.getlist("sector")),
        "sector_label": form["sector"].label,
        "controls": filter_controls(form, skip=("q", "sector")),
        "filters_open": any(request.GET.get(name) for name in form.fields if name != "q"),
        "sees_overviews": access.may_follow_all_partners(request.user),
    })
    return render(request, "partners/organisation_list.html", context)


@role_required
def organisation_export(request, fmt):
    """Ask the task worker for the export of the list as filtered, and go to the page
    that waits for it: a large registry takes longer than a request may."""
    export = services.export_request(user=request.user, fmt=fmt,
                                     query=request.GET.urlencode(),
                                     language=translation.get_language())
    return redirect("partners:export_detail", pk=export.pk)


@role_required
@require_GET
def export_detail(request, pk):
    export = selectors.export_for_user(user=request.user, pk=pk)
    if request.GET.get("again") == "1" and export.state == export.State.FAILED:
        export = services.export_request(user=request.user, fmt=export.format,
                                         query=export.query, language=export.language)
        return redirect("partners:export_detail", pk=export.pk)
    return prepared.respond(request, export, title=_("Export of the registry (%(format)s)")
                            % {"format": export.get_format_display()},
                            filename=f"organisations.{export.format}")


@role_required
def organisation_detail(request, pk):
    organisation = selectors.organisation_for_user(user=request.user, pk=pk)
    profile = selectors.organisation_profile(user=request.user, organisation=organisation)
    context = {
        # The template reads the record through `profile` only: a private field it asks
        # for is empty for someone who may not read it.
        "profile": profile,
        "contacts": selectors.contacts_for_user(user=request.user, organisation=organisation)
        if profile.private
        else [],
        "may_edit": access.may_edit_organisation(request.user, organisation.pk),
        "audit": selectors.audit_entries(user=request.user, organisation=organisation),
        "may_see_audit": access.may_see_audit(request.user),
        # What the apps above add (partnerships, agreements, reviews, documents ...),
        # each read under the access rule by the app that owns it.
        "sections": sections_for(organisation=organisation, user=request.user),
    }
    return render(request, "partners/organisation_detail.html", context)


@requires(access.may_edit_registry)
@require_http_methods(["GET", "POST"])
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                by=request.user, data=form.changes(), confirm_iati_type=form.confirms_iati_type()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            form.offer_to_keep_iati_type()
        else:
            messages.success(
                request, _("%(name)s was added to the registry.") % {"name": organisation.name}
            )
            return redirect("partners:detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form})


@role_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = selectors.organisation_for_editor(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        update = partial(
            services.organisation_update, organisation=organisation, by=request.user,
            confirm_iati_type=form.confirms_iati_type(),
        )
        saved, form = apply_edit(
            request,
            form,
            update,
            success_message=_("Changes saved."),
            fresh_form=lambda current: OrganisationForm(instance=current),
        )
        form.offer_to_keep_iati_type()
        if saved:
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request, "partners/organisation_form.html", {"form": form, "organisation": organisation}
    )


@role_required
@require_http_methods(["GET", "POST"])
def contact_create(request, pk):
    organisation = selectors.organisation_for_editor(user=request.user, pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_create(
                organisation=organisation, by=request.user, data=form.changes()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Contact added."))
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request, "partners/contact_form.html", {"form": form, "organisation": organisation}
    )


@role_required
@require_http_methods(["GET", "POST"])
def contact_edit(request, pk, contact_pk):
    contact = selectors.contact_for_editor(user=request.user, organisation_pk=pk, pk=contact_pk)
    organisation = contact.organisation
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.contact_update, contact=contact, by=request.user),
            success_message=_("Contact saved."),
            fresh_form=lambda current: ContactForm(instance=current),
        )
        if saved:
            return redirect("partners:detail", pk=organisation.pk)
    return render(
        request,
        "partners/contact_form.html",
        {"form": form, "organisation": organisation, "contact": contact},
    )


@role_required
@require_POST
def contact_delete(request, pk, contact_pk):
    contact = selectors.contact_for_editor(user=request.user, organisation_pk=pk, pk=contact_pk)
    services.contact_delete(contact=contact, by=request.user)
    messages.success(request, _("Contact removed."))
    return redirect("partners:detail", pk=contact.organisation_id)


# --- Documents ----------------------------------------------------------------------------


@role_required
@require_http_methods(["GET", "POST"])
def document_add(request, pk):
    organisation = selectors.organisation_for_document_keeper(user=request.user, pk=pk)
    form = DocumentForm(
        request.POST or None, request.FILES or None, instance=Document(organisation=organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_add(organisation=organisation, by=request.user, data=form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Document added."))
            return redirect(_documents_of(organisation.pk))
    return render(
        request, "partners/document_form.html", {"form": form, "organisation": organisation}
    )


@role_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk, document_pk):
    document = selectors.document_for_editor(
        user=request.user, organisation_pk=pk, pk=document_pk
    )
    form = DocumentForm(request.POST or None, request.FILES or None, instance=document)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request,
            form,
            partial(services.document_update, document=document, by=request.user),
            success_message=_("Document saved."),
            fresh_form=lambda current: DocumentForm(instance=current),
        )
        if saved:
            return redirect(_documents_of(pk))
    return render(request, "partners/document_form.html", {
        "form": form, "organisation": document.organisation, "document": document,
    })


@role_required
@require_POST
def document_delete(request, pk, document_pk):
    document = selectors.document_for_editor(
        user=request.user, organisation_pk=pk, pk=document_pk
    )
    services.document_delete(document=document, by=request.user)
    messages.success(request, _("Document removed."))
    return redirect(_documents_of(pk))


@role_required
@require_GET
def document_file(request, pk, document_pk):
    """The stored file, to those who may read the document (404 to anyone else)."""
    document = selectors.document_for_user(
        user=request.user, organisation_pk=pk, pk=document_pk
    )
    return file_response(document.file, filename=document.download_name())


def _documents_of(organisation_pk):
    return reverse("partners:detail", kwargs={"pk": organisation_pk}) + "#documents"
