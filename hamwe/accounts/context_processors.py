from django.conf import settings

from . import access


def hamwe(request):
    user = getattr(request, "user", None)
    return {
        "home_name": settings.HAMWE_HOME_NAME,
        "demo_mode": settings.MODE == "demo",
        "two_factor_required": settings.HAMWE_REQUIRE_2FA,
        "is_home_user": access.is_home(user),
        "may_edit_registry": access.may_edit_registry(user),
        "may_manage_users": access.may_manage_users(user),
        "may_list_users": access.may_list_users(user),
    }
