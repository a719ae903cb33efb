"""Settings for the equipment catalog and quote system.

One module. Every difference between a laptop and production is an environment
variable; the defaults run the whole system with no services (SQLite, Celery on the
filesystem transport, local-memory cache, console email). Malformed values fail loudly
at start-up instead of half-working.
"""

import ipaddress
import os
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))

env = environ.Env()

# --- Core -------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

# A development key only ever exists when DEBUG is on; production must bring its own.
_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_NAME = env.str("SITE_NAME", default="Halcyon Aesthetic Systems")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "csp",
    "axes",
    "rest_framework",
    # Partner keys are catalog.PartnerKey (the library's abstract model); the app stays installed for its
    # admin and key helpers, and so keeps its own APIKey table, unused.
    "rest_framework_api_key",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_prometheus",
    "import_export",
    "catalog",
    "quotes",
]

MIDDLEWARE = [
    # Outermost: the request id and the one log line per request (config/logs.py), then the
    # request metrics per view (django-prometheus: its Before and After middleware bracket the rest).
    "config.logs.RequestLogMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Inside the CSRF middleware: fills each visitor's tokens into shared, cached HTML.
    "config.pageholes.HolesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before any view: a NUL byte in the path, query or a form is a 404/400, never a database error.
    "config.hardening.NulBytesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must come last but for the metrics: it turns a locked-out login into a 429 page.
    "axes.middleware.AxesMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "config.context_processors.site",
                # After Django's own csrf processor: templates print a marker, see config/pageholes.py.
                "config.pageholes.csrf_marker",
                "quotes.context_processors.consultation",
                "quotes.context_processors.staff_nav",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Reuse connections between requests; health checks drop ones PostgreSQL closed.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker write the same file: wait for the lock instead of
    # failing at once, and take the write lock at BEGIN so readers never deadlock upgrading.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # Tests that start a real Celery worker need a test database another process can open:
    # a file, named per test run so two runs in one checkout do not share it.
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and broker -------------------------------------------------------

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A paused or unreachable Redis must not hang a page: fail fast instead.
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
            "KEY_PREFIX": "catalog",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "catalog"}}
    CELERY_BROKER_URL = "filesystem://"

CELERY_QUEUE_DIR = VAR_DIR / "queue"
# Longest task time limit (seconds). Redis's visibility timeout is derived from it.
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=120)
CELERY_VISIBILITY_TIMEOUT = env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT * 3)
if CELERY_VISIBILITY_TIMEOUT <= 2 * CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured(
        "CELERY_VISIBILITY_TIMEOUT must be more than twice CELERY_TASK_TIME_LIMIT, "
        "or a long task is delivered to a second worker while the first still runs it."
    )
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)

# --- Email ------------------------------------------------------------------

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default=f"{SITE_NAME} <sales@example.com>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Operations", a) for a in env.list("ADMIN_EMAILS", default=[])]

# --- Files ------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
# Uploads are capped: brochures and evidence files are PDFs, not videos.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

STATICFILES_MANIFEST = env.bool("STATICFILES_MANIFEST", default=not DEBUG)
# Without collectstatic (development, tests) WhiteNoise serves straight from the app folders.
WHITENOISE_USE_FINDERS = not STATICFILES_MANIFEST
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

_S3_BUCKET = env.str("S3_BUCKET", default="")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production (needs collectstatic); plain files otherwise.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATICFILES_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if _S3_BUCKET:
    # Any S3-compatible store through django-storages (pip install 'django-storages[s3]').
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": env.str("S3_ENDPOINT_URL", default=None),
            "region_name": env.str("S3_REGION", default=None),
            "default_acl": None,
            # Catalog files are linked from stored documents and cached pages: their URLs must not
            # expire. The bucket's policy makes only the catalog's folders public (README, Media);
            # quote PDFs stay private and are read by the app with its credentials.
            "querystring_auth": False,
            "file_overwrite": False,
        },
    }

# --- Auth and security ------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    # Axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Staff sign in on the sales workspace's own page (the admin keeps its own); both lock out alike.
LOGIN_URL = "quotes:sales-login"
LOGIN_REDIRECT_URL = "quotes:sales-dashboard"

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
# Lock the username from that address, so an attacker cannot lock a colleague out from afar.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "errors/lockout.html"
# Reverse proxies in front of the app that append to X-Forwarded-For (1 for a single nginx);
# every client address (lockout, throttles, rate limits, stored addresses) comes from config.clientip.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT is a number of proxies, 0 or more, not {PROXY_COUNT}.")
AXES_CLIENT_IP_CALLABLE = "config.clientip.client_ip"
# The template above, answered 429 with Retry-After.
AXES_LOCKOUT_CALLABLE = "config.errors.admin_lockout"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Health checks come over plain HTTP from the load balancer, and Prometheus scrapes each web
# process directly (not through the TLS proxy); /metrics still needs its token or network.
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$", r"^metrics$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # No 'unsafe-inline' for scripts: every script is a file under /static/.
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env.list("CSP_EXTRA_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# --- Internationalisation ---------------------------------------------------

LANGUAGE_CODE = "en"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Logging, metrics, error reporting ----------------------------------------

# JSON lines for the log shipper (one per request and per task, with the request id: config/logs.py);
# `plain` reads better in a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="plain" if DEBUG else "json")
if LOG_FORMAT not in ("json", "plain"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or plain, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.logs.RequestIdFilter"},
        # A buyer's quote link is a bearer credential: no log line carries its whole token.
        "quote_links": {"()": "config.logredact.RedactQuoteLinks"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "timestamp": False,
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id", "quote_links"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # Our request and task lines replace these (they would be a second line for each):
        # runserver's access log, Django's 4xx warnings, Celery's "received" and "succeeded in" lines.
        # Errors with their tracebacks still come through.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
        "celery.app.trace": {"level": "WARNING"},
        "celery.worker.strategy": {"level": "WARNING"},
    },
}

# Prometheus at /metrics (config/monitoring.py): off (404) until a token or a network is set.
# A scraper sends `Authorization: Bearer <METRICS_TOKEN>` or connects from an allowed network
# (the address the web process sees, so a scraper behind the proxy needs the token).
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")
try:
    METRICS_ALLOWED_NETWORKS = [
        ipaddress.ip_network(n, strict=False) for n in env.list("METRICS_ALLOWED_NETWORKS", default=[])
    ]
except ValueError as exc:
    raise ImproperlyConfigured(f"METRICS_ALLOWED_NETWORKS must list networks like 10.0.0.0/8: {exc}") from None
# A Celery worker serves its own task metrics on this port (0: off), behind the same token and networks.
WORKER_METRICS_PORT = env.int("WORKER_METRICS_PORT", default=0)
WORKER_METRICS_ADDR = env.str("WORKER_METRICS_ADDR", default="127.0.0.1")

# Error reporting: set SENTRY_DSN and nothing else (config/__init__.py starts it in every process).
# No personal data unless asked for: no user
# e-mail, IP or cookies, and the buyer's quote token is cut out of URLs (config/logs.py).
SENTRY_DSN = env.str("SENTRY_DSN", default="")
SENTRY_ENVIRONMENT = env.str("SENTRY_ENVIRONMENT", default="production")
SENTRY_RELEASE = env.str("SENTRY_RELEASE", default="")
SENTRY_SEND_PII = env.bool("SENTRY_SEND_PII", default=False)
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)

# --- Catalog ----------------------------------------------------------------

# The spreadsheet import keeps the uploaded file between the dry run and the confirmation in the
# cache: Redis in production, so the confirming request may reach any web process.
IMPORT_EXPORT_TMP_STORAGE_CLASS = "import_export.tmp_storages.CacheStorage"
IMPORT_EXPORT_USE_TRANSACTIONS = True

CATALOG_COMPARE_MAX = 4
# The sales inbox: where owner alerts go when a lead has no owner, and the address buyers are given.
SALES_EMAIL = env.str("SALES_EMAIL", default="sales@example.com")
CATALOG_CURRENCIES = ["USD", "EUR", "GBP", "AUD", "CAD"]
# One price policy for pages, compare and the API (catalog.money.prices_public): off, list prices,
# tiers and option prices are for staff and partner keys with prices:read only.
PUBLIC_PRICES = env.bool("PUBLIC_PRICES", default=False)

# --- API --------------------------------------------------------------------


def _throttle_rate(name: str, default: str) -> str:
    value = env.str(name, default=default)
    count, _, period = value.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in ("second", "minute", "hour", "day"):
        raise ImproperlyConfigured(f"{name} must look like 60/minute (per second, minute, hour or day), not {value!r}.")
    return value


REST_FRAMEWORK = {
    # None by default: the catalog API's views name theirs (partner API keys, staff sessions;
    # catalog.api.access), and public endpoints such as consultations stay anonymous.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Bounded JSON (size, depth): config.api.JSONParser.
    "DEFAULT_PARSER_CLASSES": ["config.api.JSONParser"],
    # No DRF throttles by default: they count in the cache, which is Redis in production,
    # and a paused Redis must not hang an API call. Endpoints limit with their own rows.
    "DEFAULT_THROTTLE_CLASSES": [],
    # Used only by the catalog API's own throttle classes (catalog.api.access), which let a
    # request through when the cache is down: anonymous callers by address, keys by prefix.
    "DEFAULT_THROTTLE_RATES": {
        "catalog_anon": _throttle_rate("API_ANON_RATE", "60/minute"),
        "catalog_key": _throttle_rate("API_KEY_RATE", "1200/minute"),
    },
    "EXCEPTION_HANDLER": "config.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{SITE_NAME} API",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from our own static files (drf-spectacular-sidecar): the CSP allows no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "catalog.api.docs.describe_api"],
    # Catalog list items: `deleted` is false on live items and true on tombstones.
    "ENUM_NAME_OVERRIDES": {"LiveDeletedEnum": [(False, False)], "TombstoneDeletedEnum": [(True, True)]},
}
# Sync lists show a change once it is this old, so a change whose transaction is still
# committing when a page is read cannot slip behind a consumer's cursor (catalog.api.sync).
API_SYNC_SETTLE_SECONDS = env.float("API_SYNC_SETTLE_SECONDS", default=5.0)
# How often stored documents whose content changes with time (a scheduled guide going live)
# are rebuilt; until then they leave the guide out (catalog.services.documents_refresh_expired).
DOCUMENTS_REFRESH_SECONDS = env.int("DOCUMENTS_REFRESH_SECONDS", default=60)
# Anonymous public pages are cached whole, keyed by the catalog's version (catalog/pagecache.py):
# a change makes new keys at once, so this only bounds how long unused copies take up the cache.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=24 * 3600)
# gzip level of API responses (1 fastest .. 9 smallest); catalog JSON compresses well at any.
API_GZIP_LEVEL = env.int("API_GZIP_LEVEL", default=5)
# A partner key verified by a process is trusted by it for this long without the database:
# a revoked key stops working everywhere within this many seconds (0: verify every request).
API_KEY_CACHE_SECONDS = env.int("API_KEY_CACHE_SECONDS", default=10)
# A conditional list request ("changed since this ETag?") may be answered 304 from the list
# state its process read this many seconds ago; bodies are always built from a fresh state.
API_STATE_CACHE_SECONDS = env.int("API_STATE_CACHE_SECONDS", default=1)
if not 1 <= API_GZIP_LEVEL <= 9:
    raise ImproperlyConfigured(f"API_GZIP_LEVEL must be from 1 to 9, not {API_GZIP_LEVEL}.")

# --- Sales and leads --------------------------------------------------------


def _working_hours(value: str) -> tuple[int, int]:
    try:
        opens, closes = (int(part) for part in value.split("-"))
    except ValueError:
        raise ImproperlyConfigured(f"LEAD_WORKING_HOURS must look like 9-17, not {value!r}.") from None
    if not 0 <= opens < closes <= 24:
        raise ImproperlyConfigured(f"LEAD_WORKING_HOURS must open before it closes within 0-24, not {value!r}.")
    return opens, closes


# A new lead nobody has contacted within this many working hours is overdue.
LEAD_FIRST_RESPONSE_HOURS = env.float("LEAD_FIRST_RESPONSE_HOURS", default=4)
# ISO weekdays (Monday 1 .. Sunday 7) and whole hours, in TIME_ZONE.
LEAD_WORKING_DAYS = env.list("LEAD_WORKING_DAYS", cast=int, default=[1, 2, 3, 4, 5])
if not LEAD_WORKING_DAYS or not set(LEAD_WORKING_DAYS) <= set(range(1, 8)):
    raise ImproperlyConfigured("LEAD_WORKING_DAYS is a list of ISO weekdays from 1 (Monday) to 7 (Sunday).")
LEAD_WORKING_HOURS = _working_hours(env.str("LEAD_WORKING_HOURS", default="9-17"))

# Spam and abuse: counted on saved requests in the database, never in the cache, so a
# paused Redis cannot slow a buyer's answer.
CONSULTATION_RATE_WINDOW_MINUTES = env.int("CONSULTATION_RATE_WINDOW_MINUTES", default=60)
CONSULTATION_RATE_PER_IP = env.int("CONSULTATION_RATE_PER_IP", default=10)
CONSULTATION_RATE_PER_EMAIL = env.int("CONSULTATION_RATE_PER_EMAIL", default=5)
# A person needs a few seconds to fill the form; a script does not.
CONSULTATION_MIN_FILL_SECONDS = env.int("CONSULTATION_MIN_FILL_SECONDS", default=3)
# More links than this in the free text marks a request as spam.
CONSULTATION_MAX_LINKS = env.int("CONSULTATION_MAX_LINKS", default=2)

# Publishing after commit (quotes.dispatch) runs on background threads, at most this many at once
# so an outage cannot pile them up; the outbox sweep publishes whatever is left every so often.
NOTIFICATION_RELAY_THREADS = env.int("NOTIFICATION_RELAY_THREADS", default=4)
NOTIFICATION_SWEEP_SECONDS = env.int("NOTIFICATION_SWEEP_SECONDS", default=60)
# A queued notification not sent after this long was lost by the broker: queue it again.
NOTIFICATION_REQUEUE_AFTER_SECONDS = env.int("NOTIFICATION_REQUEUE_AFTER_SECONDS", default=15 * 60)

CELERY_BEAT_SCHEDULE = {
    "catalog-documents-refresh": {
        "task": "catalog.tasks.documents_refresh_expired_task",
        "schedule": DOCUMENTS_REFRESH_SECONDS,
        "options": {"expires": DOCUMENTS_REFRESH_SECONDS},
    },
    "notifications-relay": {
        "task": "quotes.tasks.notifications_relay_task",
        "schedule": NOTIFICATION_SWEEP_SECONDS,
        # Sweeps that waited out an outage in the queue are pointless: the next one runs soon.
        "options": {"expires": NOTIFICATION_SWEEP_SECONDS},
    },
}

# --- Quotes -----------------------------------------------------------------

QUOTE_VALIDITY_DAYS = env.int("QUOTE_VALIDITY_DAYS", default=30)
# A line discount above this many percent needs a sales manager's approval before sending.
QUOTE_DISCOUNT_APPROVAL_PERCENT = env.int("QUOTE_DISCOUNT_APPROVAL_PERCENT", default=10)
QUOTE_LINK_MAX_AGE_DAYS = env.int("QUOTE_LINK_MAX_AGE_DAYS", default=60)
# Rendering one PDF may take this long before it fails readably (soft limit in the task).
QUOTE_PDF_TIME_LIMIT = env.int("QUOTE_PDF_TIME_LIMIT", default=90)
if QUOTE_PDF_TIME_LIMIT >= CELERY_TASK_TIME_LIMIT:
    raise ImproperlyConfigured("QUOTE_PDF_TIME_LIMIT must stay below CELERY_TASK_TIME_LIMIT.")
QUOTE_PDF_MAX_ATTEMPTS = env.int("QUOTE_PDF_MAX_ATTEMPTS", default=3)
QUOTE_SWEEP_AFTER_SECONDS = env.int("QUOTE_SWEEP_AFTER_SECONDS", default=120)
# Who sells: the letterhead, the tax line, the bank details and the terms of every quote PDF.
# A deployment sets its own; with DEBUG on (`make run`) a fictitious demo company fills the
# gaps so the demo quote reads like a real one, while production shows only what it was given.
_DEMO_SELLER = {
    "legal_name": "Halcyon Aesthetic Systems S.L.",
    "address": ["Harbour Point, 12 Quay Street", "46024 Valencia", "Spain"],
    "email": "sales@halcyon-aesthetic.example",
    "phone": "+34 960 000 123",
    "website": "www.halcyon-aesthetic.example",
    "tax_id": "ESB12345678",
    "registration": "Registro Mercantil de Valencia, Tomo 10001, Hoja V-123456",
    "bank_name": "Banco Ejemplo, Valencia",
    "bank_account_name": "Halcyon Aesthetic Systems S.L.",
    "iban": "ES91 2100 0418 4502 0005 1332",
    "bic": "CAIXESBBXXX",
    "terms": (
        "Title passes on full payment. Installation and two days of on-site training are included "
        "for each device. Disputes fall under the courts of Valencia, Spain."
    ),
}
_seller_default = _DEMO_SELLER if DEBUG else dict.fromkeys(_DEMO_SELLER, "") | {"address": []}
QUOTE_SELLER = {
    "name": env.str("SELLER_NAME", default=SITE_NAME),
    "legal_name": env.str("SELLER_LEGAL_NAME", default=_seller_default["legal_name"]),
    "address": env.list("SELLER_ADDRESS", default=_seller_default["address"]),
    "email": env.str("SELLER_EMAIL", default=_seller_default["email"] or SALES_EMAIL),
    "phone": env.str("SELLER_PHONE", default=_seller_default["phone"]),
    "website": env.str("SELLER_WEBSITE", default=_seller_default["website"] or SITE_URL.split("://")[-1]),
    "tax_id": env.str("SELLER_TAX_ID", default=_seller_default["tax_id"]),
    "registration": env.str("SELLER_REGISTRATION", default=_seller_default["registration"]),
    "bank_name": env.str("SELLER_BANK_NAME", default=_seller_default["bank_name"]),
    "bank_account_name": env.str("SELLER_BANK_ACCOUNT_NAME", default=_seller_default["bank_account_name"]),
    "iban": env.str("SELLER_IBAN", default=_seller_default["iban"]),
    "bic": env.str("SELLER_BIC", default=_seller_default["bic"]),
    "terms": env.str("SELLER_TERMS", default=_seller_default["terms"]),
    # A messaging contact beside phone and email (e.g. https://wa.me/34960000000); none when empty.
    "messaging_label": env.str("SELLER_MESSAGING_LABEL", default="WhatsApp"),
    "messaging_url": env.str("SELLER_MESSAGING_URL", default=""),
}
if QUOTE_SELLER["messaging_url"] and not QUOTE_SELLER["messaging_url"].startswith("https://"):
    raise ImproperlyConfigured("SELLER_MESSAGING_URL must be an https:// link, such as https://wa.me/34960000000.")
if QUOTE_SELLER["iban"] and not QUOTE_SELLER["bic"]:
    raise ImproperlyConfigured("SELLER_BIC must be set with SELLER_IBAN: foreign buyers pay by SWIFT.")
# The paper the quote PDF is laid out on: A4 (most of the world) or Letter (US, Canada, Mexico).
QUOTE_PAGE_SIZE = env.str("QUOTE_PAGE_SIZE", default="A4")
if QUOTE_PAGE_SIZE not in ("A4", "Letter"):
    raise ImproperlyConfigured("QUOTE_PAGE_SIZE must be A4 or Letter.")
CELERY_BEAT_SCHEDULE.update(
    {
        "quote-pdfs-sweep": {"task": "quotes.tasks.quote_pdfs_sweep_task", "schedule": 60.0},
        "quotes-expire": {"task": "quotes.tasks.quotes_expire_task", "schedule": 3600.0},
    }
)
