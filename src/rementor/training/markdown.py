"""Markdown written by programme managers, rendered to HTML that is safe to show anyone.

python-markdown turns the text into HTML (raw HTML typed by the author included), then nh3
keeps only a small allow-list of tags and attributes: no scripts, no styles, no event
handlers, no images pulling from elsewhere. Links open nothing with the opener's rights.
"""

from __future__ import annotations

import markdown as _markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Headings in module bodies start at h2: the page already has its own h1.
_HEADING_SHIFT = {"h1": "h2", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6"}


def render_markdown(text: str) -> SafeString:
    """Sanitised HTML for ``text`` (Markdown); safe to insert in a page as is."""
    html = _markdown.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    for source, target in sorted(_HEADING_SHIFT.items(), reverse=True):
        html = html.replace(f"<{source}>", f"<{target}>").replace(f"</{source}>", f"</{target}>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)
