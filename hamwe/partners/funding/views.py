"""Pages of funding: an organisation's sources by year with its diversity figures and
trend (its own users and the home organisation; its own users enter their own), the
overview of every partner's latest year, and the yearly exchange rates."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires, role_required
from hamwe.core.pages import add_service_errors, apply_edit, row_url

from ..models import REFERENCE_CURRENCY
from . import charts, selectors, services
from .forms import FundingForm, RateForm

PAGE_SIZE = 25


def _funding_url(pk):
    return reverse("partners:funding", args=[pk])


@role_required
@require_GET
def funding(request, pk):
    organisation = selectors.organisation_for_funding(user=request.user, pk=pk)
    profile = selectors.funding_profile(organisation)
    categories = selectors.by_category(organisation)
    return render(request, "partners/funding/funding.html", {
        "organisation": organisation, "profile": profile,
        "series_newest_first": list(reversed(profile["series"])),
        "chart": charts.trend(profile["series"], categories),
        "entries": selectors.funding_for_user(user=request.user, organisation=organisation),
        "missing_rates": selectors.missing_rates(organisation),
        "may_enter": access.may_enter_funding(request.user, organisation.pk),
        "may_set_rates": access.may_set_funding_rates(request.user),
    })


@role_required
@require_http_methods(["GET", "POST"])
def funding_add(request, pk):
    organisation = selectors.organisation_for_funding_editor(user=request.user, pk=pk)
    form = FundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.funding_add(organisation=organisation, by=request.user,
                                 data=form.changes())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The amount is saved."))
            return redirect(_funding_url(pk))
    return render(request, "partners/funding/funding_form.html",
                  {"form": form, "organisation": organisation})


@role_required
@require_http_methods(["GET", "POST"])
def funding_edit(request, pk, funding_pk):
    entry = selectors.funding_for_editor(user=request.user, organisation_pk=pk, pk=funding_pk)
    form = FundingForm(request.POST or None, instance=entry)
    if request.method == "POST" and form.is_valid():
        saved, form = apply_edit(
            request, form, partial(services.funding_update, entry=entry, by=request.user),
            success_message=_("The amount is saved."),
            fresh_form=lambda current: FundingForm(instance=current))
        if saved:
            return redirect(_funding_url(pk))
    return render(request, "partners/funding/funding_form.html",
                  {"form": form, "organisation": entry.organisation, "entry": entry})


@role_required
@require_POST
def funding_delete(request, pk, funding_pk):
    entry = selectors.funding_for_editor(user=request.user, organisation_pk=pk, pk=funding_pk)
    services.funding_delete(entry=entry, by=request.user)
    messages.success(request, _("The amount is removed."))
    return redirect(_funding_url(pk))


@requires(access.may_follow_all_partners)
@require_GET
def overview(request):
    """Every partner's latest year (home users), 25 a page."""
    page = Paginator(selectors.overview(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = list(page.object_list)
    figures = selectors.figures_of([row["id"] for row in rows])
    url = row_url("partners:funding")
    for row in rows:
        series = figures.get(row["id"], [])
        row["url"] = url(row["id"])
        row["latest"] = series[-1] if series else None
        row["first"] = series[0] if len(series) > 1 else None
    return render(request, "partners/funding/overview.html", {
        "page": page, "rows": rows, "currency": REFERENCE_CURRENCY,
        "may_set_rates": access.may_set_funding_rates(request.user),
    })


@requires(access.may_set_funding_rates)
@require_http_methods(["GET", "POST"])
def rates(request):
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The rate is saved."))
            return redirect("partners:funding_rates")
    return render(request, "partners/funding/rates.html", {
        "form": form, "rates": selectors.rates_for_editor(user=request.user),
        "currency": REFERENCE_CURRENCY,
    })
