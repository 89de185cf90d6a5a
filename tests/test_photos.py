"""Pictures as staff hand them in: checked cheaply, cleaned of their location without losing pixels."""

from __future__ import annotations

import io
import random
import time
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from loaxa.errors import ImageError, NewPostError
from loaxa.images import describe_error
from loaxa.newpost import create_post
from loaxa.photos import clean_photo, has_location, inspect_picture
from PIL import Image, ImageCms, ImageOps, PngImagePlugin

GPS = {1: "N", 2: (22.0, 1.0, 0.0), 3: "E", 4: (103.0, 50.0, 0.0)}
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
       b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
       b'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="22,0.0N" '
       b'exif:GPSLongitude="103,50.0E"/></rdf:RDF></x:xmpmeta>')
SECRET = b"bi-mat"
IPTC_DATA = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x08\x1c\x02\x5a\x00\x03Lao"
IPTC = b"\xff\xed" + (len(IPTC_DATA) + 2).to_bytes(2, "big") + IPTC_DATA  # city in IPTC


def private_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = GPS
    return exif


def noisy(size=(640, 480), mode="RGB") -> Image.Image:
    """Noise with a coloured corner, so turning the picture shows."""
    rng = random.Random(5)
    image = Image.effect_noise(size, 40).convert(mode)
    image.paste((rng.randrange(256), 90, 40) + ((255,) if mode == "RGBA" else ()),
                (0, 0, size[0] // 4, size[1] // 4))
    if mode == "RGBA":
        image.paste((0, 0, 0, 0), (0, size[1] // 2, size[0], size[1] // 2 + 10))  # see-through
    return image


def jpeg_photo(path: Path, size=(640, 480), orientation=6) -> Path:
    """A JPEG with EXIF (GPS, orientation, maker), XMP with a position, a comment, IPTC, and a
    second picture's worth of maker data after its end."""
    buffer = io.BytesIO()
    noisy(size).save(buffer, "JPEG", quality=90, exif=private_exif(orientation), xmp=XMP,
                     comment=SECRET.decode())
    data = buffer.getvalue()
    path.write_bytes(data[:2] + IPTC + data[2:] + b"SEFH Exif\x00\x00" + SECRET)
    return path


def png_photo(path: Path, size=(300, 200)) -> Path:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET.decode())
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    noisy(size, "RGBA").save(path, "PNG", exif=private_exif(1).tobytes(), pnginfo=info)
    return path


def webp_photo(path: Path, size=(400, 300)) -> Path:
    noisy(size).save(path, "WEBP", quality=90, exif=private_exif(1).tobytes(), xmp=XMP)
    return path


def heic_photo(path: Path, size=(400, 300)) -> Path:
    noisy(size).save(path, "HEIF", quality=90, exif=private_exif(1).tobytes(), xmp=XMP)
    return path


def tiff_photo(path: Path, size=(400, 300), mode="RGB") -> Path:
    noisy(size, mode).save(path, "TIFF", exif=private_exif(8).tobytes())
    return path


def gif_picture(path: Path, size=(200, 150)) -> Path:
    frames = [noisy(size).convert("P"), Image.new("P", size, 3)]
    frames[0].save(path, "GIF", save_all=True, append_images=frames[1:], comment=SECRET, loop=0)
    return path


def bmp_picture(path: Path, size=(200, 150)) -> Path:
    noisy(size).save(path, "BMP")
    return path


def png_bomb(path: Path, width=30000, height=30000) -> Path:
    """A tiny PNG that claims to be enormous."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (len(data).to_bytes(4, "big") + kind + data
                + zlib.crc32(kind + data).to_bytes(4, "big"))
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 10000)) + chunk(b"IEND", b""))
    return path


def jpeg_bomb(path: Path, side=60000) -> Path:
    """A small JPEG whose header claims side × side pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), "red").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = side.to_bytes(2, "big") + side.to_bytes(2, "big")
    path.write_bytes(bytes(data))
    return path


def shown(path: Path) -> Image.Image:
    # From bytes: Pillow 13 loads an RGBA TIFF from a path without turning it (as it does the
    # same file from bytes, and an RGB one either way).
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        return ImageOps.exif_transpose(image)


def pixels(path: Path) -> bytes:
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        return image.convert("RGBA").tobytes()


def assert_clean(path: Path, orientation: int | None = None) -> None:
    data = path.read_bytes()
    for secret in (SECRET, b"xmpmeta", b"GPSLatitude", b"Photoshop 3.0", b"PhoneMaker", b"SEFH"):
        assert secret not in data, (path, secret)
    with Image.open(path) as image:
        exif = image.getexif()
        assert not exif.get_ifd(0x8825) and 0x8825 not in exif and 0x010F not in exif, path
        assert exif.get(0x0112) == orientation, path
        if image.format != "TIFF":  # a TIFF's own tags (size, layout) are its EXIF
            assert dict(exif) == ({0x0112: orientation} if orientation else {}), path
        for key in ("xmp", "XML:com.adobe.xmp", "comment", "Comment"):
            assert key not in image.info, (path, key)
    assert not has_location(path)


# clean_photo and has_location


def test_jpeg_loses_everything_but_its_pixels_and_orientation(tmp_path):
    source = jpeg_photo(tmp_path / "anh.jpg")
    assert has_location(source)
    clean_photo(source, tmp_path / "sach.jpg")
    assert_clean(tmp_path / "sach.jpg", orientation=6)
    assert pixels(tmp_path / "sach.jpg") == pixels(source)  # not encoded again
    assert shown(tmp_path / "sach.jpg").size == shown(source).size == (480, 640)
    assert has_location(source)  # the original is left as it was


def test_jpeg_that_is_not_turned_keeps_no_exif_at_all(tmp_path):
    source = jpeg_photo(tmp_path / "anh.jpg", orientation=1)
    clean_photo(source)  # in place
    assert b"Exif" not in source.read_bytes()
    assert_clean(source)


def test_position_in_xmp_alone_is_found(tmp_path):
    source = tmp_path / "anh.jpg"
    noisy().save(source, "JPEG", xmp=XMP)
    assert has_location(source)
    clean_photo(source)
    assert not has_location(source)


@pytest.mark.parametrize("make, kind", [(png_photo, "PNG"), (webp_photo, "WEBP"), (gif_picture, "GIF")])
def test_png_webp_gif_are_cleaned_without_touching_pixels(tmp_path, make, kind):
    source = make(tmp_path / f"anh.{kind.lower()}")
    clean_photo(source, tmp_path / f"sach.{kind.lower()}")
    target = tmp_path / f"sach.{kind.lower()}"
    assert_clean(target)
    with Image.open(source) as before, Image.open(target) as after:
        assert after.format == kind and after.size == before.size
        assert getattr(after, "n_frames", 1) == getattr(before, "n_frames", 1)
    assert pixels(target) == pixels(source)


@pytest.mark.parametrize("name", ["anh.png", "anh.webp"])
def test_png_and_webp_that_are_turned_keep_only_their_orientation(tmp_path, name):
    source = tmp_path / name
    noisy((300, 200)).save(source, exif=private_exif(6).tobytes(), xmp=XMP)
    assert has_location(source)
    clean_photo(source, tmp_path / f"sach-{name}")
    assert_clean(tmp_path / f"sach-{name}", orientation=6)
    assert shown(tmp_path / f"sach-{name}").size == shown(source).size == (200, 300)
    assert pixels(tmp_path / f"sach-{name}") == pixels(source)


def test_gps_is_found_in_each_format(tmp_path):
    for make, name in [(png_photo, "a.png"), (webp_photo, "a.webp"), (heic_photo, "a.heic"),
                       (tiff_photo, "a.tif")]:
        assert has_location(make(tmp_path / name)), name


@pytest.mark.parametrize("make, name, kind", [(heic_photo, "anh.heic", "HEIF"),
                                              (tiff_photo, "anh.tif", "TIFF"),
                                              (bmp_picture, "anh.bmp", "BMP")])
def test_other_formats_are_encoded_again_upright(tmp_path, make, name, kind):
    source = make(tmp_path / name)
    size = shown(source).size
    clean_photo(source)
    assert_clean(source)
    with Image.open(source) as cleaned:
        assert cleaned.format == kind and cleaned.size == size
    if kind != "HEIF":
        assert pixels(source) == shown(source).convert("RGBA").tobytes()


def test_tiff_is_turned_and_keeps_its_exact_pixels(tmp_path):
    source = tiff_photo(tmp_path / "anh.tiff")
    expected = shown(source).convert("RGBA").tobytes()
    clean_photo(source, tmp_path / "sach.tiff")
    assert pixels(tmp_path / "sach.tiff") == expected


def test_damaged_file_is_kept_only_without_metadata(tmp_path):
    odd = tmp_path / "hong.jpg"
    odd.write_bytes(b"\xff\xd8\xff jpeg")
    clean_photo(odd, tmp_path / "ban-sao.jpg")
    assert (tmp_path / "ban-sao.jpg").read_bytes() == odd.read_bytes()
    odd.write_bytes(b"\xff\xd8\xff\x20garbage Exif\x00\x00" + SECRET)
    with pytest.raises(ImageError) as refused:
        clean_photo(odd, tmp_path / "khac.jpg")
    assert refused.value.reason == "unreadable"
    assert not (tmp_path / "khac.jpg").exists()


# inspect_picture


def test_inspect_gives_the_shown_size(tmp_path):
    assert inspect_picture(jpeg_photo(tmp_path / "a.jpg")) == (480, 640)
    assert inspect_picture(heic_photo(tmp_path / "a.heic")) == (400, 300)
    assert inspect_picture(tiff_photo(tmp_path / "a.tif")) == (300, 400)
    assert inspect_picture(gif_picture(tmp_path / "a.gif")) == (200, 150)


def test_inspect_catches_a_truncated_picture(tmp_path):
    for make, name in [(jpeg_photo, "a.jpg"), (png_photo, "a.png"), (webp_photo, "a.webp")]:
        path = make(tmp_path / name)
        data = path.read_bytes()
        path.write_bytes(data[:len(data) // 2])
        with pytest.raises(ImageError) as refused:
            inspect_picture(path)
        assert refused.value.reason == "unreadable", name


@pytest.mark.parametrize("make", [png_bomb, jpeg_bomb])
def test_inspect_refuses_a_bomb_at_once(tmp_path, make):
    path = make(tmp_path / "bom.png")
    started = time.perf_counter()
    with pytest.raises(ImageError) as refused:
        inspect_picture(path)
    assert time.perf_counter() - started < 0.5
    assert refused.value.reason == "too_many_pixels"
    message = describe_error(refused.value, "posts/bom.png", "vi")
    assert message.startswith("posts/bom.png: ảnh quá nhiều điểm ảnh (") and "×" in message


def test_inspect_names_a_picture_kind_it_does_not_take(tmp_path):
    path = tmp_path / "bieu-tuong.png"
    Image.new("RGB", (32, 32), "red").save(path, "ICO")
    with pytest.raises(ImageError) as refused:
        inspect_picture(path)
    assert (refused.value.reason, refused.value.details) == ("unsupported", {"kind": "ICO"})
    assert describe_error(refused.value, "posts/bieu-tuong.png", "en") == (
        "posts/bieu-tuong.png: loaxa cannot read ICO pictures → open it, save it again as JPG or "
        "PNG and copy it over this file")


def test_not_a_picture_is_unreadable(tmp_path):
    path = tmp_path / "ghi-chu.jpg"
    path.write_text("không phải ảnh", encoding="utf-8")
    with pytest.raises(ImageError) as refused:
        inspect_picture(path)
    assert refused.value.reason == "unreadable"
    assert describe_error(refused.value, "posts/ghi-chu.jpg", "vi").startswith(
        "posts/ghi-chu.jpg: tệp ảnh hỏng")


# loaxa new


def test_new_post_cover_is_copied_without_position(tmp_path):
    photo = jpeg_photo(tmp_path / "IMG_0001.JPG")
    now = datetime(2026, 6, 3, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    new = create_post(tmp_path / "posts", [], title="Họp dân", category="Tin tức", lang="vi",
                      now=now, image=photo)
    assert new.image.name == "2026-06-03-hop-dan.jpg"
    assert_clean(new.image, orientation=6)
    assert pixels(new.image) == pixels(photo)
    heic = create_post(tmp_path / "posts", [], title="Ảnh iPhone", category="Tin tức", lang="vi",
                       now=now, image=heic_photo(tmp_path / "IMG_0002.HEIC"))
    assert heic.image.suffix == ".heic"
    assert_clean(heic.image)


def test_new_post_refuses_a_cover_it_cannot_clean(tmp_path):
    broken = tmp_path / "hong.jpg"
    broken.write_bytes(b"\xff\xd8\xff\x20garbage Exif\x00\x00" + SECRET)
    now = datetime(2026, 6, 3, 9, 0, tzinfo=timezone(timedelta(hours=7)))
    with pytest.raises(NewPostError, match="tệp ảnh hỏng"):
        create_post(tmp_path / "posts", [], title="Họp dân", category="Tin tức", lang="vi",
                    now=now, image=broken)
    # No post and no picture: only the year folder `create_post` made is left, empty.
    assert list((tmp_path / "posts").rglob("*")) == []  # no post, no picture, no empty year folder


# Only what is known to be harmless is kept


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return len(payload).to_bytes(4, "big") + kind + payload + zlib.crc32(kind + payload).to_bytes(4, "big")


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "little") + payload + b"\x00" * (len(payload) & 1)


def riff(body: bytes) -> bytes:
    return b"RIFF" + (len(body) + 4).to_bytes(4, "little") + b"WEBP" + body


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    found, position = [], 12
    while position < len(data):
        size = int.from_bytes(data[position + 4:position + 8], "little")
        found.append((data[position:position + 4], data[position + 8:position + 8 + size]))
        position += 8 + size + (size & 1)
    return found


UNKNOWN_JPEG = [
    (0xE6, b"GoPro\x00GPS5 " + SECRET),  # a GPS track
    (0xEB, b"JP\x00\x01\x00\x00\x00\x01jumbc2pa " + SECRET),  # C2PA
    (0xE2, b"FPXR\x00" + SECRET),  # APP2 that is no colour profile
    (0xE3, SECRET), (0xE9, SECRET), (0xEC, b"Ducky" + SECRET), (0xEF, SECRET),
    (0xE0, b"JFXX\x00" + SECRET), (0xFE, SECRET),
]


@pytest.mark.parametrize("mode", ["RGB", "CMYK"])
def test_jpeg_keeps_only_known_segments(tmp_path, mode):
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    buffer = io.BytesIO()
    noisy().convert(mode).save(buffer, "JPEG", quality=90, icc_profile=profile,
                               exif=private_exif(6))
    data = buffer.getvalue()
    extra = b"".join(jpeg_segment(marker, payload) for marker, payload in UNKNOWN_JPEG)
    source = tmp_path / "anh.jpg"
    source.write_bytes(data[:2] + extra + data[2:])
    clean_photo(source, tmp_path / "sach.jpg")
    cleaned = (tmp_path / "sach.jpg").read_bytes()
    for secret in (SECRET, b"GoPro", b"c2pa", b"FPXR", b"JFXX", b"Ducky"):
        assert secret not in cleaned, secret
    assert_clean(tmp_path / "sach.jpg", orientation=6)
    with Image.open(tmp_path / "sach.jpg") as image:
        assert image.info["icc_profile"] == profile
        assert ("adobe" in image.info) == (mode == "CMYK")  # how its colours are stored
        assert image.info.get("jfif") == (None if mode == "CMYK" else 257)
    assert pixels(tmp_path / "sach.jpg") == pixels(source)


def test_png_keeps_only_known_chunks(tmp_path):
    source = png_photo(tmp_path / "anh.png")
    data = source.read_bytes()
    end = data.rindex(b"IEND") - 4
    extra = (png_chunk(b"gpSt", b"22.0N 103.8E " + SECRET) + png_chunk(b"caBX", SECRET)
             + png_chunk(b"gAMA", (45455).to_bytes(4, "big")))
    source.write_bytes(data[:end] + extra + data[end:])
    clean_photo(source, tmp_path / "sach.png")
    cleaned = (tmp_path / "sach.png").read_bytes()
    for secret in (SECRET, b"gpSt", b"caBX", b"tEXt", b"iTXt", b"eXIf"):
        assert secret not in cleaned, secret
    assert b"gAMA" in cleaned and b"IHDR" in cleaned
    assert_clean(tmp_path / "sach.png")
    assert pixels(tmp_path / "sach.png") == pixels(source)


def test_webp_keeps_only_known_chunks_and_says_so_in_its_header(tmp_path):
    source = webp_photo(tmp_path / "anh.webp")
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    noisy((400, 300)).save(source, "WEBP", quality=90, exif=private_exif(6).tobytes(), xmp=XMP,
                           icc_profile=profile)
    source.write_bytes(riff(source.read_bytes()[12:] + riff_chunk(b"GPSd", SECRET)))
    with Image.open(source) as image:
        assert image.size == (400, 300)  # readers skip chunks they do not know
    clean_photo(source, tmp_path / "sach.webp")
    cleaned = (tmp_path / "sach.webp").read_bytes()
    assert SECRET not in cleaned and b"GPSd" not in cleaned
    kinds = [kind for kind, _ in riff_chunks(cleaned)]
    assert kinds == [b"VP8X", b"ICCP", b"VP8 ", b"EXIF"]
    assert riff_chunks(cleaned)[0][1][0] == 0x20 | 0x08  # colour profile and EXIF, nothing else
    assert_clean(tmp_path / "sach.webp", orientation=6)
    with Image.open(tmp_path / "sach.webp") as image:
        assert image.info["icc_profile"] == profile
    assert pixels(tmp_path / "sach.webp") == pixels(source)


def test_animated_webp_frames_lose_unknown_chunks(tmp_path):
    source = tmp_path / "dong.webp"
    frames = [noisy((120, 90)), Image.new("RGB", (120, 90), "blue")]
    frames[0].save(source, "WEBP", save_all=True, append_images=frames[1:], lossless=True,
                   duration=200, loop=0)
    chunks = []
    for kind, payload in riff_chunks(source.read_bytes()):
        if kind == b"ANMF":
            payload += riff_chunk(b"LOCA", SECRET)  # after the frame's picture
        chunks.append(riff_chunk(kind, payload))
    source.write_bytes(riff(b"".join(chunks) + riff_chunk(b"GPSd", SECRET)))

    def every_frame(path: Path) -> list[bytes]:
        with Image.open(path) as image:
            found = []
            for index in range(image.n_frames):
                image.seek(index)
                found.append(image.convert("RGBA").tobytes())
            return found

    before = every_frame(source)
    assert len(before) == 2
    clean_photo(source, tmp_path / "sach.webp")
    cleaned = (tmp_path / "sach.webp").read_bytes()
    assert SECRET not in cleaned and b"LOCA" not in cleaned and b"GPSd" not in cleaned
    assert every_frame(tmp_path / "sach.webp") == before
