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
#   NODES=2 benchmarks/load/run.sh             # two nodes over Redis (see README.md)
#
# NODES=2 serves the site from two nodes on LOAD_PORT and LOAD_PORT+1, each with its own
# gunicorn and its own RQ worker, sharing PostgreSQL and Redis (cache, sessions, rate
# limits, job queue: RM_CACHE_URL, RM_TASKS_BACKEND, RM_REDIS_URL); Locust spreads the users
# over both in turn, and crossnode.py checks that a matching run started on node A is seen
# finished on node B.
#
# Environment: USERS (200), SPAWN_RATE (4), RUN_TIME (2m50s: 50 s of arrivals + 2 minutes), PEOPLE (5000), LOAD_PORT (8800),
# LOAD_DB (rementor_load), LOAD_PG (postgres://postgres@127.0.0.1:5432), WEB_CONCURRENCY (2),
# GUNICORN_THREADS (4), NODES (1), REDIS (redis://127.0.0.1:6379), RM_LOAD_WAIT_MIN / RM_LOAD_WAIT_MAX (5 / 15 s), OUT (var/load/<time>).
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
NODES=${NODES:-1}
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
# Every response says what it cost the server (core.server_timing): report.py prints it.
export RM_SERVER_TIMING=true
HOSTS="http://127.0.0.1:$PORT"
if [ "$NODES" = 2 ]; then
    REDIS=${REDIS:-redis://127.0.0.1:6379}
    export RM_CACHE_URL=${RM_CACHE_URL:-$REDIS/0}
    export RM_TASKS_BACKEND=django_tasks_rq.RQBackend
    export RM_REDIS_URL=${RM_REDIS_URL:-$REDIS/1}
    HOSTS="$HOSTS,http://127.0.0.1:$((PORT + 1))"
elif [ "$NODES" != 1 ]; then
    echo "NODES is 1 or 2." >&2
    exit 2
fi
export RM_LOAD_HOSTS=$HOSTS

for host in ${HOSTS//,/ }; do
    if curl -s -o /dev/null "$host/"; then
        echo "Something already answers on $host: stop it or set LOAD_PORT." >&2
        exit 2
    fi
done

echo "== load run: $USERS users (+$SPAWN_RATE/s) for $RUN_TIME, $PEOPLE people, database $DB, $NODES node(s)"
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

SERVERS=()
stop_server() {
    for server in "${SERVERS[@]}"; do
        if kill -0 "$server" 2>/dev/null; then
            kill -TERM -- "-$server" 2>/dev/null || true
            wait "$server" 2>/dev/null || true
        fi
    done
}
trap stop_server EXIT
node=0
for host in ${HOSTS//,/ }; do
    node=$((node + 1))
    # Node 1 migrates and collects the static files; the next one finds them done.
    GUNICORN_BIND=${host#http://} GUNICORN_ACCESS_LOG=$OUT/access-$node.log \
        setsid deploy/serve-prod.sh >"$OUT/server-$node.log" 2>&1 &
    SERVERS+=($!)
    # Up to ten minutes: the first collectstatic compresses every static file.
    for n in $(seq 600); do
        curl -s -o /dev/null "$host/accounts/login/" && break
        if [ "$n" = 600 ] || ! kill -0 "${SERVERS[-1]}" 2>/dev/null; then
            echo "Node $node did not start:" >&2
            tail -20 "$OUT/server-$node.log" >&2
            exit 1
        fi
        sleep 1
    done
    echo "   node $node up on $host (gunicorn: $WEB_CONCURRENCY workers x ${GUNICORN_THREADS:-4} threads, and a worker)"
    "$PY" benchmarks/load/warmup.py "$host"
done

LOCUST_RC=0
${LOCUST:-"$PY" -m locust} -f benchmarks/load/locustfile.py --headless \
    --host "${HOSTS%%,*}" --users "$USERS" --spawn-rate "$SPAWN_RATE" \
    --run-time "$RUN_TIME" --stop-timeout 10 --csv "$OUT/locust" --only-summary \
    --loglevel WARNING >"$OUT/locust.log" 2>&1 || LOCUST_RC=$?
CROSS_RC=0
if [ "$NODES" = 2 ]; then
    echo
    "$PY" benchmarks/load/crossnode.py ${HOSTS//,/ } || CROSS_RC=$?
fi
stop_server
trap - EXIT
if [ ! -s "$RM_LOAD_RAW" ]; then
    echo "Locust recorded nothing (exit $LOCUST_RC):" >&2
    tail -20 "$OUT/locust.log" >&2
    exit 1
fi
grep -m 5 -E "Error|Traceback" "$OUT"/server-*.log || true
echo
REPORT_RC=0
"$PY" benchmarks/load/report.py "$OUT" --users "$USERS" || REPORT_RC=$?
if [ "$(wc -l <"$OUT/locust_failures.csv")" -gt 1 ]; then
    echo "failures (most frequent first, all in $OUT/locust_failures.csv):"
    tail -n +2 "$OUT/locust_failures.csv" | sort -t, -k4 -nr | head -10 | cut -d, -f1-4
fi
if [ "$CROSS_RC" != 0 ]; then
    echo "two nodes: the run started on node A was not seen finished on node B" >&2
    exit 1
fi
exit "$REPORT_RC"
