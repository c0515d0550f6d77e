"""The notifications: what is due for the signed-in person as one list, a count for the
header, and their choice of what the daily e-mail carries. Each person reads and sets
only their own."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from hamwe.accounts.decorators import role_required
from hamwe.core.pages import add_service_errors

from . import selectors, services
from .forms import PreferenceForm

# The header's count is fetched after the page has loaded; the browser may reuse it for
# a minute (the home page and this list always show the current figure).
COUNT_MAX_AGE = 60


@role_required
@require_GET
def notification_list(request):
    items = selectors.items_for(request.user, today=timezone.localdate())
    return render(request, "notifications/list.html", {
        "groups": selectors.grouped(items),
        "due_count": len(selectors.tasks(items)),
        "due_count_known": True,
    })


@role_required
@require_GET
def count(request):
    """The number of things the person is asked to do, for the header (htmx)."""
    items = selectors.items_for(request.user, today=timezone.localdate())
    response = render(request, "notifications/_count.html",
                      {"due_count": len(selectors.tasks(items))})
    response["Cache-Control"] = f"private, max-age={COUNT_MAX_AGE}"
    return response


@role_required
@require_http_methods(["GET", "POST"])
def preference(request):
    user = request.user
    current = selectors.preference_of(user)
    choices = selectors.email_choices(user, current)
    if request.method == "POST":
        form = PreferenceForm(request.POST, choices=choices)
        if form.is_valid():
            try:
                services.preference_set(user=user, emailed=form.cleaned_data["emailed"],
                                        language=form.cleaned_data["language"])
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your choice is saved."))
                return redirect("notifications:settings")
    else:
        form = PreferenceForm(
            initial={"emailed": [p.name for p, chosen in choices if chosen],
                     "language": current.language},
            choices=choices,
        )
    return render(request, "notifications/settings.html", {"form": form, "choices": choices})
