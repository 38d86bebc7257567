"""Markdown written by managers is rendered safe to show anyone."""

from __future__ import annotations

from rementor.training.markdown import render_markdown


def test_render_markdown_removes_scripts_and_unsafe_links():
    html = render_markdown(
        "# Title\n\n<script>alert(1)</script> [bad](javascript:alert(1)) "
        '[good](https://example.org) <img src="x" onerror="alert(1)">'
    )
    assert "<script" not in html and "javascript:" not in html and "<img" not in html
    assert "onerror" not in html
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">good</a>' in html
    assert "<h2>Title</h2>" in html
