"""Escaping staff text for places that read it as Markdown, HTML, or both."""

from __future__ import annotations

import html

_MARKDOWN = set("\\`*_[]{}()#+!|~")


def markdown_text(text: str) -> str:
    """`text` that reads as itself in Markdown and in HTML: entities for markup characters."""
    escaped = html.escape(text, quote=True)
    return "".join(f"&#{ord(ch)};" if ch in _MARKDOWN else ch for ch in escaped)
