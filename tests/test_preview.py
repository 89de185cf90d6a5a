"""`mkdocs serve`: a rebuild after an edit writes the same files as a clean build of the edited site,
and a post with a mistake leaves the preview serving the previous site instead of hanging."""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from conftest import post, site_config, write_site
from test_serve import fetch, free_port, wait_for

POSTS = {
    "2025/a.md": post(1, "Hướng dẫn cài VNeID", "2025-09-01", "[Hướng dẫn]"),
    "2025/b.md": post(2, "Tập huấn kỹ năng số", "2025-09-10"),
    "2025/c.md": post(3, "Lịch tiếp dân tháng 10", "2025-10-01", "[Thông báo]"),
    "2025/d.md": post(4, "Tổ công nghệ số đến bản", "2025-10-05", "[Tin tức, Hướng dẫn]"),
}


class Preview:
    """`mkdocs serve` of the site at `root`; its site folder is the only mkdocs_* in `tmp`."""

    def __init__(self, root: Path, tmp: Path, port: int) -> None:
        tmp.mkdir()
        self.tmp, self.url = tmp, f"http://127.0.0.1:{port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
            env={**os.environ, "TMPDIR": str(tmp)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def page(self, path: str) -> str | None:
        return fetch(self.url + path)

    def wait_until(self, path: str, text: str) -> None:
        assert wait_for(lambda: (page := self.page(path)) is not None and text in page, 90), (path, text)

    def files(self) -> dict[str, bytes]:
        """The served site's files, its own address (the preview's port) written as one name.
        Pagefind's index is made in the background after a preview rebuild: left out here."""
        [site] = [p for p in self.tmp.iterdir() if p.name.startswith("mkdocs_")]
        return {p.relative_to(site).as_posix(): _content(p).replace(self.url.encode(), b"PREVIEW/")
                for p in sorted(site.rglob("*"))
                if p.is_file() and p.relative_to(site).parts[0] != "pagefind"}

    def stop(self) -> str:
        self.process.terminate()
        _, errors = self.process.communicate(timeout=30)
        return errors.decode("utf-8", "replace")


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


def clean_preview_files(root: Path, tmp: Path, port: int, wait_path: str, wait_text: str) -> dict[str, bytes]:
    """The files a fresh `mkdocs serve` (no cache) writes for a copy of the site at `root`."""
    copy = tmp / "copy"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".cache", "site", ".site.loaxa-*"))
    preview = Preview(copy, tmp / "serve", port)
    try:
        preview.wait_until(wait_path, wait_text)
        return preview.files()
    finally:
        preview.stop()


# Two posts a page: lists have later pages, which a preview writes just after showing the rest.
PAGED = site_config().replace("      authors: false\n",
                              "      authors: false\n      pagination_per_page: 2\n")


def test_a_preview_rebuild_writes_what_a_clean_build_writes(tmp_path):
    root = write_site(tmp_path / "site", POSTS, PAGED)
    port = free_port()
    preview = Preview(root, tmp_path / "serve", port)
    edits = [
        ("2025/d.md", post(4, "Tổ công nghệ số đã đến bản", "2025-10-05", "[Tin tức, Hướng dẫn]",
                           body="Nội dung mới có chữ đặc-biệt.\n\nĐoạn hai.\n"),
         "to-cong-nghe-so-da-den-ban/"),
        ("2025/e.md", post(5, "Chợ phiên số bản Hua Pầu", "2025-10-08", "[Tin tức]"),
         "cho-phien-so-ban-hua-pau/"),
        ("2025/b.md", post(2, "Tập huấn kỹ năng số", "2025-09-10", "[Thông báo]"), "category/thong-bao/"),
    ]
    try:
        preview.wait_until("", "Tổ công nghệ số đến bản")
        for number, (name, text, check) in enumerate(edits):
            (root / "posts" / name).write_text(text, encoding="utf-8")
            wanted = text.split("title: ")[1].split("\n")[0]
            preview.wait_until(check, wanted)
            clean = clean_preview_files(root, tmp_path / f"clean{number}", free_port(), check, wanted)
            # The preview's later pages are written in the background: on a loaded machine, a while.
            served: dict[str, bytes] = {}

            def same() -> bool:
                served.clear()
                served.update(preview.files())
                return served == clean

            assert wait_for(same, 90), sorted(
                path for path in {*served, *clean} if served.get(path) != clean.get(path))
    finally:
        preview.stop()


def test_a_mistake_shows_the_problems_in_the_preview(tmp_path):
    root = write_site(tmp_path / "site", POSTS)
    preview = Preview(root, tmp_path / "serve", free_port())
    try:
        preview.wait_until("", "Tổ công nghệ số đến bản")
        (root / "posts/2025/d.md").write_text(post(4, "Tin sai ngày", "2025-13-45"), encoding="utf-8")
        (root / "posts/2025/c.md").write_text(post(3, "Lịch tiếp dân tháng 11", "2025-10-01", "[Thông báo]"),
                                              encoding="utf-8")
        time.sleep(3)  # the rebuild runs and is refused
        # Pages answer at once (MkDocs alone would hang them), with the problem list.
        for _ in range(3):
            page = preview.page("")
            assert page is not None and "Bài viết có lỗi" in page and "posts/2025/d.md:4" in page
        (root / "posts/2025/d.md").write_text(POSTS["2025/d.md"], encoding="utf-8")
        preview.wait_until("", "Lịch tiếp dân tháng 11")
    finally:
        errors = preview.stop()
    assert "posts/2025/d.md:4: date:" in errors
    assert "Traceback" not in errors
