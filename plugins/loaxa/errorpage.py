"""The page a preview shows instead of the site while the last save left a post with mistakes."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from .i18n import t

# "posts/2025/a.md:4: date: …": a problem's place, then what is wrong.
_PLACE = re.compile(r"^(?P<place>[^\s:][^:]*:\d+):\s*(?P<rest>.*)$")
_CODE = re.compile(r"`([^`]+)`")

# Light, with no font, script or picture fetched from anywhere: it must show when nothing else does.
_STYLE = """
body{margin:0;background:#fff;color:#1f2328;font:17px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,
"Noto Sans",Arial,sans-serif;-webkit-text-size-adjust:100%}
main{max-width:46rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{margin:.75rem 0 1rem;color:#b42318;font-size:1.45rem;line-height:1.3}
ul{margin:.5rem 0 1rem;padding:0;list-style:none}
li{margin:.5rem 0;padding:.6rem .8rem;border-left:4px solid #d92d20;background:#fef3f2;
overflow-wrap:anywhere}
.place{display:block;font-weight:700}
p{overflow-wrap:anywhere}
code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;background:#f2f4f7;
padding:0 .2em;border-radius:3px}
.reload{margin-top:1.5rem;padding:.6rem .8rem;border-left:4px solid #12b76a;background:#ecfdf3}
""".strip()


def render(messages: Sequence[str], lang: str) -> str:
    """The whole page: `messages` (as logged, one problem a line) escaped, a problem's file and
    line set apart, and what happens once the post is saved again."""
    title = html.escape(t("preview.title", lang))
    body = [f"<h1>{title}</h1>", f"<p>{_inline(t('preview.intro', lang))}</p>"]
    for message in messages:
        body += _message(message)
    body.append(f'<p class="reload">{_inline(t("preview.reload", lang))}</p>')
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _message(message: str) -> list[str]:
    """Lines that name a place become a list, one problem an item; other lines, paragraphs."""
    parts: list[str] = []
    items: list[str] = []
    for line in (line.strip() for line in message.splitlines()):
        if not line:
            continue
        if match := _PLACE.match(line):
            items.append(f'<li><span class="place">{html.escape(match["place"])}</span>'
                         f'{_inline(match["rest"])}</li>')
            continue
        if items:
            parts += ["<ul>", *items, "</ul>"]
            items = []
        parts.append(f"<p>{_inline(line)}</p>")
    if items:
        parts += ["<ul>", *items, "</ul>"]
    return parts


def _inline(text: str) -> str:
    """Escaped text, `quoted` values shown as code as in the guide."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text))
