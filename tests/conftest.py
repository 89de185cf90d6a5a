"""Helpers that write a small site into a temporary folder and build it with the real mkdocs."""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CATEGORIES = ["Tin tức", "Hướng dẫn", "Video", "Thông báo"]


def site_config(language: str = "vi", site_url: str = "https://xa.example.vn/") -> str:
    categories = "".join(f"\n          - {c}" for c in CATEGORIES)
    return (
        f"site_name: Xã Thử\nsite_url: {site_url}\n"
        f"theme:\n  name: material\n  language: {language}\n  font: false\n"
        "plugins:\n  - blog:\n      blog_dir: .\n      authors: false\n"
        f"      categories_allowed:{categories}\n  - loaxa\n"
    )


def post(id: int | str, title: str, date: str = "2025-10-01", categories: str = "[Tin tức]",
         body: str = "Đoạn mở đầu.\n\nĐoạn thứ hai.\n", **fields: str) -> str:
    lines = ["---", f"id: {id}", f"title: {title}", f"date: {date}", f"categories: {categories}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    return "\n".join(lines) + "\n---\n" + body


# One post for each kind of mistake the build and `loaxa check` must both report.
BAD_POSTS: dict[str, str | bytes] = {
    "a.md": post(1, "Tin", categories="Tin tuc"),
    "b.md": post(1, "Tin hai", "2025-10-02"),
    "c.md": "---\nid: 3\ntitle: Họp: dân\ndate: 2025-10-01\ncategories: [Tin tức]\n---\n",
    "d.md": post(4, "Tin", "2025-02-30"),
    "e.md": post(5, "Tin", image="khong-co.jpg"),
    "f.md": "Không có phần đầu.\n",
    "g.md": post(6, "Tin", body="Có chữ ư.\n").encode("cp1258", errors="replace"),
    "h.md": "---\nid: 8\ndate: 2025-10-01\ncategories: [Tin tức]\n---\nA\n",
    "i.md": post("-2", "Tin chín"),
    "j.md": post(10, "Tin mười", slug="trung"),
    "k.md": post(11, "Tin mười một", "2025-10-05", slug="trung"),
    "l.md": post(12, "Tin mười hai", image="../../ngoai.jpg"),
    "m.md": post(13, "Tin", "05-13-2025"),
    "n.md": post(14, "Tin", draft="'không'"),
    "o.md": post(15, "Tin", slug="'Tin Mới'"),
    "p.md": post(16, "Tin", video="youtube"),
    "q.md": "---\nid: 17\ntitle: Tin\ndate: 2025-10-01\ncategory: Tin tức\n---\nA\n",
    "r.md": post(18, "Giới thiệu", slug="gioi-thieu"),
}


@dataclass
class Build:
    root: Path
    returncode: int
    output: str

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def write_site(root: Path, posts: dict[str, str | bytes], config: str | None = None,
               docs: dict[str, str] | None = None) -> Path:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "posts").mkdir(exist_ok=True)
    (root / "mkdocs.yml").write_text(config or site_config(), encoding="utf-8")
    for name, text in {"index.md": "# Tin mới\n", **(docs or {})}.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    for name, content in posts.items():
        path = root / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        path.write_bytes(data)
    return root


def copy_sample(root: Path) -> Path:
    """The sample site (mkdocs.yml, docs/, posts/) copied into the new folder `root`."""
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    return root


def run_mkdocs(root: Path, *args: str) -> Build:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *args],
        cwd=root, capture_output=True, text=True, encoding="utf-8",
    )
    return Build(root, result.returncode, result.stdout + result.stderr)


@pytest.fixture
def build_site(tmp_path: Path):
    """build_site(posts, config=None, docs=None) -> Build, in a fresh temporary folder."""
    def build(posts: dict[str, str | bytes], config: str | None = None,
              docs: dict[str, str] | None = None) -> Build:
        root = write_site(tmp_path / f"site{len(list(tmp_path.iterdir()))}", posts, config, docs)
        return run_mkdocs(root)
    return build


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A built site as a web server serves it (quietly), its 404.html at a wrong address."""

    def log_message(self, *args: object) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None
