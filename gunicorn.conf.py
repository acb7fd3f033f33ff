"""gunicorn settings for the JPoA site (docs/deploy.md): `gunicorn -c gunicorn.conf.py jpoa_site.wsgi`.

Every value can be set from the environment, so one file serves every machine.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Sync workers: each request has a process, and the app keeps no state of its own, so any
# number of workers and machines can serve side by side.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A million-row CSV export streams for about forty seconds; nothing else comes close.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 300))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so that no slow leak can grow for ever; but rarely, as a new
# worker starts Django again and starts with empty caches (pages, prepared queries, the page
# frame). Under a crowd's few thousand requests a second, every 5,000 requests would mean a
# new worker every two seconds, which cost the cached pages a fifth of their speed.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 100_000))
max_requests_jitter = max_requests // 10
# The load balancer's address, so that X-Forwarded-Proto is believed from it alone.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# One line per request on standard output; GUNICORN_ACCESSLOG=off turns it off (benchmarks do).
accesslog = None if os.environ.get("GUNICORN_ACCESSLOG") == "off" else os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
