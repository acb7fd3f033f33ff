"""The settings module as an operator meets it: started in a fresh process from the environment."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jpoa_site.settings import release_digest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    base = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, "DJANGO_SETTINGS_MODULE": "jpoa_site.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="x7Jq-production-like-secret-key-with-plenty-of-entropy-9fK2mPz4RtY8wLbN",
        DJANGO_ALLOWED_HOSTS="jpoa.example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_debug_off_without_secret_key_stops_with_a_clear_message():
    result = manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_debug_on_runs_without_secret_key():
    result = manage("check", DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_cached_pages_are_filed_under_the_release(tmp_path):
    """A new release (its templates, code, translations, requirements or static files) never serves what an
    older one cached."""
    files = {
        "templates/base.html": "<footer>old</footer>",
        "conferences/views.py": "x = 1\n",
        "requirements.txt": "Django==5.2.19\n",
        "staticfiles/staticfiles.json": '{"paths": {"site.css": "site.1.css"}}',
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    first = release_digest(tmp_path)
    (tmp_path / "conferences" / "__pycache__").mkdir()
    (tmp_path / "conferences" / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"compiled")
    assert release_digest(tmp_path) == first
    seen = {first}
    for name, text in [("templates/base.html", "<footer>new</footer>"), ("conferences/views.py", "x = 2\n"),
                       ("requirements.txt", "Django==5.2.20\n"), ("locale/ru/LC_MESSAGES/django.mo", "compiled"),
                       ("staticfiles/staticfiles.json", '{"paths": {"site.css": "site.2.css"}}')]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
        assert release_digest(tmp_path) not in seen, name
        seen.add(release_digest(tmp_path))
    # Every cache key holds the release (tests/test_caching.py checks that it does).
    release = "from django.conf import settings; print(settings.RELEASE)"
    started = manage("shell", "-v0", "-c", release, DJANGO_SECRET_KEY="tests-only-not-a-secret")
    assert started.stdout.strip() == release_digest(ROOT), started.stderr


PRODUCTION = {"DJANGO_SECRET_KEY": "x7Jq-production-like-secret-key-with-plenty-of-entropy-9fK2mPz4RtY8wLbN",
              "DJANGO_ALLOWED_HOSTS": "jpoa.example.org"}
STORAGE_REPORT = ("from django.core.files.storage import storages; s = storages['default']; "
                  "print(type(s).__name__, s.bucket_name, s.default_acl, s.querystring_auth, s.file_overwrite)")


def test_documents_files_go_to_a_private_bucket_with_document_storage_s3():
    result = manage("shell", "--no-imports", "-c", STORAGE_REPORT, **PRODUCTION,
                    DOCUMENT_STORAGE="s3", S3_BUCKET="jpoa-documents", S3_ENDPOINT_URL="https://s3.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "jpoa-documents", "private", "True", "False"]


def test_a_wrong_document_storage_stops_with_a_clear_message():
    missing = manage("check", **PRODUCTION, DOCUMENT_STORAGE="s3")
    assert missing.returncode != 0 and "DOCUMENT_STORAGE=s3 needs S3_BUCKET." in missing.stderr
    wrong = manage("check", **PRODUCTION, DOCUMENT_STORAGE="ftp")
    assert wrong.returncode != 0 and "DOCUMENT_STORAGE must be local or s3, not 'ftp'." in wrong.stderr


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a setting of PostgreSQL's")
def test_postgresql_compiles_no_statement_just_in_time():
    # Compiling a large list's option counts took ten times as long as running them.
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_database_options_in_the_address_are_kept_beside_the_sites_own():
    result = manage("shell", "-c", "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])",
                    DJANGO_DEBUG="1", DATABASE_URL="postgres://jpoa@db.example.org/jpoa?sslmode=require")
    assert result.returncode == 0, result.stderr
    assert "'sslmode': 'require'" in result.stdout  # a connection without TLS would be refused, or worse, made
    assert "-c jit=off" in result.stdout
