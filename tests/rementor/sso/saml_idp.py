"""A real SAML 2.0 identity provider for the tests: pysaml2's ``Server`` behind a small WSGI
application (werkzeug) in a thread, with keys and certificates made for the run.

The test says who signs in next (``idp.user``) and how the IdP misbehaves: sign with another
key (``idp.signing = "rogue"``), address another service provider (``idp.audience``). A
browser would post the IdP's auto-submitting form to our ACS; ``Browser`` does the same.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import saml2
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2.assertion import Policy
from saml2.config import IdPConfig
from saml2.metadata import create_metadata_string
from saml2.saml import NAME_FORMAT_URI, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

XMLSEC = "/usr/bin/xmlsec1"


_made: dict[str, tuple[bytes, bytes]] = {}


def key_pair(folder: Path, name: str) -> tuple[Path, Path]:
    """An RSA key and its self-signed certificate, as PEM files: made for this test run
    (once per name, RSA key generation is slow) and never kept."""
    if name not in _made:
        _made[name] = _new_key_pair(name)
    key_pem, cert_pem = _made[name]
    key_file, cert_file = folder / f"{name}.key", folder / f"{name}.crt"
    key_file.write_bytes(key_pem)
    cert_file.write_bytes(cert_pem)
    return key_file, cert_file


def _new_key_pair(name: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


class _AudiencePolicy(Policy):
    """The IdP's release policy, with the audience restriction naming whoever we like."""

    audience: str | None = None

    def conditions(self, sp_entity_id):
        return super().conditions(self.audience or sp_entity_id)


@dataclass
class IdentityProvider:
    folder: Path
    email_attribute: str
    employee_id_attribute: str
    base_url: str = ""
    user: dict | None = None
    signing: str = "good"
    audience: str | None = None
    answered: list[str] = field(default_factory=list)
    _servers: dict[str, Server] = field(default_factory=dict)
    _sp_metadata: str = ""

    @property
    def entity_id(self) -> str:
        return f"{self.base_url}/idp/metadata"

    def _config(self, key_file: Path, cert_file: Path) -> IdPConfig:
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "xmlsec_binary": XMLSEC,
                "key_file": str(key_file),
                "cert_file": str(cert_file),
                "metadata": {"inline": [self._sp_metadata]} if self._sp_metadata else {},
                "service": {
                    "idp": {
                        "name": "Test IdP",
                        "endpoints": {
                            "single_sign_on_service": [
                                (f"{self.base_url}/sso/redirect", saml2.BINDING_HTTP_REDIRECT)
                            ],
                            "single_logout_service": [
                                (f"{self.base_url}/slo/redirect", saml2.BINDING_HTTP_REDIRECT)
                            ],
                        },
                        "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                        "policy": {
                            "default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}
                        },
                    }
                },
            }
        )
        return config

    def metadata_file(self) -> Path:
        """The IdP's metadata as the service provider reads it (RM_SAML_IDP_METADATA_FILE)."""
        key_file, cert_file = key_pair(self.folder, "idp")
        self._keys = {"good": (key_file, cert_file), "rogue": key_pair(self.folder, "rogue")}
        path = self.folder / "idp-metadata.xml"
        path.write_bytes(create_metadata_string(None, config=self._config(key_file, cert_file)))
        return path

    def trust(self, sp_metadata: str) -> None:
        """Register the service provider (its metadata as Rementor publishes it)."""
        self._sp_metadata = sp_metadata
        self._servers = {
            name: Server(config=self._config(*files)) for name, files in self._keys.items()
        }

    # --- the WSGI application -------------------------------------------------------------
    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.path == "/sso/redirect":
            response = self._single_sign_on(request)
        elif request.path == "/slo/redirect":
            response = self._single_logout(request)
        else:
            response = Response("not found", status=404)
        return response(environ, start_response)

    def _single_sign_on(self, request: Request) -> Response:
        server = self._servers["good"]
        parsed = server.parse_authn_request(
            request.args["SAMLRequest"], saml2.BINDING_HTTP_REDIRECT
        )
        if self.user is None:
            return Response("nobody signs in", status=403)
        args = server.response_args(parsed.message, [saml2.BINDING_HTTP_POST])
        identity = {self.email_attribute: [self.user["email"]]}
        if self.user.get("employee_id"):
            identity[self.employee_id_attribute] = [self.user["employee_id"]]
        for attribute, value in self.user.get("names", {}).items():
            identity[attribute] = [value]
        signer = self._servers[self.signing]
        policy = _AudiencePolicy(
            {"default": {"lifetime": {"minutes": 5}, "name_form": NAME_FORMAT_URI}},
            mds=signer.metadata,
        )
        policy.audience = self.audience
        response = signer.create_authn_response(
            identity,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=self.user["email"]),
            authn={"class_ref": saml2.saml.AUTHN_PASSWORD_PROTECTED},
            sign_assertion=True,
            sign_response=True,
            release_policy=policy,
            **{k: args[k] for k in ("in_response_to", "destination", "sp_entity_id")},
        )
        self.answered.append(str(response))
        http = signer.apply_binding(
            saml2.BINDING_HTTP_POST,
            str(response),
            args["destination"],
            request.args.get("RelayState", ""),
            response=True,
        )
        return Response(http["data"], content_type="text/html")

    def _single_logout(self, request: Request) -> Response:
        """Answers Rementor's logout request: "signed out here too", back to its logout service."""
        server = self._servers["good"]
        parsed = server.parse_logout_request(
            request.args["SAMLRequest"], saml2.BINDING_HTTP_REDIRECT
        )
        response = server.create_logout_response(parsed.message, [saml2.BINDING_HTTP_REDIRECT])
        binding, destination = server.pick_binding(
            "single_logout_service", [saml2.BINDING_HTTP_REDIRECT], "spsso", parsed
        )
        http = server.apply_binding(
            binding, str(response), destination, request.args.get("RelayState", ""), response=True
        )
        return Response(status=302, headers=dict(http["headers"]))

    def logout_request(self, *, sp_logout_service: str, sp_entity_id: str, email: str) -> str:
        """Single logout started at the IdP (the person signed out of another application):
        the address, with a signed LogoutRequest, the browser is sent to at Rementor."""
        server = self._servers["good"]
        _, request = server.create_logout_request(
            sp_logout_service,
            sp_entity_id,
            name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=email),
            sign=False,
        )
        http = server.apply_binding(
            saml2.BINDING_HTTP_REDIRECT, str(request), sp_logout_service, "", sign=True
        )
        return dict(http["headers"])["Location"]


class LiveIdentityProvider:
    """Serves an ``IdentityProvider`` on 127.0.0.1 in a thread for the length of a test."""

    def __init__(self, idp: IdentityProvider, host: str = "127.0.0.1"):
        self.server = make_server(host, 0, idp, threaded=True)
        idp.base_url = f"http://{host}:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.thread.join(timeout=5)


_INPUT = re.compile(r'<input[^>]*name="(?P<name>[^"]+)"[^>]*value="(?P<value>[^"]*)"', re.I)
_ACTION = re.compile(r'<form[^>]*action="(?P<action>[^"]+)"', re.I)


@dataclass
class Answer:
    """The IdP's auto-posting form: where it posts and what."""

    action: str
    fields: dict[str, str]


class _Stay(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test follows redirects to Rementor itself, with its test client


def redirect_from_idp(location: str) -> str:
    """Visit the IdP and return where it redirects the browser (path and query)."""
    opener = urllib.request.build_opener(_Stay)
    try:
        opener.open(location, timeout=10)
    except urllib.error.HTTPError as redirect:
        if redirect.code != 302:
            raise
        target = urlsplit(redirect.headers["Location"])
        return f"{target.path}?{target.query}"
    raise AssertionError("the identity provider did not redirect")


def visit_idp(location: str) -> Answer:
    """Follow Rementor's redirect to the IdP over HTTP and read the form it answers with."""
    with urllib.request.urlopen(location, timeout=10) as reply:
        page = reply.read().decode()
    fields = {m["name"]: unescape(m["value"]) for m in _INPUT.finditer(page)}
    action = unescape(_ACTION.search(page)["action"])
    return Answer(action=urlsplit(action).path, fields=fields)
