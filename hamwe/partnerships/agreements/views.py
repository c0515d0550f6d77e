"""Pages of the partnership agreement (MoU): its versions, one version with its checklist
and signatures, the documents, and recording a signature.

Every read goes through `selectors.*_for_user` (the partnership's access rule: home
users, and partner users of a party); every write goes through `*_for_editor` (home
admins and staff) or asks `access.may_act_for_party` (also a party's own partner users,
for that party only).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core import prepared
from hamwe.core.uploads import file_response

from ..models import Agreement, Party
from ..records import selectors as records
from . import checklist, documents, selectors
from .forms import ChecklistForm, GenerateForm, SignatureForm
from .services import (
    agreement_checklist_set,
    agreement_generate,
    agreement_send,
    document_request,
    signature_add,
)


def _errors(error: ValidationError):
    return " ".join(str(m) for m in error.messages)


def _signable(user, agreement):
    """The parties named in the version that `user` may sign for and that have not
    signed yet."""
    signed = {s.party_id for s in agreement.signatures.all()}
    ids = [p.pk for p in selectors.agreement_parties(agreement)
           if p.pk not in signed and access.may_act_for_party(user, p)]
    return Party.objects.filter(pk__in=ids).select_related("organisation")


@role_required
@require_GET
def agreement_list(request, pk):
    partnership = records.partnership_for_user(user=request.user, pk=pk)
    may_edit = access.may_edit_partnership(request.user, partnership)
    versions = list(selectors.agreement_versions(partnership))
    for version in versions:
        version.summary = checklist.checklist_summary(version)
    return render(request, "partnerships/agreement_list.html", {
        "partnership": partnership,
        "versions": versions,
        "may_edit": may_edit,
        "form": GenerateForm() if may_edit else None,
    })


@role_required
@require_POST
def agreement_generate_view(request, pk):
    partnership = records.partnership_for_editor(user=request.user, pk=pk)
    form = GenerateForm(request.POST)
    if form.is_valid():
        try:
            agreement = agreement_generate(
                partnership=partnership, by=request.user, language=form.cleaned_data["language"]
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Version %(number)s of the agreement was generated.")
                             % {"number": agreement.number})
            return redirect("partnerships:agreement_detail", pk=partnership.pk,
                            agreement_pk=agreement.pk)
    else:
        messages.error(request, _("Choose one of the offered languages."))
    return redirect("partnerships:agreements", pk=partnership.pk)


@role_required
@require_GET
def agreement_detail(request, pk, agreement_pk):
    agreement = selectors.agreement_for_user(
        user=request.user, partnership_pk=pk, pk=agreement_pk
    )
    partnership = agreement.partnership
    may_edit = access.may_edit_partnership(request.user, partnership)
    is_draft = agreement.status == Agreement.Status.DRAFT
    rows = checklist.checklist_rows(agreement)
    return render(request, "partnerships/agreement_detail.html", {
        "partnership": partnership,
        "agreement": agreement,
        "content": agreement.content,
        "checklist": rows,
        "summary": checklist.checklist_summary(agreement),
        "may_override": may_edit and is_draft,
        "signatures": documents.signature_rows(agreement),
        "may_edit": may_edit,
        "may_send": may_edit and is_draft,
        "may_record_signature": agreement.status == Agreement.Status.SENT
        and _signable(request.user, agreement).exists(),
    })


@role_required
@require_POST
def agreement_checklist(request, pk, agreement_pk):
    agreement = selectors.agreement_for_editor(
        user=request.user, partnership_pk=pk, pk=agreement_pk
    )
    form = ChecklistForm(request.POST)
    if form.is_valid():
        try:
            agreement_checklist_set(agreement=agreement, by=request.user,
                                    not_relevant=form.cleaned_data["not_relevant"])
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("Checklist saved."))
    else:
        messages.error(request, _("Choose ingredients of the checklist."))
    return redirect("partnerships:agreement_detail", pk=pk, agreement_pk=agreement.pk)


@role_required
@require_POST
def agreement_send_view(request, pk, agreement_pk):
    agreement = selectors.agreement_for_editor(
        user=request.user, partnership_pk=pk, pk=agreement_pk
    )
    try:
        agreement_send(agreement=agreement, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Version %(number)s is sent for signature. Record each "
                                    "party's signature as it comes in.")
                         % {"number": agreement.number})
    return redirect("partnerships:agreement_detail", pk=pk, agreement_pk=agreement.pk)


def _document(request, pk, agreement_pk, fmt):
    """The version's document when the task worker has rendered it, else a page that waits
    for it (core.prepared): the request never renders it itself."""
    agreement = selectors.agreement_for_user(
        user=request.user, partnership_pk=pk, pk=agreement_pk
    )
    document = document_request(agreement=agreement, fmt=fmt,
                                again=request.GET.get("again") == "1")
    title = _("Version %(number)s of the agreement, as %(format)s") % {
        "number": agreement.number, "format": document.get_format_display()}
    return prepared.respond(request, document, title=title,
                            filename=documents.filename(agreement, fmt), inline=fmt == "pdf")


@role_required
@require_GET
def agreement_docx(request, pk, agreement_pk):
    return _document(request, pk, agreement_pk, "docx")


@role_required
@require_GET
def agreement_pdf(request, pk, agreement_pk):
    return _document(request, pk, agreement_pk, "pdf")


@role_required
@require_http_methods(["GET", "POST"])
def signature_add_view(request, pk, agreement_pk):
    agreement = selectors.agreement_for_user(
        user=request.user, partnership_pk=pk, pk=agreement_pk
    )
    signable = _signable(request.user, agreement)
    if not signable.exists():
        parties = selectors.agreement_parties(agreement)
        if not any(access.may_act_for_party(request.user, p) for p in parties):
            raise PermissionDenied
        messages.error(request, _("Every party you may sign for has already signed."))
        return redirect("partnerships:agreement_detail", pk=pk, agreement_pk=agreement.pk)
    if agreement.status != Agreement.Status.SENT:
        messages.error(request, _("Only a version sent for signature can be signed."))
        return redirect("partnerships:agreement_detail", pk=pk, agreement_pk=agreement.pk)
    form = SignatureForm(request.POST or None, request.FILES or None, parties=signable)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        party = data.pop("party")
        try:
            signature_add(agreement=agreement, party=party, by=request.user, data=data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            agreement.refresh_from_db(fields=["status"])
            if agreement.status == Agreement.Status.SIGNED:
                messages.success(request, _("Every party has signed: the agreement is signed."))
            else:
                messages.success(request, _("The signature of %(organisation)s is recorded.")
                                 % {"organisation": party.organisation.name})
            return redirect("partnerships:agreement_detail", pk=pk, agreement_pk=agreement.pk)
    return render(request, "partnerships/agreement_signature_form.html", {
        "partnership": agreement.partnership,
        "agreement": agreement,
        "form": form,
    })


@role_required
@require_GET
def signature_scan(request, pk, agreement_pk, signature_pk):
    signature = selectors.signature_for_user(
        user=request.user, partnership_pk=pk, agreement_pk=agreement_pk, pk=signature_pk
    )
    return file_response(signature.scan)
