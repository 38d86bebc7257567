"""Two nodes, one site: a matching run started on node A is seen finished on node B.

    python benchmarks/load/crossnode.py http://127.0.0.1:8800 http://127.0.0.1:8801

Run by ``run.sh`` when ``NODES=2``, with the same environment as the servers (production
settings, the load database): it makes an API token for the first load-test manager (the
only thing it writes directly in the database), starts a run through node A's API, then
polls node B's API until the run is done. The run is solved by whichever worker takes the
job from the shared queue; node B only reads what it wrote in the shared database. Prints
the run, the node that answered each step and the seconds it took; exits 1 if node B never
saw it finished (2 minutes).
"""

from __future__ import annotations

import os
import sys
import time

import django
import requests

PROGRAMME = os.environ.get("RM_LOAD_PROGRAMME", "reverse-mentoring-2026")
TIMEOUT = 120


def main(node_a: str, node_b: str) -> int:
    django.setup()
    from rementor.api.tokens import create_token
    from rementor.people.models import User
    from rementor.programmes.models import Programme

    manager = User.objects.get(email="manager-001@example.com")
    token, secret = create_token(user=manager, name="load test: two nodes")
    programme = Programme.objects.get(slug=PROGRAMME)
    headers = {"Authorization": f"Bearer {secret}", "Accept": "application/json"}
    try:
        started = time.monotonic()
        response = requests.post(
            f"{node_a}/api/v1/match-runs/",
            json={"programme": programme.pk},
            headers=headers,
            timeout=30,
        )
        if response.status_code != 201:
            print(f"node A refused the run: HTTP {response.status_code} {response.text[:200]}")
            return 1
        run = response.json()
        print(f"run {run['id']} started on node A ({node_a}): status {run['status']}")
        status = run["status"]
        while time.monotonic() - started < TIMEOUT:
            seen = requests.get(
                f"{node_b}/api/v1/match-runs/{run['id']}/", headers=headers, timeout=30
            )
            if seen.status_code != 200:
                print(f"node B could not read the run: HTTP {seen.status_code}")
                return 1
            status = seen.json()["status"]
            if status in ("done", "failed"):
                break
            time.sleep(0.5)
        seconds = time.monotonic() - started
        print(f"run {run['id']} seen {status} on node B ({node_b}) after {seconds:.1f} s")
        return 0 if status == "done" else 1
    finally:
        token.delete()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
