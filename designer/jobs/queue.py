"""The task queue: Celery on a broker (Redis) when CELERY_BROKER_URL is set, in-process otherwise."""

import logging

from kombu import Connection

logger = logging.getLogger(__name__)


def broker_reachable(url: str, timeout: float = 1.0) -> bool:
    """Whether the broker at `url` accepts a connection within `timeout` seconds."""
    try:
        with Connection(url, connect_timeout=timeout, transport_options={"socket_timeout": timeout}) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=timeout)
        return True
    except Exception:  # kombu raises the transport's own errors (OperationalError, socket errors, ...)
        return False
