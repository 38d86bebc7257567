"""gunicorn settings for Rementor, read from the repository root (``gunicorn -c gunicorn.conf.py``).

Every number comes from the environment, with defaults for one small server (see
docs/production.md). Workers are processes; each runs a few threads so that one slow request
(a sign-in hashing its password, a large export) does not hold up the quick ones behind it,
and so that a worker's Python keeps running while its database queries are in flight.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rementor.settings.production")
wsgi_app = "rementor.wsgi:application"

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = _int("WEB_CONCURRENCY", 2)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
# A request running longer than this is killed with its worker (and logged): no page should
# come close; exports and reports stream well within it.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 20)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so that a slow leak never grows for weeks.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10

# Access log on stdout, with the response time in milliseconds (%(M)s) and the client
# address the proxy saw ({x-forwarded-for}i); errors on stderr.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s %({x-forwarded-for}i)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# The runtime control socket (new in gunicorn 25.1) would be shared by every gunicorn of the
# user ($HOME/.gunicorn/gunicorn.ctl); we do not use it.
control_socket_disable = True
proc_name = "rementor"
