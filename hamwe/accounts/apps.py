from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "hamwe.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from allauth.mfa.models import Authenticator
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save

        from . import trail

        # Signing in keeps only the day (trail.py): Django's own handler saves the user,
        # which writes an audit row with the second of each sign-in.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
        user_logged_in.connect(trail.record_sign_in, dispatch_uid="hamwe_record_sign_in")
        pre_save.connect(
            trail.authenticator_used_on_the_day, sender=Authenticator,
            dispatch_uid="hamwe_authenticator_day",
        )
