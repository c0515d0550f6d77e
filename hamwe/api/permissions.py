from rest_framework.permissions import BasePermission

from hamwe.accounts import access


class HasRole(BasePermission):
    """Deny by default: the API answers only users who hold a role."""

    def has_permission(self, request, view):
        return access.has_role(request.user)
