"""gunicorn configuration for thidua in production: `gunicorn -c deploy/gunicorn.conf.py`.

Behind a reverse proxy (nginx, Caddy) that terminates TLS, buffers slow clients and sets
X-Forwarded-Proto; sync workers, since every request is short and the proxy does the buffering.
Processes keep no state of their own (sessions, login throttling and the task queue are in
PostgreSQL), so any number of them, on any number of machines, can share one database.
Every setting can be overridden from the environment (GUNICORN_*).
"""

import multiprocessing
import os

wsgi_app = "thidua.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))  # PDF batches run in the task worker
graceful_timeout = 30
keepalive = 5
backlog = 2048
# Recycle workers now and then (bounded memory growth), not all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Load the application before forking: workers share its memory; connections open lazily.
preload_app = True
# Only the proxy may say the request came over HTTPS.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
proc_name = "thidua"
# No control socket (gunicorn ≥ 24): several servers may run side by side on one machine.
control_socket_disable = True


def when_ready(server):
    """In the master, before the workers are forked: import every view (the URLconf) so that
    workers share that memory and none pays the imports on its first request."""
    if server.cfg.preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018
