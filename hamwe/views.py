import datetime

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.core.registries import home_panels
from hamwe.notifications import selectors as notices
from hamwe.notifications import services as notice_services

from . import home as home_selectors


@role_required
def home(request):
    """What to do: for home staff, what is due and overdue, what others changed since the
    last visit, and the apps' panels (the registry and the partnerships at a glance ...);
    for a partner user, what they are asked to do, what was shared with them, and their
    partnerships and organisation (panels)."""
    user = request.user
    today = timezone.localdate()
    items = notices.items_for(user, today=today)
    context = {
        "groups": notices.grouped(items),
        "due_count": len(notices.tasks(items)),
        "due_count_known": True,  # the header shows it, no need to fetch it
        "partner": access.is_partner(user),
        "asked": access.may_be_asked(user),  # viewers only read: nothing is asked of them
        "panels": _panels(request, "partner" if access.is_partner(user) else "home"),
    }
    if access.may_see_audit(user):
        before = notice_services.visit_record(user=user, today=today)
        since = before or today - datetime.timedelta(days=notices.FIRST_LOOK_DAYS)
        context.update(
            since=since, first_visit=before is None,
            changes=home_selectors.changes_since(user=user, since=since),
        )
    return render(request, "home.html", context)


def _panels(request, audience):
    """The blocks apps add to the home page (core.registries.home_panel), rendered."""
    shown = []
    for panel in home_panels(audience):
        context = panel.context(request.user, request)
        if context is not None:
            # Each panel's own template with its own context: Django escapes inside it.
            html = render_to_string(panel.template, context, request=request)
            shown.append(mark_safe(html))
    return shown


def healthz(request):
    """For the load balancer: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"ok": True})


# Under /api/ every answer is JSON, also when no route matched (an id that is not a
# number: /api/v1/contacts/abc/) or the request itself was refused (a body too large):
# a client, and the OpenAPI schema, expect {"detail": ...} there, never an HTML page.


def _api(request):
    return request.path.startswith("/api/")


def bad_request(request, exception):
    from django.views.defaults import bad_request as page

    if _api(request):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return page(request, exception)


def permission_denied(request, exception):
    from django.views.defaults import permission_denied as page

    if _api(request):
        return JsonResponse({"detail": "You do not have permission to perform this action."},
                            status=403)
    return page(request, exception)


def page_not_found(request, exception):
    from django.views.defaults import page_not_found as page

    if _api(request):
        return JsonResponse({"detail": "Not found."}, status=404)
    return page(request, exception)


def server_error(request):
    from django.views.defaults import server_error as page

    if _api(request):
        return JsonResponse({"detail": "Server error."}, status=500)
    return page(request)
