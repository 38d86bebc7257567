"""auditlog's middleware, with the client address django-axes resolves.

auditlog's own middleware believes the first ``X-Forwarded-For`` entry, which any client can
write; axes reads it only behind the proxies the settings trust, so both logs agree.
"""

from __future__ import annotations

from auditlog.middleware import AuditlogMiddleware as _AuditlogMiddleware
from django.http import HttpRequest

from rementor.audit.events import client_ip


class AuditlogMiddleware(_AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)
