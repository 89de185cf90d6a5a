"""Hostile and careless input: every case gets a clean Vietnamese message naming the file, the
line and what to write, from `loaxa check` and from the publishing build alike, and the
published site is left exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import post, run_mkdocs, write_site

GOOD = {
    "2025/a.md": post(1, "Tin đầu tiên", "2025-10-01", slug="tin-dau-tien"),
    "2025/b.md": post(2, "Tin thứ hai", "2025-10-03", slug="tin-thu-hai"),
}


def loaxa(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("hostile"), GOOD)
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return root


def symlink(target: str) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target)


def sparse(megabytes: int) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with open(path, "wb") as handle:
            handle.write(post(90, "Bài rất dài").encode())
            handle.truncate(megabytes * 1_000_000)
    return make


def page(id: int = 9, title: str = "Tin mới", date: str = "2025-10-05", body: str = "Đoạn mở đầu.\n",
         **fields: str) -> str:
    return post(id, title, date, body=body, **fields)


ALIAS_KEY = "---\n" + "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
    for p, c in zip("abcdefgh", "bcdefghi")) + "? *i\n: x\nid: 9\n---\nA\n"
LAUGHS = ALIAS_KEY.replace("? *i\n: x\n", "title: *i\n")

# name → (files written into posts/, words every message list must hold)
CASES: dict[str, tuple[dict[str, str | bytes | Callable[[Path], None]], list[str]]] = {
    "back-dated post": (
        {"2025/c.md": page(3, date="2025-09-01")},
        ["posts/2025/c.md:4: date: bài đề ngày 01/09/2025"]),
    "missing picture": (
        {"2025/c.md": page(body="Mở đầu.\n\n![Ra quân](ra-quan.jpg)\n")},
        ["posts/2025/c.md:9: nội dung: không có tệp `ra-quan.jpg` → chép tệp vào thư mục `posts/2025/`"]),
    "picture name in other capitals": (
        {"2025/c.md": page(body="Mở đầu.\n\n![Ra quân](ra-quan.JPG)\n"),
         "2025/ra-quan.jpg": b"\xff\xd8\xff"},
        ["posts/2025/c.md:9: nội dung: không có tệp `ra-quan.JPG`, chỉ có `ra-quan.jpg`"]),
    "saved as .txt": (
        {"2025/c.txt": page()}, ["posts/2025/c.txt:1: tệp: bài viết phải có đuôi `.md`", "`c.md`"]),
    "saved as .md.txt": (
        {"2025/c.md.txt": page()}, ["posts/2025/c.md.txt:1: tệp:", "đổi tên thành `c.md`"]),
    "saved as .MD": ({"2025/c.MD": page()}, ["posts/2025/c.MD:1: tệp:", "đổi tên thành `c.md`"]),
    "saved as .markdown": (
        {"2025/c.markdown": page()}, ["posts/2025/c.markdown:1: tệp:", "đổi tên thành `c.md`"]),
    "link to the build's environment": (
        {"2025/c.md": symlink("/proc/self/environ")},
        ["posts/2025/c.md:1: tệp: đây là lối tắt (liên kết) trỏ ra ngoài thư mục của trang"]),
    "link to the site's configuration": (
        {"2025/anh.jpg": symlink("../../mkdocs.yml")}, ["posts/2025/anh.jpg:1: tệp: đây là lối tắt"]),
    "link in docs to the machine's files": (
        {"../docs/mat-khau.txt": symlink("/etc/passwd")},
        ["docs/mat-khau.txt:1: tệp: đây là lối tắt (liên kết) trỏ ra ngoài thư mục của trang"]),
    "pipe in docs": ({"../docs/ong.md": os.mkfifo}, ["docs/ong.md:1: tệp: đây không phải tệp thường"]),
    "page in docs not saved as UTF-8": (
        {"../docs/cu.md": "# Có chữ ư\n".encode("cp1258", "replace")},
        ["docs/cu.md:1: tệp: tệp không được lưu bằng mã UTF-8"]),
    "broken link in docs": (
        {"../docs/mat.pdf": symlink("khong-con.pdf")},
        ["docs/mat.pdf:1: tệp: đây là lối tắt (liên kết) tới một tệp không còn nữa"]),
    "linked folder in docs leading out": (
        {"../docs/he-thong": symlink("/etc/ssl")}, ["docs/he-thong/", "trỏ ra ngoài thư mục của trang"]),
    "dangling link": (
        {"2025/c.md": symlink("khong-con.md")},
        ["posts/2025/c.md:1: tệp: đây là lối tắt (liên kết) tới một tệp không còn nữa"]),
    "linked folder": ({"thu-muc": symlink("/etc")}, ["posts/thu-muc:1: tệp: đây là lối tắt tới một thư mục"]),
    "pipe": ({"2025/c.md": os.mkfifo}, ["posts/2025/c.md:1: tệp: đây không phải tệp thường"]),
    "pipe that looks like a text file": (
        {"2025/c.txt": os.mkfifo}, ["posts/2025/c.txt:1: tệp: đây không phải tệp thường"]),
    "web page with a script": (
        {"2025/trang.html": "<script>alert(1)</script>", "2025/logo.svg": "<svg onload='x()'/>"},
        ["posts/2025/trang.html:1: tệp: tệp `.html` không được đăng",
         "posts/2025/logo.svg:1: tệp: tệp `.svg` không được đăng"]),
    "control character in the title": (
        {"2025/c.md": page(title="Tin\x0bmới")},
        ["posts/2025/c.md:3: tệp: dòng này có ký tự điều khiển ẩn U+000B"]),
    "bell in the body": (
        {"2025/c.md": page(body="Mở đầu.\n\nChuông\x07 reo.\n")},
        ["posts/2025/c.md:9: tệp: dòng này có ký tự điều khiển ẩn U+0007"]),
    "alias as a key": (
        {"2025/c.md": ALIAS_KEY}, ["posts/2025/c.md:", "phần đầu bài quá lớn hoặc tự lặp lại"]),
    "billion laughs": (
        {"2025/c.md": LAUGHS}, ["posts/2025/c.md:", "phần đầu bài quá lớn hoặc tự lặp lại"]),
    "superscript id": (
        {"2025/c.md": page(id='"³"')},
        ["posts/2025/c.md:2: id: `³` sẽ bị đọc thành một số khác → viết `id: 3`"]),
    "id written as a mapping": (
        {"2025/c.md": page(id="{a: 1}")}, ["posts/2025/c.md:2: id: `{a: 1}` không phải số nguyên dương"]),
    "id of ten digits": (
        {"2025/c.md": page(id="1000000000")},
        ["posts/2025/c.md:2: id: số `1000000000` quá lớn (tối đa 999999999) → dùng số chưa dùng tiếp theo "
         "`id: 3`"]),
    "draft written as a mapping": (
        {"2025/c.md": page(draft="{a: 1}")}, ["posts/2025/c.md:6: draft: `{a: 1}`"]),
    "octal id": ({"2025/c.md": page(id="010")}, ["posts/2025/c.md:2: id: `010`", "viết `id: 10`"]),
    "hex id": ({"2025/c.md": page(id="0x70")}, ["posts/2025/c.md:2: id: `0x70` sẽ bị đọc thành"]),
    "sexagesimal id": ({"2025/c.md": page(id="1:50")}, ["posts/2025/c.md:2: id: `1:50`", "`id: 150`"]),
    "last day of the calendar in a zone": (
        {"2025/c.md": page(date="9999-12-31 23:59 -05:00")},
        ["posts/2025/c.md:4: date: `9999-12-31 23:59 -05:00` không phải ngày có thật"]),
    "first day of the calendar in a zone": (
        {"2025/c.md": page(date="0001-01-01 00:00 +07:00")},
        ["posts/2025/c.md:4: date: `0001-01-01 00:00 +07:00` không phải ngày có thật"]),
    "keys the theme would read": (
        {"2025/c.md": page(hide="5", links="5", template="../../../etc/passwd")},
        ["posts/2025/c.md:6: hide: trang không dùng trường `hide` → xoá dòng này",
         "posts/2025/c.md:7: links: trang không dùng trường `links`",
         "posts/2025/c.md:8: template: trang không dùng trường `template`"]),
    "snippet line": (
        {"2025/c.md": page(body='Mở đầu.\n\n--8<-- "../mkdocs.yml"\n')},
        ["posts/2025/c.md:9: nội dung: dòng `--8<--` chèn tệp khác vào trang"]),
    "script in the body": (
        {"2025/c.md": page(body="Mở đầu.\n\n<script>fetch('//x')</script>\n\n<iframe src=x></iframe>\n")},
        ["posts/2025/c.md:9: nội dung: bài có mã `<script>`",
         "posts/2025/c.md:11: nội dung: bài có mã `<iframe>`"]),
    "script after inline code that looks like a fence": (
        {"2025/c.md": page(body="Mở đầu.\n\n```x``` <script>alert(1)</script>\n")},
        ["posts/2025/c.md:9: nội dung: bài có mã `<script>`"]),
    "script after an unclosed fence": (
        {"2025/c.md": page(body="Mở đầu.\n\n~~~\n<script>alert(1)</script>\n")},
        ["posts/2025/c.md:10: nội dung: bài có mã `<script>`"]),
    "script between escaped backticks": (
        {"2025/c.md": page(body="Mở đầu.\n\n\\`<script>alert(1)</script>\\`\n")},
        ["posts/2025/c.md:9: nội dung: bài có mã `<script>`"]),
    "handlers hidden from a simple reader": (
        {"2025/c.md": page(body="Mở đầu.\n\n<svg/onload=alert(1)>\n\n<img src=x.png\nonerror=alert(1)>\n\n"
                                "Đoạn.\n{: onmouseover=\"alert(1)\" }\n")},
        ["posts/2025/c.md:9: nội dung: bài có mã `onload=`",
         "posts/2025/c.md:12: nội dung: bài có mã `onerror=`",
         "posts/2025/c.md:15: nội dung: bài có mã `onmouseover=`"]),
    "script address in entities": (
        {"2025/c.md": page(body="Mở đầu.\n\n[Bấm](jav&#x61;script:alert(1))\n")},
        ["posts/2025/c.md:9: nội dung: bài có mã `javascript:`"]),
    "snippet inside a code block": (
        {"2025/c.md": page(body='Mở đầu.\n\n```\n--8<-- "mkdocs.yml"\n```\n')},
        ["posts/2025/c.md:10: nội dung: dòng `--8<--` chèn tệp khác vào trang"]),
    "line of pasted data": (
        {"2025/c.md": page(body="Mở đầu.\n\n" + "![](" * 8000 + "\n")},
        ["posts/2025/c.md:9: nội dung: dòng này dài 32000 ký tự"]),
    "pasted picture": (
        {"2025/c.md": page(body="Mở đầu.\n\n![ảnh](data:image/jpeg;base64," + "A" * 5000 + ")\n")},
        ["posts/2025/c.md:9: nội dung: ảnh được dán thẳng vào bài"]),
    "file name not UTF-8": (
        {b"2025/c\xff.md".decode("utf-8", "surrogateescape"): page()},
        ["posts/2025/c\ufffd.md:1: tệp: tên tệp có ký tự không đọc được"]),
    "file name of 250 characters": (
        {"2025/" + "a" * 247 + ".md": page()}, ["tệp: tên tệp dài 250 ký tự"]),
    "50 MB post": ({"2025/c.md": sparse(50)}, ["posts/2025/c.md:1: tệp: bài viết nặng 50.0 MB"]),
    "tab in the front matter": (
        {"2025/c.md": "---\nid: 9\n\ttitle: Tin\ndate: 2025-10-05\ncategories: [Tin tức]\n---\nA\n"},
        ["posts/2025/c.md:3: phần đầu bài: dòng này có dấu Tab"]),
    "front matter closed by a divider in the body": (
        {"2025/c.md": "---\nid: 9\ntitle: Tin\ndate: 2025-10-05\ncategories: [Tin tức]\n\n"
                      "Sáng nay, bà con thôn Nà Khằn họp bàn.\n\n---\n\nHết.\n"},
        ["posts/2025/c.md:7: phần đầu bài: phần đầu bài mở ở dòng 1 nhưng thiếu dòng `---`"]),
    "text left from the template": (
        {"2025/c.md": page(body="Viết tiếp nội dung chi tiết ở đây.\n")},
        ["posts/2025/c.md:7: nội dung: còn câu mẫu của `loaxa new`"]),
    "cover that is not a picture": (
        {"2025/c.md": page(image="so-do.svg"), "2025/so-do.svg": "<svg/>"},
        ["posts/2025/c.md:6: image: `so-do.svg` không phải ảnh"]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_input_gets_a_clean_message_from_check_and_build(site, name):
    files, expected = CASES[name]
    before = tree_digest(site / "site")
    written = []
    try:
        for relpath, content in files.items():
            path = site / "posts" / relpath
            path.parent.mkdir(parents=True, exist_ok=True)
            written.append(path)
            if callable(content):
                content(path)
            else:
                path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        checked = loaxa(site, "check")
        built = run_mkdocs(site)
    finally:
        for path in written:
            path.unlink()
    for output, result in ((checked.stdout + checked.stderr, checked.returncode),
                           (built.output, built.returncode)):
        assert result != 0, output
        assert "Traceback" not in output
        for words in expected:
            assert words in output, output
    assert tree_digest(site / "site") == before


def test_unreadable_file_and_folder_are_named_not_left_out(tmp_path, monkeypatch):
    # Root reads every file whatever its mode, so the refusals are made by the system calls.
    from loaxa.inventory import scan

    write_site(tmp_path, {"2025/a.md": page(1), "2026/b.md": page(2), "2025/c.md": page(3)})
    posts = tmp_path / "posts"
    walk_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == os.fspath(posts / "2026"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return walk_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr("loaxa.inventory.os.access", lambda path, mode: not str(path).endswith("c.md"))
    found = scan(posts, "posts", "vi")
    assert sorted(found.posts) == ["2025/a.md"]
    assert [str(p) for p in found.errors] == [
        "posts/2025/c.md:1: tệp: không đọc được tệp này (không có quyền đọc) → kiểm tra quyền của "
        "tệp, hoặc chép lại nội dung vào một tệp mới",
        "posts/2026:1: tệp: không đọc được thư mục này; các bài trong đó sẽ bị bỏ sót → kiểm tra "
        "quyền của thư mục"]


def test_next_free_id_counts_a_post_that_cannot_be_read(tmp_path):
    root = write_site(tmp_path, {"a.md": page(1), "b.md": page(7, title="Họp: dân")})
    done = loaxa(root, "check")
    assert done.returncode == 1
    assert "posts/b.md:3: phần đầu bài: dòng này không đọc được" in done.stderr
    assert done.stderr.rstrip().endswith("Số id chưa dùng tiếp theo: 8")


def test_a_large_photo_shown_twice_is_advised_once(tmp_path):
    from PIL import Image

    root = write_site(tmp_path, {"a.md": page(1, image="lon.png", body="A\n\n![Ảnh lớn](lon.png)\n")})
    Image.new("RGB", (4200, 100)).save(root / "posts/lon.png")
    done = loaxa(root, "check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("ảnh `lon.png` quá lớn") == 1


def test_a_word_of_two_thousand_letters_builds_with_its_poster(tmp_path):
    word = "Mườngkim" * 250
    root = write_site(tmp_path, {"a.md": page(1, title=f"Tin {word}", body=f"{word} {word}\n")})
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    # Too long for a poster at a readable size: `loaxa check` says what to write instead.
    checked = subprocess.run([sys.executable, "-m", "loaxa.cli", "check"], cwd=root, capture_output=True,
                             text=True, encoding="utf-8")
    assert "posts/a.md:3: title: tiêu đề dài quá khổ giấy A4" in checked.stdout + checked.stderr
    assert "`poster_title:`" in checked.stdout + checked.stderr
    from posterread import page_text

    assert "Tin Mườngkim" in page_text(root / "site/posters/1.pdf")
    assert word in (root / "site/tin/index.html").read_text(encoding="utf-8")


def test_check_reports_a_site_address_the_posters_cannot_carry(tmp_path):
    from conftest import site_config

    for url, words in (("", "Chưa có `site_url` trong mkdocs.yml"),
                       ("https://" + "x" * 400 + ".vn/", "quá dày để in rõ")):
        config = site_config().replace("site_url: https://xa.example.vn/\n",
                                       f"site_url: {url}\n" if url else "")
        root = write_site(tmp_path / str(len(url)), {"a.md": page(1)}, config=config)
        checked, built = loaxa(root, "check"), run_mkdocs(root)
        assert checked.returncode == 1 and words in checked.stderr, checked.stderr
        assert built.returncode == 1 and words in built.output and "Traceback" not in built.output


def test_file_names_with_brackets_and_a_picture_that_is_a_link_are_published(tmp_path):
    from PIL import Image

    body = ("Mở đầu.\n\n![Ảnh họp](anh%20(1).jpg)\n\n[![Trang 1 công văn](trang-1.jpg)](cong-van.pdf)\n\n"
            '<img alt="Sơ đồ" src="so-do.png" srcset="so-do-nho.png 480w">\n')
    root = write_site(tmp_path, {"a.md": page(1, body=body), "cong-van.pdf": b"%PDF-1.4 cong van"})
    for name in ("anh (1).jpg", "trang-1.jpg", "so-do.png", "so-do-nho.png"):
        Image.new("RGB", (40, 30), (200, 30, 30)).save(root / "posts" / name)
    checked, built = loaxa(root, "check"), run_mkdocs(root)
    assert checked.returncode == 0, checked.stderr
    assert "không bài nào dùng" not in checked.stdout
    assert built.returncode == 0, built.output
    for name in ("anh (1).jpg", "trang-1.jpg", "cong-van.pdf", "so-do.png", "so-do-nho.png"):
        assert (built.site / "posts" / name).is_file(), name


def test_files_the_system_leaves_behind_are_ignored(tmp_path):
    root = write_site(tmp_path, {"a.md": page(1), "Thumbs.db": b"\0", "desktop.ini": "[x]",
                                 "~$ke-hoach.docx": b"\0", ".DS_Store": b"\0"})
    checked, built = loaxa(root, "check"), run_mkdocs(root)
    assert checked.returncode == 0 and built.returncode == 0, checked.stderr + built.output
    assert not {p.name for p in built.site.rglob("*")} & {"Thumbs.db", "desktop.ini", "~$ke-hoach.docx"}


def test_a_tab_inside_block_text_is_text(tmp_path):
    text = ("---\nid: 1\ntitle: Lịch họp\ndate: 2025-10-01\ncategories: [Tin tức]\n"
            "description: |\n  Giờ\thọp: 8 giờ\n---\nA\n")
    root = write_site(tmp_path, {"a.md": text})
    checked = loaxa(root, "check")
    assert checked.returncode == 0, checked.stderr
