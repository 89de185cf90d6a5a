"""Search that costs nothing until used: a Pagefind index whose fragments a query fetches."""

from __future__ import annotations

import html
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading
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
    Indexing(site_dir, lang, output=site_dir / OUTPUT).wait()


class Indexing:
    """A Pagefind run over a built site. Into a fresh folder by default, which replaces
    <site>/pagefind/ whole when the run is done, so readers never meet half an index."""

    def __init__(self, site_dir: Path, lang: str, *, output: Path | None = None) -> None:
        self.site_dir, self.lang = site_dir, lang
        self.target = site_dir / OUTPUT
        self.output = output or site_dir / f".{OUTPUT}-{os.getpid()}-{next(_runs)}"
        self.stopped = False
        self._swap = threading.Lock()  # a stop and the swap of a finished index never interleave
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-path", str(self.output),
             "--silent"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")

    def wait(self) -> bool:
        """Wait for the run; True when its index is in place, False when it was stopped."""
        out, errors = self.process.communicate()
        with self._swap:
            if self.stopped:
                return False
            if self.process.returncode != 0:
                shutil.rmtree(self.output, ignore_errors=True)
                raise SearchError(t("search.failed", self.lang, problem=errors.strip() or out.strip()))
            if self.output != self.target:
                old = self.output.with_name(self.output.name + "-old")
                if self.target.exists():
                    os.replace(self.target, old)
                os.replace(self.output, self.target)
                shutil.rmtree(old, ignore_errors=True)
            return True

    def stop(self) -> None:
        """End a run whose index is no longer wanted (the site changed again)."""
        with self._swap:
            self.stopped = True
            self.process.kill()
        self.process.wait()
        if self.output != self.target:
            shutil.rmtree(self.output, ignore_errors=True)


_runs = itertools.count(1)
