"""Permanent short-link pages: /p/<id>/ sends the browser on to the article."""

from __future__ import annotations

import html
import posixpath

from .i18n import DEFAULT_LANGUAGE, t

MAX_TITLE = 80


def render_short_link(
    title: str, article_path: str, site_url: str | None, lang: str = DEFAULT_LANGUAGE
) -> str:
    """A static redirect page, well under 1 KB, for the post whose page is at `article_path`
    (site-relative, e.g. "huong-dan-vneid/"). The refresh and the link are relative, so the
    page works on any host and in a local preview; the canonical link is absolute."""
    target = posixpath.relpath(article_path, "p/0") + ("/" if article_path.endswith("/") else "")
    href = html.escape(target, quote=True)
    name = title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"
    canonical = ""
    if site_url:
        absolute = site_url.rstrip("/") + "/" + article_path
        canonical = f'<link rel="canonical" href="{html.escape(absolute, quote=True)}">'
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(name, quote=False)}</title>"
        f'<meta name="robots" content="noindex">{canonical}'
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f"<script>location.replace({_js_string(target)})</script></head>"
        f'<body><p><a href="{href}">{html.escape(t("shortlink.open", lang), quote=False)}: '
        f"{html.escape(name, quote=False)}</a></p></body></html>\n"
    )


def _js_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'
