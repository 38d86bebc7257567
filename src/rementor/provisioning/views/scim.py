"""``/scim/v2/``: the SCIM 2.0 endpoint (RFC 7644) for identity providers.

Not a page: no session, no CSRF, no sign-in redirect. Every request carries a SCIM token
(``Authorization: Bearer rms_…``) or gets 401 with a SCIM error body; tokens open nothing
outside ``/scim/v2/`` (the API and the pages do not know them). Requests are counted per
token and, before a token is known, per client address, at the API's rates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, RawPostDataException
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage

from rementor.provisioning import documents, filters, users
from rementor.provisioning.errors import ScimError
from rementor.provisioning.tokens import live_token_for

CONTENT_TYPE = "application/scim+json"


def _json(body: dict | None, status: int = 200, **headers: str) -> HttpResponse:
    content = b"" if body is None else json.dumps(body, ensure_ascii=False).encode()
    response = HttpResponse(content, status=status, content_type=CONTENT_TYPE)
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _error(error: ScimError) -> HttpResponse:
    headers = {"WWW_Authenticate": 'Bearer realm="scim"'} if error.status == 401 else {}
    return _json(error.body(), error.status, **headers)


def _rate(group: str, request: HttpRequest) -> str | None:
    return settings.RM_SCIM_THROTTLE_RATES.get(group.removeprefix("scim-")) or None


def _limited(request: HttpRequest, group: str, key: str) -> bool:
    usage = get_usage(
        request, group=f"scim-{group}", key=lambda _g, _r: key, rate=_rate, increment=True
    )
    return bool(usage and usage["should_limit"])


def _token(request: HttpRequest):
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    token = live_token_for(secret.strip()) if scheme.lower() == "bearer" and secret else None
    if token is None:
        raise ScimError(401, "A valid SCIM bearer token is required (it may have been revoked).")
    return token


def _body(request: HttpRequest):
    length = request.headers.get("Content-Length") or "0"
    if not length.isdigit() or int(length) > documents.MAX_PAYLOAD:
        raise ScimError(413, f"The body is over {documents.MAX_PAYLOAD} bytes.")
    try:
        raw = request.body
    except (RequestDataTooBig, RawPostDataException):
        raise ScimError(413, f"The body is over {documents.MAX_PAYLOAD} bytes.") from None
    if len(raw) > documents.MAX_PAYLOAD:
        raise ScimError(413, f"The body is over {documents.MAX_PAYLOAD} bytes.")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise ScimError(400, "The body is not valid JSON.", "invalidSyntax") from None


def scim(*methods: str) -> Callable:
    """A SCIM view: token, rate limits, allowed methods, and SCIM errors for every failure."""

    def decorate(view: Callable) -> Callable:
        @csrf_exempt
        @login_not_required
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            try:
                try:
                    token = _token(request)
                except ScimError:
                    # Only refusals count per address: the identity provider's own requests
                    # all come from a few addresses, and are counted per token below.
                    if _limited(request, "anon", request.META.get("REMOTE_ADDR", "")):
                        raise ScimError(429, "Too many refused requests; slow down.") from None
                    raise
                if _limited(request, "token", str(token.pk)):
                    raise ScimError(429, "Too many requests with this token; slow down.")
                if request.method not in methods:
                    raise ScimError(405, f"{request.method} is not supported here.")
                request.scim_token = token
                request.scim_base = request.build_absolute_uri(reverse("scim:root"))
                return view(request, *args, **kwargs)
            except ScimError as error:
                return _error(error)

        return wrapper

    return decorate


@scim("GET", "POST", "PUT", "PATCH", "DELETE")
def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /scim/v2/: 404 with a SCIM body (once the token is checked)."""
    raise ScimError(404, "No such SCIM resource; see /scim/v2/ResourceTypes.")


@scim("POST")
def search_everything(request: HttpRequest) -> HttpResponse:
    raise ScimError(501, "Searching every resource type at once is not supported; use /Users.")


@scim("GET")
def service_provider_config(request: HttpRequest) -> HttpResponse:
    return _json(documents.service_provider_config(request.scim_base))


def _list(resources: list[dict], *, total: int, start: int = 1) -> dict:
    return {
        "schemas": [documents.LIST],
        "totalResults": total,
        "itemsPerPage": len(resources),
        "startIndex": start,
        "Resources": resources,
    }


@scim("GET")
def resource_types(request: HttpRequest, name: str | None = None) -> HttpResponse:
    found = documents.resource_types(request.scim_base)
    if name is None:
        return _json(_list(found, total=len(found)))
    for item in found:
        if item["id"] == name:
            return _json(item)
    raise ScimError(404, f"No resource type {name[:60]!r}.")


@scim("GET")
def schemas(request: HttpRequest, schema_id: str | None = None) -> HttpResponse:
    found = documents.schemas(request.scim_base)
    if schema_id is None:
        return _json(_list(found, total=len(found)))
    for item in found:
        if item["id"] == schema_id:
            return _json(item)
    raise ScimError(404, f"No schema {schema_id[:100]!r}.")


def _int(params, name: str, default: int) -> int:
    value = params.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ScimError(400, f"{name}: must be an integer.", "invalidValue") from None


def _names(value) -> list[str]:
    if isinstance(value, list):
        value = ",".join(str(v) for v in value)
    return [part.strip() for part in str(value or "").split(",") if part.strip()]


def _shaped(user: dict, *, attributes: list[str], excluded: list[str]) -> dict:
    """``attributes`` / ``excludedAttributes`` (RFC 7644 §3.4.2.5), on whole attributes:
    ``name.givenName`` keeps or drops ``name``. ``id`` and ``schemas`` are always returned."""

    def split(path: str) -> tuple[str | None, str]:
        lowered = path.lower()
        if lowered.startswith(documents.ENTERPRISE.lower() + ":"):
            return documents.ENTERPRISE, path[len(documents.ENTERPRISE) + 1 :].split(".")[0]
        if lowered == documents.ENTERPRISE.lower():
            return documents.ENTERPRISE, ""
        if lowered.startswith(documents.USER.lower() + ":"):
            path = path[len(documents.USER) + 1 :]
        return None, path.split(".")[0]

    def key_of(name: str) -> str | None:
        return next((k for k in user if k.lower() == name.lower()), None)

    if attributes:
        shaped = {"schemas": user["schemas"], "id": user["id"]}
        for path in attributes:
            schema, name = split(path)
            if schema is None and (key := key_of(name)):
                shaped[key] = user[key]
            elif schema and documents.ENTERPRISE in user:
                extension = user[documents.ENTERPRISE]
                part = extension if not name else {k: v for k, v in extension.items() if k == name}
                if part:
                    shaped.setdefault(documents.ENTERPRISE, {}).update(part)
        return shaped
    shaped = dict(user)
    for path in excluded:
        schema, name = split(path)
        if schema is None and (key := key_of(name)) and key not in ("id", "schemas"):
            shaped.pop(key)
        elif schema and documents.ENTERPRISE in shaped:
            if not name:
                shaped.pop(documents.ENTERPRISE)
            else:
                rest = {k: v for k, v in shaped[documents.ENTERPRISE].items() if k != name}
                shaped[documents.ENTERPRISE] = rest
    return shaped


def _listing(request: HttpRequest, params) -> HttpResponse:
    people = users.visible_people()
    if params.get("filter"):
        people = filters.filtered(people, str(params["filter"]))
    start = max(1, _int(params, "startIndex", 1))
    count = min(max(0, _int(params, "count", documents.MAX_RESULTS)), documents.MAX_RESULTS)
    total = people.count()
    page = list(people[start - 1 : start - 1 + count])
    attributes, excluded = (
        _names(params.get("attributes")),
        _names(params.get("excludedAttributes")),
    )
    found = [
        _shaped(
            users.representation(p, base=request.scim_base),
            attributes=attributes,
            excluded=excluded,
        )
        for p in page
    ]
    return _json(_list(found, total=total, start=start))


@scim("GET", "POST")
def users_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _listing(request, request.GET)
    person = users.create_user(data=_body(request), token=request.scim_token)
    return _user(request, person.pk, status=201)


@scim("POST")
def users_search(request: HttpRequest) -> HttpResponse:
    body = _body(request)
    if not isinstance(body, dict):
        raise ScimError(400, "The body must be a JSON object.", "invalidSyntax")
    return _listing(request, body)


def _user(request: HttpRequest, pk: int, *, status: int = 200) -> HttpResponse:
    person = users.person_for(str(pk))
    user = users.representation(person, base=request.scim_base)
    user = _shaped(
        user,
        attributes=_names(request.GET.get("attributes")),
        excluded=_names(request.GET.get("excludedAttributes")),
    )
    headers = {"Location": user["meta"]["location"]} if status == 201 and "meta" in user else {}
    return _json(user, status, **headers)


@scim("GET", "PUT", "PATCH", "DELETE")
def user_detail(request: HttpRequest, user_id: str) -> HttpResponse:
    person = users.person_for(user_id)
    token = request.scim_token
    if request.method == "PUT":
        users.replace_user(person=person, data=_body(request), token=token)
    elif request.method == "PATCH":
        users.patch_user(
            person=person,
            data=_body(request),
            token=token,
            max_operations=documents.MAX_OPERATIONS,
        )
    elif request.method == "DELETE":
        users.delete_user(person=person, token=token)
        return _json(None, 204)
    return _user(request, person.pk)
