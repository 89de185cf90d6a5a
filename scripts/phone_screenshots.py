"""What a resident sees: phone screenshots of the sample site, and the posters it prints.

    .venv/bin/python scripts/phone_screenshots.py [OUT]      (default: /tmp/loaxa-screens)

Builds the sample site into a temporary folder, serves it as a web server does (its 404.html at
a wrong address) and takes, with Debian's Chromium at 412×915 as a phone shows them, the first
screen of the home page, an article with a cover, a guide, a video post and a wrong address,
then the whole home page (scrolled through, so that its lazy pictures load). Then it renders
the posters of a short, a long and a Tai Viet title, on A4 and A5, as PNG (scripts/
poster_samples.py). Prints each file with its size.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
import poster_samples  # noqa: E402
from conftest import SiteHandler  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 412, "height": 915}
PAGES = {
    "trang-chu": "",
    "bai-co-anh": "muong-kim-phat-dong-phong-trao-binh-dan-hoc-vu-so/",
    "huong-dan": "huong-dan-cai-dat-va-kich-hoat-ung-dung-vneid/",
    "video": "video-cho-phien-muong-kim-tra-tien-bang-ma-qr/",
    "404": "dia-chi-khong-co/",
}


def build_sample(folder: Path) -> Path:
    root = folder / "site"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=root, check=True)
    return root / "site"


def shoot(site: Path, out: Path) -> None:
    handler = functools.partial(SiteHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(base + path, wait_until="load")
            page.screenshot(path=out / f"{name}.png")
            print(f"{name}.png: {(out / f'{name}.png').stat().st_size // 1024} KB")
        page.goto(base, wait_until="load")
        height = page.evaluate("document.scrollingElement.scrollHeight")
        for y in range(0, height, PHONE["height"] // 2):
            page.evaluate(f"window.scrollTo(0, {y})")
            page.wait_for_timeout(100)
        page.wait_for_function("[...document.images].every(image => image.complete)")
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=out / "trang-chu-ca-trang.png", full_page=True)
        print(f"trang-chu-ca-trang.png: {(out / 'trang-chu-ca-trang.png').stat().st_size // 1024} KB")
        browser.close()
    server.shutdown()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/loaxa-screens")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        shoot(build_sample(Path(folder)), out)
    poster_samples.main([str(out)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
