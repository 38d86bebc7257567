"""A real webhook receiver for the channel tests: an HTTP server on 127.0.0.1, in a thread,
keeping every request it gets and answering with the statuses a test scripts."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Receiver:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        self.paths: list[str] = []
        self.statuses: list[int] = []  # answers in turn; 200 once the list is used up
        self.delay = 0.0  # seconds before answering (a timeout when above the client's)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                receiver.bodies.append(self.rfile.read(length))
                receiver.paths.append(self.path)
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if receiver.delay:
                    time.sleep(receiver.delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:  # the client gave up waiting
                    pass

            def log_message(self, *args) -> None:
                pass

        return Handler

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    @property
    def payloads(self) -> list[dict]:
        return [json.loads(body) for body in self.bodies]

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture
def receiver(settings):
    settings.RM_CHANNELS_ALLOW_LOOPBACK = True
    settings.RM_CHANNELS_BACKOFF_SECONDS = 0
    settings.RM_CHANNELS_TIMEOUT_SECONDS = 2
    settings.RM_SITE_URL = "https://rementor.example.com"
    server = Receiver().start()
    yield server
    server.stop()
