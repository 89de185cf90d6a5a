"""The picture pipeline on real files: sizes, formats, orientation, metadata, cache, weight."""

from __future__ import annotations

import io
import os
import random
import time
from pathlib import Path

import pytest
from conftest import post, run_mkdocs, write_site
from htmlparse import attrs
from loaxa.errors import ImageError
from loaxa.images import (
    MAX_BYTES,
    MAX_FILE_BYTES,
    PICTURE_SUFFIXES,
    decoded_size,
    describe_error,
    is_picture,
    limit_decoding,
    open_picture,
    process_image,
)
from loaxa.media import describe
from loaxa.photos import clean_photo, has_location, inspect_picture
from PIL import Image, ImageCms, ImageDraw
from test_photos import (
    SECRET,
    bmp_picture,
    gif_picture,
    heic_photo,
    jpeg_bomb,
    jpeg_photo,
    png_bomb,
    png_photo,
    shown,
    tiff_photo,
    webp_photo,
)


def phone_photo(path: Path, size=(4000, 3000)) -> Path:
    """A noisy 4000×3000 JPEG with a GPS position and "rotate 90°" in its EXIF."""
    rng = random.Random(7)
    image = Image.effect_noise(size, 30).convert("RGB")
    image.paste((rng.randrange(256), 80, 40), (0, 0, size[0] // 4, size[1] // 4))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (22.0, 1.0, 0.0), 3: "E", 4: (103.0, 50.0, 0.0)}  # GPS
    exif[0x010F] = "PhoneMaker"
    image.save(path, "JPEG", quality=95, exif=exif)
    return path


def test_phone_photo_is_turned_shrunk_and_stripped(tmp_path):
    source = phone_photo(tmp_path / "anh.jpg")
    processed = process_image(source, tmp_path / "cache")
    # Rotation applied: a landscape sensor image shown portrait.
    assert (processed.width, processed.height) == (1440, 1920)
    files = [processed.fallback, *(v.path for v in processed.variants)]
    assert [v.width for v in processed.variants] == [480, 960, 1440]
    for path in files:
        assert path.stat().st_size <= MAX_BYTES
        with Image.open(path) as published:
            assert not published.getexif(), path
            assert "exif" not in published.info
            assert max(published.size) <= 1920
    with Image.open(processed.fallback) as fallback:
        assert fallback.format == "JPEG"


def test_smaller_of_webp_and_jpeg_is_kept(tmp_path):
    source = phone_photo(tmp_path / "anh.jpg", size=(1200, 800))
    processed = process_image(source, tmp_path / "cache")
    for variant in processed.variants:
        with Image.open(variant.path) as image:
            buffer = io.BytesIO()
            other = "JPEG" if image.format == "WEBP" else "WEBP"
            image.convert("RGB").save(buffer, other, quality=78)
        assert variant.path.stat().st_size <= len(buffer.getvalue()) * 1.05


def test_cache_hit_makes_nothing_again(tmp_path):
    source = phone_photo(tmp_path / "anh.jpg", size=(1000, 700))
    first = process_image(source, tmp_path / "cache")
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*") if p.is_file()}
    again = process_image(source, tmp_path / "cache")
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in stamps} == stamps
    source.write_bytes(phone_photo(tmp_path / "khac.jpg", size=(900, 700)).read_bytes())
    assert process_image(source, tmp_path / "cache") != first


def test_built_article_serves_only_processed_pictures(tmp_path):
    body = "Mở đầu.\n\n![Bà con học cài VNeID](anh/lop-hoc.jpg)\n"
    (tmp_path / "posts/anh").mkdir(parents=True)
    phone_photo(tmp_path / "posts/anh/lop-hoc.jpg", size=(2400, 1800))
    phone_photo(tmp_path / "posts/anh/bia.jpg", size=(1800, 1200))
    root = write_site(tmp_path, {"a.md": post(1, "Lớp học", image="anh/bia.jpg", body=body)})
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    for picture in (root / "site/posts").rglob("*"):
        if picture.is_file():
            assert picture.stat().st_size <= MAX_BYTES, picture
            with Image.open(picture) as image:
                assert max(image.size) <= 1920 and not image.getexif()
    article = (root / "site/lop-hoc/index.html").read_text(encoding="utf-8")
    [photo] = attrs(article, "img", alt="Bà con học cài VNeID")
    assert (photo["width"], photo["height"], photo["loading"]) == ("1440", "1920", "lazy")  # turned
    candidates = [part.split() for part in photo["srcset"].split(", ")]
    assert [w for _, w in candidates] == ["480w", "960w", "1440w"]
    for url, _ in candidates:
        assert (root / "site/lop-hoc" / url).resolve().is_file()
    [cover] = [a for a in attrs(article, "img") if a.get("fetchpriority") == "high"]
    assert cover["alt"] == "" and (cover["width"], cover["height"]) == ("1200", "1800")


# Every format a phone or camera makes: published without a trace of its metadata.

FORMATS = [
    # maker, file name, format of the fallback at the original's address
    (jpeg_photo, "anh.jpg", "JPEG"),
    (jpeg_photo, "anh.JFIF", "JPEG"),
    (png_photo, "anh.png", "PNG"),
    (webp_photo, "anh.webp", "WEBP"),
    (heic_photo, "anh.heic", "JPEG"),
    (heic_photo, "anh.HEIF", "JPEG"),
    (tiff_photo, "anh.tif", "JPEG"),
    (lambda path: tiff_photo(path, mode="RGBA"), "trong-suot.tiff", "PNG"),
    (gif_picture, "anh.gif", "GIF"),
    (bmp_picture, "anh.bmp", "JPEG"),
]


@pytest.mark.parametrize("make, name, kind", FORMATS, ids=[name for _, name, _ in FORMATS])
def test_every_format_is_published_with_nothing_but_pixels(tmp_path, make, name, kind):
    source = make(tmp_path / name)
    assert is_picture(name) and source.suffix.lower() in PICTURE_SUFFIXES
    processed = process_image(source, tmp_path / "cache")
    files = [processed.fallback, *(v.path for v in processed.variants)]
    for path in files:
        data = path.read_bytes()
        for secret in (b"Exif", SECRET, b"xmpmeta", b"GPS", b"PhoneMaker", b"Photoshop"):
            assert secret not in data, (path.name, secret)
        assert path.stat().st_size <= MAX_BYTES
        with Image.open(path) as published:
            assert not published.getexif(), path.name
            assert not {"exif", "xmp", "comment", "icc_profile"} & set(published.info), path.name
            assert published.width <= 1440
    with Image.open(processed.fallback) as fallback:
        assert fallback.format == kind
        assert fallback.get_format_mimetype() == processed.fallback_mime
        assert (fallback.width, fallback.height) == (processed.width, processed.height)
        assert getattr(fallback, "n_frames", 1) == 1  # a GIF's first frame
    assert (processed.width, processed.height) == shown(source).size  # turned as EXIF says
    media = describe(processed.fallback, "https://xa.example/" + name)
    assert (media.mime, media.width) == (processed.fallback_mime, processed.width)


def test_every_spelling_of_a_picture_is_one(tmp_path):
    for name in ("a.JPG", "a.jpe", "a.Jfif", "a.HEIC", "a.heif", "a.TIF", "a.tiff", "a.bmp", "a.gif"):
        assert is_picture(name), name
    assert not is_picture("a.pdf") and not is_picture("a.svg")


def test_tall_screenshot_is_published_without_webp_beyond_its_limit(tmp_path):
    screenshot = Image.new("RGB", (1080, 20000), "white")
    draw = ImageDraw.Draw(screenshot)
    for top in range(0, 20000, 120):
        draw.rectangle((40, top + 20, 1040, top + 60), fill=(top % 256, 60, 120))
    source = tmp_path / "chup-man-hinh.png"
    screenshot.save(source)
    processed = process_image(source, tmp_path / "cache")
    assert (processed.width, processed.height) == (1080, 20000)
    assert [v.width for v in processed.variants] == [480, 960, 1080]
    for variant in processed.variants:
        assert variant.suffix != ".webp" or variant.height <= 16383
        with Image.open(variant.path) as image:
            image.load()
    assert processed.variants[-1].suffix == ".jpg"
    with Image.open(processed.fallback) as fallback:
        assert fallback.format == "PNG" and fallback.width <= 1080


@pytest.mark.parametrize("make", [png_bomb, jpeg_bomb])
def test_bomb_is_refused_at_once(tmp_path, make):
    source = make(tmp_path / "bom.png")
    started = time.perf_counter()
    with pytest.raises(ImageError) as refused:
        process_image(source, tmp_path / "cache")
    assert time.perf_counter() - started < 0.5
    assert refused.value.reason == "too_many_pixels"
    assert describe_error(refused.value, "posts/bom.png", "en").startswith(
        "posts/bom.png: the picture has too many pixels (")


def test_pixel_limit_is_told_with_the_size(tmp_path):
    source = png_bomb(tmp_path / "lon.png", width=9000, height=6000)  # 54 million
    with pytest.raises(ImageError) as refused:
        process_image(source, tmp_path / "cache")
    assert describe_error(refused.value, "posts/lon.png", "vi") == (
        "posts/lon.png: ảnh quá nhiều điểm ảnh (9000×6000, tối đa 50 triệu) → mở ảnh trên máy, "
        "thu nhỏ (ví dụ rộng 2000 điểm ảnh) rồi chép đè lên tệp này")


def test_big_phone_jpeg_is_decoded_at_a_smaller_scale(tmp_path):
    source = tmp_path / "108mp.jpg"
    Image.new("RGB", (9000, 6000), (30, 120, 200)).save(source, "JPEG", quality=80)
    processed = process_image(source, tmp_path / "cache")
    assert (processed.width, processed.height) == (1440, 960)


def test_kind_not_taken_and_damaged_picture_are_told_apart(tmp_path):
    icon = tmp_path / "bieu-tuong.png"
    Image.new("RGB", (32, 32), "red").save(icon, "ICO")
    with pytest.raises(ImageError) as refused:
        process_image(icon, tmp_path / "cache")
    assert refused.value.reason == "unsupported"
    truncated = jpeg_photo(tmp_path / "cat.jpg")
    truncated.write_bytes(truncated.read_bytes()[:3000])
    with pytest.raises(ImageError) as refused:
        process_image(truncated, tmp_path / "cache")
    assert refused.value.reason == "unreadable"


def test_colour_profile_is_applied_then_left_out(tmp_path):
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    for name, profile in (("srgb.jpg", srgb), ("hong.png", b"not a colour profile")):
        source = tmp_path / name
        Image.new("RGB", (600, 400), (200, 40, 40)).save(source, icc_profile=profile)
        processed = process_image(source, tmp_path / "cache")
        with Image.open(processed.fallback) as fallback:
            assert "icc_profile" not in fallback.info
            red, green, blue = fallback.convert("RGB").getpixel((300, 200))
            assert abs(red - 200) < 8 and green < 60 and blue < 60, name


def test_sixteen_bit_grey_is_not_published_white(tmp_path):
    source = tmp_path / "xam.png"
    Image.new("I;16", (300, 200), 30000).save(source)
    processed = process_image(source, tmp_path / "cache")
    with Image.open(processed.fallback) as fallback:
        assert 100 < fallback.convert("L").getpixel((10, 10)) < 140


# `loaxa check` refuses exactly the pictures the build refuses, with the same reason.


def plain_jpeg(path: Path, size: tuple[int, int], *, orientation: int = 1,
               progressive: bool = False) -> Path:
    """A grey JPEG of `size`, cheap to make even when huge; EXIF says how it is turned."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.new("L", size, 128).save(buffer, "JPEG", quality=30, progressive=progressive,
                                   exif=exif.tobytes())
    path.write_bytes(buffer.getvalue())
    return path


def truncated_jpeg(path: Path) -> Path:
    jpeg_photo(path)
    path.write_bytes(path.read_bytes()[:3000])
    return path


SAME_VERDICT = [
    # maker, reason both give (None: both take it)
    (jpeg_photo, None),
    (lambda path: plain_jpeg(path, (1000, 60000)), "too_many_pixels"),  # decoded whole for 1440 px
    (lambda path: plain_jpeg(path, (60000, 1000)), None),  # decoded at 1/8 for 1440 px
    (lambda path: plain_jpeg(path, (60000, 1000), orientation=6), "too_many_pixels"),  # 1000 wide
    (lambda path: plain_jpeg(path, (8000, 7000), progressive=True), "too_many_pixels"),
    (png_bomb, "too_many_pixels"),
    (jpeg_bomb, "too_many_pixels"),
    (truncated_jpeg, "unreadable"),
]


@pytest.mark.parametrize("make, reason", SAME_VERDICT)
def test_check_refuses_what_the_build_refuses(tmp_path, make, reason):
    source = make(tmp_path / "anh.jpg")

    def verdict(function) -> str | None:
        try:
            function()
        except ImageError as error:
            return error.reason
        return None

    built = verdict(lambda: process_image(source, tmp_path / "cache"))
    checked = verdict(lambda: inspect_picture(source))
    assert built == checked == reason


@pytest.mark.parametrize("size, width", [((2000, 20000), 1440), ((60000, 1000), 1440),
                                         ((9000, 6000), 1440), ((3000, 2000), None),
                                         ((9, 9), None), ((17, 1000), 5)])
def test_decoded_size_is_the_size_the_jpeg_reader_decodes(tmp_path, size, width):
    source = plain_jpeg(tmp_path / "anh.jpg", size)
    with open_picture(source.read_bytes(), source) as image:
        expected = decoded_size(image, width)
        limit_decoding(image, source, width)
        assert image.size == expected


# File size, and files that are gone


def huge_file(path: Path) -> Path:
    """A JPEG one byte past the limit, made sparse so it costs nothing."""
    jpeg_photo(path)
    os.truncate(path, MAX_FILE_BYTES + 1)
    return path


READERS = {
    "build": lambda path, tmp_path: process_image(path, tmp_path / "cache"),
    "check": lambda path, tmp_path: inspect_picture(path),
    "location": lambda path, tmp_path: has_location(path),
    "clean": lambda path, tmp_path: clean_photo(path, tmp_path / "sach.jpg"),
}


@pytest.mark.parametrize("reader", READERS)
def test_file_too_large_is_refused_before_it_is_read(tmp_path, monkeypatch, reader):
    source = huge_file(tmp_path / "lon.jpg")
    read = []
    real_open = io.open

    def watched_open(file, *args, **kwargs):
        if Path(file) == source:
            read.append(file)
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", watched_open)
    monkeypatch.setattr("io.open", watched_open)
    with pytest.raises(ImageError) as refused:
        READERS[reader](source, tmp_path)
    assert read == []
    assert refused.value.reason == "too_big"
    assert describe_error(refused.value, "posts/lon.jpg", "vi") == (
        "posts/lon.jpg: tệp ảnh quá lớn (60.1 MB, tối đa 60 MB) → mở ảnh trên máy, thu nhỏ (ví dụ "
        "rộng 2000 điểm ảnh) hoặc lưu lại dạng JPG rồi chép đè lên tệp này")
    assert not (tmp_path / "sach.jpg").exists()


@pytest.mark.parametrize("reader", READERS)
def test_file_gone_or_not_a_file_is_unreadable(tmp_path, reader):
    (tmp_path / "thu-muc.jpg").mkdir()
    for name in ("da-xoa.jpg", "thu-muc.jpg"):
        with pytest.raises(ImageError) as refused:
            READERS[reader](tmp_path / name, tmp_path)
        assert refused.value.reason == "unreadable", name
        assert describe_error(refused.value, name, "vi").startswith(f"{name}: tệp ảnh hỏng")


def test_file_that_cannot_be_read_is_unreadable(tmp_path, monkeypatch):
    source = jpeg_photo(tmp_path / "anh.jpg")

    def failing_open(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", failing_open)
    monkeypatch.setattr("io.open", failing_open)
    for reader in ("build", "check", "location"):
        with pytest.raises(ImageError) as refused:
            READERS[reader](source, tmp_path)
        assert refused.value.reason == "unreadable", reader
