"""`make bench`: how fast the site serves its CSV exports on PostgreSQL, against PostgreSQL's own COPY.

Run through `scripts/with-postgres`, which provides DATABASE_URL. The database is filled
with synthetic content (`manage.py generate_data`), the app is served by gunicorn, and
each figure is measured from a separate client, in the same run as its baseline.
Results are printed and written to bench-results/.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import math
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "jpoa_site.settings",
    "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
    "DJANGO_DEBUG": "0",
    "DJANGO_HTTPS": "0",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    "DJANGO_LOG_LEVEL": "WARNING",
    "GUNICORN_ACCESSLOG": "off",
}


def manage(*args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_status(pid: int, key: str) -> int:
    """A memory figure of a process from /proc, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise KeyError(key)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class Server:
    """gunicorn serving the app; with one worker, that worker's memory is what the export figures watch."""

    def __init__(self, workers: int = 1, **env: str):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "jpoa_site.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(workers), "--timeout", "900", "--log-level", "warning"],
            cwd=ROOT, env={**ENV, **env}, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                break
            except OSError:
                time.sleep(0.2)
        self.workers = children(self.process.pid)

    def get(self, path: str) -> bytes:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=900)
        connection.request("GET", path)
        return connection.getresponse().read()

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(30)


@dataclass
class Download:
    rows: int
    bytes: int
    seconds: float
    first_byte: float
    peak_rss_mb: float
    rss_before_mb: float

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds


def download(server: Server, path: str, rows: int) -> Download:
    """Fetch `path` from a separate client, watching the worker's memory meanwhile."""
    [worker] = server.workers
    server.get("/action-items/export.csv?status=cancelled&due_before=1900-01-01")  # warm the worker up
    before = proc_status(worker, "VmRSS") / 1024
    peak = [before]
    done = threading.Event()

    def watch():
        while not done.wait(0.05):
            peak[0] = max(peak[0], proc_status(worker, "VmRSS") / 1024)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=900)
    connection.request("GET", path)
    response = connection.getresponse()
    assert response.status == 200, response.status
    first = response.read(1)
    first_byte = time.perf_counter() - started
    size = len(first)
    while block := response.read(1 << 20):
        size += len(block)
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    peak_rss = max(peak[0], proc_status(worker, "VmHWM") / 1024)
    return Download(rows, size, seconds, first_byte, peak_rss, before)


def copy_baseline(sql: str) -> tuple[float, int]:
    """PostgreSQL's own COPY of the same statement, read straight from the server: (seconds, bytes)."""
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn, conn.cursor() as cursor:
        cursor.execute("SET jit = off")  # as the site's connections have it
        started = time.perf_counter()
        size = 0
        with cursor.copy(sql) as copy:
            for block in copy:
                size += len(block)
        return time.perf_counter() - started, size


def export_sql(path_query: dict) -> tuple[str, int]:
    from conferences.exports import ACTION_ITEM_EXPORT
    from conferences.filters import ActionItemFilter
    from conferences.models import ActionItem

    filterset = ActionItemFilter(path_query, queryset=ActionItem.objects.published())
    assert filterset.is_valid(), filterset.errors
    sql = ACTION_ITEM_EXPORT.copy_sql(filterset.qs, "http://127.0.0.1", public=True)
    return sql, filterset.qs.count()


def complete_download(server: Server) -> tuple[float, float, int]:
    """The complete download's first request (which builds it) and the next one: (seconds, seconds, bytes)."""
    timings = []
    for _ in range(2):
        started = time.perf_counter()
        size = len(server.get("/data/jpoa-open-data.zip"))
        timings.append(time.perf_counter() - started)
    return timings[0], timings[1], size


def sqlite_path_rate(scale: int) -> tuple[int, float]:
    """The SQLite path (the laptop demo's) on its own database of synthetic content, in a process of its
    own: (rows, rows per second) for the whole action items export, read to the end."""
    script = (
        "import time, django; django.setup()\n"
        "from conferences.exports import ACTION_ITEM_EXPORT\n"
        "from conferences.filters import ActionItemFilter\n"
        "from conferences.models import ActionItem\n"
        "queryset = ActionItemFilter({}, queryset=ActionItem.objects.published()).qs\n"
        "started = time.perf_counter()\n"
        "rows = sum(1 for _ in ACTION_ITEM_EXPORT.lines(queryset, 'http://127.0.0.1', public=True))\n"
        "print(rows, rows / (time.perf_counter() - started))\n"
    )
    with tempfile.TemporaryDirectory() as folder:
        env = {**ENV, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
               "DJANGO_SETTINGS_MODULE": "jpoa_site.settings"}
        for args in (["migrate", "--noinput", "-v0"], ["generate_data", "--scale", str(scale), "--seed", "1"]):
            subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)
        result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, capture_output=True,
                                text=True)
    rows, rate = result.stdout.split()
    return int(rows), float(rate)


def machine() -> str:
    import django
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = proc_status_meminfo()
    return (f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores ({cpu}), "
            f"{memory} GB RAM; Python {platform.python_version()}, Django {django.get_version()}, "
            f"PostgreSQL {postgres}, gunicorn {gunicorn_version()}")


def gunicorn_version() -> str:
    import gunicorn

    return gunicorn.__version__


def proc_status_meminfo() -> int:
    total = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return round(int(total.split()[1]) / 1024 / 1024)


def csv_export_bench(report: list[str]) -> bool:
    import django

    django.setup()
    from conferences.models import ActionItem

    lines, ok = [], True
    header = (f"{'action items':>13} {'rows':>9} {'MB':>7} {'export rows/s':>14} {'table COPY rows/s':>18} "
              f"{'ratio':>6} {'same SQL COPY':>14} {'first byte':>11} {'worker RSS before → peak':>25}")
    lines.append(header)
    results = {}
    # A seed of its own for the second batch, so that it does not repeat the first one's choices.
    for scale, seed, target in [(1, 1, 100_000), (9, 2, 1_000_000)]:
        print(f"Generating synthetic data up to {target:,} action items ...", flush=True)
        manage("generate_data", "--scale", str(scale), "--seed", str(seed))
        total = ActionItem.objects.count()
        sql, rows = export_sql({})
        plain = f"COPY {ActionItem._meta.db_table} TO STDOUT WITH (FORMAT csv)"
        for statement in (plain, sql):  # once each to warm the caches, so neither side pays for the first read
            copy_baseline(statement)
        plain_seconds, _plain_bytes = copy_baseline(plain)
        same_seconds, _same_bytes = copy_baseline(sql)
        server = Server()
        try:
            result = download(server, "/action-items/export.csv", rows)
            if target == 100_000:
                zip_figures = complete_download(server)
        finally:
            server.stop()
        plain_rate = total / plain_seconds
        ratio = result.rows_per_second / plain_rate
        results[target] = result
        lines.append(
            f"{total:>13,} {rows:>9,} {result.bytes / 1e6:>7.1f} {result.rows_per_second:>14,.0f} "
            f"{plain_rate:>18,.0f} {ratio:>6.2f} {rows / same_seconds:>14,.0f} {result.first_byte * 1000:>9.0f} ms "
            f"{result.rss_before_mb:>11.0f} MB → {result.peak_rss_mb:>4.0f} MB"
        )
        print(lines[-1], flush=True)
        ok &= result.peak_rss_mb < 150 and (target < 1_000_000 or ratio >= 1 / 3)
    small, large = results[100_000], results[1_000_000]
    growth = large.peak_rss_mb - small.peak_rss_mb
    ok &= growth < 10
    print("Measuring the SQLite path on a database of its own ...", flush=True)
    sqlite_rows, sqlite_rate = sqlite_path_rate(1)
    ok &= sqlite_rate >= 100_000
    lines.append("")
    lines.append(f"Peak worker memory, 1,000,000 rows against 100,000: {growth:+.1f} MB (flat: under 10 MB).")
    built, served, size = zip_figures
    ok &= built < 60 and served < built / 10
    lines.append(f"The complete download at 100,000 action items ({size / 1e6:.0f} MB): built by the first request "
                 f"in {built:.1f} s (target: under a minute), then served from storage in {served:.2f} s.")
    lines.append(f"The SQLite path (the laptop demo: each line written by SQLite, joined in Python, no HTTP), "
                 f"{sqlite_rows:,} rows: {sqlite_rate:,.0f} rows/s.")
    lines.append("Targets: at a million items at least 1/3 of a plain COPY of the action items table's rows per "
                 "second, peak worker memory under 150 MB, no growth with rows; the SQLite path at least 100,000 "
                 f"rows/s: {'met' if ok else 'NOT MET'}.")
    report += lines
    return ok


PAGE_SECONDS = 2
FLOOR_SECONDS = 1
TURNS = 8
PAGE_WORKERS = 4  # sync workers on 2 cores: while one waits for the database, another runs


@dataclass
class Load:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def of_turns(cls, turns: list[Load]) -> Load:
        """All turns together: their requests over their time, and the median turn's latencies."""
        return cls(sum(t.requests for t in turns), sum(t.seconds for t in turns),
                   statistics.median(t.p50_ms for t in turns), statistics.median(t.p99_ms for t in turns),
                   sum(t.errors for t in turns))


def _milliseconds(number: str, unit: str) -> float:
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(port: int, path: str, seconds: int) -> Load:
    """Load from a second process: wrk, two threads, eight connections."""
    result = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    )
    out = result.stdout

    def latency(label: str) -> float:
        return _milliseconds(*re.search(rf"^\s+{label}\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M).groups())

    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    errors += sum(int(n) for n in re.findall(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)",
                                             out)[0]) if "Socket errors" in out else 0
    requests, duration, unit = re.search(r"(\d+) requests in ([\d.]+)(us|ms|s|m)", out).groups()
    return Load(int(requests), _milliseconds(duration, unit) / 1000, latency("50%"), latency("99%"), errors)


def warm_up(port: int, path: str) -> None:
    """Load until the page is served at a steady rate: each worker connected, and what the page keeps
    worked out (each worker's own, with the cache in its memory; a page with many figures takes
    seconds, and a single short turn left workers still at it when the measured turns began)."""
    previous = 0.0
    for _ in range(10):
        rate = wrk(port, path, 1).rps
        if previous and abs(rate - previous) <= 0.2 * previous:
            return
        previous = rate


def pages_to_measure() -> list[tuple[str, str, str]]:
    """(kind, label, path) for every page the targets speak of, picked from the synthetic content."""
    from django.db.models import Max

    from conferences.api.pagination import encode_cursor
    from conferences.models import (
        ActionItem,
        ActionItemUpdate,
        Conference,
        Country,
        Document,
        Organization,
        Person,
        Plan,
        Speech,
        Theme,
    )

    def middle(queryset):
        count = queryset.count()
        return queryset.order_by("pk")[count // 2]

    conference, speech = middle(Conference.objects.published()), middle(Speech.objects.published())
    item = middle(ActionItem.objects.published())
    person, organization = middle(Person.objects.published()), middle(Organization.objects.published())
    country, theme = Country.objects.get(iso3="UZB"), Theme.objects.get(slug="border-security")
    document, plan = middle(Document.objects.published()), Plan.objects.get(slug="syn-plan-2022")
    # Where the API's list of action items, in its own order, goes on after 5,000 pages of 50.
    deep = ActionItem.objects.published().order_by("title_en", "pk").values_list("title_en", "pk")[250_000 - 1]
    deep_cursor = quote(encode_cursor({"after": list(deep), "order": ["title_en", "pk"]}))
    # The same for all progress updates, newest first; and a client asking what is new since the newest
    # was recorded (nothing, as most such questions find).
    progress = ActionItemUpdate.objects.published().order_by("-date", "-pk").values_list("date", "pk")[250_000 - 1]
    progress_cursor = quote(encode_cursor({"after": [progress[0].isoformat(), progress[1]], "order": ["-date", "-pk"]}))
    latest = ActionItemUpdate.objects.aggregate(latest=Max("created_at"))["latest"] + dt.timedelta(seconds=1)
    since = quote(latest.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return [
        ("home", "home", "/"),
        ("list", "conferences, page 1", "/conferences/"),
        ("deep", "conferences, page 900 (the last)", "/conferences/?page=900"),
        ("list", "conferences, year and country", "/conferences/?year=2022&country=uzbekistan"),
        ("list", "speeches, page 1", "/speeches/"),
        ("deep", "speeches, page 2,000", "/speeches/?page=2000"),
        ("list", "speeches, language and year", "/speeches/?language=ru&year=2020"),
        ("list", "action items, page 1", "/action-items/"),
        ("deep", "action items, page 2,000", "/action-items/?page=2000"),
        ("list", "action items, status and country", "/action-items/?status=in_progress&country=uzbekistan"),
        ("list", "action items, plan and overdue", f"/action-items/?plan={plan.slug}&overdue=1"),
        ("list", "documents, page 1", "/documents/"),
        ("list", "documents, kind and country", "/documents/?kind=declaration&country=uzbekistan"),
        ("detail", "conference", conference.get_absolute_url()),
        ("detail", "speech", speech.get_absolute_url()),
        ("detail", "action item", item.get_absolute_url()),
        ("detail", "document", document.get_absolute_url()),
        ("hub", "plan", plan.get_absolute_url()),
        ("hub", "plans (list)", "/plans/"),
        ("hub", "person", person.get_absolute_url()),
        ("hub", "organisation", organization.get_absolute_url()),
        ("hub", "country", country.get_absolute_url()),
        ("hub", "theme", theme.get_absolute_url()),
        ("hub", "people (list)", "/people/"),
        ("hub", "organisations (list)", "/organizations/"),
        ("hub", "countries (list)", "/countries/"),
        ("hub", "themes (list)", "/themes/"),
        ("search", "search, common word", "/search/?q=border"),
        ("search", "search, rare word", "/search/?q=hydropower"),
        # The JSON API: lists (page 1, and a cursor 5,000 pages of 50 deep) and records.
        ("list", "API: action items, page 1", "/api/v1/action-items/"),
        ("deep", "API: action items, cursor 5,000 pages deep", f"/api/v1/action-items/?cursor={deep_cursor}"),
        ("list", "API: action items, status and country",
         "/api/v1/action-items/?status=in_progress&country=uzbekistan"),
        ("list", "API: speeches, page 1", "/api/v1/speeches/"),
        ("list", "API: conferences, page 1", "/api/v1/conferences/"),
        ("list", "API: documents, page 1", "/api/v1/documents/"),
        ("list", "API: progress updates, page 1", "/api/v1/progress-updates/"),
        ("deep", "API: progress updates, cursor 5,000 pages deep",
         f"/api/v1/progress-updates/?cursor={progress_cursor}"),
        ("list", "API: progress updates since the newest", f"/api/v1/progress-updates/?since={since}"),
        ("hub", "API: people, page 1", "/api/v1/people/"),
        ("detail", "API: action item", f"/api/v1/action-items/{item.slug}/"),
        ("detail", "API: conference", f"/api/v1/conferences/{conference.slug}/"),
        ("detail", "API: document", f"/api/v1/documents/{document.slug}/"),
        # The same targets hold for Russian readers (the synthetic content has its Russian too).
        ("list", "ru: action items, status and country", "/ru/action-items/?status=in_progress&country=uzbekistan"),
        ("detail", "ru: speech", "/ru" + speech.get_absolute_url()),
        ("search", "ru: search, common word", "/ru/search/?q=" + quote("сотрудничество")),
        ("hub", "ru: people (list)", "/ru/people/"),
        ("deep", "ru: people, page 500", "/ru/people/?page=500"),
        ("hub", "ru: API: people, page 1", "/ru/api/v1/people/"),
    ]


def query_counts(pages) -> dict[str, tuple[int, int]]:
    """Each page's queries with its rows and figures kept (as readers mostly find it), and with nothing kept."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["testserver"]):
        client = Client()
        for _, _, path in pages:
            found = []
            cache.clear()
            for _ in range(2):
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(path).status_code == 200, path
                found.append(len(queries))
            counts[path] = (found[1], found[0])
    return counts


def ratio_of(page_turns: list[Load], floor_turns: list[Load]) -> float:
    """The median over the turns of the page's requests per second over the floor's just before.

    A turn disturbed by something else on the machine moves a median of pairs by one place,
    where it would move a sum of all turns by its whole size.
    """
    return statistics.median(page.rps / floor.rps if floor.rps else 0.0
                             for page, floor in zip(page_turns, floor_turns, strict=True))


def pages_bench(report: list[str], only: list[str] | None = None) -> bool:
    pages = [page for page in pages_to_measure() if not only or any(text in page[1] for text in only)]
    if not pages:
        sys.exit(f"No page's label holds {' or '.join(map(repr, only))}.")
    counts = query_counts(pages)
    results, floors, ratios = {}, {}, {}
    for mode, seconds in [("uncached", "0"), ("cached", "600")]:
        # The API's throttle would refuse the load itself: it is measured here, not its refusals.
        server = Server(workers=PAGE_WORKERS, DJANGO_PAGE_CACHE_SECONDS=seconds, DJANGO_API_RATE="1000000/second")
        try:
            for _, _, path in pages:
                warm_up(server.port, path)
                # The floor and the page take short turns, so that a change of the machine's speed
                # weighs on both alike; the ratio is the median of the turns' (ratio_of).
                page_turns, floor_turns = [], []
                for _ in range(TURNS):
                    floor_turns.append(wrk(server.port, "/robots.txt", FLOOR_SECONDS))
                    page_turns.append(wrk(server.port, path, PAGE_SECONDS))
                results[mode, path], floors[mode, path] = Load.of_turns(page_turns), Load.of_turns(floor_turns)
                ratios[mode, path] = ratio_of(page_turns, floor_turns)
                print(f"  {mode:8} {path:55} {results[mode, path].rps:8.0f} req/s "
                      f"(floor {floors[mode, path].rps:.0f})", flush=True)
        finally:
            server.stop()

    def floor_summary(mode: str) -> str:
        rates = sorted(floors[mode, path].rps for _, _, path in pages)
        return f"{statistics.median(rates):.0f} ({rates[0]:.0f}–{rates[-1]:.0f})"

    lines = [
        f"Pages under gunicorn ({PAGE_WORKERS} sync workers), load from wrk (2 threads, 8 connections); "
        f"the floor is /robots.txt in the same server. The floor and each page take {TURNS} turns of "
        f"{FLOOR_SECONDS} s and {PAGE_SECONDS} s; a page's ratio is the median over its turns of its requests per "
        f"second over the floor's just before; requests per second are all turns' requests over their time, p50 "
        f"and p99 the median turn's. Floor, median and range over the pages: uncached "
        f"{floor_summary('uncached')}, cached "
        f"{floor_summary('cached')} req/s. Queries: with the page's rows and figures kept (nothing kept).",
        "",
        f"{'page':38} {'queries':>7} | {'uncached req/s':>14} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6} | "
        f"{'cached req/s':>12} {'p50 ms':>7} {'p99 ms':>7} {'ratio':>6}",
    ]
    ok, failures = True, []
    first_pages = {}
    for kind, label, path in pages:
        plain, cached = results["uncached", path], results["cached", path]
        ratio, cached_ratio = ratios["uncached", path], ratios["cached", path]
        kept, cold = counts[path]
        lines.append(
            f"{label:38} {f'{kept} ({cold})':>7} | {plain.rps:>14.0f} {plain.p50_ms:>7.1f} {plain.p99_ms:>7.1f} "
            f"{ratio:>6.3f} | {cached.rps:>12.0f} {cached.p50_ms:>7.1f} {cached.p99_ms:>7.1f} {cached_ratio:>6.2f}"
        )
        if plain.errors or cached.errors:
            failures.append(f"{label}: {plain.errors + cached.errors} errors")
        if label.endswith("page 1"):
            first_pages[label.split(",")[0]] = ratio
        if kind in ("list", "hub") and ratio < 0.10:
            failures.append(f"{label}: uncached ratio {ratio:.3f} < 0.10")
        if kind == "deep" and ratio * 1.5 < first_pages.get(label.split(",")[0], 0):
            failures.append(f"{label}: slower than 1.5 times page 1")
        if kind == "detail" and ratio < 0.10:
            failures.append(f"{label}: uncached ratio {ratio:.3f} < 0.10")
        if kind == "search" and plain.p99_ms >= 150:
            failures.append(f"{label}: p99 {plain.p99_ms:.0f} ms, not under 150 ms")
        if cached_ratio < 0.85:
            failures.append(f"{label}: cached ratio {cached_ratio:.2f} < 0.85")
    ok = not failures
    lines += ["", "Targets: uncached lists and hubs at least 0.10 of the floor, deep pages within 1.5 times page 1, "
              "details at least 0.10 (through the ORM), search p99 under 150 ms, cached pages at least 0.85: "
              + ("all met." if ok else "NOT MET: " + "; ".join(failures))]
    print("\n".join(lines), flush=True)
    report += ["", *lines]
    return ok


def parser_bench(report: list[str]) -> bool:
    """The speech parser on 1 MB files, ordinary and shaped to make a parser work harder: best of three."""
    from conferences.speech_files import parse_speech_bytes

    def speech(body: str, title: str = "REGIONAL MEETING") -> bytes:
        return (f"{title}\n\n3 March 2022, Tashkent\n\nOpening remarks by Mr. Test Speaker,\nDirector, Test Office"
                f"\n\n{body}\n").encode()

    paragraph = ("Excellencies, we met the team in Dushanbe. Dr. Smith of the U.N. office spoke on borders. "
                 "We will continue to help Member States secure their borders. We also support the development "
                 "of regional early warning; training of officers; and exchange of data. Thank you.")
    sentences = ["We met the team.", "Dr. Smith spoke.", "We will train officers.", "The U.N. helped.", "Thank you."]
    files = {
        "paragraphs of ordinary text": speech("\n\n".join([paragraph] * 3_800)),
        "a sentence a line, one paragraph": speech("\n".join(sentences * 12_500)),
        "abbreviations": speech("Mr. A, U.N. " * 80_000),
        "a run of periods": speech("Wait" + "." * 1_000_000 + " and then we met."),
        "lists of items": speech("This includes support in " + "A; " * 330_000 + "and B."),
        "a title of many lines": speech("Thank you.", title="REGIONAL\nCOUNTER-\n" * 55_000),
    }
    lines = ["", "Speech parser (parse_speech_bytes), best of three runs:", "",
             f"{'file':36} {'KB':>6} {'seconds':>8}"]
    ok = True
    for label, data in files.items():
        best = math.inf
        for _ in range(3):
            started = time.perf_counter()
            parse_speech_bytes(data)
            best = min(best, time.perf_counter() - started)
        ok &= best < 1
        lines.append(f"{label:36} {len(data) // 1024:>6} {best:>8.2f}")
    lines += ["", "Target: a 1 MB speech in under a second, whatever its shape: " + ("met." if ok else "NOT MET.")]
    print("\n".join(lines), flush=True)
    report += lines
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages-only", action="store_true",
                        help="Measure the pages on the content already in DATABASE_URL; generate nothing.")
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="Measure only the pages whose label holds TEXT (e.g. 'API:'); may be given again.")
    arguments = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("The benchmark needs PostgreSQL: run it with `make bench`, or set DATABASE_URL=postgres://...")
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    report = [f"JPoA site benchmark: {machine()}", "", "CSV export of all published action items "
              "(/action-items/export.csv, the public view under gunicorn with one sync worker, read by a separate "
              "client):", ""]
    print("\n".join(report), flush=True)
    ok = True if arguments.pages_only else csv_export_bench(report)
    ok &= parser_bench(report)
    ok &= pages_bench(report, arguments.only)
    text = "\n".join(report) + "\n"
    print("\n" + text)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{dt.datetime.now():%Y%m%d-%H%M%S}{'-some-pages' if arguments.only else ''}.txt"
    path.write_text(text)
    if not arguments.only:  # a run of some pages is no account of the whole
        (RESULTS / "latest.txt").write_text(text)
    print(f"Written to {path.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
