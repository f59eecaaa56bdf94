"""Django settings for xxgk, driven by environment variables.

XXGK_DATA_DIR    data directory (SQLite file, uploads); default ./var
DATABASE_URL     postgres://… (psycopg 3) or sqlite:///PATH; default SQLite in the data directory
XXGK_SECRET_KEY  secret key (required when XXGK_DEBUG is off)
XXGK_DEBUG       1 for development (default 1 unless XXGK_PRODUCTION=1)
XXGK_ALLOWED_HOSTS comma-separated host names
XXGK_PRODUCTION  1 for production: DEBUG off, HTTPS settings on, secret key required
XXGK_SSL_REDIRECT            production: redirect HTTP to HTTPS (default 1)
XXGK_HSTS_SECONDS            production: Strict-Transport-Security max-age (default 31536000)
XXGK_HSTS_INCLUDE_SUBDOMAINS production: HSTS includeSubDomains (default 1)
XXGK_HSTS_PRELOAD            production: HSTS preload (default 1)
XXGK_PROXY_SSL_HEADER        1 to trust X-Forwarded-Proto: https from a reverse proxy (default 0)
XXGK_CSRF_TRUSTED_ORIGINS    comma-separated origins, e.g. https://xxgk.example.gov.cn
XXGK_LOG_LEVEL               log level of the xxgk loggers (default WARNING)
See docs/security.md.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent  # the xxgk package
DATA_DIR = Path(os.environ.get("XXGK_DATA_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("XXGK_PRODUCTION", "") == "1"
# Production fails closed: DEBUG cannot be switched on, the secret key must be long, e-mail must really be sent.
if PRODUCTION and os.environ.get("XXGK_DEBUG", "0") != "0":
    raise ImproperlyConfigured("生产模式（XXGK_PRODUCTION=1）不能开启调试模式：请删除 XXGK_DEBUG 或设为 0。")
DEBUG = not PRODUCTION and os.environ.get("XXGK_DEBUG", "1") == "1"
MIN_SECRET_KEY_LENGTH = 50
SECRET_KEY = os.environ.get("XXGK_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("生产模式（XXGK_PRODUCTION=1）必须设置 XXGK_SECRET_KEY。")
    SECRET_KEY = "insecure-development-key-not-for-production"
elif PRODUCTION and (len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured(
        f"生产模式下 XXGK_SECRET_KEY 至少应有{MIN_SECRET_KEY_LENGTH}个随机字符，"
        '可用 python -c "import secrets; print(secrets.token_urlsafe(50))" 生成。'
    )
ALLOWED_HOSTS = [h for h in os.environ.get("XXGK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("XXGK_CSRF_TRUSTED_ORIGINS", "").split(",") if o]
if PRODUCTION and not CSRF_TRUSTED_ORIGINS:
    # Behind a TLS proxy the browser's origin is https://<configured host>; a wildcard host stays out.
    CSRF_TRUSTED_ORIGINS = [f"https://{h.lstrip('.')}" for h in ALLOWED_HOSTS if h != "*" and "*" not in h]


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default) == "1"


INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "xxgk.apps.units",
    "xxgk.apps.workcalendar",
    "xxgk.apps.cases",
    "xxgk.apps.letters",
    "xxgk.apps.reports",
    "xxgk.apps.portal",
    "xxgk.apps.catalogue",
    "xxgk.apps.public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "xxgk.web.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "xxgk.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "web" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.apps.units.context_processors.platform",
            ],
        },
    },
]
WSGI_APPLICATION = "xxgk.web.wsgi.application"

_default_db = f"sqlite:///{DATA_DIR / 'xxgk.sqlite3'}"
# The SQLite file and collected static files live here; whitenoise warns if the static root is missing.
# A read-only data directory is the operator's choice (PostgreSQL, pre-collected static files).
with contextlib.suppress(OSError):
    (DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
SUPPORTED_DATABASE_ENGINES = ("django.db.backends.postgresql", "django.db.backends.sqlite3")
try:
    _database = dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db), conn_max_age=60)
except ValueError as exc:  # dj_database_url.UnknownSchemeError
    raise ImproperlyConfigured(f"DATABASE_URL 无法识别，应为 postgres://… 或 sqlite:///…（{exc}）") from exc
if _database["ENGINE"] not in SUPPORTED_DATABASE_ENGINES:
    raise ImproperlyConfigured(
        f"DATABASE_URL 指向不支持的数据库（{_database['ENGINE']}），应为 postgres://…（PostgreSQL）或 sqlite:///…"
    )
DATABASES = {"default": _database}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing on a lock upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(timeout=20, transaction_mode="IMMEDIATE")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
# The source strings are Chinese; add ("en", "English") here with a catalogue under locale/ for an English UI.
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "web" / "static"]
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve straight from the app directories too, so that a fresh checkout works before collectstatic.
WHITENOISE_USE_FINDERS = True

LOGIN_URL = "units:login"
LOGIN_REDIRECT_URL = "units:home"
LOGOUT_REDIRECT_URL = "units:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "xxgk.apps.units.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("XXGK_SSL_REDIRECT", "1")
    SECURE_HSTS_SECONDS = int(os.environ.get("XXGK_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("XXGK_HSTS_INCLUDE_SUBDOMAINS", "1")
    SECURE_HSTS_PRELOAD = _flag("XXGK_HSTS_PRELOAD", "1")
# Request bodies: form fields (everything but files) up to 10 MB in memory; uploads are streamed to a
# temporary file and refused while streaming once past XXGK_MAX_UPLOAD (xxgk.web.uploads).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
XXGK_MAX_UPLOAD = int(os.environ.get("XXGK_MAX_UPLOAD", str(20 * 1024 * 1024)))
FILE_UPLOAD_HANDLERS = [
    "xxgk.web.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
if _flag("XXGK_PROXY_SSL_HEADER", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "xxgk.web.log.StderrHandler", "formatter": "plain"}},
    "loggers": {"xxgk": {"handlers": ["console"], "level": os.environ.get("XXGK_LOG_LEVEL", "WARNING")}},
}

# E-mail (daily case reminders, `xxgk manage send_reminders`, portal receipts): console in development.
# In production it must be set explicitly to SMTP or a file directory: the console backend would write
# applicants' addresses and secret tracking links to the server log.
EMAIL_BACKEND = os.environ.get(
    "XXGK_EMAIL_BACKEND", "" if PRODUCTION else "django.core.mail.backends.console.EmailBackend"
)
_EMAIL_SHORT = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
}
EMAIL_BACKEND = _EMAIL_SHORT.get(EMAIL_BACKEND, EMAIL_BACKEND)
if PRODUCTION and EMAIL_BACKEND not in _EMAIL_SHORT.values():
    raise ImproperlyConfigured(
        "生产模式必须把 XXGK_EMAIL_BACKEND 设为 smtp（并设置 XXGK_EMAIL_HOST 等）"
        "或 file（并设置 XXGK_EMAIL_FILE_PATH）；不能使用控制台输出，否则申请人的邮箱和查询链接会写入日志。"
    )
EMAIL_FILE_PATH = os.environ.get("XXGK_EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("XXGK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("XXGK_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("XXGK_DEFAULT_FROM_EMAIL", "xxgk@localhost")
XXGK_SITE_URL = os.environ.get("XXGK_SITE_URL", "")  # e.g. https://xxgk.example.gov.cn, for links in e-mails

# Table 四 counting rule (applications.md §8): "pending_in_filed_year" counts a review or
# lawsuit in the year it was filed if still pending at year end, otherwise in the year it
# concluded; "filed_year_only" counts every case in the year it was filed.
XXGK_REVIEW_COUNTING_RULE = os.environ.get("XXGK_REVIEW_COUNTING_RULE", "pending_in_filed_year")
