from django.conf import settings
from django.shortcuts import redirect

from .models import Role

# Paths a user without two-factor sign-in may still reach: to set it up, or to leave.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/")


class RequireTwoFactorMiddleware:
    """In production, home-organisation admins and staff must sign in with TOTP.

    Until they have set it up, every page sends them to the set-up page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.HAMWE_REQUIRE_2FA and self._lacks_required_2fa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _lacks_required_2fa(request):
        user = request.user
        if not user.is_authenticated or user.role not in (Role.ADMIN, Role.STAFF):
            return False
        if request.path.startswith(_OPEN_PREFIXES):
            return False
        from allauth.mfa.models import Authenticator

        return not Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).exists()
