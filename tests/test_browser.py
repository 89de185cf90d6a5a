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
from conftest import ROOT, SiteHandler
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
    "later page of the list": "page/2/",
    "wrong address": "khong-co-trang-nay/",
}
# Every axe-core rule, best practices included (experimental ones are not stable to assert on).
AXE_OPTIONS = {"resultTypes": ["violations"]}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    root = tmp_path_factory.mktemp("browser")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True)
    handler = functools.partial(SiteHandler, directory=str(root / "site"))
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


# What a finger taps on each page: at least 48 × 48 CSS pixels (links inside sentences aside).
TAP_TARGETS = {
    "home": [".md-header__button", ".loaxa-tiles a", "a.loaxa-banner", ".md-post--excerpt",
             ".md-pagination__link", "a.loaxa-call", "a.loaxa-contact__more"],
    "video post": [".md-header__button", ".loaxa-share a", ".loaxa-poster a", ".loaxa-print-button"],
    "wrong address": [".md-header__button", ".loaxa-not-found a"],
    "contact": ['.loaxa-commune a[href^="tel:"]', '.loaxa-commune a[href^="mailto:"]'],
    "documents": [".loaxa-registry-views a", ".loaxa-registry-filter input", ".loaxa-registry a[download]"],
}


@pytest.mark.parametrize("name", list(TAP_TARGETS))
def test_tap_targets_are_at_least_48_pixels(site, browser, name):
    page, _ = open_page(browser, site + PAGES[name])
    small = []
    for selector in TAP_TARGETS[name]:
        boxes = [box for box in (e.bounding_box() for e in page.query_selector_all(selector)) if box]
        assert boxes, selector
        small += [(selector, round(b["width"]), round(b["height"])) for b in boxes
                  if b["width"] < 47.5 or b["height"] < 47.5]
    assert small == []
    # Nothing wider than the phone.
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 412
    page.context.close()


def test_the_home_page_first_screen(site, browser):
    """On a 412 × 915 phone: who speaks, the notice, every tile and the first card's picture."""
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site, wait_until="load")
    for selector in (".loaxa-identity", ".loaxa-banner", ".loaxa-tiles li:last-child a", ".md-post--excerpt"):
        box = page.query_selector(selector).bounding_box()
        assert box["y"] + box["height"] / 2 < 915, selector
    # The cards' pictures (lazy: Chromium fetches them some way ahead of the reader) are there
    # once scrolled to.
    pictures = page.query_selector_all(".loaxa-thumb img")
    pictures[-1].scroll_into_view_if_needed()
    page.wait_for_function("image => image.complete && image.naturalWidth === 480", arg=pictures[-1])
    context.close()


def test_the_play_button_leaves_the_cover_visible(site, browser):
    page, _ = open_page(browser, site + PAGES["video post"])
    still = page.query_selector(".loaxa-video img").bounding_box()
    button = page.query_selector(".loaxa-video .loaxa-play").bounding_box()
    # In the lower left corner, over less than a tenth of the picture.
    assert still["x"] <= button["x"] and button["x"] + button["width"] <= still["x"] + still["width"] / 4
    assert button["y"] + button["height"] <= still["y"] + still["height"]
    assert button["y"] >= still["y"] + still["height"] / 2
    assert button["width"] * button["height"] < still["width"] * still["height"] / 10
    page.context.close()


def test_text_follows_the_readers_font_size(site, browser):
    """A reader who sets a larger text size gets larger text, in the same proportion."""
    sizes = []
    for standard in (16, 24):
        context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True)
        page = context.new_page()
        session = context.new_cdp_session(page)
        session.send("Page.enable")
        session.send("Page.setFontSizes", {"fontSizes": {"standard": standard, "fixed": 13}})
        page.goto(site + PAGES["article with cover"], wait_until="load")
        sizes.append([page.evaluate(f"parseFloat(getComputedStyle(document.querySelector('{selector}')).fontSize)")
                      for selector in (".md-typeset p", ".md-typeset h1", ".md-header__title")])
        context.close()
    for small, large in zip(*sizes):
        assert large / small == pytest.approx(1.5, rel=0.03), sizes
    # Material turns off the phone's own text scaling (text-size-adjust: none); loaxa turns it back
    # on, and asks for the root size to follow the system's text size where the browser can.
    context = browser.new_context(viewport={"width": 412, "height": 915}, is_mobile=True)
    page = context.new_page()
    page.goto(site + PAGES["article with cover"], wait_until="load")
    assert page.evaluate("getComputedStyle(document.documentElement).webkitTextSizeAdjust") == "100%"
    assert page.query_selector('meta[name="text-scale"][content="scale"]') is not None
    context.close()
