"""Settings for the JPoA site, read from the environment.

Safe for development when DJANGO_DEBUG is on; with it off (the default) the
site refuses to start without DJANGO_SECRET_KEY and serves over HTTPS only.
README.md lists every variable.
"""

import hashlib
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def release_digest(root: Path) -> str:
    """A digest of what renders the pages: the code, templates, translations, pinned requirements
    and the static files' hashed names. Cached HTML is filed under it (conferences/caching.py), so while a
    new release replaces the old one machine by machine, neither serves what the other rendered.
    """
    digest = hashlib.sha256()
    parts = [root / "requirements.txt", root / "staticfiles" / "staticfiles.json"]
    for folder in ("conferences", "jpoa_site", "templates", "locale"):
        parts += sorted(path for path in (root / folder).rglob("*")
                        if path.suffix in {".py", ".html", ".txt", ".mo"} and "__pycache__" not in path.parts)
    for path in parts:
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value "
            "(for example the output of: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "development-only-key-never-used-when-debug-is-off"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Whitenoise serves static files under runserver too, as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "reversion",
    "jpoa_site.apps.SignInProtectionConfig",  # django-axes, under a heading staff understand
    "csp",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "conferences",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so that cached pages get the policy too.
    "csp.middleware.CSPMiddleware",
    # Before anything that answers on its own, so that every API answer says other sites may read it.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "conferences.address_language.AddressLanguageMiddleware",
    # Once the language is known, so that the refusal is in it; before anything is read or kept.
    "conferences.request_checks.ControlCharactersMiddleware",
    # Once the language is known (it is part of every key), before the rest: a cached page for
    # an anonymous reader costs one query.
    "conferences.page_cache.PublicPageCacheMiddleware",
    # Kept API answers, as soon as the API's throttle has counted the request, as cached pages are
    # sent: what the middleware below adds means nothing to JSON (their length is set with them).
    "conferences.api.kept_answers.KeptAnswerMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-ins while locked out
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "jpoa_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "jpoa_site.wsgi.application"

# A SQLite file for a laptop demo; PostgreSQL (DATABASE_URL=postgres://...) for real use.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reusing connections saves a connection set-up per request. They are not tested with a
        # query of their own before each request: public pages reconnect if the database dropped
        # theirs (conferences.caching.content_version), staff requests fail once and reconnect.
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
    )
}
# Behind PgBouncer in transaction mode, a cursor cannot outlive its transaction.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DJANGO_PGBOUNCER")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DJANGO_PGBOUNCER"):
    # Beside what DATABASE_URL's query gives (?sslmode=require, ?options=...).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    # Planning a page's queries costs PostgreSQL several times what running them does; a kept
    # connection prepares each query after its fifth run (psycopg's default) and plans it no more.
    # Prepared statements need parameters bound by the server, and a connection of one's own.
    options.update(server_side_binding=True, prepare_threshold=5)
    # No just-in-time compilation: the site's statements are short or string work, and compiling one
    # that PostgreSQL estimates as costly takes seconds (a dropdown's counts: 4 s, not 0.4). Behind
    # PgBouncer, which passes no such option, docs/deploy.md sets it for the database.
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The lists' indexes include the publication columns, on PostgreSQL; SQLite builds them without.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at the plain addresses, Russian under /ru/ (jpoa_site/urls.py); the catalogue is in
# locale/ru, compiled and kept with the code so that no tool is needed to serve it.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["jpoa_site.formats"]  # English dates day-month-year
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (the outcome documents' language versions) are private: no address serves the
# storage directly, only the document's download view, which checks publication first. On local
# disk by default; in an S3-compatible object store with DOCUMENT_STORAGE=s3, shared by every
# app machine (docs/deploy.md).
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "private-files"))
DOCUMENT_STORAGE = os.environ.get("DOCUMENT_STORAGE", "local")
if DOCUMENT_STORAGE == "s3":
    FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("S3_BUCKET", ""),
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
            "location": os.environ.get("S3_PREFIX", ""),
            "default_acl": "private",  # the bucket never answers the public itself
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not FILE_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("DOCUMENT_STORAGE=s3 needs S3_BUCKET.")
elif DOCUMENT_STORAGE == "local":
    FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": MEDIA_ROOT, "base_url": None}}
else:
    raise ImproperlyConfigured(f"DOCUMENT_STORAGE must be local or s3, not {DOCUMENT_STORAGE!r}.")
DOCUMENT_FILE_MAX_BYTES = env_int("DOCUMENT_FILE_MAX_MB", 20) * 1024 * 1024
STORAGES = {
    "default": FILE_STORAGE,
    # Compressed files with hashed names, so they can be cached for ever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Anonymous public pages and their parts are cached under keys made by conferences/caching.py
# (release, content version, language): in this process's memory, or in Redis, shared by every
# process and machine, with REDIS_URL.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}
RELEASE = release_digest(BASE_DIR)
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)  # 0 turns the page cache off
# The admin, the API and following by email at their addresses in each language (/admin/, /ru/admin/):
# the API keeps its answers itself (conferences/api/kept_answers.py), once its throttle has counted
# the request; the forms to follow carry their own CSRF tokens.
language_prefixes = ["", *(f"/{code}" for code, _name in LANGUAGES if code != LANGUAGE_CODE)]
API_PREFIXES = [f"{prefix}/api/" for prefix in language_prefixes]
PAGE_CACHE_SKIP_PREFIXES = [*API_PREFIXES, *(f"{prefix}/{part}/" for prefix in language_prefixes
                                             for part in ("admin", "follow", "data")),
                            "/healthz", "/robots.txt", STATIC_URL]

# HTTPS only, unless debugging or explicitly turned off behind a trusted setup.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers check over plain HTTP
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "conferences.views.site.csrf_failure"  # in the reader's language, with what to do
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=HTTPS)
if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a proxy that sets this header itself: clients could forge it otherwise.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles and everything else from this site only, with
# no inline script or style, so that markup slipped into a page can neither run nor restyle it. Public
# pages draw their bars as SVG for this; Django's admin needs no inline style or script either.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
if DEBUG:
    # Django's own debug pages (a 404 or an error with debug on) are styled and scripted inline: on a
    # developer's machine the policy is reported in the browser's console rather than enforced.
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None

# Failed admin sign-ins: after AXES_FAILURE_LIMIT from one address, or for one account,
# further attempts are refused for the cool-off time, and the page says why.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a load balancer every request comes from it: sign-in failures, API requests and requests to
# follow by email are counted per real client (jpoa_site/proxy.py).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
PROXY_COUNT = env_int("DJANGO_PROXY_COUNT", 1)
if BEHIND_PROXY:
    AXES_CLIENT_IP_CALLABLE = "jpoa_site.proxy.client_ip"

# The read-only JSON API (conferences/api): public data for anyone, so no sign-in and no forms;
# anonymous clients are throttled per address, with a 429 that says when to come back.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": ["conferences.api.throttling.AnonWindowThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "120/minute")},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "conferences.api.throttling.handle_exception",
    # OPTIONS would describe each address with its view's docstring, written for the code's readers in English.
    "VIEW_DESCRIPTION_FUNCTION": "conferences.api.views.no_description",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": _("JPoA open data API"),
    "DESCRIPTION": _("Read-only JSON of every public conference, speech, action item, document and plan of the "
                     "Joint Plan of Action for Central Asia, with the same filters as the site's lists."),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"(/ru)?/api/v1",
}
# Mail (following by email): written to the console while debugging, sent by SMTP otherwise.
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG
                               else "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
# A reader who asks to follow waits for the confirmation mail to be handed over; not for ever.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "JPoA Central Asia <noreply@localhost>")

# The licence of the complete download (/data/jpoa-open-data.zip), named in its data package and readme.
# The default's title is translated (its official Russian name); a title given here is shown as given.
OPEN_DATA_LICENSE = {
    "name": os.environ.get("DJANGO_OPEN_DATA_LICENSE", "CC-BY-4.0"),
    "title": (os.environ.get("DJANGO_OPEN_DATA_LICENSE_TITLE")
              or _("Creative Commons Attribution 4.0 International")),
    "path": os.environ.get("DJANGO_OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"),
}

# Other sites' pages may read the data (the API, the lists' CSV files and the complete download), and
# only the data, from their visitors' browsers; and ask again with the ETag they were given, for a 304.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^(/[a-z]{2})?/(api/|[a-z-]+/export\.csv$|data/jpoa-open-data\.zip$)"
CORS_ALLOW_HEADERS = [*default_headers, "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO; failures and lockouts are warnings. pymorphy3 says at INFO
    # where it loads its dictionaries from, once per process.
    "loggers": {"axes": {"level": "WARNING"}, "pymorphy3": {"level": "WARNING"}},
}
