import datetime

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")
    VIEWER = "viewer", _("Viewer")
    PARTNER = "partner", _("Partner")


HOME_ROLES = frozenset({Role.ADMIN, Role.STAFF, Role.VIEWER})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("role", Role.ADMIN)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. A user without a role sees nothing (deny by default)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    # A string reference, not an import: accounts stays below every domain app.
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        help_text=_("Partner users belong to exactly one partner organisation."),
    )
    is_partner_admin = models.BooleanField(
        _("partner admin"),
        default=False,
        help_text=_("May invite colleagues of the same organisation."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                name="partner_users_have_an_organisation",
                condition=~Q(role="partner") | Q(organisation__isnull=False),
            ),
            models.CheckConstraint(
                name="only_partner_users_have_an_organisation",
                condition=Q(role="partner") | Q(organisation__isnull=True),
            ),
            models.CheckConstraint(
                name="partner_admins_are_partner_users",
                condition=Q(role="partner") | Q(is_partner_admin=False),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    @property
    def is_staff(self):
        # Django's own notion of "staff" (admin site access) is not used: Hamwe has no admin site.
        return False

    @property
    def display_role(self):
        if self.role == Role.PARTNER and self.is_partner_admin:
            return _("Partner admin")
        return self.get_role_display() or _("No role")


class ApiToken(AbstractAuthToken):
    """A personal API token (django-rest-knox): only a hash of it is stored.

    Its owner makes it on the token page right after a second factor, names it after
    where it is used, and chooses when it expires; its owner and the home admins list and
    revoke it. It authenticates only while its owner holds an authenticator (see
    `access.may_use_api_token`). No time finer than the day is kept: when it was made
    and when it expires would otherwise say when its owner was signed in.
    """

    MAX_PER_USER = 10

    id = models.BigAutoField(primary_key=True)
    # knox keys the table by the digest; a plain key keeps it out of every URL.
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    name = models.CharField(
        _("name"), max_length=100,
        help_text=_("Where it is used, e.g. \"monthly export script\"."),
    )
    created = models.DateField(_("made on"), auto_now_add=True)
    expiry = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["expiry", "name", "pk"]

    def __str__(self):
        return self.name

    @property
    def last_day(self):
        """The last day it works (it expires at the midnight that ends it)."""
        return (timezone.localtime(self.expiry) - datetime.timedelta(days=1)).date()
