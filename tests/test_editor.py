"""The web editor as staff use it: the real Decap CMS in Debian's Chromium at phone size, saving
through `loaxa editor`'s local backend into a real git repository made from the sample site."""

from __future__ import annotations

import functools
import http.server
import os
import posixpath
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from conftest import ROOT, SiteHandler
from loaxa import addresses, frontmatter
from loaxa.editorserver import make_server
from loaxa.photos import has_location
from loaxa.settings import read_settings
from playwright.sync_api import expect, sync_playwright
from test_browser import CHROMIUM, FLAGS
from test_photos import jpeg_photo

PHONE = {"width": 412, "height": 915}


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True,
                          encoding="utf-8").stdout


def loaxa(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8", env={**os.environ, **env})


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    """The sample site as a git repository, and the editor's server on it."""
    root = tmp_path_factory.mktemp("editor") / "site"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copy(ROOT / ".gitignore", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=Test", "-c", "user.email=t@example.vn", "add", ".")
    git(root, "-c", "user.name=Test", "-c", "user.email=t@example.vn", "commit", "-qm", "Trang mẫu")
    server = make_server(read_settings(root / "mkdocs.yml"), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/admin/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


class Editor:
    """One phone-sized page of the editor, signed in to the local backend."""

    def __init__(self, browser, url: str) -> None:
        self.url = url
        self.elsewhere: list[str] = []  # requests to any other host than this computer
        self.context = browser.new_context(viewport=PHONE, device_scale_factor=1.75, is_mobile=True,
                                           has_touch=True, timezone_id="Asia/Ho_Chi_Minh", locale="vi-VN")
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.page.get_by_role("button", name="Đăng nhập").click()
        expect(self.page.get_by_text("Bài viết").first).to_be_visible()

    def _route(self, route) -> None:
        if urlparse(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()

    def open(self, fragment: str) -> None:
        """Open an editor's page as a fresh load: moving within the app, the editor may set up
        its form after the first keystrokes, and drop them."""
        self.page.goto(self.url + "#" + fragment)
        self.page.reload(wait_until="networkidle")
        expect(self.page.get_by_label("Tiêu đề", exact=True)).to_be_editable()

    def category(self, name: str, instead_of: str | None = "Tin tức") -> None:
        if instead_of:
            self.page.get_by_label(f"Remove {instead_of}").click()
            expect(self.page.get_by_label(f"Remove {instead_of}")).to_have_count(0)
        self.page.get_by_label("Chuyên mục").click()
        self.page.get_by_role("option", name=name, exact=True).click()
        expect(self.page.get_by_label(f"Remove {name}")).to_be_visible()  # chosen

    def cover(self, photo: Path) -> None:
        self.page.get_by_text("Chọn một hình").click()
        with self.page.expect_file_chooser() as chooser:
            self.page.get_by_text("Tải lên", exact=True).click()
        chooser.value.set_files(str(photo))
        expect(self.page.get_by_text(re.compile(r"-\d{14}\.jpg$"))).to_be_visible()
        self.page.get_by_role("button", name="Lấy những cái đã chọn").click()

    def body(self, text: str, *, append: bool = False) -> None:
        """Write, rewrite or add to the body, in the editor's Markdown mode, as staff type it."""
        switch = self.page.locator("button[role=switch][class*=ToolbarToggle]")
        if switch.get_attribute("aria-checked") != "true":
            switch.click()
            expect(switch).to_have_attribute("aria-checked", "true")
        area = self.page.locator("[data-slate-editor]")
        area.click()
        # Select everything, as a long press then "Chọn tất cả" does on a phone.
        area.evaluate("(node, end) => { const s = getSelection(); s.selectAllChildren(node);"
                      " if (end) s.collapseToEnd(); }", append)
        self.page.wait_for_timeout(200)  # the editor follows the selection on its next event
        if not append:
            self.page.keyboard.press("Backspace")
        self.page.keyboard.type(text)

    def publish(self) -> None:
        self.page.get_by_text("Công bố", exact=True).click()
        item = self.page.get_by_role("menuitem", name="Công bố ngay")
        expect(item).to_be_visible()
        item.click()

    def publish_new(self) -> None:
        """Publish a new post and wait until it is saved at its own address."""
        self.publish()
        try:
            self.page.wait_for_url(re.compile(r"entries/\d{4}/"))
        except Exception:  # say what the editor shows instead
            raise AssertionError(self.page.locator("body").inner_text()[:2000]) from None
        self.saved()

    def saved(self) -> None:
        expect(self.page.get_by_text("Thay đổi đã được lưu", exact=False)).to_be_visible(timeout=15000)


@pytest.fixture
def editor(browser, repo):
    page = Editor(browser, repo[1])
    yield page
    page.close()
    assert page.elsewhere == []  # the editor in local mode asks nothing of another host


def front_matter(path: Path) -> dict:
    return {name: item.value for name, item in frontmatter.read(path.read_bytes()).fields.items()}


def new_files(root: Path, since: str) -> list[str]:
    return sorted(git(root, "diff", "--name-only", "--diff-filter=A", since, "HEAD").split())


def test_news_post_with_a_phone_photo(editor, repo, tmp_path):
    root, _ = repo
    before = git(root, "rev-parse", "HEAD").strip()
    photo = jpeg_photo(tmp_path / "IMG_2041.JPG", size=(4000, 3000))
    assert has_location(photo)
    editor.open("/collections/posts/new")
    editor.page.get_by_label("Tiêu đề", exact=True).fill("Bà con bản Nà Khằn học cài VNeID")
    expect(editor.page.get_by_label("Ngày đăng")).not_to_have_value("")  # now, by default
    editor.page.get_by_label("Ngày đăng").fill("2026-11-25T09:30")
    editor.cover(photo)
    editor.body("Sáng 12/6, tổ công nghệ số hướng dẫn bà con bản Nà Khằn cài VNeID.\n\n"
                "Hơn 40 người đã có tài khoản định danh mức 2.\n")
    editor.publish_new()

    added = new_files(root, before)
    [post] = [name for name in added if name.endswith(".md")]
    [picture] = [name for name in added if name.endswith(".jpg")]
    # The name and folder `loaxa new` would choose, in Vietnam time.
    assert post == "posts/2026/2026-11-25-ba-con-ban-na-khan-hoc-cai-vneid.md"
    fields = front_matter(root / post)
    assert fields["title"] == "Bà con bản Nà Khằn học cài VNeID"
    assert fields["categories"] == ["Tin tức"]
    assert str(fields["date"]) == "2026-11-25 09:30"  # as the validator reads it, Vietnam time
    assert fields["image"] == Path(picture).name and Path(picture).parent == Path(post).parent
    assert "id" not in fields  # given by the publish workflow
    assert fields.get("expires", "") == "" and "draft" in fields  # a blank date, not "today"
    # The photo reached the repository smaller and without its location.
    from PIL import Image
    with Image.open(root / picture) as image:
        assert max(image.size) == 2048
    assert not has_location(root / picture)
    assert b"GPS" not in (root / picture).read_bytes()
    assert git(root, "status", "--porcelain").strip() == ""  # saved and committed
    assert "Thêm bài" in git(root, "log", "-1", "--format=%s")


def test_guide_and_video_posts_then_publish(editor, repo):
    root, _ = repo
    before = git(root, "rev-parse", "HEAD").strip()
    editor.open("/collections/posts/new")
    editor.page.get_by_label("Tiêu đề", exact=True).fill("Hướng dẫn nộp hồ sơ cấp đổi căn cước trực tuyến")
    editor.category("Hướng dẫn")
    editor.body("Làm tại nhà, không phải lên xã.\n\n1. Mở ứng dụng VNeID.\n2. Chọn Thủ tục hành chính.\n"
                "3. Điền tờ khai rồi bấm Gửi.\n")
    editor.publish_new()

    editor.open("/collections/posts/new")
    editor.page.get_by_label("Tiêu đề", exact=True).fill("Video: họp dân bản Hua Pầu bàn làm đường")
    editor.category("Video")
    editor.page.get_by_label("Địa chỉ video").fill("https://www.youtube.com/watch?v=mK-hopdan02")
    editor.body("Clip ghi lại buổi họp dân tối 14/6.\n")
    editor.publish_new()

    added = [name for name in new_files(root, before) if name.endswith(".md")]
    assert len(added) == 2
    guide = next(root / name for name in added if "huong-dan" in name)
    video = next(root / name for name in added if "video" in name)
    assert front_matter(guide)["categories"] == ["Hướng dẫn"]
    assert "1. Mở ứng dụng VNeID." in guide.read_text(encoding="utf-8")
    assert front_matter(video)["video"] == "https://www.youtube.com/watch?v=mK-hopdan02"

    # What the publish workflow does: ids, then the check, then the build.
    numbered = [int(n) for path in (root / "posts").rglob("*.md")
                for n in re.findall(r"^id: (\d+)$", path.read_text(encoding="utf-8"), re.M)]
    waiting = [path for path in (root / "posts").rglob("*.md")
               if "\nid: " not in path.read_text(encoding="utf-8")]
    ids = loaxa(root, "assign-ids")
    assert ids.returncode == 0, ids.stderr
    given = sorted(int(n) for n in re.findall(r"cấp số (\d+)", ids.stdout))
    assert given == list(range(max(numbered) + 1, max(numbered) + 1 + len(waiting)))  # one each, past all
    assert len(given) >= 3
    check = loaxa(root, "check")
    assert check.returncode == 0, check.stderr
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True,
                   env={**os.environ, "LOAXA_PUBLISHING": "1"})
    site = root / "site"
    for post_id in given:
        assert (site / addresses.poster(post_id)).read_bytes().startswith(b"%PDF")
        short = (site / addresses.short_link(post_id) / "index.html").read_text(encoding="utf-8")
        target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', short)[1]
        article = posixpath.normpath(posixpath.join(addresses.short_link(post_id), target))
        assert (site / article / "index.html").is_file()
    home = (site / "index.html").read_text(encoding="utf-8")
    for title in ("Bà con bản Nà Khằn học cài VNeID", "Hướng dẫn nộp hồ sơ cấp đổi căn cước trực tuyến",
                  "Video: họp dân bản Hua Pầu bàn làm đường"):
        assert title in home
    # No picture anywhere in the repository's history holds a location.
    for line in git(root, "rev-list", "--objects", "--all").splitlines():
        sha, _, name = line.partition(" ")
        if re.search(r"\.(jpe?g|png|webp|heic)$", name, re.I):
            data = subprocess.run(["git", "cat-file", "blob", sha], cwd=root, check=True,
                                  capture_output=True).stdout
            assert b"GPS" not in data, name
    git(root, "add", "-A")
    git(root, "-c", "user.name=Loa Xã", "-c", "user.email=x@example.vn", "commit", "-qm", "Cấp số")


def test_editing_a_title_keeps_id_address_and_file(editor, repo):
    root, _ = repo
    path = root / "posts/2026/2026-05-25-lich-tiep-cong-dan.md"
    before = front_matter(path)
    editor.open("/collections/posts/entries/2026/2026-05-25-lich-tiep-cong-dan")
    title = editor.page.get_by_label("Tiêu đề", exact=True)
    expect(title).to_have_value("Lịch tiếp công dân tháng 6/2026")
    title.fill("Lịch tiếp công dân tháng 6 năm 2026 (đã bổ sung)")
    editor.publish()
    editor.saved()
    after = front_matter(path)
    assert after["title"] == "Lịch tiếp công dân tháng 6 năm 2026 (đã bổ sung)"
    assert after["id"] == before["id"] == 15
    assert after["date"] == before["date"] and after["description"] == before["description"]
    assert git(root, "status", "--porcelain").strip() == ""
    assert git(root, "log", "-1", "--name-status", "--format=").split() == [
        "M", "posts/2026/2026-05-25-lich-tiep-cong-dan.md"]
    check = loaxa(root, "check")
    assert check.returncode == 0, check.stderr
    # The address printed on the poster stays: the record keeps the one first published.
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=root, check=True)
    page = root / "site/lich-tiep-cong-dan-thang-6-2026/index.html"
    assert "Lịch tiếp công dân tháng 6 năm 2026 (đã bổ sung)" in page.read_text(encoding="utf-8")


def test_a_page_of_the_site_is_edited_as_it_is_written(editor, repo):
    root, _ = repo
    page = root / "docs/lien-he.md"
    before = page.read_text(encoding="utf-8")
    editor.page.goto(editor.url + "#/collections/pages/entries/lien-he")
    expect(editor.page.locator("[data-slate-editor]")).to_be_visible()
    editor.body("\n\n## Điện thoại\n\nVăn phòng UBND xã: 0200 000 000 (số mẫu).", append=True)
    editor.publish()
    editor.saved()
    after = page.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # no front matter added, the table untouched
    assert after.rstrip("\n").endswith("Văn phòng UBND xã: 0200 000 000 (số mẫu).")
    assert git(root, "log", "-1", "--name-only", "--format=").split() == ["docs/lien-he.md"]


def test_a_field_mistake_is_told_in_vietnamese_and_saves_nothing(editor, repo):
    root, _ = repo
    before = git(root, "rev-parse", "HEAD").strip()
    editor.open("/collections/posts/new")
    editor.category("Video")
    editor.page.get_by_label("Địa chỉ video").fill("youtube.com/watch?v=abc")
    editor.publish()
    page_text = editor.page.locator("body")
    expect(page_text).to_contain_text("Ghi địa chỉ video bắt đầu bằng https://")
    expect(page_text).to_contain_text(re.compile("bắt buộc|không được để trống", re.I))
    assert git(root, "rev-parse", "HEAD").strip() == before
    assert git(root, "status", "--porcelain", "--untracked-files=all").strip() == ""


def test_a_problem_the_form_cannot_catch_is_listed_and_fixed_in_the_browser(editor, repo):
    root, _ = repo
    editor.open("/collections/posts/new")
    editor.page.get_by_label("Tiêu đề", exact=True).fill("Ảnh buổi tập huấn ở bản Phiêng Đanh")
    editor.body("Buổi tập huấn sáng 20/6.\n\n![](../2025/2025-09-18-tap-huan-ky-nang-so.jpg)\n")
    editor.publish_new()
    status = editor.page.locator("#loaxa-status")
    expect(status).to_be_visible(timeout=15000)
    expect(status).to_contain_text("lỗi cần sửa")
    expect(status).to_contain_text("chưa có lời mô tả")  # in the validator's own words
    entry = editor.page.url.split("#", 1)[1]
    link = status.get_by_role("link", name="Sửa bài này")
    assert link.get_attribute("href") == "#" + entry
    link.click()
    editor.body("Buổi tập huấn sáng 20/6.\n\n![Cán bộ hướng dẫn bà con dùng điện thoại]"
                "(../2025/2025-09-18-tap-huan-ky-nang-so.jpg)\n")
    editor.publish()
    editor.saved()
    expect(status).to_be_hidden(timeout=20000)
    report = editor.page.evaluate("fetch('/api/status').then(r => r.json())")
    assert report["problems"] == []
    text = (root / "posts" / (entry.rsplit("/entries/", 1)[1] + ".md")).read_text(encoding="utf-8")
    assert "![Cán bộ hướng dẫn bà con dùng điện thoại](" in text and "![](" not in text


def test_the_editor_fits_a_phone_and_every_button_is_reachable(editor, repo):
    page = editor.page
    for fragment in ("/collections/posts", "/collections/posts/new",
                     "/collections/posts/entries/2026/2026-05-25-lich-tiep-cong-dan"):
        page.goto(editor.url + "#" + fragment)
        page.wait_for_timeout(800)
        expect(page.get_by_text("Bài viết").first).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], fragment
        for button in page.get_by_role("button").all():
            if button.is_visible():
                box = button.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1, (
                    fragment, button.inner_text(), box)
    page.goto(editor.url + "#/collections/posts/new")
    page.get_by_text("Chọn một hình").click()
    expect(page.get_by_text("Tải lên", exact=True)).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]



def test_the_published_editor_signs_in_with_a_token_and_shows_the_workflows_problems(browser, tmp_path):
    """The editor as the published site serves it: GitHub is played by a route in the browser."""
    from conftest import post, run_mkdocs, site_config, write_site

    config = site_config().replace("  - loaxa\n", "  - loaxa:\n      editor:\n        repo: xa-thu/trang\n")
    root = write_site(tmp_path, {"2026/a.md": post(1, "Tin", "2026-06-01")}, config=config)
    assert run_mkdocs(root).returncode == 0
    handler = functools.partial(SiteHandler, directory=str(root / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    report = {"ok": False, "checked": "abc", "advice": [], "problems": [{
        "file": "posts/2026/2026-06-12-lich.md", "line": 5, "field": "categories",
        "message": "chuyên mục `Tin tuc lam` không có trong danh sách", "entry":
        "/collections/posts/entries/2026/2026-06-12-lich"}]}
    asked: list[tuple[str, str | None]] = []

    def github(route):
        asked.append((route.request.url, route.request.headers.get("authorization")))
        if "/contents/trang-thai.json" in route.request.url:
            route.fulfill(json=report)
        else:
            route.fulfill(status=401, json={"message": "Bad credentials"})

    context = browser.new_context(viewport=PHONE, locale="vi-VN")
    page = context.new_page()
    others: list[str] = []
    page.route("https://api.github.com/**", github)
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1|api\.github\.com)"),
               lambda route: (others.append(route.request.url), route.abort()))
    page.goto(f"http://127.0.0.1:{server.server_address[1]}/admin/")
    expect(page.get_by_role("button", name="Đăng nhập bằng GitHub")).to_be_visible()
    page.get_by_label("Mã truy cập (token)").fill("github_pat_thu")
    page.get_by_role("button", name="Đăng nhập", exact=True).click()
    status = page.locator("#loaxa-status")
    expect(status).to_contain_text("Tin tuc lam")
    expect(status.get_by_role("link", name="Sửa bài này")).to_have_attribute(
        "href", "#/collections/posts/entries/2026/2026-06-12-lich")
    assert ("https://api.github.com/repos/xa-thu/trang/contents/trang-thai.json?ref=trang-thai",
            "token github_pat_thu") in asked
    assert others == []
    context.close()
    server.shutdown()
    server.server_close()
