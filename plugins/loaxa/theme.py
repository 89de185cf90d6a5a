"""Everything loaxa assumes about Material for MkDocs' output, as counted patches.

Material writes the HTML; loaxa changes a few strings in it (accessible names, a search button,
what Pagefind indexes) and in its JavaScript bundle (no request to unpkg.com). Each change is a
`Patch` whose finds are counted per build: a patch that finds nothing where it must (Material
changed) is reported by name instead of shipping unpatched pages.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .addresses import POLYFILL

ASSETS = Path(__file__).parent / "assets"
POLYFILL_SOURCE = ASSETS / "resize-observer.js"
POLYFILL_CDN = "https://unpkg.com/resize-observer-polyfill"
BUNDLE_GLOB = "assets/javascripts/bundle.*.min.js"
# Material's blog names a post's address from this format; loaxa gives every post its slug.
POST_URL_FORMAT = "{slug}"

# Kinds of page a patch applies to.
EVERY_PAGE, POST, VIEW, ARTICLE = "page", "post", "view", "article"


@dataclass(frozen=True)
class Patch:
    """One change to Material's output: `old` (a string or a pattern) becomes `new`.
    `kinds`: the pages where Material always writes `old`, so that finding nothing there means
    Material changed; empty when it writes it only for some content."""

    name: str
    old: str | re.Pattern[str]
    new: str
    kinds: frozenset[str] = frozenset()
    count: int = 0  # how many to change on a page; 0 is all

    def apply(self, text: str) -> tuple[str, int]:
        if isinstance(self.old, re.Pattern):
            return self.old.subn(self.new, text, count=self.count)
        found = text.count(self.old)
        if self.count:
            found = min(found, self.count)
        return (text.replace(self.old, self.new, self.count or -1), found) if found else (text, 0)


class PatchCounts:
    """How often each patch found something in one build, and where it had to."""

    def __init__(self) -> None:
        self.found: Counter[str] = Counter()
        self.required: Counter[str] = Counter()

    def apply(self, patch: Patch, text: str, kinds: Iterable[str] = ()) -> str:
        text, found = patch.apply(text)
        self.found[patch.name] += found
        if patch.kinds & set(kinds):
            self.required[patch.name] += 1
        return text

    def missing(self) -> list[str]:
        """Patches that found nothing on any page where Material always writes what they change."""
        return sorted(name for name in self.required if not self.found[name])


def bundle_patches(site_path: str) -> tuple[Patch, ...]:
    """Patches of Material's JavaScript bundle for a site served under `site_path` ("/", "/xa/")."""
    every = frozenset({"bundle"})
    return (
        # Old phone browsers fetched the ResizeObserver polyfill from unpkg.com.
        Patch("bundle: polyfill from the site", f'"{POLYFILL_CDN}"', f'"{site_path}{POLYFILL}"', every),
        # Material fetches sitemap.xml beside every <link rel=alternate> to map language versions;
        # feed links are alternates too, so it fetched the sitemap once per feed on every page.
        Patch("bundle: language alternates only", "link[rel=alternate]",
              "link[rel=alternate][hreflang]", every),
    )


@dataclass(frozen=True)
class Bundle:
    """Material's bundle: where the theme publishes it, and the patched copy named by content
    (so long-lived caches never serve the old one)."""

    old_path: str
    new_path: str
    text: str


def patch_bundle(theme_dirs: Iterable[str], site_path: str, counts: PatchCounts) -> Bundle | None:
    for folder in theme_dirs:
        for source in sorted(Path(folder).glob(BUNDLE_GLOB)):
            text = source.read_text(encoding="utf-8")
            for patch in bundle_patches(site_path):
                text = counts.apply(patch, text, ["bundle"])
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
            return Bundle(f"assets/javascripts/{source.name}",
                          f"assets/javascripts/bundle.{digest}.min.js", text)
    return None


_SEARCH_ICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 '
    '3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 '
    '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 '
    '14 9.5 12 5 9.5 5"/></svg>')
_ARTICLE = '<article class="md-content__inner md-typeset">'


def sidebar_name(label: str) -> Patch:
    """The sidebar of a blog post is a second primary navigation without a name."""
    old = '<nav class="md-nav md-nav--primary">'
    return Patch("html: post sidebar name", old, f'<nav class="md-nav md-nav--primary" aria-label="'
                 f'{html.escape(label, quote=True)}">', frozenset({POST}))


def search_dialog_name(label: str) -> Patch:
    """Material's own search dialog (when its search plugin is on) has no accessible name."""
    old = '<div class="md-search" data-md-component="search" role="dialog">'
    name = html.escape(label, quote=True)
    return Patch("html: search dialog name", old, old[:-1] + f' aria-label="{name}">')


# One "continue reading" <nav> per excerpt made many landmarks without names.
EXCERPT_ACTION = Patch("html: excerpt action", re.compile(r'<nav class="md-post__action">(.*?)</nav>', re.S),
                       r'<div class="md-post__action">\1</div>')


def search_button(href: str, label: str) -> Patch:
    """A search button at the end of the header bar, leading to the Pagefind page."""
    button = (f'<a class="md-header__button md-icon" href="{html.escape(href, quote=True)}" '
              f'aria-label="{html.escape(label)}" title="{html.escape(label)}">{_SEARCH_ICON}</a>')
    return Patch("html: search button", _LAST_NAV_IN_HEADER, button.replace("\\", "\\\\") + "</nav>",
                 frozenset({EVERY_PAGE}), count=1)


# The header's last </nav>: no other </nav> between it and </header>.
_LAST_NAV_IN_HEADER = re.compile(r"</nav>(?=(?:(?!</nav>).)*?</header>)", re.S)


# Pagefind indexes the article of each page so marked, and nothing else of it.
SEARCHABLE = Patch("html: searchable article", _ARTICLE, _ARTICLE[:-1] + " data-pagefind-body>",
                   frozenset({ARTICLE}), count=1)


def head_tags(tags: str) -> Patch:
    """`tags` at the end of the page's <head>."""
    return Patch("html: head tags", "</head>", f"{tags}\n</head>", frozenset({EVERY_PAGE}), count=1)


def escape_description(text: str) -> str:
    """Material prints site and page descriptions raw inside a quoted attribute."""
    return html.escape(text, quote=True)


def stylesheet(lists: bool = False) -> str:
    """loaxa's style for every page, or (`lists`) what only the pages listing posts add."""
    return (ASSETS / ("loaxa-lists.css" if lists else "loaxa.css")).read_text(encoding="utf-8")


HOME, NOT_FOUND = "home", "404"  # the first page of the list of posts; the page of a wrong address


def metadata_title(label: str) -> Patch:
    """Material's blog titles a post's sidebar "Metadata" whatever the site's language."""
    pattern = re.compile(r'(<div class="md-post__title">\s*<span class="md-ellipsis">\s*)'
                         r"Metadata(?=\s*</span>)")
    return Patch("html: post metadata title", pattern, r"\g<1>" + html.escape(label).replace("\\", "\\\\"),
                 frozenset({POST}))


def tabs_name(label: str) -> Patch:
    """Material names its tabs "Tabs" whatever the site's language."""
    return Patch("html: tabs name", '<nav class="md-tabs" aria-label="Tabs"',
                 f'<nav class="md-tabs" aria-label="{html.escape(label, quote=True)}"')


def before_footer(block: str) -> Patch:
    """`block` between the page's main part and its footer."""
    return Patch("html: before footer", '<footer class="md-footer">', f'{block}<footer class="md-footer">',
                 frozenset({HOME}), count=1)


def not_found_body(block: str) -> Patch:
    """The page of a wrong address says so in the site's language, and where to go."""
    return Patch("html: not found", "<h1>404 - Not found</h1>", block, frozenset({NOT_FOUND}), count=1)


# The root font size follows the phone's text size setting (the page sizes its text in rem).
TEXT_SCALE = '<meta name="text-scale" content="scale">'



# Material's Vietnamese "back to top" button reads "back to the table of contents".
_TOP_BUTTON = re.compile(r'(<button type="button" class="md-top md-icon"[^>]*>.*?</svg>\s*)Trở lại mục lục'
                         r"(?=\s*</button>)", re.S)


def back_to_top(label: str) -> Patch:
    return Patch("html: back to top", _TOP_BUTTON, r"\g<1>" + html.escape(label).replace("\\", "\\\\"))
