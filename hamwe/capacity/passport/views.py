"""The capacity passport: the page and PDF its partner and home staff read, the share
links the partner makes and revokes, and what a link's holder (a donor, signed in or
not) sees while the link is usable. A refused link (unknown, revoked or expired) is a
404 like any other, so a guessed token learns nothing."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core import prepared
from hamwe.core.pages import add_service_errors

from ..results.radar import radar_svg
from . import documents, selectors, services
from .forms import LinkForm


def _radar(data):
    if data["latest"] is None:
        return ""
    return radar_svg(axes=[d["name"] for d in data["domains"]],
                     series=[("now", [d["score"] for d in data["domains"]])],
                     top=data["framework"].top, title=_("Domain scores"))


def _private(response):
    # The token is in the address: never sent on to another site, kept or indexed.
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@role_required
@require_http_methods(["GET", "POST"])
def passport_page(request, pk):
    organisation = selectors.passport_organisation(user=request.user, pk=pk)
    data = selectors.passport(organisation)
    may_share = access.may_share_passport(request.user, organisation.pk)
    form = LinkForm(initial={"expires_on": timezone.localdate() + datetime.timedelta(days=90)})
    made = None
    if request.method == "POST":
        if not may_share:
            raise PermissionDenied
        form = LinkForm(request.POST)
        if form.is_valid():
            try:
                link, token = services.link_create(organisation=organisation, by=request.user,
                                                   **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                # Shown this once: only its hash is kept.
                made = request.build_absolute_uri(reverse("capacity:shared", args=[token]))
                form = LinkForm(initial=form.initial)
    links = list(selectors.links_for(user=request.user, organisation=organisation))
    today = timezone.localdate()
    for link in links:
        link.usable = link.usable_on(today)
        link.may_revoke = access.may_revoke_passport_link(request.user, link)
    response = render(request, "capacity/passport.html", {
        **data, "radar": _radar(data), "links": links, "form": form if may_share else None,
        "made": made, "pdf_url": reverse("capacity:passport_pdf", args=[organisation.pk]),
    })
    return _private(response) if made else response


@role_required
@require_POST
def link_revoke(request, pk):
    link = selectors.link_for_revoker(user=request.user, pk=pk)
    services.link_revoke(link=link, by=request.user)
    messages.success(request, _("The link is revoked: it no longer opens the passport."))
    return redirect("capacity:passport", pk=link.organisation_id)


def _pdf(request, organisation):
    data = selectors.passport(organisation)
    document = services.passport_document(organisation=organisation, data=data,
                                          language=get_language())
    return prepared.respond(request, document, title=_("Capacity passport"),
                            filename=documents.filename(organisation), inline=True)


@role_required
@require_GET
def passport_pdf(request, pk):
    return _pdf(request, selectors.passport_organisation(user=request.user, pk=pk))


def _link_or_404(token):
    link = selectors.shared_link(token)
    if link is None:
        raise Http404
    return link


@require_GET
def shared_passport(request, token):
    link = _link_or_404(token)
    data = selectors.passport(link.organisation)
    return _private(render(request, "capacity/shared.html", {
        **data, "radar": _radar(data), "link": link,
        "pdf_url": reverse("capacity:shared_pdf", args=[token]),
    }))


@require_GET
def shared_passport_pdf(request, token):
    return _private(_pdf(request, _link_or_404(token).organisation))
