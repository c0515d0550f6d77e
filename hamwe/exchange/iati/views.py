from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hamwe.accounts import access
from hamwe.accounts.decorators import requires
from hamwe.core.pages import add_service_errors
from hamwe.core.uploads import file_response
from hamwe.partnerships.models import Partnership

from ..forms import ChooseForm, PublisherForm
from . import selectors, services


@requires(access.may_publish_iati)
@require_http_methods(["GET", "POST"])
def iati(request):
    publisher = selectors.publisher()
    initial = ({"identifier": publisher.identifier, "currency": publisher.currency,
                "documents_url": publisher.documents_url} if publisher else None)
    form = PublisherForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.publisher_save(by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("exchange:iati")
    entries = selectors.entries()
    context = {
        "form": form,
        "entries": entries,
        "choosable": selectors.choosable_partnerships(user=request.user)[:200],
        "organisation_checks": selectors.organisation_checks(),
        "activity_checks": selectors.activity_checks(entries=entries),
        "publications": selectors.publications()[:20],
    }
    return render(request, "exchange/iati.html", context)


@requires(access.may_publish_iati)
@require_POST
def iati_choose(request):
    form = ChooseForm(request.POST)
    if form.is_valid():
        partnership = Partnership.objects.visible_to(request.user).filter(
            pk=form.cleaned_data["partnership"]).first()
        if partnership is not None:
            services.activity_choose(partnership=partnership, by=request.user,
                                     mou_agreed=form.cleaned_data["mou_agreed"])
    return redirect("exchange:iati")


@requires(access.may_publish_iati)
@require_POST
def iati_drop(request, pk):
    services.activity_drop(entry=selectors.entry_for_editor(pk=pk), by=request.user)
    return redirect("exchange:iati")


@requires(access.may_publish_iati)
@require_POST
def iati_publish(request, kind):
    try:
        services.publish(kind=kind, by=request.user,
                         accept_warnings=request.POST.get("accept_warnings") == "on")
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The file is made: download it below."))
    return redirect("exchange:iati")


@requires(access.may_publish_iati)
@require_GET
def iati_file(request, pk):
    publication = selectors.publication_for_user(pk=pk)
    return file_response(publication.file, filename=f"iati-{publication.kind}-"
                         f"{publication.made_at:%Y%m%d}.xml")
