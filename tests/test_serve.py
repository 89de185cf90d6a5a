"""`mkdocs serve` rebuilds when a post in posts/ (outside docs/) changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

from conftest import post, write_site
from htmlparse import h1


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


def test_serve_rebuilds_when_a_post_changes(tmp_path):
    root = write_site(tmp_path, {"2025/a.md": post(1, "Tin đầu tiên", slug="tin")})
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/tin/"
    try:
        assert wait_for(lambda: (page := fetch(url)) is not None and h1(page) == ["Tin đầu tiên"])
        (root / "posts/2025/a.md").write_text(post(1, "Tin đã sửa", slug="tin"), encoding="utf-8")
        assert wait_for(lambda: (page := fetch(url)) is not None and h1(page) == ["Tin đã sửa"])
    finally:
        server.terminate()
        server.wait(timeout=20)
