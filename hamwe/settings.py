"""One settings module for every mode.

Everything comes from the environment with a safe default, so the demo needs no
configuration. HAMWE_MODE=production turns on the deploy checks and refuses to start
with an unsafe setting rather than run half-protected.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


MODE = env_str("HAMWE_MODE", "demo")
if MODE not in {"demo", "production", "test"}:
    raise ImproperlyConfigured(f"HAMWE_MODE must be demo, production or test, not {MODE!r}")
PRODUCTION = MODE == "production"

DEBUG = env_bool("HAMWE_DEBUG", default=not PRODUCTION and MODE != "test")

SECRET_KEY = env_str("HAMWE_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("HAMWE_SECRET_KEY must be set in production mode.")
    SECRET_KEY = "hamwe-demo-only-key-never-use-in-production-" + "x" * 20
if PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("HAMWE_SECRET_KEY must be at least 50 varied characters.")

ALLOWED_HOSTS = env_list(
    "HAMWE_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver"
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("HAMWE_ALLOWED_HOSTS must name the host(s) Hamwe is served on.")
CSRF_TRUSTED_ORIGINS = env_list("HAMWE_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "knox",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_countries",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "hamwe.accounts",
    "hamwe.policy",
    "hamwe.partners",
    "hamwe.partnerships",
    "hamwe.scorecards",
    "hamwe.knowledge",
    "hamwe.capacity",
    "hamwe.notifications",
    "hamwe.reporting",
    "hamwe.networks",
    "hamwe.people",
    "hamwe.strategy",
    "hamwe.exchange",
    "hamwe.api",
    "hamwe",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses what every layer below returns (static files come compressed already,
    # from whitenoise above). Text only; see hamwe/core/middleware.py on BREACH.
    "hamwe.core.middleware.CompressText",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "hamwe.accounts.middleware.RequireTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "hamwe.urls"
WSGI_APPLICATION = "hamwe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hamwe" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hamwe.accounts.context_processors.hamwe",
            ],
        },
    },
]

DATA_DIR = Path(env_str("HAMWE_DATA_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'hamwe.sqlite3'}"),
        conn_max_age=int(env_str("HAMWE_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the demo serve readers while a write is under way. secure_delete overwrites
    # what a delete frees, so the file keeps no trace of rows rewritten since (score-card
    # answers are rewritten in a fresh order on every answer).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA secure_delete=ON;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every process (login rate limits must hold across gunicorn workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "hamwe_cache",
    }
}
if MODE == "test":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rendered parts of pages (hamwe/core/fragments.py), each process its own: their keys name
# the rows' stamps read in the request, so nothing needs to be shared or invalidated.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "hamwe-fragments",
    "TIMEOUT": 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# Heavy work (documents, exports, imports, the annual report) runs off the request, in a
# worker that `hamwe serve` and `hamwe demo` start beside the web server (`hamwe
# db_worker`): tasks wait in the database, so no broker is needed and several app servers
# share one queue. Tests run each task at once, in the test's own transaction.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if MODE == "test"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "hamwe.accounts.adapter.AccountAdapter"
# The e-mailed link (an invitation or a password reset) signs its holder in: it is the one
# way into a home account that has no authenticator yet (see accounts/adapter.py).
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_RATE_LIMITS = {
    # Failed passwords are counted by Hamwe's own growing delays (accounts/signin.py);
    # allauth's counter is left to the second factor's codes, per account.
    "login_failed": "5/5m/key",
    "login": "30/m/ip",
    "reset_password": "5/m/ip,3/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Hamwe"
# allauth refuses an authenticator to an address not marked verified, lest someone sign
# up with another's address and set one up first. Nobody signs up in Hamwe: an admin types
# the address, and the first sign-in comes through the link mailed to it. (Without this,
# the address allauth records at the first sign-in is "unverified" and no one could ever
# set up two-factor sign-in.)
MFA_ALLOW_UNVERIFIED_EMAIL = True
# Two-factor sign-in is required of every home-organisation user (admins, staff and
# viewers all read every private record) in production; the demo leaves it optional (and
# says so) so a newcomer can look around at once.
HAMWE_REQUIRE_2FA = env_bool("HAMWE_REQUIRE_2FA", default=PRODUCTION)

# How many proxies that Hamwe's operator runs stand in front of it (nginx: 1). Each appends
# the address it was reached from to X-Forwarded-For, so the client is the entry that many
# places from the end; entries before it are the client's own say and are never trusted.
# Without it every client behind nginx would be 127.0.0.1 for the sign-in limits and the
# API's throttle. Production asks for it explicitly (0 when Hamwe faces clients directly).
_proxies = env_str("HAMWE_TRUSTED_PROXIES")
if PRODUCTION and not _proxies:
    raise ImproperlyConfigured(
        "HAMWE_TRUSTED_PROXIES must say how many proxies of yours stand in front of Hamwe "
        "(1 behind nginx as in the README, 0 when clients reach gunicorn directly)."
    )
try:
    HAMWE_TRUSTED_PROXIES = int(_proxies or "0")
except ValueError:
    raise ImproperlyConfigured(
        f"HAMWE_TRUSTED_PROXIES must be a number, not {_proxies!r}"
    ) from None
if not 0 <= HAMWE_TRUSTED_PROXIES <= 5:
    raise ImproperlyConfigured("HAMWE_TRUSTED_PROXIES must be between 0 and 5.")
ALLAUTH_TRUSTED_PROXY_COUNT = HAMWE_TRUSTED_PROXIES

EMAIL_BACKEND = env_str(
    "HAMWE_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("HAMWE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("HAMWE_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("HAMWE_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("HAMWE_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("HAMWE_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("HAMWE_FROM_EMAIL", "Hamwe <hamwe@localhost>")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("sv", _("Swedish"))]
LOCALE_PATHS = [BASE_DIR / "hamwe" / "locale"]
FORMAT_MODULE_PATH = ["hamwe.formats"]
TIME_ZONE = env_str("HAMWE_TIME_ZONE", "Africa/Bujumbura")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "hamwe" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = DATA_DIR / "media"
WHITENOISE_USE_FINDERS = not PRODUCTION
# Under test a request handler is made for every test client, and whitenoise would list
# and read every static file each time (about 0.13 s per client): under test it finds a
# file when one is asked for, as it already did in the demo (DEBUG). Production indexes
# them once, at start.
WHITENOISE_AUTOREFRESH = MODE == "test" or DEBUG
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns when it is missing

REST_FRAMEWORK = {
    # Token first: an unauthenticated call then gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "hamwe.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # Bounded bodies: no deeper than a record needs, no larger than Django's own limit.
    "DEFAULT_PARSER_CLASSES": [
        "hamwe.core.api.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "NUM_PROXIES": HAMWE_TRUSTED_PROXIES,
    "DEFAULT_PERMISSION_CLASSES": ["hamwe.api.permissions.HasRole"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "hamwe.api.schema.HamweAutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    # Declared in the OpenAPI schema (hamwe/api/schema.py). A partner's normal use stays
    # far below: paging through all 5,000 organisations of a large registry is 100 calls.
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("HAMWE_API_RATE_ANON", "60/min"),
        "user": env_str("HAMWE_API_RATE_USER", "1200/min"),
    },
}
if MODE != "test":
    # Off in tests: the isolation sweep sends thousands of requests from one client.
    # Counted in one statement per request on a table every worker shares.
    REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [
        "hamwe.api.throttling.AnonRate",
        "hamwe.api.throttling.UserRate",
    ]
# A form or JSON body larger than a record needs is refused (400) before it is read into
# memory; files (a signature's scan, at most 10 MB) are streamed to disk instead.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
# The JSON parser's own bound on nesting (core.api.BoundedJSONParser).
HAMWE_JSON_MAX_DEPTH = 32

# Personal API tokens (accounts.ApiToken): stored as a hash, each with a name and an
# expiry its owner chose; the prefix lets secret scanners recognise a leaked one.
KNOX_TOKEN_MODEL = "accounts.ApiToken"
# knox's own migrations would create its (swapped-out) token table anyway, with a foreign
# key to users that PostgreSQL's TRUNCATE of the users then refuses (`flush`, tests):
# without them knox's model, being swapped, gets no table at all.
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {
    "TOKEN_PREFIX": "hamwe_",
    "TOKEN_TTL": None,  # each token carries the expiry chosen when it was made
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Hamwe API",
    "DESCRIPTION": (
        "Partner registry, partnerships and score-card results, under the same access "
        "rule as the pages: a partner user reads their own organisation's full record "
        "and only the public profile of others.\n\n"
        "**Signing in.** From a script, send a personal token in the `Authorization` "
        "header: `Authorization: Token hamwe_...`. To get one, sign in to Hamwe with "
        "two-factor sign-in, open *API tokens* in your menu (`/users/tokens/`), name the "
        "token, choose how long it lives (30 days to a year) and confirm with a code "
        "from your authenticator app. It is shown once: keep it like a password. You and "
        "the administrators can revoke it there at any time. From this page, the "
        "session of your signed-in browser is used instead (the *Try it out* buttons)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Named, not numbered: a partnership's status and a round's both have a "status".
    "ENUM_NAME_OVERRIDES": {
        "PartnershipStatusEnum": "hamwe.partnerships.models.Partnership.Status",
        "RoundStatusEnum": "hamwe.scorecards.models.Round.Status",
        "DocumentKindEnum": "hamwe.partners.models.Document.Kind",
    },
}

# Content Security Policy: everything comes from Hamwe itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

SESSION_COOKIE_HTTPONLY = True
# Django's defaults, said out loud: another site's page cannot make a browser send
# signed-in requests in the background (part of the answer to BREACH on compressed
# pages, see hamwe/core/middleware.py).
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = "Lax"
# Sessions in the database, their stored expiry rounded to the day (accounts/trail.py).
SESSION_ENGINE = "hamwe.accounts.trail"
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("HAMWE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(env_str("HAMWE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("HAMWE_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # Refusals (403/404/405) are the access rule working, not news, in tests.
        "django.request": {"level": "ERROR" if MODE == "test" else "WARNING"},
    },
}

# The home organisation's display name until a policy pack says otherwise.
HAMWE_HOME_NAME = env_str("HAMWE_HOME_NAME", "Hamwe")
# Where Hamwe is served, for links in e-mails sent outside a request (the daily digest).
HAMWE_BASE_URL = env_str("HAMWE_BASE_URL", "http://127.0.0.1:8000")
