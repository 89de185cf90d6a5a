"""`loaxa new` and `loaxa check` on real folders, run as staff run them."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import post, run_mkdocs, write_site
from loaxa.posts import VideoLink, load_posts

VN = timezone(timedelta(hours=7))
CATEGORIES = ["Tin tức", "Hướng dẫn", "Video", "Thông báo"]


def loaxa(root: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, input=stdin,
                          capture_output=True, text=True, encoding="utf-8")


def read(root: Path, relpath: str):
    return next(p for p in load_posts(root / "posts", categories=CATEGORIES) if p.relpath == relpath)


def test_new_guide_post_has_complete_front_matter(tmp_path):
    root = write_site(tmp_path, {"2025/a.md": post(1, "Tin"), "b.md": post(5, "Tin hai", "2025-10-02")})
    done = loaxa(root, "new", "Hướng dẫn đăng ký tài khoản định danh", "--category", "huong dan",
                 "--date", "2026-06-02 08:15")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "Đã tạo bài viết: posts/2026/2026-06-02-huong-dan-dang-ky-tai-khoan-dinh-danh.md")
    new = read(root, "2026/2026-06-02-huong-dan-dang-ky-tai-khoan-dinh-danh.md")
    assert new.id == 6  # next free id, past the gap and across subfolders
    assert new.title == "Hướng dẫn đăng ký tài khoản định danh"
    assert new.date == datetime(2026, 6, 2, 8, 15, tzinfo=VN)
    assert new.categories == ("Hướng dẫn",)
    assert new.slug == "huong-dan-dang-ky-tai-khoan-dinh-danh" and new.slug_explicit
    assert "## Các bước thực hiện\n\n1. Bước thứ nhất.\n2. Bước thứ hai." in new.body
    # The sample sentences staff must replace do not reach the published site.
    built = run_mkdocs(root)
    assert built.returncode == 1
    assert ("posts/2026/2026-06-02-huong-dan-dang-ky-tai-khoan-dinh-danh.md:10: nội dung: còn câu mẫu "
            "của `loaxa new`: \"Viết một hai câu: hướng dẫn này giúp bà con làm được việc gì.\""
            ) in built.output


def test_new_without_date_uses_now_in_vietnam(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    before = datetime.now(VN).replace(second=0, microsecond=0)
    assert loaxa(root, "new", "Thông báo lịch họp", "--category", "Thông báo").returncode == 0
    [path] = (root / "posts").glob("*/*-thong-bao-lich-hop.md")
    new = read(root, f"{path.parent.name}/{path.name}")
    assert before <= new.date <= datetime.now(VN)
    assert path.name.startswith(new.date.strftime("%Y-%m-%d"))
    assert new.date.utcoffset() == timedelta(hours=7)


def test_new_video_post_with_cover(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    cover = tmp_path / "anh chup.JPG"
    cover.write_bytes(b"\xff\xd8\xff jpeg")
    done = loaxa(root, "new", "Video: họp dân bản Nà Khằn", "--video",
                 "https://www.youtube.com/watch?v=mK-hopdan01", "--image", str(cover),
                 "--date", "2026-06-03")
    assert done.returncode == 0, done.stderr
    new = read(root, "2026/2026-06-03-video-hop-dan-ban-na-khan.md")
    assert new.title == "Video: họp dân bản Nà Khằn"
    assert new.categories == ("Video",)
    assert new.video == VideoLink("https://www.youtube.com/watch?v=mK-hopdan01")
    assert new.image == "2026/2026-06-03-video-hop-dan-ban-na-khan.jpg"  # inside the posts folder
    assert (root / "posts" / new.image).read_bytes() == cover.read_bytes()
    assert "(https://www.youtube.com/watch?v=mK-hopdan01)" in new.body


def test_new_never_overwrites(tmp_path):
    existing = post(1, "Khác", "2026-06-02", slug="khac")
    root = write_site(tmp_path, {"2026/2026-06-02-tin.md": existing})
    done = loaxa(root, "new", "Tin", "--date", "2026-06-02 09:00")
    assert done.returncode == 1
    assert done.stderr == (f"Đã có tệp {root / 'posts' / '2026' / '2026-06-02-tin.md'}; không ghi đè "
                           "→ đổi tiêu đề, hoặc mở tệp đó để sửa\n")
    assert (root / "posts/2026/2026-06-02-tin.md").read_text(encoding="utf-8") == existing
    assert list((root / "posts/2026").iterdir()) == [root / "posts/2026/2026-06-02-tin.md"]


def test_new_same_title_twice_gets_its_own_file_and_address(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    for _ in range(2):
        assert loaxa(root, "new", "Lịch tiếp công dân", "--date", "2026-06-04").returncode == 0
    slugs = sorted(p.slug for p in load_posts(root / "posts", categories=CATEGORIES))
    assert slugs == ["lich-tiep-cong-dan", "lich-tiep-cong-dan-3", "tin"]


def test_new_asks_its_questions_in_vietnamese(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    done = loaxa(root, "new", stdin="Tập huấn kỹ năng số\n2\n\n\n")
    assert done.returncode == 0, done.stderr
    for question in ["Tiêu đề bài viết:", "Chuyên mục (gõ số):", "Địa chỉ video", "ảnh bìa"]:
        assert question in done.stdout
    [path] = (root / "posts").glob("*/*-tap-huan-ky-nang-so.md")
    assert path.name.startswith(f"{path.parent.name}-")  # in the folder of its year
    assert read(root, f"{path.parent.name}/{path.name}").categories == ("Hướng dẫn",)


def test_new_refuses_unknown_category_and_missing_image(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin")})
    done = loaxa(root, "new", "Tin mới", "--category", "Thể thao")
    assert done.returncode == 1
    assert done.stderr.strip() == ("Không có chuyên mục `Thể thao` → chọn một trong: `Tin tức`, "
                                   "`Hướng dẫn`, `Video`, `Thông báo`")
    done = loaxa(root, "new", "Tin mới", "--image", "khong-co.jpg")
    assert done.returncode == 1 and "Không tìm thấy ảnh khong-co.jpg" in done.stderr
    assert len(list((root / "posts").iterdir())) == 1


def test_check_advice(tmp_path):
    from PIL import Image
    body = "Mở đầu.\n\n![](anh.png)\n\n<img src=\"anh.png\">\n\n![Ảnh có mô tả](anh.png)\n"
    root = write_site(tmp_path, {
        "a.md": post(1, "Tin", "2025-10-01", body=body, description="'" + "dài " * 60 + "'"),
        "b.md": post(2, "Tin hẹn giờ", "2099-01-02 07:30"),
        "c.md": post(3, "Ảnh lớn", "2025-10-03", image="lon.png"),
    })
    Image.new("RGB", (20, 20)).save(root / "posts/anh.png")
    Image.new("RGB", (4200, 100)).save(root / "posts/lon.png")
    done = loaxa(root, "check")
    # Missing alt text stops the publishing build, so check reports it as a problem.
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "Có 2 lỗi: khi đăng, trang web sẽ không được cập nhật. Sửa các dòng sau rồi chạy lại "
        "`loaxa check`:",
        "  posts/a.md:10: image: ảnh `anh.png` chưa có lời mô tả → ghi mô tả trong ngoặc vuông, ví dụ "
        "`![Cán bộ hướng dẫn bà con cài VNeID](anh.png)`; người khiếm thị nghe được lời này",
        "  posts/a.md:12: image: ảnh `anh.png` chưa có lời mô tả → ghi mô tả trong ngoặc vuông, ví dụ "
        "`![Cán bộ hướng dẫn bà con cài VNeID](anh.png)`; người khiếm thị nghe được lời này",
    ]
    lines = done.stdout.splitlines()
    assert lines[0] == "Lưu ý (4), bài vẫn đăng được nhưng nên sửa:"
    assert lines[1:4] == [
        "  posts/a.md:6: description: mô tả dài 239 ký tự, khi chia sẻ lên Facebook, Zalo sẽ bị cắt "
        "→ rút gọn còn dưới 200 ký tự",
        "  posts/b.md:4: date: bài hẹn giờ: sẽ chỉ hiện trên trang từ 02/01/2099 07:30 → nếu muốn "
        "đăng ngay, ghi ngày hôm nay",
        "  posts/c.md:6: image: ảnh `lon.png` quá lớn (0.0 MB, cạnh dài 4200 điểm ảnh) → thu nhỏ ảnh "
        "xuống khoảng 2000 điểm ảnh trước khi đưa vào (điện thoại: chọn gửi ảnh cỡ vừa)",
    ]
    assert lines[4].startswith("  posts/c.md:6: image: ảnh bìa `lon.png` khi đăng chỉ 1440×34 điểm ảnh")
    assert lines[-1] == "Số id chưa dùng tiếp theo: 4"
    # The build warns about the missing alt text too, naming file and image.
    built = run_mkdocs(root)
    assert built.returncode != 0
    assert "posts/a.md:10: image: ảnh `anh.png` chưa có lời mô tả" in built.output


def test_new_cover_that_cannot_be_written_leaves_no_post(tmp_path, monkeypatch):
    import pytest
    from loaxa import photos
    from loaxa.errors import NewPostError
    from loaxa.newpost import create_post
    from PIL import Image

    photo = tmp_path / "IMG_0001.JPG"
    Image.new("RGB", (64, 48), "green").save(photo, "JPEG")

    def disk_full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(photos, "write_atomic", disk_full)
    now = datetime(2026, 6, 3, 9, 0, tzinfo=VN)
    with pytest.raises(NewPostError) as refused:
        create_post(tmp_path / "posts", [], title="Họp dân", category="Tin tức", lang="vi",
                    now=now, image=photo)
    assert str(refused.value) == (
        f"Không chép được ảnh bìa {photo} thành {tmp_path / 'posts' / '2026' / '2026-06-03-hop-dan.jpg'}, "
        "chưa tạo bài viết → kiểm tra quyền ghi và chỗ trống trên ổ đĩa rồi chạy lại")
    # No post and no picture: only the year folder `create_post` made is left, empty.
    assert list((tmp_path / "posts").rglob("*")) == []  # no post, no picture, no empty year folder


def test_new_cover_too_large_leaves_no_post(tmp_path):
    import os

    import pytest
    from loaxa.errors import NewPostError
    from loaxa.images import MAX_FILE_BYTES
    from loaxa.newpost import create_post
    from PIL import Image

    photo = tmp_path / "IMG_0002.JPG"
    Image.new("RGB", (64, 48), "green").save(photo, "JPEG")
    os.truncate(photo, MAX_FILE_BYTES + 1)  # sparse: costs nothing
    now = datetime(2026, 6, 3, 9, 0, tzinfo=VN)
    with pytest.raises(NewPostError, match=r"tệp ảnh quá lớn \(60\.1 MB, tối đa 60 MB\)"):
        create_post(tmp_path / "posts", [], title="Họp dân", category="Tin tức", lang="vi",
                    now=now, image=photo)
    # No post and no picture: only the year folder `create_post` made is left, empty.
    assert list((tmp_path / "posts").rglob("*")) == []  # no post, no picture, no empty year folder
