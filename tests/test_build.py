"""Real builds of small sites in temporary folders, read back from the files written."""

from __future__ import annotations

import io
import posixpath
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urljoin

from conftest import BAD_POSTS, post, site_config
from htmlparse import attrs, h1, texts
from PIL import Image

SITE_URL = "https://xa.example.vn/"


def follow_short_link(site: Path, post_id: int) -> tuple[str, str]:
    """The site-relative path the short link of `post_id` sends to, and the page there."""
    text = (site / "p" / str(post_id) / "index.html").read_text(encoding="utf-8")
    [refresh] = attrs(text, "meta", http_equiv="refresh")
    delay, url = refresh["content"].split(";", 1)
    assert delay.strip() == "0"
    target = urljoin(f"http://host/p/{post_id}/", url.strip().removeprefix("url="))
    path = unquote(target.removeprefix("http://host/"))
    return path, (site / path / "index.html").read_text(encoding="utf-8")


def links_in(text: str) -> set[str]:
    return {a["href"] for a in attrs(text, "a") if "href" in a}


def resolves(page_path: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(page_path, href)).lstrip("./") + "/"


def test_posts_reach_ascii_urls_category_and_archive_pages(build_site):
    built = build_site({
        "2025-10-01-vneid.md": post(1, "Hướng dẫn đăng ký tài khoản định danh điện tử",
                                    "2025-10-01", "Hướng dẫn"),
        "tin/tap-huan.md": post(2, "Tập huấn kỹ năng số cho đồng bào", "2025-11-02 08:30",
                                "[Tin tức, Video]"),
    })
    assert built.returncode == 0, built.output
    article = built.page("huong-dan-dang-ky-tai-khoan-dinh-danh-dien-tu")
    assert h1(article) == ["Hướng dẫn đăng ký tài khoản định danh điện tử"]
    assert h1(built.page("tap-huan-ky-nang-so-cho-dong-bao")) == ["Tập huấn kỹ năng số cho đồng bào"]
    every_path = [p.relative_to(built.site).as_posix() for p in built.site.rglob("*")]
    assert all(p.isascii() for p in every_path), [p for p in every_path if not p.isascii()]

    for category, slug in [("hướng dẫn", "huong-dan-dang-ky-tai-khoan-dinh-danh-dien-tu"),
                           ("tin-tuc", "tap-huan-ky-nang-so-cho-dong-bao"),
                           ("video", "tap-huan-ky-nang-so-cho-dong-bao")]:
        folder = "category/" + category.replace("hướng dẫn", "huong-dan")
        listing = built.page(folder)
        assert f"{slug}/" in {resolves(folder, h) for h in links_in(listing)}
    for archive, slug in [("archive/2025", "huong-dan-dang-ky-tai-khoan-dinh-danh-dien-tu"),
                          ("archive/2025", "tap-huan-ky-nang-so-cho-dong-bao")]:
        assert f"{slug}/" in {resolves(archive, h) for h in links_in(built.page(archive))}
    home = built.page("")
    assert {"huong-dan-dang-ky-tai-khoan-dinh-danh-dien-tu/",
            "tap-huan-ky-nang-so-cho-dong-bao/"} <= {resolves("", h) for h in links_in(home)}


def test_tricky_title_and_description_come_out_exactly(build_site):
    title = 'Thông báo "lịch họp" & <dời> *ngày* [mới]'
    description = 'Họp "khẩn" & <quan trọng> lúc 8:00'
    built = build_site({"a.md": post(7, f"'{title}'", description=f"'{description}'")})
    assert built.returncode == 0, built.output
    article = built.page("thong-bao-lich-hop-doi-ngay-moi")
    assert h1(article) == [title]
    assert [m["content"] for m in attrs(article, "meta", name="description")] == [description]
    assert texts(article, "title") == [f"{title} - Xã Thử"]
    assert title in texts(built.page(""), "h2")


def test_short_links_lead_to_their_articles(build_site):
    built = build_site({
        "a.md": post(7, 'Thông báo "lịch họp" & <dời> ngày', "2025-09-05"),
        "b.md": post(12, "Lịch tiếp công dân", "2025-09-06"),
    })
    assert built.returncode == 0, built.output
    for post_id, slug, title in [(7, "thong-bao-lich-hop-doi-ngay",
                                  'Thông báo "lịch họp" & <dời> ngày'),
                                 (12, "lich-tiep-cong-dan", "Lịch tiếp công dân")]:
        page = built.site / "p" / str(post_id) / "index.html"
        assert page.stat().st_size < 2048  # with the article's preview tags
        text = page.read_text(encoding="utf-8")
        path, article = follow_short_link(built.site, post_id)
        assert path == f"{slug}/"
        assert h1(article) == [title]
        [canonical] = attrs(text, "link", rel="canonical")
        assert canonical["href"] == f"{SITE_URL}{slug}/"
        assert resolves(f"p/{post_id}", next(iter(links_in(text)))) == f"{slug}/"


def test_short_link_survives_title_and_slug_change(build_site, tmp_path):
    first = build_site({"a.md": post(5, "Tiêm chủng đợt một", "2025-09-05")})
    assert follow_short_link(first.site, 5)[0] == "tiem-chung-dot-mot/"
    second = build_site({"a.md": post(5, "Tiêm chủng mở rộng đợt hai", "2025-09-05",
                                      slug="tiem-chung-mo-rong")})
    path, article = follow_short_link(second.site, 5)
    assert path == "tiem-chung-mo-rong/"
    assert h1(article) == ["Tiêm chủng mở rộng đợt hai"]


def test_bad_posts_fail_the_build_with_every_message_and_no_traceback(build_site):
    built = build_site(BAD_POSTS, docs={"gioi-thieu.md": "# Giới thiệu\n"})
    assert built.returncode != 0
    assert "Traceback" not in built.output
    expected = [
        "posts/a.md:5: categories: chuyên mục `Tin tuc` không có trong danh sách → có phải ý bạn "
        "là `Tin tức`?",
        "posts/b.md:2: id: số 1 đã dùng cho posts/a.md → đổi bài này sang số chưa dùng `id: 19`",
        "posts/c.md:3: phần đầu bài: dòng này không đọc được (có dấu `:` ở giữa giá trị)",
        "posts/d.md:4: date: `2025-02-30` không phải ngày có thật",
        "posts/e.md:6: image: không tìm thấy tệp `khong-co.jpg`",
        "posts/f.md:1: phần đầu bài: bài không có phần đầu",
        "posts/g.md:7: tệp: tệp không được lưu bằng mã UTF-8",
        "posts/h.md:1: title: thiếu trường bắt buộc → thêm dòng `title: Hướng dẫn cài đặt VNeID`",
        "posts/i.md:2: id: `-2` không phải số nguyên dương → ghi một số chưa dùng, ví dụ `id: 19`",
        "posts/k.md:6: slug: đường dẫn `trung` đã dùng cho posts/j.md → chọn đường dẫn khác, "
        "ví dụ `slug: trung-11`",
        "posts/l.md:6: image: `../../ngoai.jpg` nằm ngoài thư mục posts/",
    ]
    for line in expected:
        assert line in built.output, line
    assert "Có 17 lỗi trong bài viết; trang web chưa được cập nhật." in built.output
    assert not (built.site / "index.html").exists()


def test_english_site_gets_english_messages(build_site):
    built = build_site({"a.md": post(1, "News", "2025-10-01", "Tin tuc")},
                       config=site_config(language="en"))
    assert built.returncode != 0 and "Traceback" not in built.output
    assert ("posts/a.md:5: categories: category `Tin tuc` is not in the list → did you mean "
            "`Tin tức`?") in built.output


def test_what_writers_type_builds(build_site):
    nfd = unicodedata.normalize("NFD", post(1, "Tập huấn kỹ năng số", "2025-09-28 14:00",
                                            "Hướng dẫn"))
    built = build_site({
        "nfd.md": nfd,
        "crlf.md": post(2, "Lịch tiếp công dân", "05/10/2025").replace("\n", "\r\n"),
        "bom.md": ("\ufeff" + post(3, "Thông báo mới", "2025-10-06", "Thông báo")).encode("utf-8"),
    })
    assert built.returncode == 0, built.output
    assert h1(built.page("tap-huan-ky-nang-so")) == [
        unicodedata.normalize("NFC", "Tập huấn kỹ năng số")]
    assert "tap-huan-ky-nang-so/" in {resolves("category/huong-dan", h)
                                      for h in links_in(built.page("category/huong-dan"))}
    assert h1(built.page("lich-tiep-cong-dan")) == ["Lịch tiếp công dân"]
    assert h1(built.page("thong-bao-moi")) == ["Thông báo mới"]


def test_duplicate_titles_and_non_latin_titles_get_their_own_pages(build_site):
    built = build_site({
        "a.md": post(3, "Lịch tiếp công dân", "2025-10-01"),
        "b.md": post(4, "Lịch tiếp công dân", "2025-10-08"),
        # A script the posters cannot print: the poster says it in words.
        "c.md": post(5, "বাংলা সংবাদ", "2025-10-09", poster_title="Tin bằng tiếng Bengal"),
    })
    assert built.returncode == 0, built.output
    assert follow_short_link(built.site, 3)[0] == "lich-tiep-cong-dan/"
    assert follow_short_link(built.site, 4)[0] == "lich-tiep-cong-dan-4/"
    path, article = follow_short_link(built.site, 5)
    assert path == "bai-viet-5/" and h1(article) == ["বাংলা সংবাদ"]


def test_images_beside_a_post_are_published_with_it(build_site, tmp_path):
    body = ("Mở đầu.\n\n![Cán bộ hướng dẫn người dân](vneid/buoc-1.png)\n\n"
            "[Tải hướng dẫn](vneid/huong-dan.pdf)\n")
    built = build_site({
        "2025/vneid.md": post(1, "Cài VNeID", image="vneid/bia.png", body=body),
        "2025/vneid/buoc-1.png": png(300, 200),
        "2025/vneid/bia.png": png(800, 420),
        "2025/vneid/huong-dan.pdf": b"%PDF tai lieu",
        "2025/vneid/ban-cu.pdf": b"%PDF ban cu",
        "2025/nhap.md": post(2, "Bản nháp", image="nhap.png", draft="true"),
        "2025/nhap.png": png(300, 200),
    })
    assert built.returncode == 0, built.output
    article = built.page("cai-vneid")
    [img] = attrs(article, "img", alt="Cán bộ hướng dẫn người dân")
    published = built.site / resolves("cai-vneid", img["src"]).rstrip("/")
    with Image.open(published) as picture:
        assert picture.size == (300, 200)
    with Image.open(built.site / "posts/2025/vneid/bia.png") as picture:
        assert picture.size == (800, 420)
    assert (built.site / "posts/2025/vneid/huong-dan.pdf").read_bytes() == b"%PDF tai lieu"
    # What no published post shows is not published: a file left over, a draft's picture.
    assert not (built.site / "posts/2025/vneid/ban-cu.pdf").exists()
    assert not (built.site / "posts/2025/nhap.png").exists()
    assert ("1 tệp trong thư mục bài viết không bài nào dùng nên không được đăng: "
            "2025/vneid/ban-cu.pdf") in built.output


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def test_broken_picture_is_reported_not_a_traceback(build_site):
    built = build_site({"a.md": post(1, "Tin", image="hong.jpg"), "hong.jpg": b"not a picture"})
    assert built.returncode != 0 and "Traceback" not in built.output
    assert ("posts/hong.jpg: tệp ảnh hỏng hoặc không phải ảnh → mở ảnh trên máy, lưu lại dạng JPG "
            "hoặc PNG rồi chép đè lên tệp này") in built.output


def test_drafts_and_scheduled_posts_are_not_published(build_site):
    built = build_site({
        "a.md": post(1, "Bài nháp", draft="true"),
        "b.md": post(2, "Bài hẹn giờ", "2099-01-01"),
        "c.md": post(3, "Bài đã đăng"),
    })
    assert built.returncode == 0, built.output
    assert not (built.site / "bai-nhap").exists() and not (built.site / "p/1").exists()
    assert not (built.site / "bai-hen-gio").exists() and not (built.site / "p/2").exists()
    assert follow_short_link(built.site, 3)[0] == "bai-da-dang/"


def test_post_put_inside_docs_is_reported(build_site):
    built = build_site({"a.md": post(1, "Tin")}, docs={"posts/lac.md": post(2, "Lạc chỗ")})
    assert built.returncode != 0 and "Traceback" not in built.output
    assert ("docs/posts/lac.md:1: tệp: bài viết nằm trong docs/ nên không được kiểm tra → "
            "chuyển tệp này sang thư mục posts/") in built.output


def test_build_leaves_no_stray_folder_and_no_banner(build_site):
    built = build_site({"a.md": post(1, "Tin")})
    assert built.returncode == 0, built.output
    assert not (built.root / "docs" / "posts").exists()
    assert "end of life" not in built.output and "NO_MKDOCS_2_WARNING" not in built.output


def test_rebuild_is_byte_identical(build_site):
    from conftest import run_mkdocs
    first = build_site({"a.md": post(1, "Tin một"), "b.md": post(2, "Tin hai", "2025-10-03")})
    snapshot = {p.relative_to(first.site): p.read_bytes()
                for p in first.site.rglob("*") if p.is_file()}
    again = run_mkdocs(first.root)
    assert again.returncode == 0
    after = {p.relative_to(first.site): p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    assert after.keys() == snapshot.keys()
    assert [k for k in after if after[k] != snapshot[k]] == []
