"""How the API knows who calls: a personal token (django-rest-knox) or the page session."""

from django.utils.translation import gettext_lazy as _
from knox import auth
from rest_framework import exceptions

from hamwe.accounts import access


class TokenAuthentication(auth.TokenAuthentication):
    """`Authorization: Token hamwe_...`: a token made on the token page (/users/tokens/).

    knox stores only a hash, refuses and deletes expired tokens; Hamwe adds that a token
    is no way around two-factor sign-in: it works only while its owner has an
    authenticator, so one made before the second factor existed, or kept after the
    authenticator was removed, stops working.
    """

    def validate_user(self, auth_token):
        user, token = super().validate_user(auth_token)
        if not access.may_use_api_token(user):
            raise exceptions.AuthenticationFailed(
                _("This token no longer works: its owner has no two-factor sign-in. Set it "
                  "up and make a new token on the token page.")
            )
        return user, token
