"""The picture pipeline on real files: sizes, formats, orientation, metadata, cache, weight."""

from __future__ import annotations

import io
import random
from pathlib import Path

from conftest import post, run_mkdocs, write_site
from htmlparse import attrs
from loaxa.images import MAX_BYTES, process_image
from PIL import Image


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
