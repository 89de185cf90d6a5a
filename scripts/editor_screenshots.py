"""Phone screenshots of the web editor for the staff guide (docs/bien-tap/anh/soan-bai-*.png).

    .venv/bin/python scripts/editor_screenshots.py

Runs `loaxa editor`'s server on a copy of the sample site (in a temporary git repository) and
takes each step with Debian's Chromium at 412×915, as a phone shows it: sign-in, the list of
posts, a new post, choosing a photo, the problem list, and the published site's sign-in with an
access token.
"""

from __future__ import annotations

import dataclasses
import io
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from loaxa.editor import editor_pages  # noqa: E402
from loaxa.editorserver import make_server  # noqa: E402
from loaxa.settings import read_settings  # noqa: E402
from test_photos import jpeg_photo  # noqa: E402

OUT = ROOT / "docs" / "bien-tap" / "anh"
PHONE = {"width": 412, "height": 915}


def save(page, name: str) -> None:
    """A small PNG: 64 colours are plenty for a screen of text."""
    image = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    image = image.quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    (OUT / f"soan-bai-{name}.png").write_bytes(buffer.getvalue())
    print(f"{name}: {len(buffer.getvalue()) // 1024} KB")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "site"
        root.mkdir()
        for name in ("mkdocs.yml", ".gitignore"):
            shutil.copy(ROOT / name, root)
        for name in ("docs", "posts"):
            shutil.copytree(ROOT / name, root / name)
        for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "Trang mẫu"]):
            subprocess.run(["git", "-c", "user.name=Loa Xã", "-c", "user.email=x@example.vn", *args],
                           cwd=root, check=True)
        settings = read_settings(root / "mkdocs.yml")
        server = make_server(settings, 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/admin/"
        photo = jpeg_photo(Path(folder) / "IMG_2041.JPG", size=(1600, 1200))
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport=PHONE, timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
            page.goto(url)
            page.get_by_role("button", name="Đăng nhập").wait_for()
            save(page, "1-dang-nhap")
            page.get_by_role("button", name="Đăng nhập").click()
            page.get_by_text("Bài viết").first.wait_for()
            page.wait_for_timeout(800)
            save(page, "2-danh-sach")
            page.goto(url + "#/collections/posts/new")
            page.get_by_label("Tiêu đề", exact=True).fill("Bà con bản Nà Khằn học cài VNeID")
            page.wait_for_timeout(300)
            save(page, "3-bai-moi")
            page.get_by_text("Chọn một hình").click()
            with page.expect_file_chooser() as chooser:
                page.get_by_text("Tải lên", exact=True).click()
            chooser.value.set_files(str(photo))
            page.get_by_role("button", name="Lấy những cái đã chọn").wait_for()
            page.wait_for_timeout(500)
            save(page, "4-chon-anh")
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            page.locator("[data-slate-editor]").click()
            page.keyboard.type("Sáng 12/6, tổ công nghệ số hướng dẫn bà con cài VNeID.")
            page.get_by_text("Công bố", exact=True).click()
            page.wait_for_timeout(300)
            save(page, "5-cong-bo")
            page.keyboard.press("Escape")
            # A post saved with a problem the form cannot see: a picture without a description.
            (root / "posts/2026/2026-06-20-tap-huan.md").write_text(
                "---\nid: 40\ntitle: Ảnh buổi tập huấn\ndate: 2026-06-20 08:00\ncategories: [Tin tức]\n---\n"
                "Buổi tập huấn.\n\n![](2026-02-03-can-bo-hoc-truc-tuyen.jpg)\n", encoding="utf-8")
            page.goto(url + "#/collections/posts")
            page.locator("#loaxa-status").wait_for(timeout=20000)
            page.wait_for_timeout(500)
            save(page, "6-loi")
            # The published site's editor: GitHub sign-in, or an access token.
            published = dataclasses.replace(read_settings(root / "mkdocs.yml"),
                                            editor_repo="ubnd-xa/trang-thong-tin")
            pages = editor_pages(published, [])
            page.route("**/admin/", lambda route: route.fulfill(body=pages["admin/index.html"],
                                                                 content_type="text/html; charset=utf-8"))
            page.route("**/admin/config.yml", lambda route: route.fulfill(
                body=pages["admin/config.yml"], content_type="text/yaml; charset=utf-8"))
            page.evaluate("localStorage.clear()")
            page.goto(url)
            page.locator("#loaxa-token-form").wait_for()
            page.wait_for_timeout(500)
            save(page, "7-ma-truy-cap")
            browser.close()
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
