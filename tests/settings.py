"""The site's settings, with what tests need: a key, plain HTTP and fast hashing."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-not-a-secret")
os.environ["DJANGO_HTTPS"] = "0"

from jpoa_site.settings import *  # noqa: E402,F403
from jpoa_site.settings import STORAGES  # noqa: E402

# Fast hashing for the tests; PBKDF2 too, for accounts that real app servers started by a test check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
# Uploaded files go to a folder of this run's own, which tests/conftest.py removes at the end.
MEDIA_ROOT = tempfile.mkdtemp(prefix="jpoa-test-files-")
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that are about the page cache turn it on; the rest see every change at once.
PAGE_CACHE_SECONDS = 0

# Serve static files straight from static/ (no collectstatic before tests).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# On SQLite the test database is a file rather than shared memory, so that the live
# server of the browser tests works with connections of its own, as a real server does.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test-db.sqlite3")}  # noqa: F405

# Tests make hundreds of API requests from one address; tests/test_api.py checks the throttle at its own rate.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}  # noqa: F405
