"""Warm the server up before a measured run: each worker imports its views and compiles its
templates on the first requests, which a server that has been up for a while has long done.

    python benchmarks/load/warmup.py http://127.0.0.1:8800 [--rounds 4]

Signs in with the demo's own logins (never the load-test accounts, whose sign-in the run
measures) and fetches every page and API list of the scenario a few times. Not measured.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import sys
import urllib.parse
import urllib.request

PASSWORD = "rementor-demo"
PROGRAMME = "reverse-mentoring-2026"


def _session(base: str, email: str) -> urllib.request.OpenerDirector:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = urllib.parse.urlencode(
        {"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    opener.open(f"{base}/accounts/login/", data)
    return opener


def _get(opener: urllib.request.OpenerDirector, url: str) -> str:
    with opener.open(url) as response:
        if response.status != 200 or "/accounts/login/" in response.url:
            raise SystemExit(f"warm-up: {url} answered {response.status} at {response.url}")
        return response.read().decode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    base = args.base.rstrip("/")
    manager = _session(base, "manager@example.com")
    mentee = _session(base, "mentee@example.com")
    for _ in range(args.rounds):
        for path in (
            f"/analytics/programmes/{PROGRAMME}/dashboard/",
            f"/mentoring/programmes/{PROGRAMME}/pairs/",
            "/people/?page=2",
            "/people/?q=Martin",
            "/api/v1/programmes/",
            "/api/v1/pairs/",
            "/api/v1/sessions/",
        ):
            _get(manager, base + path)
        home = _get(mentee, base + "/")
        pair = re.search(r'href="(/mentoring/pairs/\d+/)"', home).group(1)
        page = _get(mentee, base + pair)
        session = re.search(r'href="(/mentoring/sessions/\d+/)"', page).group(1)
        _get(mentee, base + session)
        person = re.search(r'href="(/people/\d+/)"', _get(manager, base + "/people/"))
        _get(manager, base + person.group(1))
    print(f"   warmed up ({args.rounds} rounds of every page)")


if __name__ == "__main__":
    sys.exit(main())
