"""A real CalDAV server for the tests: Radicale, in a thread on 127.0.0.1, with one account
(``ana``, password ``rad-pass-7731``) and its calendar "Work"."""

from __future__ import annotations

import threading
import wsgiref.simple_server
from dataclasses import dataclass
from pathlib import Path

import caldav
import radicale
import radicale.config

USER, PASSWORD = "ana", "rad-pass-7731"


class _Quiet(wsgiref.simple_server.WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class CalDAVServer:
    base: str
    calendar_url: str

    def events(self) -> dict[str, str]:
        """The calendar's events now: {file name: iCalendar text}."""
        with caldav.DAVClient(url=self.base, username=USER, password=PASSWORD) as client:
            calendar = client.calendar(url=self.calendar_url)
            return {str(e.url).rsplit("/", 1)[1]: e.data for e in calendar.events()}


def start(folder: Path):
    """Start Radicale storing under ``folder``; returns (server, CalDAVServer)."""
    (folder / "users").write_text(f"{USER}:{PASSWORD}\n")
    configuration = radicale.config.load()
    configuration.update(
        {
            "storage": {"filesystem_folder": str(folder / "collections")},
            "auth": {
                "type": "htpasswd",
                "htpasswd_filename": str(folder / "users"),
                "htpasswd_encryption": "plain",
                "delay": "0",
            },
            "rights": {"type": "owner_only"},
        },
        "test",
        privileged=True,
    )
    server = wsgiref.simple_server.make_server(
        "127.0.0.1", 0, radicale.Application(configuration), handler_class=_Quiet
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    with caldav.DAVClient(url=base, username=USER, password=PASSWORD) as client:
        calendar = client.principal().make_calendar(name="Work")
    return server, CalDAVServer(base=base, calendar_url=str(calendar.url))
