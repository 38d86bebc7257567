"""A small OpenID provider for the tests: authorization code flow with PKCE, ID tokens signed
RS256 with joserfc (authlib's JOSE library), PKCE checked with authlib's own function, the
keys published at a JWKS endpoint. It runs as a WSGI
app (werkzeug) on a free port in a thread, and Rementor talks to it over real HTTP.

``provider.sign_in_as(claims)`` chooses who the next person to authorise is; ``provider.tamper``
makes the next ID token wrong in one way (see ``TAMPERS``), as a broken or hostile provider
would.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

CLIENT_ID = "rementor-tests"
CLIENT_SECRET = "a-client-secret-for-tests"

TAMPERS = (
    None,
    "bad_signature",  # signed by another key that claims the published key's id
    "wrong_audience",  # issued for another application
    "wrong_issuer",  # issued by someone else
    "expired",  # expired an hour ago
    "old_nonce",  # carries the nonce of an earlier sign-in (a replayed token)
)


def _key(kid: str):
    return RSAKey.generate_key(2048, parameters={"kid": kid}, private=True)


@dataclass
class Provider:
    redirect_uri: str
    key: object = field(default_factory=lambda: _key("main"))
    rogue: object = field(default_factory=lambda: _key("main"))
    claims: dict = field(default_factory=dict)
    tamper: str | None = None
    codes: dict = field(default_factory=dict)
    nonces: list = field(default_factory=list)
    url: str = ""

    def sign_in_as(self, **claims) -> None:
        self.claims = {"sub": secrets.token_hex(8), **claims}

    # --- endpoints ------------------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        handler = {
            "/authorize": self.authorize,
            "/token": self.token,
            "/jwks": self.jwks,
        }.get(request.path)
        response = handler(request) if handler else Response("not found", status=404)
        return response(environ, start_response)

    def authorize(self, request: Request) -> Response:
        args = request.args
        if args.get("client_id") != CLIENT_ID or args.get("redirect_uri") != self.redirect_uri:
            return Response("unknown client or redirect URI", status=400)
        if args.get("response_type") != "code" or "openid" not in args.get("scope", "").split():
            return Response("unsupported request", status=400)
        if args.get("code_challenge_method") != "S256" or not args.get("code_challenge"):
            return Response("PKCE required", status=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = {
            "nonce": args.get("nonce"),
            "challenge": args["code_challenge"],
            "claims": dict(self.claims),
        }
        self.nonces.append(args.get("nonce"))
        query = urlencode({"code": code, "state": args.get("state", "")})
        return Response(status=302, headers={"Location": f"{self.redirect_uri}?{query}"})

    def token(self, request: Request) -> Response:
        form = request.form
        if form.get("client_id") != CLIENT_ID or form.get("client_secret") != CLIENT_SECRET:
            return _error("invalid_client", 401)
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        if grant is None or form.get("grant_type") != "authorization_code":
            return _error("invalid_grant")
        if form.get("redirect_uri") != self.redirect_uri:
            return _error("invalid_grant")
        if create_s256_code_challenge(form.get("code_verifier", "")) != grant["challenge"]:
            return _error("invalid_grant")
        id_token = self.id_token(grant)
        body = {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer"}
        body["id_token"] = id_token
        return _json(body)

    def jwks(self, request: Request) -> Response:
        return _json(KeySet([self.key]).as_dict(private=False))

    # --- the ID token ---------------------------------------------------------------------
    def id_token(self, grant: dict) -> str:
        now = int(time.time())
        claims = {
            "iss": self.url,
            "aud": CLIENT_ID,
            "iat": now,
            "exp": now + 300,
            "nonce": grant["nonce"],
            **grant["claims"],
        }
        key = self.key
        if self.tamper == "bad_signature":
            key = self.rogue
        elif self.tamper == "wrong_audience":
            claims["aud"] = "another-application"
        elif self.tamper == "wrong_issuer":
            claims["iss"] = "https://evil.example.com"
        elif self.tamper == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif self.tamper == "old_nonce":
            claims["nonce"] = self.nonces[0]
        header = {"alg": "RS256", "kid": "main"}
        return jwt.encode(header, claims, key)


def _json(body: dict, status: int = 200) -> Response:
    import json

    return Response(json.dumps(body), status=status, mimetype="application/json")


def _error(code: str, status: int = 400) -> Response:
    return _json({"error": code}, status)


class RunningProvider:
    """The provider served on 127.0.0.1 and a free port, in a thread, until ``stop()``."""

    def __init__(self, *, redirect_uri: str) -> None:
        self.provider = Provider(redirect_uri=redirect_uri)
        self.server = make_server("127.0.0.1", 0, self.provider, threaded=True)
        self.provider.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.thread.join(5)
