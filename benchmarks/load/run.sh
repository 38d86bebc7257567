#!/usr/bin/env bash
# The load scenario end to end (see README.md beside this file):
#   1. a fresh PostgreSQL database (dropped and created), migrated, with the demo scaled to
#      5,000 people;
#   2. production mode (deploy/serve-prod.sh: gunicorn with 2 workers and the task worker,
#      production settings, plain http through RM_LOCAL_HTTP) on 127.0.0.1:$LOAD_PORT;
#   3. Locust headless: 200 users, 4 more a second (all in after 50 s), then 2 minutes at 200;
#   4. the server stopped, then the figures and the verdict (report.py).
#
#   benchmarks/load/run.sh                     # the official run
#   benchmarks/load/run.sh --reuse             # keep the database already loaded
#   USERS=20 RUN_TIME=20s benchmarks/load/run.sh --reuse   # a short smoke run
#
# Environment: USERS (200), SPAWN_RATE (4), RUN_TIME (2m50s: 50 s of arrivals + 2 minutes), PEOPLE (5000), LOAD_PORT (8800),
# LOAD_DB (rementor_load), LOAD_PG (postgres://postgres@127.0.0.1:5432), WEB_CONCURRENCY (2),
# GUNICORN_THREADS (4), RM_LOAD_WAIT_MIN / RM_LOAD_WAIT_MAX (5 / 15 s), OUT (var/load/<time>).
set -euo pipefail
cd "$(dirname "$0")/../.."

REUSE=false
[ "${1:-}" = "--reuse" ] && REUSE=true
PY=${PY:-.venv/bin/python}
USERS=${USERS:-200}
# Each sign-in costs about 0.2 s of CPU (PBKDF2); 4 arrivals a second keep that under half of
# the 2 cores, and the run then holds all 200 users for two full minutes.
SPAWN_RATE=${SPAWN_RATE:-4}
RUN_TIME=${RUN_TIME:-2m50s}
PEOPLE=${PEOPLE:-5000}
PORT=${LOAD_PORT:-8800}
DB=${LOAD_DB:-rementor_load}
OUT=${OUT:-var/load/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"

export DJANGO_SETTINGS_MODULE=rementor.settings.production
export DATABASE_URL="${LOAD_PG:-postgres://postgres@127.0.0.1:5432}/$DB"
export SECRET_KEY=${SECRET_KEY:-load-test-only-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')}
export RM_LOCAL_HTTP=true
# Every simulated user signs in from 127.0.0.1. Sign-in limits count failed sign-ins only, so
# a sound run never reaches them; the per-address one (meant for one office behind one
# address) is raised anyway, so that a broken run shows its own errors rather than 429s.
export RM_RATELIMIT_LOGIN_IP=${RM_RATELIMIT_LOGIN_IP:-100000/10m}
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-2}
export GUNICORN_BIND=127.0.0.1:$PORT
export GUNICORN_ACCESS_LOG=$OUT/access.log
export RM_LOAD_RAW=$OUT/requests.csv

if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "Something already answers on port $PORT: stop it or set LOAD_PORT." >&2
    exit 2
fi

echo "== load run: $USERS users (+$SPAWN_RATE/s) for $RUN_TIME, $PEOPLE people, database $DB"
echo "   commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (with local changes)'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), output $OUT"

if [ "$REUSE" = false ]; then
    started=$(date +%s)
    "$PY" - <<'PY'
import os

import dj_database_url
import psycopg
from psycopg import sql

db = dj_database_url.parse(os.environ["DATABASE_URL"])
params = {k.lower(): db[k] or None for k in ("HOST", "PORT", "USER", "PASSWORD")}
with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
    name = sql.Identifier(db["NAME"])
    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
    conn.execute(sql.SQL("CREATE DATABASE {}").format(name))
PY
    "$PY" -m rementor migrate --noinput >/dev/null
    "$PY" -m rementor demo --people "$PEOPLE" | grep -E "scaled|load-test"
    echo "   database ready in $(($(date +%s) - started)) s"
fi

# Which load-test accounts the scaled demo created; rate-limit counters of earlier runs are
# forgotten (each run signs every account in once).
read -r MANAGERS PAIRS < <("$PY" - <<'PY'
import django

django.setup()
from django.core.cache import cache
from django.core.management import call_command

from rementor.people.models import User

call_command("createcachetable", verbosity=0)
cache.clear()

emails = User.objects.filter(email__regex=r"^(manager|mentee)-[0-9]+@example\.com$")
print(
    emails.filter(email__startswith="manager-").count(),
    emails.filter(email__startswith="mentee-").count(),
)
PY
)
export RM_LOAD_MANAGERS=$MANAGERS RM_LOAD_PAIRS=$PAIRS
echo "   accounts: $MANAGERS managers, $PAIRS pairs"

setsid deploy/serve-prod.sh >"$OUT/server.log" 2>&1 &
SERVER=$!
stop_server() {
    if kill -0 "$SERVER" 2>/dev/null; then
        kill -TERM -- "-$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
}
trap stop_server EXIT
# Up to ten minutes: the first collectstatic compresses every static file.
for n in $(seq 600); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break
    if [ "$n" = 600 ] || ! kill -0 "$SERVER" 2>/dev/null; then
        echo "The server did not start:" >&2
        tail -20 "$OUT/server.log" >&2
        exit 1
    fi
    sleep 1
done
echo "   server up (gunicorn: $WEB_CONCURRENCY workers x ${GUNICORN_THREADS:-4} threads)"
"$PY" benchmarks/load/warmup.py "http://127.0.0.1:$PORT"

LOCUST_RC=0
"$PY" -m locust -f benchmarks/load/locustfile.py --headless \
    --host "http://127.0.0.1:$PORT" --users "$USERS" --spawn-rate "$SPAWN_RATE" \
    --run-time "$RUN_TIME" --stop-timeout 10 --csv "$OUT/locust" --only-summary \
    --loglevel WARNING >"$OUT/locust.log" 2>&1 || LOCUST_RC=$?
stop_server
trap - EXIT
if [ ! -s "$RM_LOAD_RAW" ]; then
    echo "Locust recorded nothing (exit $LOCUST_RC):" >&2
    tail -20 "$OUT/locust.log" >&2
    exit 1
fi
grep -m 5 -E "Error|Traceback" "$OUT/server.log" || true
echo
"$PY" benchmarks/load/report.py "$OUT" --users "$USERS"
if [ "$(wc -l <"$OUT/locust_failures.csv")" -gt 1 ]; then
    echo "failures (most frequent first, all in $OUT/locust_failures.csv):"
    tail -n +2 "$OUT/locust_failures.csv" | sort -t, -k4 -nr | head -10 | cut -d, -f1-4
fi
