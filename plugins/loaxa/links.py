"""Addresses in a post's raw HTML, made to work from the article's page.

MkDocs rewrites the links of Markdown (`![...](anh.jpg)`, `[...](tai-lieu.pdf)`) from the post's
file to its page; an address in raw HTML (`<img src="anh/so-do.png">`, `<a href="tai-lieu.pdf">`)
it leaves as written, relative to the post's file, which is not where the article is published.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Container
from urllib.parse import unquote

from .addresses import relative_url
from .references import local_path

_TAG = re.compile(r"""(<[a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
# One attribute whole, its value included: nothing inside a quoted value is taken for a name.
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ADDRESSES = frozenset({"src", "href", "poster", "srcset"})


def relink(body_html: str, page_url: str, post_folder: str, published: Container[str]) -> str:
    """`body_html` (a post rendered) with each relative src, href, poster and srcset address that
    leads to no published file from the page at `page_url` (a URL, as MkDocs gives it) but does from
    the post's folder `post_folder` (its folder among the site's files) rewritten to lead there
    from the page, percent-encoded. `published`: the site paths of the published files (as on
    disk, NFC). Addresses MkDocs has rewritten already lead to their file from the page: kept."""
    page_folder = unquote(page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/")

    def address(value: str) -> str:
        path = local_path(value)
        if path is None or _site_path(page_folder, path) in published:
            return value
        target = _site_path(post_folder, path)
        if target is None or target not in published:
            return value
        ending = value[len(re.split(r"[?#]", value, maxsplit=1)[0]):]  # the query and anchor, kept
        return relative_url(target, page_url) + ending

    def attribute(match: re.Match) -> str:
        if match[3] is None or match[1].lower() not in _ADDRESSES:
            return match[0]
        quoted = match[3]
        value = html.unescape(quoted[1:-1] if quoted[0] in "\"'" else quoted).strip()
        if match[1].lower() == "srcset":
            candidates = [candidate.split() for candidate in value.split(",") if candidate.strip()]
            moved = [[address(first), *rest] for first, *rest in candidates]
            new = ", ".join(" ".join(candidate) for candidate in moved)
            changed = moved != candidates
        else:
            new = address(value)
            changed = new != value
        return f'{match[1]}{match[2]}"{html.escape(new, quote=True)}"' if changed else match[0]

    return _TAG.sub(lambda tag: tag[1] + _ATTRIBUTE.sub(attribute, tag[2]) + ">", body_html)


def _site_path(folder: str, path: str) -> str | None:
    """`path` from `folder` as a site path, None when it leaves the site."""
    target = posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)
    return None if target == ".." or target.startswith(("../", "/")) else target
