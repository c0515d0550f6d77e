from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from . import access


def role_required(view):
    """Signed in, active, and holding a role: anyone else is refused (deny by default)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not access.has_role(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def requires(predicate):
    """A view for those with a role for whom `predicate(user)` holds (an `access.may_*`
    that needs no object): anyone else is refused before the view runs."""

    def decorate(view):
        @role_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
