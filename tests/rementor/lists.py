"""What every list page is tested for: rows counted on the page, page numbers from a hostile
address, and the number of queries at two sizes (see rementor.core.lists)."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

# Not a number (first page), out of range or below 1 (last page), absurd: never an error.
HOSTILE_PAGES = ["abc", "-1", "0", "99999", "1.5", "", "%00", "9" * 40]


def rows(response) -> int:
    return response.content.decode().count('data-testid="list-row"')


def page_links(response) -> list[str]:
    return re.findall(r'class="page-link" href="([^"]+)"', response.content.decode())


def queries(client, url: str, params: dict | None = None) -> int:
    """Queries of one GET, once the session and caches are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context.captured_queries)
