"""What the web editor costs a phone on its first visit, beside the other git-based editor we
could have chosen, measured in the same run.

    .venv/bin/python scripts/weigh_editor.py [--runs 3]

Builds the sample site with the editor switched on, serves it gzip-compressed (as GitHub Pages and
nginx do), and opens admin/ in Debian's Chromium as a mid-range phone on a slow 4G link (412×915,
CPU slowed 4×, 1.6 Mbit/s, 150 ms): bytes transferred, requests, and time until the sign-in
button shows, each the median of the runs with an empty cache. The same page is measured with
Sveltia CMS (fetched from the npm registry, pinned) in place of Decap CMS.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import http.server
import io
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SVELTIA = ("0.221.1", "https://registry.npmjs.org/@sveltia/cms/-/cms-0.221.1.tgz")
PHONE = {"width": 412, "height": 915}
NETWORK = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
COMPRESSED = (".html", ".js", ".css", ".yml", ".json", ".svg", ".wasm", ".txt")


class Gzip(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix not in COMPRESSED or "gzip" not in self.headers.get("Accept-Encoding", "") \
                or not path.is_file():
            return super().send_head()
        body = _gzipped(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@functools.cache
def _gzipped(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


def build_site(folder: Path) -> Path:
    site = folder / "site"
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("  - loaxa\n", "  - loaxa:\n      editor:\n        repo: ubnd-xa/trang-thong-tin\n")
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    for name in ("docs", "posts"):
        shutil.copytree(ROOT / name, folder / name)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=folder, check=True)
    return site


def add_sveltia(site: Path) -> None:
    """admin-sveltia/: the same configuration, loaded by Sveltia CMS."""
    version, url = SVELTIA
    with urllib.request.urlopen(url, timeout=120) as response:
        archive = response.read()
    print(f"Sveltia CMS {version}: archive sha256 {hashlib.sha256(archive).hexdigest()[:16]}…")
    target = site / "admin-sveltia"
    target.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            name = member.name
            if member.isfile() and name.startswith("package/dist/") and not name.endswith(".map"):
                path = target / member.name.removeprefix("package/dist/")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(tar.extractfile(member).read())
    shutil.copy(site / "admin/config.yml", target / "config.yml")
    (target / "index.html").write_text(
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><title>Sveltia</title>'
        '<link rel="cms-config-url" type="text/yaml" href="config.yml"></head>'
        '<body><script src="sveltia-cms.js"></script></body></html>\n', encoding="utf-8")


def measure(browser, url: str, sign_in: str) -> tuple[int, int, float]:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2.625, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes: dict[str, float] = {}
    cdp.on("Network.loadingFinished", lambda event: sizes.__setitem__(event["requestId"],
                                                                      event["encodedDataLength"]))
    start = time.monotonic()
    page.goto(url)
    page.get_by_role("button", name=sign_in).first.wait_for(timeout=120000)
    elapsed = time.monotonic() - start
    page.wait_for_timeout(1500)  # what the page still fetches after it shows
    context.close()
    return int(sum(sizes.values())), len(sizes), elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = build_site(Path(folder))
        add_sveltia(site)
        handler = functools.partial(Gzip, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        editors = {"Decap CMS (chosen)": (base + "admin/", "Đăng nhập bằng GitHub"),
                   "Sveltia CMS": (base + "admin-sveltia/", "GitHub")}
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for name, (url, sign_in) in editors.items():
                runs = [measure(browser, url, sign_in) for _ in range(args.runs)]
                results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                                 statistics.median(r[2] for r in runs))
            browser.close()
        server.shutdown()
    decap = results["Decap CMS (chosen)"]
    print(f"\nFirst visit of admin/ on a phone profile, median of {args.runs} runs (gzip):")
    print(f"{'editor':<22}{'KB transferred':>16}{'requests':>10}{'sign-in shown':>15}{'× Decap':>10}")
    for name, (size, count, seconds) in results.items():
        print(f"{name:<22}{size / 1024:>16.0f}{count:>10.0f}{seconds:>14.1f}s{size / decap[0]:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
