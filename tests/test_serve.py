"""`mkdocs serve` rebuilds when a post in posts/ (outside docs/) changes, and a post with a mistake
shows its problems in the browser until it is fixed."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import post, write_site
from htmlparse import h1
from loaxa.errorpage import render


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(check, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def serve(root, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def test_serve_rebuilds_when_a_post_changes(tmp_path):
    root = write_site(tmp_path, {"2025/a.md": post(1, "Tin đầu tiên", slug="tin")})
    port = free_port()
    server = serve(root, port)
    url = f"http://127.0.0.1:{port}/tin/"
    try:
        assert wait_for(lambda: (page := fetch(url)) is not None and h1(page) == ["Tin đầu tiên"])
        (root / "posts/2025/a.md").write_text(post(1, "Tin đã sửa", slug="tin"), encoding="utf-8")
        assert wait_for(lambda: (page := fetch(url)) is not None and h1(page) == ["Tin đã sửa"])
    finally:
        server.terminate()
        server.wait(timeout=20)


ERROR_TITLE = "Bài viết có lỗi — chưa xem trước được"


def epoch_of(page: str) -> int:
    """The site version an open page knows, from MkDocs' reload script."""
    return int(re.search(r"livereload\((\d+), \d+\);", page)[1])


def newer_than(base: str, epoch: int) -> bool:
    """Whether an open page of version `epoch` is told to reload (MkDocs answers at once if so,
    else after a minute)."""
    with urllib.request.urlopen(f"{base}livereload/{epoch}/1", timeout=90) as answer:
        return int(answer.read()) > epoch


def test_a_broken_post_shows_its_problems_in_the_browser_until_fixed(tmp_path):
    root = write_site(tmp_path, {"2025/a.md": post(1, "Tin đầu tiên", slug="tin")})
    port = free_port()
    server = serve(root, port)
    base = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: (page := fetch(base + "tin/")) is not None and h1(page) == ["Tin đầu tiên"])
        good = fetch(base + "tin/")
        (root / "posts/2025/a.md").write_text(post(1, "Tin đầu tiên", "2025-02-30", slug="tin"),
                                              encoding="utf-8")
        # The open page is told to reload, and then shows the problems, at once.
        assert newer_than(base, epoch_of(good))
        started = time.monotonic()
        page = fetch(base + "tin/")
        assert time.monotonic() - started < 5
        assert page is not None and h1(page) == [ERROR_TITLE], page
        assert "posts/2025/a.md:4" in page and "date:" in page and "2025-02-30" in page
        assert "Tin đầu tiên" not in page
        assert "tự tải lại" in page
        assert "livereload(" in page and not re.search(r"(src|href)=|https?://", page.split("<script>")[0])
        # Every page says so; other files are served as before.
        assert h1(fetch(base) or "") == [ERROR_TITLE]
        assert h1(fetch(base + "khong-co/") or "") == [ERROR_TITLE]
        assert "<urlset" in (fetch(base + "sitemap.xml") or "")

        (root / "posts/2025/a.md").write_text(post(1, "Tin đã sửa", slug="tin"), encoding="utf-8")
        assert newer_than(base, epoch_of(page))
        assert wait_for(lambda: (fixed := fetch(base + "tin/")) is not None and h1(fixed) == ["Tin đã sửa"])
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=20)
    assert "posts/2025/a.md:4: date:" in errors.decode("utf-8", "replace")


def test_the_error_page_escapes_what_it_shows():
    page = render(["Có 1 lỗi:\n  posts/a.md:3: title: <script>alert('x')</script> → viết `a & b`",
                   "Lỗi khác <b>đậm</b>"], "vi")
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert '<span class="place">posts/a.md:3</span>' in page
    assert "<code>a &amp; b</code>" in page
    assert f"<title>{ERROR_TITLE}</title>" in page and 'name="viewport"' in page
    assert not re.search(r"(src|href)=|https?://", page)
    assert "A post has mistakes" in render([], "en")
