"""Escaping staff text for places that read it as Markdown, HTML, or both."""

from __future__ import annotations

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MARKUP = set("\\`*_[]{}()#+!|~'")


def markdown_text(text: str) -> str:
    """`text` that reads as itself in Markdown and in HTML: each markup character becomes one
    entity, in a single pass (an entity escaped again would show as `&#x27;`)."""
    return "".join(_HTML.get(ch) or (f"&#{ord(ch)};" if ch in _MARKUP else ch) for ch in text)
