"""Search that costs nothing until used: a Pagefind index whose fragments a query fetches."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path

from .addresses import PAGEFIND_DIR as OUTPUT
from .errors import SearchError
from .i18n import t


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


def index_site(site_dir: Path, lang: str) -> None:
    """Write the Pagefind index of the built site into <site>/pagefind/."""
    done = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", OUTPUT,
         "--silent"],
        capture_output=True, text=True, encoding="utf-8",
    )
    if done.returncode != 0:
        problem = done.stderr.strip() or done.stdout.strip()
        raise SearchError(t("search.failed", lang, problem=problem))
