"""Fixes to Material's output for a light, accessible, first-party-only site."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
POLYFILL_CDN = "https://unpkg.com/resize-observer-polyfill"
POLYFILL_PATH = "assets/loaxa/resize-observer.js"
# Material fetches sitemap.xml beside every <link rel=alternate> to map language versions;
# feed links are alternates too, so it fetched the sitemap once per feed on every page.
_ALTERNATE = "link[rel=alternate]"
_LANGUAGE_ALTERNATE = "link[rel=alternate][hreflang]"


def patch_bundle(script: str, site_path: str) -> str:
    """Material's bundle with the ResizeObserver polyfill served from the site (old phone
    browsers fetched it from unpkg.com) and only language alternates looked up."""
    return (script.replace(f'"{POLYFILL_CDN}"', f'"{site_path}{POLYFILL_PATH}"')
            .replace(_ALTERNATE, _LANGUAGE_ALTERNATE))


def find_bundle(theme_dirs: list[str], site_path: str) -> tuple[str, str, str] | None:
    """Material's bundle in the theme: its site path, the path of the patched copy (named by
    its content, so long-lived caches never serve the old one) and the patched text."""
    for folder in theme_dirs:
        for bundle in sorted(Path(folder).glob("assets/javascripts/bundle.*.min.js")):
            patched = patch_bundle(bundle.read_text(encoding="utf-8"), site_path)
            digest = hashlib.sha256(patched.encode("utf-8")).hexdigest()[:8]
            old = f"assets/javascripts/{bundle.name}"
            return old, f"assets/javascripts/bundle.{digest}.min.js", patched
    return None


def stylesheet() -> str:
    return (ASSETS / "loaxa.css").read_text(encoding="utf-8")


def fix_page(page_html: str, search_label: str, post_label: str) -> str:
    """Accessible names and landmarks Material leaves out."""
    # The sidebar of a blog post is a second primary navigation without a name.
    page_html = page_html.replace('<nav class="md-nav md-nav--primary">',
                                  f'<nav class="md-nav md-nav--primary" aria-label="{post_label}">')
    page_html = page_html.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        f'<div class="md-search" data-md-component="search" role="dialog" '
        f'aria-label="{search_label}">')
    # One "continue reading" <nav> per excerpt made many landmarks without names.
    return re.sub(r'<nav class="md-post__action">(.*?)</nav>', r'<div class="md-post__action">\1</div>',
                  page_html, flags=re.S)
