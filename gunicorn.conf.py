"""gunicorn settings: `gunicorn -c gunicorn.conf.py wsgi:app` (every value can come from the environment).

Threads: most of a request is waiting on the database, so a few threads per worker serve more
people than extra processes would, at a fraction of the memory (one worker is about 120 MB).
PDFs are rendered by the Celery workers, so a web request never holds a worker for long; the
timeout is for a stuck request, not a slow one.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(min(4, multiprocessing.cpu_count() * 2))))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))  # recycle, so no worker grows for ever
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")  # "-": stdout; a path to write a file
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The request id the app logs with (X-Request-ID) ends every access line, to join both logs.
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" %({x-request-id}o)s'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker):
    """Compile the templates and load the rubric before the worker's first request (designer.ops.warm)."""
    from designer.ops.warm import warm_up

    seconds = warm_up(worker.wsgi)
    worker.log.info("worker %s warmed up in %.2f s", worker.pid, seconds)
