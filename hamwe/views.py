from django.db import connection
from django.db.models import Count
from django.http import JsonResponse
from django.shortcuts import render

from hamwe.accounts import access
from hamwe.accounts.decorators import role_required
from hamwe.partners.models import Organisation, Sector


@role_required
def home(request):
    user = request.user
    organisations = Organisation.objects.visible_to(user).filter(is_home=False)
    counts = dict(organisations.values_list("sector").annotate(n=Count("pk")).order_by())
    by_sector = [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Sector.choices
    ]
    own = None
    if access.is_partner(user):
        own = Organisation.objects.visible_to(user).filter(pk=user.organisation_id).first()
    return render(
        request,
        "home.html",
        {"by_sector": by_sector, "total": sum(counts.values()), "own": own},
    )


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
