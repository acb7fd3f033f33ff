"""Several app servers sharing one PostgreSQL and one Redis never disagree about what is published.

Two gunicorn servers run the site against the test database and a throwaway Redis: a
publisher works through one, readers read through the other.
"""

import datetime as dt
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from conferences.models import Conference

from .factories import ActionItemFactory, ActionItemUpdateFactory, ConferenceFactory, CountryFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="processes share a database server: PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def program(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"These tests need {name}: install Debian's {name.replace('-server', '-server')} package "
                    f"(apt install {'redis-server' if name == 'redis-server' else name}).", pytrace=False)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redis")
    socket_path = folder / "redis.sock"
    process = subprocess.Popen(
        [program("redis-server"), "--port", "0", "--unixsocket", str(socket_path), "--unixsocketperm", "700",
         "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket_path.exists():
            break
        time.sleep(0.05)
    yield f"unix://{socket_path}"
    process.terminate()
    process.wait(10)


def database_url() -> str:
    settings = connection.settings_dict
    host = urllib.parse.quote(settings["HOST"] or "", safe="")
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}{port}/{settings['NAME']}"


class Server:
    def __init__(self, environment: dict):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "jpoa_site.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", "2", "--log-level", "warning"],
            cwd=ROOT, env=environment, start_new_session=True,
        )
        for _ in range(200):
            try:
                urllib.request.urlopen(self.url + "/healthz", timeout=2)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the app server did not start")

    def stop(self):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(20)


@pytest.fixture
def servers(redis_url):
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "jpoa_site.settings",
        "DJANGO_SECRET_KEY": "tests-only-not-a-secret",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_PAGE_CACHE_SECONDS": "600",
        "GUNICORN_ACCESSLOG": "off",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
    }
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=environment,
                   check=True)
    first, second = Server(environment), Server(environment)
    yield first, second
    first.stop()
    second.stop()


class Publisher:
    """A staff member signed in to one server, acting through the admin as a browser would."""

    def __init__(self, server: Server):
        user = get_user_model().objects.create_superuser("chief", "chief@example.org")
        user.password = make_password("a-long-test-password", hasher="pbkdf2_sha256")  # what the servers check
        user.save()
        self.server = server
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.post("/admin/login/", {"username": "chief", "password": "a-long-test-password", "next": "/admin/"},
                  page="/admin/login/")

    def csrf(self, page: str) -> str:
        html = self.opener.open(self.server.url + page).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]

    def post(self, path: str, data: dict, page: str) -> str:
        data = {**data, "csrfmiddlewaretoken": self.csrf(page)}
        body = urllib.parse.urlencode(data, doseq=True).encode()
        return self.opener.open(self.server.url + path, body).read().decode()

    def act(self, action: str, obj) -> None:
        changelist = f"/admin/conferences/{obj._meta.model_name}/"
        page = self.post(changelist, {"action": action, "_selected_action": [obj.pk]}, page=changelist)
        assert "1 item" in page, page[:300]


def read(server: Server, path: str) -> tuple[str, str | None]:
    response = urllib.request.urlopen(server.url + path, timeout=10)
    return response.read().decode(), response.headers.get("X-Cache")


def test_published_through_one_server_shows_at_once_on_the_other(servers):
    first, second = servers
    ConferenceFactory(title="Tashkent meeting")
    draft = ConferenceFactory(title="Dushanbe meeting on borders", draft=True)
    read(second, "/conferences/")
    page, cache = read(second, "/conferences/")
    assert cache == "hit" and "Dushanbe meeting" not in page

    publisher = Publisher(first)
    publisher.act("publish", draft)
    page, cache = read(second, "/conferences/")
    assert "Dushanbe meeting on borders" in page and cache is None
    assert read(second, draft.get_absolute_url())[0].count("Dushanbe meeting on borders") >= 1

    publisher.act("unpublish", Conference.objects.get(pk=draft.pk))
    page, _ = read(second, "/conferences/")
    assert "Dushanbe meeting" not in page
    with pytest.raises(urllib.error.HTTPError) as gone:
        read(second, draft.get_absolute_url())
    assert gone.value.code == 404


def fresh_on_both(servers, path: str, change, shows: str = "", hides: str = "") -> None:
    """Both servers serve `path` from the cache, without `shows` and with `hides`; after `change()`,
    made by a third process (this one), the next request to each shows the one and not the other."""
    for server in servers:
        read(server, path)
        page, cache = read(server, path)
        assert cache == "hit", (server.url, path)
        assert (not shows or shows not in page) and hides in page, (server.url, path)
    change()
    for server in servers:
        page, _ = read(server, path)
        assert shows in page and (not hides or hides not in page), (server.url, path, shows, hides)


def test_every_kind_of_change_shows_at_once_through_both_servers(servers):
    item = ActionItemFactory(title="Glacier monitoring network", status="planned",
                             speech__conference__title="Almaty water forum")
    conference = item.speech.conference
    ConferenceFactory(title="Doomed meeting")

    def rename():
        conference.title = "Almaty water and climate forum"
        conference.save()

    def progress():
        ActionItemUpdateFactory(action_item=item, status="completed", progress=100, note="All sensors installed.")

    def publication_time():
        time.sleep(max((scheduled.published_at - timezone.now()).total_seconds() + 0.2, 0))

    def schedule() -> Conference:
        # Scheduled only now, so that the steps before it, however slow the machine, cannot reach its time.
        return ConferenceFactory(title="Bishkek energy dialogue", is_published=True,
                                 published_at=timezone.now() + dt.timedelta(seconds=5))

    fresh_on_both(servers, conference.get_absolute_url(), rename,
                  shows="Almaty water and climate forum", hides="Almaty water forum")
    fresh_on_both(servers, item.get_absolute_url(), lambda: item.countries.add(CountryFactory(name="Mongolia")),
                  shows="Mongolia")
    fresh_on_both(servers, item.get_absolute_url(), progress,
                  shows="All sensors installed.", hides="No progress updates yet")
    fresh_on_both(servers, "/conferences/", Conference.objects.get(title_en="Doomed meeting").delete,
                  hides="Doomed meeting")
    scheduled = schedule()
    fresh_on_both(servers, "/conferences/", publication_time, shows="Bishkek energy dialogue")


def test_writes_that_bypass_django_show_at_once_through_both_servers(servers):
    """Raw SQL and QuerySet.update() send no signals: the database's triggers still change the version."""
    conference = ConferenceFactory(title="Termez transport forum")
    later = ConferenceFactory(title="Khorog border meeting", is_published=True,
                              published_at=timezone.now() + dt.timedelta(days=3))

    def raw_rename():
        with connection.cursor() as cursor:
            cursor.execute("UPDATE conferences_conference SET title = %s WHERE id = %s",
                           ["Termez transport and trade forum", conference.pk])

    def move_into_the_past():
        Conference.objects.filter(pk=later.pk).update(published_at=timezone.now() - dt.timedelta(minutes=1))

    fresh_on_both(servers, "/conferences/", raw_rename,
                  shows="Termez transport and trade forum", hides="Termez transport forum")
    fresh_on_both(servers, "/conferences/", move_into_the_past, shows="Khorog border meeting")


def test_each_language_is_cached_on_its_own_on_both_servers(servers):
    ConferenceFactory(title="Tashkent meeting", title_ru="Встреча в Ташкенте")
    for server in servers:
        served = []
        for path, language, title in [("/conferences/", "en", "Tashkent meeting"),
                                      ("/ru/conferences/", "ru", "Встреча в Ташкенте")] * 2:
            page, cache = read(server, path)
            assert f'<html lang="{language}">' in page and title in page, (server.url, path)
            served.append(cache)
        assert served == [None, None, "hit", "hit"], server.url

    def translate_anew():
        Conference.objects.update(title_ru="Ташкентская встреча")

    fresh_on_both(servers, "/ru/conferences/", translate_anew, shows="Ташкентская встреча", hides="Встреча в Ташкенте")
    for server in servers:
        page, _ = read(server, "/conferences/")
        assert "Tashkent meeting" in page and "Ташкент" not in page


def test_half_a_minute_of_load_with_a_publisher_at_work_has_no_errors(servers, tmp_path):
    first, second = servers
    ConferenceFactory.create_batch(30)
    moving = ConferenceFactory(title="Conference that comes and goes", start_date=dt.date(2030, 1, 1), draft=True)
    paths = ["/", "/conferences/", "/speeches/", "/action-items/", "/countries/", "/feeds/speeches/",
             "/conferences.ics", "/sitemap.xml", "/conferences/export.csv"]
    script = tmp_path / "paths.lua"
    script.write_text(
        "local paths = {" + ", ".join(f'"{p}"' for p in paths) + "}\n"
        "local n = 0\n"
        "request = function()\n  n = n + 1\n  return wrk.format(nil, paths[(n % #paths) + 1])\nend\n"
    )
    # wrk counts an answer slower than 2 s as an error by default: that is the machine's speed, which
    # `make bench` measures. An error here is a request that failed, or no answer within 20 s.
    load = subprocess.Popen([program("wrk"), "-t2", "-c8", "-d30s", "--timeout", "20s", "-s", str(script),
                             second.url], stdout=subprocess.PIPE, text=True)
    publisher = Publisher(first)
    for change in range(20):  # a fixed number: how many fit in the half minute is the machine's speed
        publisher.act("publish" if change % 2 == 0 else "unpublish", Conference.objects.get(pk=moving.pk))
        # Each change shows through the other server at once, however busy it is.
        shown = "Conference that comes and goes" in read(second, "/conferences/")[0]
        assert shown is (change % 2 == 0)
        time.sleep(0.5)
    output = load.communicate(timeout=60)[0]
    assert int(re.search(r"(\d+) requests in", output)[1]) > 0, output  # the load did run
    assert "Non-2xx or 3xx responses" not in output, output
    assert "Socket errors" not in output, output
