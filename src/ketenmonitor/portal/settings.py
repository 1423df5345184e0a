# SPDX-License-Identifier: EUPL-1.2
"""Django settings of the portal, derived from :class:`PortalSettings` (``KETENMONITOR_PORTAL_*``).

Nothing here is meant to be edited per installation: operators set environment variables.
Production defaults: DEBUG off, secure cookies, HSTS and HTTPS redirect behind TLS, a strict
Content-Security-Policy (no inline script or style), no external network (all assets vendored).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF

from ketenmonitor.core.logging import configure_logging
from ketenmonitor.portal.config import get_portal_settings, secret_key

PORTAL_DIR = Path(__file__).resolve().parent
CONFIG = get_portal_settings()
DEVELOPMENT = CONFIG.ontwikkeling

configure_logging(CONFIG.log_level)

SECRET_KEY = secret_key(CONFIG)
DEBUG = CONFIG.debug and DEVELOPMENT
ALLOWED_HOSTS = list(CONFIG.allowed_hosts)
CSRF_TRUSTED_ORIGINS = list(CONFIG.csrf_trusted_origins)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "csp",
    "axes",
    "mozilla_django_oidc",
    "ketenmonitor.portal.accounts",
    "ketenmonitor.portal.audit",
    "ketenmonitor.portal.dashboards",
    "ketenmonitor.portal.regiovisie",
]

MIDDLEWARE = [
    "ketenmonitor.portal.limits.RequestLimitsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "ketenmonitor.portal.errors.ProductErrorMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
]

ROOT_URLCONF = "ketenmonitor.portal.urls"
WSGI_APPLICATION = "ketenmonitor.portal.wsgi.application"
AUTH_USER_MODEL = "accounts.Gebruiker"

AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend"]
if CONFIG.oidc_enabled:
    AUTHENTICATION_BACKENDS.append("ketenmonitor.portal.accounts.oidc.KetenmonitorOIDCBackend")
if DEVELOPMENT:
    AUTHENTICATION_BACKENDS.append("django.contrib.auth.backends.ModelBackend")

LOGIN_URL = "accounts:inloggen"
LOGIN_REDIRECT_URL = "dashboards:start"
LOGOUT_REDIRECT_URL = "accounts:inloggen"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PORTAL_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ketenmonitor.portal.context.portal",
            ],
        },
    }
]


def _database() -> dict[str, Any]:
    url = CONFIG.database_location
    if url.startswith("sqlite:"):
        CONFIG.data_dir.mkdir(parents=True, exist_ok=True)
    db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db["CONN_MAX_AGE"] = 0
        # IMMEDIATE: a writer takes the lock at BEGIN, so the audit chain is never read stale.
        db["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
        }
    return db


DATABASES = {"default": _database()}

# Bounded requests (portal/limits.py): larger bodies get 413 before they are read; fields in
# memory up to 2.5 MB; uploaded files above 1 MB go to a temporary file, never all in memory.
MAX_REQUEST_BYTES = CONFIG.max_verzoek_mb * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = min(MAX_REQUEST_BYTES, 2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
REQUEST_TIME_LIMIT = CONFIG.verzoek_tijdslimiet

# Publication folders are stored relative to this root when they are inside it (movable).
PUBLICATION_ROOT = (CONFIG.publicatie_map or CONFIG.data_dir).resolve()

# Audit log: HMAC key and anchor of the chain head, both outside the database (ADR 0016)
AUDIT_KEY_FILE = CONFIG.audit_key_file
AUDIT_ANCHOR_FILE = CONFIG.audit_anchor_file
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [PORTAL_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = CONFIG.data_dir / "static"
STATICFILES_DIRS: list[Any] = [PORTAL_DIR / "static"]
if CONFIG.thema_css is not None:
    STATICFILES_DIRS.append(("thema", CONFIG.thema_css.resolve().parent))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if CONFIG.statisch_comprimeren
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}
WHITENOISE_MAX_AGE = 3600

# Sessions and cookies
SESSION_COOKIE_AGE = 8 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # the OIDC callback is a top-level redirect from the IdP
SESSION_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_SECURE = not DEVELOPMENT
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "km_sessie"
CSRF_COOKIE_NAME = "km_csrf"

# HTTPS and headers
BEHIND_TLS = CONFIG.achter_tls and not DEVELOPMENT
SECURE_SSL_REDIRECT = BEHIND_TLS
SECURE_HSTS_SECONDS = CONFIG.hsts_seconden if BEHIND_TLS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = BEHIND_TLS
SECURE_HSTS_PRELOAD = False
if CONFIG.proxy_tls_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Preloading HSTS commits the whole domain to HTTPS; that is the domain owner's decision (ADR 0004).
SILENCED_SYSTEM_CHECKS = ["security.W021"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF, *([CONFIG.oidc_authorization_endpoint] if CONFIG.oidc_enabled
                                 and CONFIG.oidc_authorization_endpoint else [])],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}

# Brute-force protection of the development login (django-axes)
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/geblokkeerd.html"
AXES_VERBOSE = False
if CONFIG.proxy_ip_header:
    AXES_IPWARE_META_PRECEDENCE_ORDER = [CONFIG.proxy_ip_header, "REMOTE_ADDR"]

# OIDC (mozilla-django-oidc); claim names and role values are mapped in accounts.claims
if CONFIG.oidc_enabled:
    OIDC_RP_CLIENT_ID = CONFIG.oidc_client_id
    OIDC_RP_CLIENT_SECRET = (
        CONFIG.oidc_client_secret.get_secret_value() if CONFIG.oidc_client_secret else ""
    )
    OIDC_OP_AUTHORIZATION_ENDPOINT = CONFIG.oidc_authorization_endpoint
    OIDC_OP_TOKEN_ENDPOINT = CONFIG.oidc_token_endpoint
    OIDC_OP_USER_ENDPOINT = CONFIG.oidc_user_endpoint
    OIDC_OP_JWKS_ENDPOINT = CONFIG.oidc_jwks_endpoint
    OIDC_RP_SIGN_ALGO = CONFIG.oidc_sign_algo
    OIDC_RP_SCOPES = CONFIG.oidc_scopes
    OIDC_USE_PKCE = True
    OIDC_STORE_ID_TOKEN = False

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
        "axes": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
    },
}
