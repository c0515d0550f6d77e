"""Pages of due diligence: an organisation's checklist and its items (for its own users
and the home organisation), the overview of every partner, the home organisation's own
items, and the risk flags (home users only)."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit, row_url
from hamwe.core.records import EditConflict

from .. import selectors as registry
from ..models import DiligenceItem, Document, RiskFlag
from . import selectors, services
from .forms import AnswerForm, EvidenceForm, RequirementForm, ReviewForm, RiskFlagForm

PAGE_SIZE = 25


def _checklist_url(pk):
    return reverse("partners:diligence", args=[pk])


def _item_url(pk, key):
    return reverse("partners:diligence_item", args=[pk, key])


@role_required
@require_GET
def checklist(request, pk):
    organisation = selectors.organisation_for_diligence(user=request.user, pk=pk)
    today = timezone.localdate()
    found = selectors.organisation_checklist(user=request.user, organisation=organisation,
                                             today=today)
    user = request.user
    return render(request, "partners/diligence/checklist.html", {
        "organisation": organisation, "checklist": found,
        "summary": selectors.summaries_of([organisation.pk], today=today,
                                          found=found)[organisation.pk],
        "may_review": access.may_review_diligence(user),
        "may_answer": access.may_answer_diligence(user, organisation.pk),
        "sees_flags": access.may_see_risk_flags(user),
    })


def _item_page(request, organisation, entry, *, answer=None, review=None, evidence=None,
               status=200):
    user = request.user
    item = entry.item or DiligenceItem(organisation=organisation)
    may_answer = access.may_answer_diligence(user, organisation.pk)
    may_review = access.may_review_diligence(user)
    may_add = access.may_add_diligence_evidence(user, organisation.pk)
    documents = Document.objects.visible_to(user).filter(organisation=organisation)
    return render(request, "partners/diligence/item.html", {
        "organisation": organisation, "entry": entry, "item": item,
        "answer_form": answer or (AnswerForm(instance=item) if may_answer else None),
        "review_form": review or (ReviewForm(instance=item) if may_review else None),
        "evidence_form": evidence or (EvidenceForm(documents=documents) if may_add else None),
        "may_add_evidence": may_add,
    }, status=status)


def _entry(request, organisation, key):
    return selectors.entry_for_user(user=request.user, organisation=organisation, key=key,
                                    today=timezone.localdate())


@role_required
@require_GET
def item(request, pk, key):
    organisation = selectors.organisation_for_diligence(user=request.user, pk=pk)
    return _item_page(request, organisation, _entry(request, organisation, key))


def _save(request, organisation, entry, form, write, *, name, success):
    """Apply `write` with the form's data; on refusal or conflict, the item page again."""
    if form.is_valid():
        try:
            write(data=form.changes(), expected_version=form.expected_version()
                  if entry.item else None)
        except EditConflict as conflict:
            messages.error(request, conflict.message)
        except ValidationError as error:
            add_service_errors(form, error)
            return _item_page(request, organisation, entry, **{name: form}, status=400)
        else:
            messages.success(request, success)
        return redirect(_item_url(organisation.pk, entry.key))
    return _item_page(request, organisation, entry, **{name: form}, status=400)


@role_required
@require_POST
def answer(request, pk, key):
    organisation = selectors.organisation_for_answer(user=request.user, pk=pk)
    entry = _entry(request, organisation, key)
    form = AnswerForm(request.POST, instance=entry.item or DiligenceItem())
    write = partial(services.diligence_answer, organisation=organisation, entry=entry,
                    by=request.user, today=timezone.localdate())
    return _save(request, organisation, entry, form, write, name="answer",
                 success=_("Your answer is saved."))


@role_required
@require_POST
def review(request, pk, key):
    organisation = selectors.organisation_for_review(user=request.user, pk=pk)
    entry = _entry(request, organisation, key)
    form = ReviewForm(request.POST, instance=entry.item or DiligenceItem())
    write = partial(services.diligence_review, organisation=organisation, entry=entry,
                    by=request.user, today=timezone.localdate())
    return _save(request, organisation, entry, form, write, name="review",
                 success=_("The verdict is saved."))


@role_required
@require_POST
def evidence_add(request, pk, key):
    organisation = selectors.organisation_for_evidence(user=request.user, pk=pk)
    entry = _entry(request, organisation, key)
    documents = Document.objects.visible_to(request.user).filter(organisation=organisation)
    form = EvidenceForm(request.POST, request.FILES, documents=documents)
    if form.is_valid():
        try:
            document = form.cleaned_data.get("document")
            services.diligence_evidence_add(
                organisation=organisation, entry=entry, by=request.user, document=document,
                data=None if document else form.new_document())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The evidence is attached."))
            return redirect(_item_url(pk, key))
    return _item_page(request, organisation, entry, evidence=form, status=400)


@role_required
@require_POST
def evidence_remove(request, pk, key, document_pk):
    organisation = selectors.organisation_for_evidence(user=request.user, pk=pk)
    entry = _entry(request, organisation, key)
    document = registry.document_for_user(user=request.user, organisation_pk=pk,
                                          pk=document_pk)
    if entry.item is not None:
        services.diligence_evidence_remove(item=entry.item, document=document,
                                           by=request.user)
        messages.success(request, _("The document is no longer evidence for this item."))
    return redirect(_item_url(pk, key))


# --- The overview and the home organisation's own items ---------------------------------


@requires(access.may_follow_all_partners)
@require_GET
def overview(request):
    """Every partner's due diligence at a glance (home users): 25 a page."""
    today = timezone.localdate()
    found = selectors.checklist()
    page = Paginator(selectors.overview(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = list(page.object_list)
    ids = [row["id"] for row in rows]
    summaries = selectors.summaries_of(ids, today=today, found=found)
    flags = selectors.open_flags_of(ids, user=request.user)
    url = row_url("partners:diligence")
    levels = dict(RiskFlag.Level.choices)
    for row in rows:
        row["url"] = url(row["id"])
        row["summary"] = summaries[row["id"]]
        row["flag"] = flags.get(row["id"], "")
        row["flag_label"] = levels.get(row["flag"], "")
    return render(request, "partners/diligence/overview.html", {
        "page": page, "rows": rows, "checklist": found,
        "may_keep_items": access.may_review_diligence(request.user),
    })


@requires(access.may_review_diligence)
@require_http_methods(["GET", "POST"])
def requirements(request):
    form = RequirementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.requirement_add(by=request.user, data=form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The item is on every partner's checklist."))
            return redirect("partners:diligence_requirements")
    return render(request, "partners/diligence/requirements.html", {
        "form": form, "requirements": selectors.requirements_for_editor(user=request.user),
        "checklist": selectors.checklist(),
    })


@requires(access.may_review_diligence)
@require_http_methods(["GET", "POST"])
def requirement_edit(request, pk):
    requirement = selectors.requirement_for_editor(user=request.user, pk=pk)
    form = RequirementForm(request.POST or None, instance=requirement)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request, form,
            partial(services.requirement_update, requirement=requirement, by=request.user),
            success_message=_("The item is saved."),
            fresh_form=lambda current: RequirementForm(instance=current))
        if saved:
            return redirect("partners:diligence_requirements")
    return render(request, "partners/diligence/requirement_form.html",
                  {"form": form, "requirement": requirement})


# --- Risk flags (home users only) --------------------------------------------------------


@role_required
@require_http_methods(["GET", "POST"])
def flags(request, pk):
    organisation = selectors.organisation_for_flags(user=request.user, pk=pk)
    may_keep = access.may_keep_risk_flags(request.user)
    form = RiskFlagForm(request.POST or None, initial={"raised_on": timezone.localdate()})
    if request.method == "POST":
        if not may_keep:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.risk_flag_raise(organisation=organisation, by=request.user,
                                         data=form.changes())
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The flag is raised."))
                return redirect("partners:risk_flags", pk=pk)
    return render(request, "partners/diligence/flags.html", {
        "organisation": organisation, "form": form if may_keep else None,
        "flags": selectors.flags_for_user(user=request.user, organisation=organisation),
        "history": selectors.flag_history(user=request.user, organisation=organisation),
    })


@role_required
@require_http_methods(["GET", "POST"])
def flag_edit(request, pk, flag_pk):
    flag = selectors.flag_for_editor(user=request.user, organisation_pk=pk, pk=flag_pk)
    form = RiskFlagForm(request.POST or None, instance=flag)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request, form, partial(services.risk_flag_update, flag=flag, by=request.user),
            success_message=_("The flag is saved."),
            fresh_form=lambda current: RiskFlagForm(instance=current))
        if saved:
            return redirect("partners:risk_flags", pk=pk)
    return render(request, "partners/diligence/flag_form.html",
                  {"form": form, "flag": flag, "organisation": flag.organisation})
