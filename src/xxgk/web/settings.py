"""Django settings for xxgk, driven by environment variables.

XXGK_DATA_DIR    data directory (SQLite file, uploads); default ./var
DATABASE_URL     postgres://… (psycopg 3) or sqlite:///PATH; default SQLite in the data directory
XXGK_SECRET_KEY  secret key (required when XXGK_DEBUG is off)
XXGK_DEBUG       1 for development (default 1 unless XXGK_PRODUCTION=1)
XXGK_ALLOWED_HOSTS comma-separated host names
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent  # the xxgk package
DATA_DIR = Path(os.environ.get("XXGK_DATA_DIR", Path.cwd() / "var")).resolve()

PRODUCTION = os.environ.get("XXGK_PRODUCTION", "") == "1"
DEBUG = os.environ.get("XXGK_DEBUG", "0" if PRODUCTION else "1") == "1"
SECRET_KEY = os.environ.get("XXGK_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("XXGK_SECRET_KEY must be set when XXGK_PRODUCTION=1")
    SECRET_KEY = "insecure-development-key-not-for-production"
ALLOWED_HOSTS = [h for h in os.environ.get("XXGK_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "xxgk.apps.units",
    "xxgk.apps.workcalendar",
    "xxgk.apps.cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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
            ],
        },
    },
]
WSGI_APPLICATION = "xxgk.web.wsgi.application"

_default_db = f"sqlite:///{DATA_DIR / 'xxgk.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_db), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
