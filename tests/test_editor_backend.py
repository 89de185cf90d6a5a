"""The web editor without a browser: its configuration follows the site's contract, its files are
the checked release and only at admin/, the local backend refuses what it must, and posts
written without an id are numbered once, by `loaxa assign-ids` only."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml
from conftest import post, run_mkdocs, site_config, write_site
from loaxa import editor
from loaxa.editorserver import make_server
from loaxa.errors import LoaxaError
from loaxa.photos import has_location
from loaxa.settings import read_settings
from test_photos import jpeg_photo


def loaxa(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


def editor_post(title: str, date: str = "2026-06-10 08:00") -> str:
    return f"---\ntitle: {title}\ndate: {date}\ncategories:\n  - Tin tức\n---\nĐoạn mở đầu.\n"


def test_the_configuration_follows_mkdocs_yml(tmp_path):
    config = site_config().replace("          - Thông báo\n", "          - Thông báo\n          - Văn bản\n")
    root = write_site(tmp_path, {"2026/a.md": post(1, "Tin", "2026-06-01")}, config=config)
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    site = build.site
    decap = yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))
    [posts] = [c for c in decap["collections"] if c["name"] == "posts"]
    fields = {f["name"]: f for f in posts["fields"]}
    assert fields["categories"]["options"] == ["Tin tức", "Hướng dẫn", "Video", "Thông báo", "Văn bản"]
    assert fields["categories"]["min"] == 1
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert "required" not in fields["title"]  # required, as in the validator
    assert all(fields[name]["required"] is False
               for name in ("image", "description", "poster_title", "video", "tags", "expires"))
    assert fields["expires"]["default"] == "" and fields["expires"]["format"] == "YYYY-MM-DD"
    assert list(fields) == ["title", "date", "categories", "image", "description", "poster_title", "video",
                            "tags", "expires", "draft", "body"]
    assert posts["folder"] == "posts" and posts["path"] == "{{year}}/{{slug}}"
    assert posts["slug"] == "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}"  # the date as written
    assert posts["media_folder"] == "" and posts["delete"] is False
    assert decap["locale"] == "vi" and fields["title"]["label"] == "Tiêu đề"
    assert "local_backend" not in decap  # the published editor never looks for this computer
    [pages] = [c for c in decap["collections"] if c["name"] == "pages"]
    assert [f["file"] for f in pages["files"]] == ["docs/index.md"]
    # The video pattern accepts what the validator accepts, and no more.
    pattern = re.compile(fields["video"]["pattern"][0])
    assert pattern.match("https://www.youtube.com/watch?v=x") and pattern.match("hop-dan.mp4")
    assert not pattern.match("youtube.com/watch?v=x") and not pattern.match("../a.mp4")


def test_the_editor_lives_at_admin_only_and_is_the_checked_release(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    site = build.site
    manifest = (editor.VENDOR / "MANIFEST").read_text(encoding="utf-8").splitlines()
    folder = site / "admin" / f"decap-cms-{editor.version()}"
    for line in manifest[1:]:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert (folder / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    for page in site.rglob("*.html"):
        if "admin" not in page.relative_to(site).parts:
            text = page.read_text(encoding="utf-8")
            assert "decap" not in text.lower() and "admin/" not in text, page
    # Without a repository the published editor says what to set up instead of failing.
    index = (site / "admin/index.html").read_text(encoding="utf-8")
    assert "decap-cms.js" not in index and "editor: repo:" in index


def test_a_changed_editor_file_is_never_published(tmp_path, monkeypatch):
    copy = tmp_path / "vendor"
    shutil.copytree(editor.VENDOR, copy)
    (copy / "decap-cms.js").write_bytes((copy / "decap-cms.js").read_bytes() + b"\n//")
    monkeypatch.setattr(editor, "VENDOR", copy)
    with pytest.raises(LoaxaError, match="decap-cms.js"):
        editor.vendored_files("vi")


def test_the_published_editor_signs_in_to_the_named_repository(tmp_path):
    config = site_config() + "      editor:\n        repo: xa-thu/trang\n        auth_url: https://dang-nhap.xa.example.vn\n"
    config = config.replace("  - loaxa\n      editor:", "  - loaxa:\n      editor:")
    root = write_site(tmp_path, {"a.md": post(1, "Tin")}, config=config)
    build = run_mkdocs(root)
    assert build.returncode == 0, build.output
    decap = yaml.safe_load((build.site / "admin/config.yml").read_text(encoding="utf-8"))
    assert decap["backend"] == {**decap["backend"], "name": "github", "repo": "xa-thu/trang",
                                "branch": "main", "base_url": "https://dang-nhap.xa.example.vn"}
    index = (build.site / "admin/index.html").read_text(encoding="utf-8")
    options = json.loads(re.search(r'id="loaxa-editor">(.*?)</script>', index)[1])
    assert options["status"] == {"kind": "github", "repo": "xa-thu/trang", "branch": "trang-thai",
                                 "file": "trang-thai.json"}
    assert options["tokenSignIn"] is True


@pytest.fixture
def backend(tmp_path):
    root = write_site(tmp_path, {"2026/a.md": post(1, "Tin", "2026-06-01")})
    (tmp_path / "outside.txt").write_text("bí mật", encoding="utf-8")
    server = make_server(read_settings(root / "mkdocs.yml"), 0, commit=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    yield root, url
    server.shutdown()
    server.server_close()


def call(url: str, action: str, params: dict, origin: str | None = None) -> tuple[int, object]:
    headers = {"Content-Type": "application/json", **({"Origin": origin} if origin else {})}
    data = json.dumps({"action": action, "params": params}).encode()
    request = urllib.request.Request(url + "/api/v1", data, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_the_local_backend_writes_only_inside_posts_and_docs(backend):
    root, url = backend
    status, body = call(url, "getEntry", {"path": "../outside.txt"})
    assert status == 200 and body["data"] is None  # read as a file that is not there
    status, body = call(url, "getMediaFile", {"path": "../outside.txt"})
    assert status == 422 and "bị từ chối" in body["error"]
    status, body = call(url, "persistEntry", {"entry": {"path": "mkdocs.yml", "raw": "x"}, "assets": []})
    assert status == 422 and "mkdocs.yml" in body["error"]
    (root / "posts/link.md").symlink_to(root / "outside.txt")
    status, body = call(url, "getEntry", {"path": "posts/link.md"})
    assert status == 200 and body["data"] is None
    status, body = call(url, "persistEntry", {"entry": {"path": "posts/link.md", "raw": "x"}, "assets": []})
    assert status == 422 and (root / "outside.txt").read_text(encoding="utf-8") == "bí mật"
    # Posts are never deleted nor renamed from the editor.
    status, body = call(url, "deleteFile", {"path": "posts/2026/a.md"})
    assert status == 422 and "loaxa remove" in body["error"] and (root / "posts/2026/a.md").exists()
    status, body = call(url, "persistEntry", {"dataFiles": [{"path": "posts/2026/a.md", "raw": "x",
                                                            "newPath": "posts/2026/b.md"}], "assets": []})
    assert status == 422 and "không đổi tên" in body["error"]
    # Names that mean another place on some system, the record of addresses, files no post uses.
    for name in ("posts/C:evil.md", "posts/con.md", "docs/a:b.md", "posts/.addresses.tsv", "docs/CNAME",
                 "posts/2026/x.js", "posts/../mkdocs.yml", "docs/trang."):
        status, body = call(url, "persistEntry", {"entry": {"path": name, "raw": "x"}, "assets": []})
        assert status == 422 and "bị từ chối" in body["error"], name
    assert not (root / "docs/CNAME").exists()
    assert (root / "posts/.addresses.tsv").exists() is False
    # A page of the site is written where it is.
    status, _ = call(url, "persistEntry", {"entry": {"path": "docs/index.md", "raw": "# Trang chủ mới\n"},
                                           "assets": []})
    assert status == 200 and (root / "docs/index.md").read_text(encoding="utf-8") == "# Trang chủ mới\n"


def test_another_site_in_the_browser_cannot_write(backend):
    root, url = backend
    status, body = call(url, "persistEntry", {"entry": {"path": "posts/x.md", "raw": "x"}, "assets": []},
                        origin="https://trang-la.example.com")
    assert status == 403 and not (root / "posts/x.md").exists()
    request = urllib.request.Request(url + "/api/v1", b'{"action": "info"}',
                                     headers={"Content-Type": "text/plain"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403
    # A name that points at this computer from another site (DNS rebinding) is refused too.
    headers = {"Content-Type": "application/json", "Host": "trang-la.example.com"}
    request = urllib.request.Request(url + "/api/v1", b'{"action": "info"}', headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request)
    assert refused.value.code == 403


def test_saving_an_older_copy_keeps_the_id_the_workflow_gave(backend):
    root, url = backend
    path = root / "posts/2026/2026-06-10-b.md"
    copy = editor_post("Bài mới")  # what the editor opened, before the workflow numbered it
    path.write_text("---\nid: 2\nslug: bai-moi\n" + copy.removeprefix("---\n"), encoding="utf-8")
    fixed = copy.replace("Đoạn mở đầu.", "Đoạn mở đầu, đã sửa.")
    status, _ = call(url, "persistEntry", {"entry": {"path": "posts/2026/2026-06-10-b.md", "raw": fixed},
                                           "assets": []})
    assert status == 200
    assert path.read_text(encoding="utf-8") == "---\nid: 2\nslug: bai-moi\n" + fixed.removeprefix("---\n")


def test_the_local_backend_strips_location_from_every_picture(backend, tmp_path):
    root, url = backend
    photo = jpeg_photo(tmp_path / "p.jpg")
    content = base64.b64encode(photo.read_bytes()).decode()
    status, _ = call(url, "persistEntry", {
        "entry": {"path": "posts/2026/2026-06-10-b.md", "raw": editor_post("Bài có ảnh")},
        "assets": [{"path": "posts/2026/p.jpg", "content": content, "encoding": "base64"}]})
    assert status == 200
    assert (root / "posts/2026/2026-06-10-b.md").read_text(encoding="utf-8") == editor_post("Bài có ảnh")
    assert not has_location(root / "posts/2026/p.jpg")
    status, body = call(url, "persistMedia", {"asset": {"path": "posts/2026/q.jpg", "content": content,
                                                        "encoding": "base64"}})
    assert status == 200 and not has_location(root / "posts/2026/q.jpg")
    broken = base64.b64encode(b"not a photo").decode()
    status, body = call(url, "persistMedia", {"asset": {"path": "posts/2026/r.jpg", "encoding": "base64",
                                                        "content": broken}})
    assert status == 422 and "posts/2026/r.jpg" in body["error"] and not (root / "posts/2026/r.jpg").exists()


def test_the_status_is_what_check_prints_without_the_missing_ids(backend):
    root, url = backend
    (root / "posts/2026/2026-06-10-c.md").write_text(editor_post("Không id"), encoding="utf-8")
    (root / "posts/2026/2026-06-11-d.md").write_text(editor_post("Sai", "31/02/2026"), encoding="utf-8")
    with urllib.request.urlopen(url + "/api/status") as response:
        report = json.load(response)
    [problem] = report["problems"]
    assert problem["file"] == "posts/2026/2026-06-11-d.md" and problem["field"] == "date"
    assert problem["entry"] == "/collections/posts/entries/2026/2026-06-11-d"
    check = loaxa(root, "check")
    assert problem["message"] in check.stderr and "posts/2026/2026-06-10-c.md:1: id:" in check.stderr


def test_assign_ids_numbers_posts_once_past_every_id_ever_given(tmp_path):
    root = write_site(tmp_path, {"2026/a.md": post(1, "Tin", "2026-06-01"),
                                 "2026/b.md": post(7, "Tin bảy", "2026-06-02")})
    (root / "posts/.addresses.tsv").write_text("9\tbai-da-go/\n9\t-\n", encoding="utf-8")
    (root / "posts/2026/2026-06-10-moi.md").write_bytes(editor_post("Bài mới").replace("\n", "\r\n").encode())
    (root / "posts/2026/2026-06-11-moi-nua.md").write_text("\n" + editor_post("Bài mới nữa"),
                                                           encoding="utf-8")
    strict = run_mkdocs(root)
    assert strict.returncode and "posts/2026/2026-06-10-moi.md:1: id: bài chưa có số" in strict.output
    done = loaxa(root, "assign-ids")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "posts/2026/2026-06-10-moi.md: cấp số 10, địa chỉ ngắn /p/10/",
        "posts/2026/2026-06-11-moi-nua.md: cấp số 11, địa chỉ ngắn /p/11/"]
    # The address is frozen with the id: a later title change never moves it.
    assert (root / "posts/2026/2026-06-10-moi.md").read_bytes().startswith(
        b"---\r\nid: 10\r\nslug: bai-moi\r\ntitle:")
    assert (root / "posts/2026/2026-06-11-moi-nua.md").read_text(encoding="utf-8").startswith(
        "\n---\nid: 11\nslug: bai-moi-nua\ntitle: Bài mới nữa\n")
    assert loaxa(root, "assign-ids").stdout.strip() == "Mọi bài đều đã có số."
    assert run_mkdocs(root).returncode == 0


def test_a_preview_shows_a_post_without_id_numbered_for_the_preview_only(tmp_path):
    from datetime import datetime

    from loaxa.build import Build
    from loaxa.dates import VIETNAM

    root = write_site(tmp_path, {"2026/a.md": post(4, "Tin", "2026-06-01")})
    (root / "posts/2026/2026-06-10-moi.md").write_text(editor_post("Bài mới"), encoding="utf-8")
    settings = read_settings(root / "mkdocs.yml")
    preview = Build(settings, now=datetime(2026, 7, 1, tzinfo=VIETNAM), preview=True)
    preview.load(["index.md"])
    article = preview.articles[5]
    assert article.post.provisional and article.post.title == "Bài mới"
    assert preview.next_id() == 5  # the preview's number is not taken
