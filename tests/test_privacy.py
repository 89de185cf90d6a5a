"""What a built site may carry: no photo metadata (EXIF, XMP, IPTC, GPS, comments) in any
format, no picture of a draft or a scheduled post, no file from outside the site's folders."""

from __future__ import annotations

import io
import subprocess
import sys

from conftest import post, run_mkdocs, write_site
from loaxa.videos import has_location as has_video_location
from PIL import Image
from test_photos import (
    SECRET,
    bmp_picture,
    gif_picture,
    heic_photo,
    jpeg_photo,
    png_bomb,
    png_photo,
    tiff_photo,
    webp_photo,
)
from test_videos import located_mp4

MARKERS = (SECRET, b"GPSLatitude", b"xmpmeta", b"Exif\x00\x00", b"Photoshop 3.0", b"PhoneMaker")


def test_no_published_file_carries_photo_metadata(tmp_path):
    makers = {"bia.jpg": jpeg_photo, "hinh.png": png_photo, "anh.webp": webp_photo,
              "iphone.heic": heic_photo, "scan.tif": tiff_photo, "dong.gif": gif_picture,
              "cu.bmp": bmp_picture, "zalo.jfif": jpeg_photo}
    body = "Mở đầu.\n\n" + "".join(f"![Ảnh {name}](anh/{name})\n\n" for name in makers)
    root = write_site(tmp_path / "s", {
        "2025/a.md": post(1, "Tin có ảnh", image="anh/bia.jpg", body=body),
        "2025/nhap.md": post(2, "Bài nháp", draft="true", body="A\n\n![Ảnh nháp](nhap.jpg)\n"),
        "2025/hen.md": post(3, "Bài hẹn giờ", "2099-01-01", body="A\n\n![Ảnh hẹn](hen.jpg)\n"),
        "2025/video.md": post(4, "Video họp dân", video="hop-dan.mp4", categories="[Video]"),
    })
    located_mp4(root / "posts/2025/hop-dan.mp4")
    folder = root / "posts/2025/anh"
    folder.mkdir()
    for name, make in makers.items():
        make(folder / name)
    jpeg_photo(root / "posts/2025/nhap.jpg")
    jpeg_photo(root / "posts/2025/hen.jpg")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output

    published = [p for p in built.site.rglob("*") if p.is_file()]
    pictures = [p for p in published if p.suffix.lower() in (
        ".jpg", ".jfif", ".png", ".webp", ".gif", ".heic", ".tif", ".bmp")]
    assert {p.name for p in pictures} >= set(makers)
    for path in published:
        data = path.read_bytes()
        for marker in MARKERS:
            assert marker not in data, (path, marker)
    for path in pictures:
        with Image.open(io.BytesIO(path.read_bytes())) as image:
            assert image.format in ("JPEG", "PNG", "WEBP", "GIF"), path  # what every browser shows
            assert not {"exif", "xmp", "comment", "XML:com.adobe.xmp"} & set(image.info), path
            assert 0x8825 not in image.getexif(), path
    assert (built.site / "posts/2025/hop-dan.mp4").stat().st_size == (
        root / "posts/2025/hop-dan.mp4").stat().st_size
    assert not has_video_location(built.site / "posts/2025/hop-dan.mp4")
    assert has_video_location(root / "posts/2025/hop-dan.mp4")  # the repository's copy is staff's
    assert not (built.site / "posts/2025/nhap.jpg").exists()
    assert not (built.site / "posts/2025/hen.jpg").exists()


def test_tall_screenshot_is_published_and_a_bomb_refused(tmp_path):
    screenshot = io.BytesIO()
    Image.new("RGB", (1080, 20000), (240, 240, 240)).save(screenshot, "PNG")
    root = write_site(tmp_path / "s", {
        "a.md": post(1, "Hướng dẫn", body="A\n\n![Màn hình cài đặt](man-hinh.png)\n"),
        "man-hinh.png": screenshot.getvalue(),
    })
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    with Image.open(built.site / "posts/man-hinh.png") as image:
        assert image.width <= 1440 and image.height / image.width > 18

    png_bomb(root / "posts/man-hinh.png")
    built = run_mkdocs(root)
    assert built.returncode != 0 and "Traceback" not in built.output
    assert "posts/man-hinh.png: ảnh quá nhiều điểm ảnh (30000×30000, tối đa 50 triệu)" in built.output
    checked = subprocess.run([sys.executable, "-m", "loaxa.cli", "check"], cwd=root,
                             capture_output=True, text=True, encoding="utf-8")
    assert checked.returncode == 1
    assert ("posts/man-hinh.png:1: tệp: ảnh quá nhiều điểm ảnh (30000×30000, tối đa 50 triệu)"
            in checked.stderr)


def test_a_link_out_of_docs_is_not_published_even_without_strict(tmp_path):
    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin")})
    (root / "docs/may.txt").symlink_to("/etc/hostname")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")
    assert done.returncode == 0, done.stderr
    assert "docs/may.txt:1: tệp: đây là lối tắt (liên kết) trỏ ra ngoài thư mục của trang" in done.stderr
    assert not (root / "site/may.txt").exists()
    assert (root / "site/index.html").exists()
