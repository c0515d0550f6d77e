"""How allauth signs people in to Hamwe: by invitation, within limits, two-factor first.

- Nobody signs themselves up: admins and partner admins invite (services.user_invite).
- Failed passwords meet growing waits (`signin.py`), counted per client address (the
  trusted proxy's), per account and per known browser, so a guesser is slowed down and
  nobody can lock someone else out of their usual browser.
- Where two-factor sign-in is required, a home account without an authenticator cannot be
  signed into by password alone: only through the e-mailed link (invitation or password
  reset), whose session then sets up the authenticator. A leaked password alone cannot
  enrol a stranger's authenticator.
- Mail that cannot be handed to the mail server is said so on the page (503), never a
  server error, and never a "we sent you a mail" that was not sent.
"""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from django import forms
from django.shortcuts import render
from django.utils.translation import ngettext

from . import access, signin

logger = logging.getLogger(__name__)

# What a mail server that is down, unreachable or refusing looks like to smtplib.
MAIL_ERRORS = (smtplib.SMTPException, OSError)


class MailNotSent(ImmediateHttpResponse):
    """The mail could not be sent; `response` is the page that says so. allauth's views
    return it (its middleware answers ImmediateHttpResponse); Hamwe's own catch it."""


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Nobody signs themselves up: admins and partner admins invite (see services.user_invite).
        return False

    # --- the client and the limits on failed passwords ----------------------------------

    def get_client_ip(self, request):
        return signin.client_address(request)

    def pre_authenticate(self, request, **credentials):
        # Replaces allauth's own count of failed logins (see signin.py for why).
        self._attempt = signin.Attempt(request, credentials.get("email", ""))
        try:
            self._attempt.begin()
        except signin.TooManyFailures as wait:
            raise forms.ValidationError(
                ngettext(
                    "Too many failed sign-ins. Wait %(minutes)d minute and try again, or "
                    "choose “Forgot your password?” to receive a sign-in link by "
                    "e-mail.",
                    "Too many failed sign-ins. Wait %(minutes)d minutes and try again, or "
                    "choose “Forgot your password?” to receive a sign-in link by "
                    "e-mail.",
                    wait.minutes,
                ) % {"minutes": wait.minutes},
                code="too_many_login_attempts",
            ) from None

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        if user is not None:
            self._attempt.succeeded()
        return user

    def set_password(self, user, password):
        # A reset from the e-mailed link (or a change by the signed-in owner) ends the
        # account's wait.
        super().set_password(user, password)
        self._lift(user.email)

    def _delete_login_attempts_cached_email(self, request, **credentials):
        super()._delete_login_attempts_cached_email(request, **credentials)
        self._lift(credentials.get("email", ""))

    @staticmethod
    def _lift(email):
        request = getattr(context, "request", None)
        if request is not None and email:
            signin.lift(request, email)

    # --- signing in -----------------------------------------------------------------------

    def pre_login(self, request, user, **kwargs):
        response = super().pre_login(request, user, **kwargs)
        if response is None and access.lacks_required_2fa(user) and not (
            signin.came_through_emailed_link(request, user)
        ):
            from allauth.account.internal.stagekit import clear_login

            clear_login(request)
            return render(request, "account/enrol_by_link.html", status=403)
        return response

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        signin.remember_browser(request, response, user.email)
        return response

    def is_reauthentication_required(self, *, app, **kwargs):
        # Right after the e-mailed link set the password, setting up the authenticator
        # does not ask for that password again.
        request = getattr(context, "request", None)
        if (
            app == "allauth.mfa" and request is not None
            and request.user.is_authenticated
            and signin.came_through_emailed_link(request)
            and not access.has_authenticator(request.user)
        ):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    # --- mail -----------------------------------------------------------------------------

    def send_mail(self, template_prefix, email, context_data):
        try:
            super().send_mail(template_prefix, email, context_data)
        except MAIL_ERRORS as error:
            logger.error("Mail %s could not be sent: %s", template_prefix, error)
            request = getattr(context, "request", None)
            raise MailNotSent(
                render(request, "account/mail_not_sent.html", status=503)
                if request is not None else None
            ) from error
