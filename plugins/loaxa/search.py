"""Search that costs nothing until used: a Pagefind index whose fragments a query fetches."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

from .i18n import t

SEARCH_PAGE = "tim-kiem.md"       # published at tim-kiem/
OUTPUT = "pagefind"
_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5 '
         '3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 '
         '6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 '
         '14 9.5 12 5 9.5 5"/></svg>')


class SearchError(Exception):
    """Pagefind could not index the site."""


def render_search_page(lang: str) -> str:
    """Markdown of the search page: Pagefind's UI, loaded only here. Pagefind matches words with
    or without Vietnamese marks; a query typed with marks ranks exact matches first."""
    return (
        f"# {t('search.label', lang)}\n\n"
        '<div id="loaxa-search" data-pagefind-ignore></div>\n'
        f"<noscript><p>{html.escape(t('search.needs_js', lang))}</p></noscript>\n"
        f'<link rel="stylesheet" href="../{OUTPUT}/pagefind-ui.css">\n'
        f'<script src="../{OUTPUT}/pagefind-ui.js"></script>\n'
        "<script>new PagefindUI({element:'#loaxa-search',showImages:false,showSubResults:false,"
        "autofocus:true,resetStyles:false});"
        "var i=document.querySelector('#loaxa-search input');"
        f"i.setAttribute('aria-label',{json.dumps(t('search.label', lang))});"
        "var q=new URLSearchParams(location.search).get('q');"
        "if(q){i.value=q;i.dispatchEvent(new Event('input'))}</script>\n"
    )


def add_search_button(page_html: str, href: str, label: str) -> str:
    """`page_html` with a search button at the end of its header bar."""
    end = page_html.find("</header>")
    at = page_html.rfind("</nav>", 0, end) if end >= 0 else -1
    if at < 0:
        return page_html
    button = (f'<a class="md-header__button md-icon" href="{html.escape(href, quote=True)}" '
              f'aria-label="{html.escape(label)}" title="{html.escape(label)}">{_ICON}</a>')
    return page_html[:at] + button + page_html[at:]


def mark_searchable(page_html: str) -> str:
    """Index this page's article (and, on pages so marked, nothing else)."""
    return page_html.replace('<article class="md-content__inner md-typeset">',
                             '<article class="md-content__inner md-typeset" data-pagefind-body>', 1)


def index_site(site_dir: Path) -> None:
    """Write the Pagefind index of the built site into <site>/pagefind/."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT,
         "--silent"],
        capture_output=True, text=True, encoding="utf-8",
    )
    if done.returncode != 0:
        raise SearchError(done.stderr.strip() or done.stdout.strip())
