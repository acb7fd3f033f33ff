"""Queries that reconnect once when the database dropped a kept connection (a restart, a fail-over)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import InterfaceError, OperationalError, connection


def reconnecting(run: Callable):
    """run(), and once more on a fresh connection if the kept one was dropped.

    Connections are kept between requests and not tested with a query of their own first
    (Django's CONN_HEALTH_CHECKS would double a cached page's cost), so the first query of a
    public page or a health check reconnects instead. Inside a transaction the error stands:
    what ran before it on that connection is lost.
    """
    try:
        return run()
    except (InterfaceError, OperationalError):
        if connection.in_atomic_block:
            raise
        connection.close()
        return run()
