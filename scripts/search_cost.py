"""What search costs a reader: Material's lunr search against loaxa's Pagefind search.

    python scripts/search_cost.py [--posts 1000] [--query "huong dan"]

Builds N generated posts with loaxa and as a stock Material blog. For stock Material it reports
what every first visit fetches for search (worker, lunr, the whole index); for loaxa, what
opening the search page and typing one query fetches, read from Chromium's requests
(Debian's chromium, driven by Playwright). Sizes are gzipped where the server would gzip.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).parent))
import bench  # noqa: E402

COMPRESSIBLE = (".js", ".css", ".json", ".html")


def wire_size(path: Path) -> int:
    data = path.read_bytes()
    return len(gzip.compress(data, 6)) if path.suffix in COMPRESSIBLE else len(data)


def fetched_by_query(site: Path, query: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    paths: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.goto(base)  # the visit before search is opened
        page.on("request", lambda r: paths.append(site / urlparse(r.url).path.lstrip("/")))
        page.click('header a[href$="tim-kiem/"]')
        page.wait_for_selector("#loaxa-search input")
        page.fill("#loaxa-search input", query)
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30000)
        page.wait_for_timeout(1000)
        browser.close()
    server.shutdown()
    return [p if p.is_file() else p / "index.html" for p in paths]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--query", default="huong dan")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loaxa-search-"))
    try:
        loaxa, stock = bench.make_sites(root, args.posts)
        for site in (loaxa, stock):
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, check=True)
        material = [*(stock / "site/assets/javascripts/workers").glob("search.*.min.js"),
                    stock / "site/search/search_index.json",
                    *(stock / "site/assets/javascripts/lunr/min").glob("lunr.stemmer.support.min.js"),
                    *(stock / "site/assets/javascripts/lunr/min").glob("lunr.vi.min.js")]
        material_kb = sum(wire_size(p) for p in material) / 1024
        print(f"stock Material, every first visit: {material_kb:.0f} KB for search "
              f"(index {wire_size(stock / 'site/search/search_index.json') / 1024:.0f} KB gzipped, "
              f"{(stock / 'site/search/search_index.json').stat().st_size / 1024 / 1024:.1f} MB raw)")
        fetched = fetched_by_query(loaxa / "site", args.query)
        pagefind = [p for p in fetched if "pagefind" in p.parts]
        page_kb = sum(wire_size(p) for p in fetched if p not in pagefind) / 1024
        kb = sum(wire_size(p) for p in pagefind) / 1024
        print("loaxa, every first visit: 0 KB for search")
        print(f"loaxa, opening search and typing {args.query!r}: {kb:.0f} KB in {len(pagefind)} "
              f"Pagefind requests (+ {page_kb:.0f} KB for the search page itself)")
        index = sum(p.stat().st_size for p in (loaxa / "site/pagefind").rglob("*") if p.is_file())
        print(f"loaxa Pagefind bundle on disk: {index / 1024 / 1024:.1f} MB, fetched only in part")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
