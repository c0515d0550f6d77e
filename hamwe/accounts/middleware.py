from django.shortcuts import redirect

from . import access

# Paths a user without two-factor sign-in may still reach: to set it up, or to leave.
# The API refuses such users itself (403, see api.permissions), rather than redirect.
_OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/")


class RequireTwoFactorMiddleware:
    """In production, every home-organisation user must sign in with TOTP.

    Until they have set it up, every page sends them to the set-up page (such a session
    exists only when it came through the e-mailed link: see adapter.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._lacks_required_2fa(request):
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _lacks_required_2fa(request):
        if request.path.startswith(_OPEN_PREFIXES):
            return False
        return access.lacks_required_2fa(request.user)
