"""The sample site in a real browser (Debian's Chromium): no third-party request, no axe-core
violation, videos and search that load nothing until used, search without diacritics."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
         "--disable-background-networking", "--disable-component-update", "--disable-dev-shm-usage"]
PAGES = {
    "home": "",
    "article with cover": "huong-dan-cai-dat-va-kich-hoat-ung-dung-vneid/",
    "category": "category/huong-dan/",
    "video post": "video-to-cong-nghe-so-giup-ba-con-cai-vneid-tai-nha/",
    "notice": "lich-tiep-cong-dan-thang-6-2026/",
    "search page": "tim-kiem/",
    "contact": "lien-he/",
    "about": "gioi-thieu/",
    "procedures": "thu-tuc-hanh-chinh/",
    "English": "en/",
    "documents": "van-ban/",
    "document": "ke-hoach-trien-khai-phong-trao-binh-dan-hoc-vu-so-tren-dia/",
}
# Every axe-core rule, best practices included (experimental ones are not stable to assert on).
AXE_OPTIONS = {"resultTypes": ["violations"]}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    root = tmp_path_factory.mktemp("browser")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True)
    handler = functools.partial(_Quiet, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def open_page(browser, url: str):
    """A phone-sized page that records every request and lets none leave the machine."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75,
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    requests: list[str] = []

    def route(request_route):
        requests.append(request_route.request.url)
        if urlparse(request_route.request.url).hostname == "127.0.0.1":
            request_route.continue_()
        else:
            request_route.abort()

    page.route("**/*", route)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    return page, requests


@pytest.mark.parametrize("name", list(PAGES))
def test_no_third_party_request_and_no_axe_violation(site, browser, name):
    page, requests = open_page(browser, site + PAGES[name])
    outside = [u for u in requests if urlparse(u).hostname != "127.0.0.1"]
    assert outside == [], outside
    # Search costs nothing until it is opened.
    if name != "search page":
        assert not [u for u in requests if "/pagefind/" in u or "search_index" in u], requests
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results.response["violations"]]
    assert violations == []
    page.context.close()


def test_video_loads_the_player_only_when_tapped(site, browser):
    page, requests = open_page(browser, site + PAGES["video post"])
    assert not [u for u in requests if "youtube" in u]
    page.click(".loaxa-video a")
    frame = page.wait_for_selector(".loaxa-video iframe")
    assert frame.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/mK-vneid-01")
    page.wait_for_timeout(300)
    assert [u for u in requests if "youtube" in u]  # only now, after the tap
    page.context.close()


def test_video_without_javascript_is_a_plain_link(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PAGES["video post"])
    assert page.get_attribute(".loaxa-video a", "href") == "https://www.youtube.com/watch?v=mK-vneid-01"
    context.close()


@pytest.mark.parametrize("query", ["huong dan cai dat vneid", "hướng dẫn cài đặt VNeID"])
def test_search_finds_articles_with_or_without_marks(site, browser, query):
    page, requests = open_page(browser, site)
    page.click('header a[href$="tim-kiem/"]')
    page.wait_for_selector("#loaxa-search input")
    page.fill("#loaxa-search input", query)
    first = page.wait_for_selector(".pagefind-ui__result-link", timeout=20000)
    assert first.inner_text() == "Hướng dẫn cài đặt và kích hoạt ứng dụng VNeID"
    outside = [u for u in requests if urlparse(u).hostname != "127.0.0.1"]
    assert outside == []
    page.context.close()
