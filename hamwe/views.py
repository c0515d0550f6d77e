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
