#!/usr/bin/env bash
# Production mode on one machine: PostgreSQL, collected static files, gunicorn and the task
# worker side by side (Ctrl+C stops both). `make serve-prod` runs it; docs/production.md says
# what each variable means. Every step is idempotent, so it is also the restart command.
#
#   DATABASE_URL   default postgres://postgres@127.0.0.1:5432/rementor (created if missing)
#   SECRET_KEY     default: a random key kept in var/secret-key (local use only)
#   RM_SITE_URL    the public address links in e-mails start with (default: http://GUNICORN_BIND)
#   RM_LOCAL_HTTP  true for plain http on this machine (make serve-prod sets it); unset
#                  behind a TLS proxy
#   RM_CACHE_URL, RM_TASKS_BACKEND, RM_REDIS_URL: Redis for the cache and the job queue
#                  (docs/production.md, "More than one machine")
#   WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_BIND, ...: see gunicorn.conf.py
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-rementor.settings.production}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/rementor}
# Persistent connections: one per gunicorn thread, reused for a minute.
export DATABASE_CONN_MAX_AGE=${DATABASE_CONN_MAX_AGE:-60}
# Links in e-mails: the public address when set, else where gunicorn listens on this machine.
case "${GUNICORN_BIND:-127.0.0.1:8000}" in
    unix:*) ;;
    *) export RM_SITE_URL=${RM_SITE_URL:-${RM_BASE_URL:-http://${GUNICORN_BIND:-127.0.0.1:8000}}} ;;
esac

if [ -z "${SECRET_KEY:-}" ]; then
    mkdir -p var
    if [ ! -s var/secret-key ]; then
        (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(64))' >var/secret-key)
    fi
    SECRET_KEY=$(cat var/secret-key)
    export SECRET_KEY
fi

# Create the PostgreSQL database when it does not exist yet (the role must be allowed to).
"$PY" - <<'PY'
import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
if db["ENGINE"] == "django.db.backends.postgresql":
    params = {
        "host": db["HOST"] or None,
        "port": db["PORT"] or None,
        "user": db["USER"] or None,
        "password": db["PASSWORD"] or None,
    }
    try:
        psycopg.connect(dbname=db["NAME"], **params).close()
    except psycopg.OperationalError:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(db["NAME"])))
        print(f"created database {db['NAME']}")
PY

"$PY" -m rementor migrate --noinput
# The cache table when no Redis is configured (RM_CACHE_URL; harmless otherwise).
"$PY" -m rementor createcachetable
# Collecting compresses every file (gzip and brotli, source maps and the API docs' bundles
# included): minutes on a small machine. Skip it when no static source changed since the last
# collection (FORCE_COLLECTSTATIC=true to redo it anyway).
MANIFEST=${RM_VAR_DIR:-var}/static/staticfiles.json
if [ "${FORCE_COLLECTSTATIC:-false}" = true ] || [ ! -s "$MANIFEST" ] \
    || [ -n "$(find src/rementor -path '*/static/*' -type f -newer "$MANIFEST" -print -quit)" ] \
    || [ -n "$(find node_modules/.installed .venv/.installed-base .venv/.installed-dev \
        -newer "$MANIFEST" -print -quit 2>/dev/null)" ]; then
    echo "Collecting static files (a few minutes the first time)..."
    "$PY" -m rementor collectstatic --noinput --verbosity 0
fi

echo "Rementor (production settings) on http://${GUNICORN_BIND:-127.0.0.1:8000}" \
    "with ${WEB_CONCURRENCY:-2} workers and a task worker — Ctrl+C to stop."
if [ "${RM_LOCAL_HTTP:-false}" = "true" ]; then
    echo "RM_LOCAL_HTTP=true: plain http, for testing on this machine only."
fi
if [ "${RM_TASKS_BACKEND:-}" = "django_tasks_rq.RQBackend" ]; then
    # Jobs in Redis (RM_REDIS_URL): django-rq's worker, with django-tasks-rq's job class.
    "$PY" -m rementor rqworker --job-class django_tasks_rq.Job default &
else
    "$PY" -m rementor db_worker --queue-name '*' &
fi
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true; wait $WORKER 2>/dev/null || true' EXIT INT TERM
"$PY" -m gunicorn -c gunicorn.conf.py
