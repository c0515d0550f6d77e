from rest_framework.permissions import BasePermission

from hamwe.accounts import access


class HasRole(BasePermission):
    """Deny by default: the API answers only users who hold a role."""

    message = "You need a role in Hamwe (and, where required, two-factor sign-in)."

    def has_permission(self, request, view):
        # Tokens are no way around two-factor sign-in: the same rule as the pages.
        return access.has_role(request.user) and not access.lacks_required_2fa(request.user)
