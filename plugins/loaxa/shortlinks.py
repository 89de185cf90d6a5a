"""Pages that stand at an address and send the reader on: the permanent short link /p/<id>/,
an article's former addresses, and the page left where a removed post was."""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass

from .i18n import DEFAULT_LANGUAGE, t

MAX_TITLE = 80
MAX_DESCRIPTION = 160  # what previews show; the page stays under 2 kB


@dataclass(frozen=True)
class Preview:
    """What a link preview (Facebook, Zalo) shows of the article a page leads to."""

    title: str
    description: str
    url: str            # the article's absolute address
    image_url: str
    image_width: int
    image_height: int
    site_name: str


def render_redirect(title: str, article_path: str, from_path: str, site_url: str | None,
                    lang: str = DEFAULT_LANGUAGE, preview: Preview | None = None) -> str:
    """A static page at `from_path` (site-relative, e.g. "p/15/") sending the browser to the
    article at `article_path` ("huong-dan-vneid/"), with the article's preview tags so that a
    shared short link or old address previews like the article. The refresh and the link are
    relative, so the page works on any host and in a local preview; the canonical link is
    absolute."""
    target = _relative(article_path, from_path)
    href = html.escape(target, quote=True)
    name = _short(title, MAX_TITLE)
    head = ""
    if site_url:
        absolute = site_url.rstrip("/") + "/" + article_path
        head += f'<link rel="canonical" href="{html.escape(absolute, quote=True)}">'
    if preview is not None:
        head += _preview_tags(preview)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{html.escape(name, quote=False)}</title>"
        f'<meta name="robots" content="noindex">{head}'
        f'<meta http-equiv="refresh" content="0; url={href}">'
        f"<script>location.replace({_js_string(target)})</script></head>"
        f'<body><p><a href="{href}">{html.escape(t("shortlink.open", lang), quote=False)}: '
        f"{html.escape(name, quote=False)}</a></p></body></html>\n"
    )


def render_short_link(title: str, article_path: str, site_url: str | None,
                      lang: str = DEFAULT_LANGUAGE, preview: Preview | None = None) -> str:
    """The short link page /p/<id>/ of the article at `article_path`."""
    return render_redirect(title, article_path, "p/0/", site_url, lang, preview)


def render_removed(from_path: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page left at the addresses of a post removed on purpose: it says so and leads home,
    instead of a "not found"."""
    home = html.escape(_relative("", from_path) or "./", quote=True)
    title = html.escape(t("removed.title", lang), quote=False)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>{title}</title><meta name="robots" content="noindex"></head>'
        f'<body style="font:1.1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem">'
        f"<h1>{title}</h1><p>{html.escape(t('removed.body', lang), quote=False)}</p>"
        f'<p><a href="{home}">{html.escape(t("removed.home", lang), quote=False)}</a></p>'
        f"</body></html>\n"
    )


def _preview_tags(preview: Preview) -> str:
    tags = [
        ("og:type", "article"),
        ("og:site_name", preview.site_name),
        ("og:title", preview.title),
        ("og:description", _short(preview.description, MAX_DESCRIPTION)),
        ("og:url", preview.url),
        ("og:image", preview.image_url),
        ("og:image:width", str(preview.image_width)),
        ("og:image:height", str(preview.image_height)),
    ]
    found = "".join(f'<meta property="{name}" content="{html.escape(value, quote=True)}">'
                    for name, value in tags if value)
    return found + '<meta name="twitter:card" content="summary_large_image">'


def _relative(target: str, from_path: str) -> str:
    folder = from_path if from_path.endswith("/") else posixpath.dirname(from_path) + "/"
    relative = posixpath.relpath(target or ".", folder.rstrip("/") or ".")
    if relative == ".":
        return "./"
    return relative + ("/" if target.endswith("/") else "")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _js_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\u003c")
    return f'"{escaped}"'
