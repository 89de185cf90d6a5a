"""Pictures for slow phones: orientation applied, metadata removed, resized, smallest format."""

from __future__ import annotations

import hashlib
import html
import io
import math
import os
import posixpath
import re
import shutil
import stat
import struct
import time
import unicodedata
import warnings
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote

from PIL import Image, ImageCms, ImageFile, ImageOps

from .errors import ImageError
from .i18n import t
from .store import write_atomic

try:
    from pillow_heif import register_heif_opener
except ImportError:  # without it, HEIC and HEIF pictures are refused as "unsupported"
    pass
else:
    register_heif_opener()

# Bump when the processing changes, so cached pictures are made again.
PROCESSOR_VERSION = "2"
WIDTHS = (480, 960, 1440)
MAX_BYTES = 200 * 1024
QUALITIES = (78, 68, 58, 48)
# What phones and cameras make. Browsers show the first seven; the others are published as JPEG
# (PNG when transparent) at their own address, which browsers accept since they look at the bytes.
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".gif",
                    ".heic", ".heif", ".tif", ".tiff", ".bmp")
_JPEG_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".jfif")
# Pixels decoded at most: 48 and 50 megapixel phone photos pass, a "bomb" (a small file that
# claims a huge size) is refused from its header, before any decoding.
MAX_PIXELS = 50_000_000
# A baseline JPEG is decoded at 1/2 to 1/8 of its size when it is bigger than what is published,
# so it may declare more: the 108 and 200 megapixel modes of some phones.
MAX_JPEG_PIXELS = 210_000_000
# The largest picture file taken, checked on disk before it is read into memory: phone photos
# (even the 200 megapixel ones) are far smaller.
MAX_FILE_BYTES = 60_000_000
# The largest side each format can hold.
_MAX_SIDE = {".webp": 16383, ".jpg": 65535, ".gif": 65535, ".png": 2**31 - 1}
_MIME = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp", ".gif": "image/gif"}
# Pillow formats taken, in the order their headers are tried (MPO, a JPEG with extra pictures
# after it, is opened by the JPEG reader).
_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "HEIF", "TIFF", "BMP")
# What Pillow raises on a damaged file, depending on the format and where the damage is.
DECODE_ERRORS = (OSError, ValueError, EOFError, SyntaxError, IndexError, KeyError, TypeError,
                 struct.error, zlib.error, Image.DecompressionBombError)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Variant:
    path: Path      # in the cache
    width: int
    height: int
    suffix: str     # ".webp", ".jpg" or ".png"


@dataclass(frozen=True)
class ProcessedImage:
    """One source picture as published: `fallback` replaces the original at its own address
    (at most the largest width), `variants` feed srcset. The fallback's bytes are in the format
    `fallback_mime` names, which is the one its address says except for addresses browsers cannot
    show (.heic .heif .tif .tiff .bmp: JPEG, or PNG when transparent) and pictures too tall for
    that format (PNG)."""

    fallback: Path
    width: int
    height: int
    variants: tuple[Variant, ...]
    fallback_mime: str


def is_picture(name: str) -> bool:
    return name.lower().endswith(PICTURE_SUFFIXES)


def describe_error(error: ImageError, shown_path: str, lang: str) -> str:
    """The message for staff about a picture refused with `error`, naming it `shown_path`."""
    details = error.details
    if error.reason == "too_big":
        size = details.get("size", 0)
        megabytes = math.ceil(size / 100_000) / 10 if isinstance(size, int) else "?"
        return t("image.too_big", lang, path=shown_path, megabytes=megabytes,
                 limit=details.get("limit", MAX_FILE_BYTES) // 1_000_000)
    if error.reason == "too_many_pixels":
        return t("image.too_many_pixels", lang, path=shown_path, width=details.get("width", "?"),
                 height=details.get("height", "?"),
                 limit=details.get("limit", MAX_PIXELS) // 1_000_000)
    if error.reason == "unsupported":
        return t("image.unsupported", lang, path=shown_path, kind=details.get("kind", "?"))
    return t("image.broken", lang, path=shown_path)


def read_picture(path: Path) -> bytes:
    """The bytes of the picture file at `path`. Its size on disk is checked first, so a file
    larger than MAX_FILE_BYTES is never read into memory.

    Raises ImageError "too_big" for such a file, "unreadable" when it cannot be read (gone,
    not a regular file, not allowed)."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise ImageError(path, "unreadable")
        size = status.st_size
        if size <= MAX_FILE_BYTES:
            with open(path, "rb") as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            size = max(size, len(data))  # it may have grown since
    except OSError as error:
        raise ImageError(path, "unreadable") from error
    if size > MAX_FILE_BYTES:
        raise ImageError(path, "too_big", size=size, limit=MAX_FILE_BYTES)
    return data


def open_picture(data: bytes, path: Path) -> ImageFile.ImageFile:
    """The picture in `data` (read from `path`) with only its header read: nothing is decoded yet.

    Raises ImageError "unreadable" when it is no picture or a damaged one, "unsupported" when it
    is a kind of picture loaxa does not take, "too_many_pixels" when it declares more pixels than
    may be decoded."""
    Image.init()
    prefix = data[:16]
    for name in _FORMATS:
        if name not in Image.OPEN:
            continue
        factory, accept = Image.OPEN[name]
        result = accept(prefix) if accept is not None else True
        if isinstance(result, str) or not result:
            continue
        try:
            # Pillow's own size limit is not applied here: the one below is, with its message.
            image = factory(io.BytesIO(data), "")
        except DECODE_ERRORS as error:
            raise ImageError(path, "unreadable") from error
        width, height = image.size
        jpeg = image.format in ("JPEG", "MPO") and not image.info.get("progressive")
        limit = MAX_JPEG_PIXELS if jpeg else MAX_PIXELS
        if width * height > limit:
            image.close()
            raise ImageError(path, "too_many_pixels", width=width, height=height, limit=limit)
        return image
    reason, details = _unknown(data)
    raise ImageError(path, reason, **details)


def _unknown(data: bytes) -> tuple[str, dict[str, object]]:
    """Why a file none of the taken formats reads is refused, and the kind of picture it is."""
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis"):
        return "unsupported", {"kind": "HEIC"}  # the HEIC reader is not installed
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as other:
                return "unsupported", {"kind": other.format or "?"}
    except (*DECODE_ERRORS, Image.UnidentifiedImageError):
        return "unreadable", {}


def limit_decoding(image: ImageFile.ImageFile, path: Path, width: int | None) -> None:
    """Before `image` is decoded: refused by `check_pixels` for `width`, then a JPEG is set to
    decode at the size `decoded_size` gives."""
    check_pixels(image, path, width)
    request = _draft_request(image, width)
    if request is not None:
        image.draft(None, request)


def check_pixels(image: ImageFile.ImageFile, path: Path, width: int | None) -> None:
    """Raise ImageError "too_many_pixels" when decoding `image` (not decoded yet) for `width`
    pixels across decodes more than MAX_PIXELS. The build decodes for WIDTHS[-1]: checked with
    it, a picture is refused exactly when the build refuses it."""
    decoded_width, decoded_height = decoded_size(image, width)
    if decoded_width * decoded_height > MAX_PIXELS:
        stored_width, stored_height = image.size
        raise ImageError(path, "too_many_pixels", width=stored_width, height=stored_height,
                         limit=MAX_PIXELS)


def decoded_size(image: ImageFile.ImageFile, width: int | None) -> tuple[int, int]:
    """The size `image` is decoded at to give `width` pixels across as shown: a JPEG's at the
    smallest of 1, 1/2, 1/4 and 1/8 of its size that gives them (1/8 when `width` is None), any
    other picture's at its own size."""
    request = _draft_request(image, width)
    stored_width, stored_height = image.size
    if request is None:
        return stored_width, stored_height
    # As the JPEG reader chooses: the largest divisor whose result is not below the request.
    most = min(stored_width // request[0], stored_height // request[1])
    divisor = next(d for d in (8, 4, 2, 1) if most >= d)
    return -(-stored_width // divisor), -(-stored_height // divisor)


def _draft_request(image: ImageFile.ImageFile, width: int | None) -> tuple[int, int] | None:
    """The size to ask the JPEG reader for, None when the picture is decoded at its own size."""
    if image.format not in ("JPEG", "MPO") or len(image.tile) != 1 or getattr(
            image, "decoderconfig", ()):
        return None
    stored_width, stored_height = image.size
    shown_width = stored_height if _orientation(image) in (5, 6, 7, 8) else stored_width
    scale = 1 / 8 if width is None else min(1.0, width / shown_width)
    if scale >= 1:
        return None
    return math.ceil(stored_width * scale), math.ceil(stored_height * scale)


def published_size(image: Image.Image) -> tuple[int, int]:
    """The size the build publishes the picture `image` (its header read) at, as `process_image`
    gives it: turned as EXIF says, at most WIDTHS[-1] pixels wide."""
    width, height = image.size
    if _orientation(image) in (5, 6, 7, 8):
        width, height = height, width
    shown = min(width, WIDTHS[-1])
    return shown, height if shown == width else max(1, round(height * shown / width))


def _orientation(image: Image.Image) -> int:
    try:
        return int(image.getexif().get(0x0112, 1))
    except DECODE_ERRORS:
        return 1


def process_image(source: Path, cache: Path, *,
                  on_repair: Callable[[Path], None] | None = None) -> ProcessedImage:
    """Every published size of `source`, made once per content (cached under `cache`).

    Only the pixels are published: EXIF (with its GPS position), XMP, IPTC, comments and colour
    profiles are left out, the picture turned as EXIF says and its colours converted to sRGB. Of a
    GIF, the first frame is published, as a GIF at the .gif address.

    A cached entry is reused only when its manifest is complete and every file has the length
    and SHA-256 it records; otherwise the entry is removed, `on_repair` is called with its folder
    and the picture is made again. Raises ImageError (with its reason) for a picture it refuses
    or cannot read."""
    data = read_picture(source)
    key = hashlib.sha256(data + PROCESSOR_VERSION.encode()).hexdigest()[:20]
    suffix = source.suffix.lower()
    folder = cache / key
    manifest = folder / MANIFEST
    if folder.exists() or folder.is_symlink():
        if manifest.exists() or manifest.is_symlink() or not folder.is_dir():
            cached = _verified_entry(folder, suffix)
            if cached is not None:
                return cached
            _remove(folder)
            if on_repair is not None:
                on_repair(folder)
        else:
            # No manifest: a build stopped while making this entry; its files are redone.
            _remove_stale_temporaries(folder)

    image, has_alpha = _decode(data, source)
    folder.mkdir(parents=True, exist_ok=True)
    widths = [w for w in WIDTHS if w < image.width] + [min(image.width, WIDTHS[-1])]
    lines = [MANIFEST_HEADER]
    variants = []
    for width in sorted(set(widths)):
        resized = _resize(image, width)
        best_suffix, encoded = _smallest(resized, has_alpha)
        target = folder / f"{width}{best_suffix}"
        write_atomic(target, encoded)
        lines.append(_entry_line("variant", width, resized.height, best_suffix, encoded))
        variants.append(Variant(target, width, resized.height, best_suffix))
    largest = _resize(image, min(image.width, WIDTHS[-1]))
    fallback_suffix = _fallback_suffix(suffix, has_alpha, largest.height)
    fallback = folder / f"fallback{fallback_suffix}"
    encoded = _encode(largest, fallback_suffix, has_alpha)
    write_atomic(fallback, encoded)
    lines.append(_entry_line("fallback", largest.width, largest.height, fallback_suffix, encoded))
    body = "".join(line + "\n" for line in lines).encode("utf-8")
    # Written last: a manifest only ever names files that are complete on disk.
    write_atomic(manifest, body + f"end {hashlib.sha256(body).hexdigest()}\n".encode("ascii"))
    return ProcessedImage(fallback, largest.width, largest.height, tuple(variants),
                          _MIME[fallback_suffix])


def _decode(data: bytes, source: Path) -> tuple[Image.Image, bool]:
    """The first frame of the picture as shown: upright, in sRGB, RGB or RGBA (RGBA only when
    some pixel is transparent), with nothing but its pixels (`info` empty); and whether it is
    transparent."""
    with open_picture(data, source) as opened:
        try:
            limit_decoding(opened, source, WIDTHS[-1])
            # Phones store "rotate 90°" in EXIF; apply it before the metadata is dropped.
            image = ImageOps.exif_transpose(opened)
            return _pixels(image)
        except DECODE_ERRORS as error:
            raise ImageError(source, "unreadable") from error


def _pixels(image: Image.Image) -> tuple[Image.Image, bool]:
    profile = image.info.get("icc_profile")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if image.mode.startswith("I") or image.mode == "F":
        image = _eight_bits(image)
    if image.mode not in ("RGB", "RGBA", "L", "CMYK") or (has_alpha and image.mode != "RGBA"):
        image = image.convert(mode)
    if profile:
        # A phone photo in Display P3 (or a print file in CMYK) keeps its colours in sRGB.
        try:
            image = ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                              _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a profile that cannot be used: the pixels are kept as they are
    if image.mode != mode:
        image = image.convert(mode)
    if has_alpha and image.getchannel("A").getextrema()[0] == 255:
        image, has_alpha = image.convert("RGB"), False  # an alpha channel nothing uses
    # Nothing but the pixels: Pillow writes back what `info` holds (comment, XMP, EXIF, …).
    image.info = {}
    return image, has_alpha


def _eight_bits(image: Image.Image) -> Image.Image:
    """A 16-bit (or 32-bit) grey picture brought to 8 bits, rather than clipped to white."""
    sixteen_bits = image.mode.startswith("I;16")
    image = image.convert("F" if image.mode == "F" else "I")
    high = image.getextrema()[1]
    full = 65535 if sixteen_bits or 255 < high <= 65535 else max(high, 255)
    if full == 255:
        return image.convert("L")
    return image.point(lambda value: value * (255 / full)).convert("L")


def _fallback_suffix(suffix: str, has_alpha: bool, height: int) -> str:
    """The format of the picture published at the original's address."""
    shown = {".png": ".png", ".webp": ".webp", ".gif": ".gif"}.get(suffix)
    if shown is None:
        shown = ".jpg" if suffix in _JPEG_SUFFIXES or not has_alpha else ".png"
    if height <= _MAX_SIDE[shown]:
        return shown
    return ".jpg" if not has_alpha and height <= _MAX_SIDE[".jpg"] else ".png"


def _fallback_choices(suffix: str) -> tuple[str, ...]:
    """Every format `_fallback_suffix` may choose for an original with `suffix`."""
    return {".png": (".png",), ".webp": (".webp", ".jpg", ".png"),
            ".gif": (".gif", ".jpg", ".png")}.get(suffix, (".jpg", ".png"))


# The manifest, sizes.txt: a header, one line per file, then the SHA-256 of the lines above:
#   loaxa-images 3
#   variant <width> <height> <suffix> <bytes> <sha256>     (one per width, smallest first)
#   fallback <width> <height> <suffix> <bytes> <sha256>    (suffix: the format of its bytes)
#   end <sha256>
MANIFEST = "sizes.txt"
MANIFEST_HEADER = "loaxa-images 3"
_NUMBER = r"([1-9][0-9]{0,8})"
_FILE_LINE = re.compile(rf"(variant|fallback) {_NUMBER} {_NUMBER} (\S*) "
                        rf"{_NUMBER} ([0-9a-f]{{64}})", re.ASCII)
_END_LINE = re.compile(rb"end ([0-9a-f]{64})")
_VARIANT_SUFFIXES = (".webp", ".jpg", ".png")
_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{16}\.tmp")
_STALE_SECONDS = 3600


def _entry_line(kind: str, width: int, height: int, suffix: str, data: bytes) -> str:
    return f"{kind} {width} {height} {suffix} {len(data)} {hashlib.sha256(data).hexdigest()}"


def _verified_entry(folder: Path, suffix: str) -> ProcessedImage | None:
    """The cached entry in `folder`, or None when its manifest or any of its files is not
    exactly as written (missing, truncated, altered, another format)."""
    try:
        text = (folder / MANIFEST).read_bytes()
    except OSError:
        return None
    if not text.endswith(b"\n"):
        return None
    body, newline, last = text[:-1].rpartition(b"\n")
    end = _END_LINE.fullmatch(last)
    if not newline or end is None or hashlib.sha256(body + newline).hexdigest() != end[1].decode():
        return None
    body += newline
    try:
        lines = body.decode("utf-8").split("\n")[:-1]
    except UnicodeDecodeError:
        return None
    if not lines or lines[0] != MANIFEST_HEADER:
        return None
    variants: list[Variant] = []
    fallback: tuple[Path, int, int, str] | None = None
    for line in lines[1:]:
        match = _FILE_LINE.fullmatch(line)
        if match is None or fallback is not None:  # the fallback is the last file line
            return None
        kind, width, height, file_suffix, length, digest = match.groups()
        width, height = int(width), int(height)
        if kind == "variant":
            if file_suffix not in _VARIANT_SUFFIXES or (variants and width <= variants[-1].width):
                return None
            path = folder / f"{width}{file_suffix}"
        else:
            if file_suffix not in _fallback_choices(suffix) or not variants or (
                    (width, height) != (variants[-1].width, variants[-1].height)):
                return None
            path = folder / f"fallback{file_suffix}"
        if not _file_matches(path, int(length), digest):
            return None
        if kind == "variant":
            variants.append(Variant(path, width, height, file_suffix))
        else:
            fallback = (path, width, height, file_suffix)
    if fallback is None:
        return None
    path, width, height, file_suffix = fallback
    return ProcessedImage(path, width, height, tuple(variants), _MIME[file_suffix])


def _file_matches(path: Path, length: int, digest: str) -> bool:
    try:
        if not path.is_file() or path.stat().st_size != length:
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == digest
    except OSError:
        return False


def _remove(path: Path) -> None:
    """A cache entry that cannot be trusted, whatever it is (folder, file or link)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _remove_stale_temporaries(folder: Path) -> None:
    """Half-written files a killed build left behind (not those of a build running now)."""
    try:
        for path in folder.iterdir():
            if _TEMPORARY.fullmatch(path.name) and (
                    time.time() - path.stat().st_mtime > _STALE_SECONDS):
                path.unlink(missing_ok=True)
    except OSError:
        pass


def _resize(image: Image.Image, width: int) -> Image.Image:
    if width >= image.width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _smallest(image: Image.Image, has_alpha: bool) -> tuple[str, bytes]:
    """The smaller of WebP and JPEG (PNG when transparent), within the size limit; only the
    formats that can hold the picture's height (WebP stops at 16383 pixels)."""
    suffixes = [".webp"] if image.height <= _MAX_SIDE[".webp"] else []
    suffixes.append(".jpg" if not has_alpha and image.height <= _MAX_SIDE[".jpg"] else ".png")
    return min(((s, _encode(image, s, has_alpha)) for s in suffixes), key=lambda c: len(c[1]))


def _encode(image: Image.Image, suffix: str, has_alpha: bool) -> bytes:
    """`image` as `suffix` within MAX_BYTES: lower quality first, then fewer pixels."""
    while True:
        for quality in QUALITIES if suffix in (".webp", ".jpg") else QUALITIES[:1]:
            data = _save(image, suffix, has_alpha, quality)
            if len(data) <= MAX_BYTES:
                return data
        if suffix == ".png":
            data = _save(image.quantize(256), suffix, has_alpha, 0)
            if len(data) <= MAX_BYTES:
                return data
        # Both sides shrink, so even a picture one pixel wide ends up small enough.
        image = image.resize((max(1, int(image.width * 0.8)), max(1, int(image.height * 0.8))),
                             Image.Resampling.LANCZOS)


def _save(image: Image.Image, suffix: str, has_alpha: bool, quality: int) -> bytes:
    buffer = io.BytesIO()
    if suffix == ".webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    elif suffix == ".png":
        image.save(buffer, "PNG", optimize=True)
    elif suffix == ".gif":
        image.save(buffer, "GIF", optimize=True)
    else:
        if has_alpha:  # transparent parts on white, as a page shows them
            image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class PublishedPicture:
    """A processed picture by its site path: what an <img> pointing at it should say."""

    width: int
    height: int
    srcset: tuple[tuple[str, int], ...]  # (site path, width), smallest first


CARD_WIDTH = 480
CARD_QUALITY = 60
_CARD_VERSION = "1"  # bump when the card picture is made differently


def card_picture(source: Path, cache: Path) -> tuple[Path, int, int]:
    """The picture a list's card shows for a post's cover, from the cover's largest published
    variant `source` (in the image cache, named by content): 480 px wide at most, cut about its
    middle to the 2:1 the card shows, in WebP compressed harder than the article's pictures.
    About half the bytes of the 480 px variant, which matters when a list loads several. Made
    once into `cache`; its path, width and height."""
    key = hashlib.sha256(f"{_CARD_VERSION} {source.parent.name} {source.name}".encode()).hexdigest()[:24]
    target = cache / f"{key}.webp"
    if target.is_file() and _whole_webp(target):
        with Image.open(target) as made:
            return target, made.width, made.height
    with Image.open(source) as opened:
        image = opened.convert("RGBA")
    if image.getchannel("A").getextrema()[0] < 255:  # transparent parts on white, as a page shows them
        image = Image.alpha_composite(Image.new("RGBA", image.size, "white"), image)
    image = image.convert("RGB")
    width = min(CARD_WIDTH, image.width)
    height = max(1, round(image.height * width / image.width))
    image = image.resize((width, height), Image.Resampling.LANCZOS)
    if height > width // 2:
        top = (height - width // 2) // 2
        image, height = image.crop((0, top, width, top + width // 2)), width // 2
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=CARD_QUALITY, method=6)
    cache.mkdir(parents=True, exist_ok=True)
    write_atomic(target, buffer.getvalue())
    return target, width, height


def _whole_webp(path: Path) -> bool:
    """A whole WebP file: its RIFF header counts every byte after it (a killed write does not)."""
    with open(path, "rb") as handle:
        head = handle.read(12)
    return (len(head) == 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP"
            and struct.unpack("<I", head[4:8])[0] + 8 == path.stat().st_size)


_IMG = re.compile(r"<img\b[^>]*>", re.I)
SIZES = "(min-width: 60em) 40em, 100vw"


def rewrite_images(page_html: str, page_path: str, pictures: Mapping[str, PublishedPicture],
                   *, eager_first: bool = False) -> str:
    """Each <img> of a processed picture gets srcset, sizes, width, height and lazy loading
    (the first one stays eager when it is likely above the fold)."""
    base = unquote(_page_dir(page_path))
    seen = 0

    def replace(match: re.Match) -> str:
        nonlocal seen
        attributes = _attributes(match[0])
        src = attributes.get("src", "")
        if not src or "://" in src or src.startswith(("data:", "/")):
            return match[0]
        target = _target(base, src)
        picture = pictures.get(target)
        if picture is None:
            return match[0]
        seen += 1
        # Every address percent-encoded: a space or a comma would end a srcset candidate.
        attributes.update(
            src=_url(_relative(target, base)),
            srcset=", ".join(f"{_url(_relative(path, base))} {width}w" for path, width in picture.srcset),
            sizes=SIZES, width=str(picture.width), height=str(picture.height), decoding="async",
        )
        if eager_first and seen == 1:
            attributes["fetchpriority"] = "high"
            attributes.pop("loading", None)
        else:
            attributes["loading"] = "lazy"
        return "<img " + " ".join(f'{k}="{html.escape(v, quote=True)}"'
                                  for k, v in attributes.items()) + ">"

    return _IMG.sub(replace, page_html)


def render_picture(picture: PublishedPicture, src: str, page_path: str, *, alt: str = "",
                   eager: bool = True) -> str:
    """An <img> for a processed picture, for a cover or a video's still."""
    tag = f'<img src="{html.escape(src, quote=True)}" alt="{html.escape(alt, quote=True)}">'
    target = _target(unquote(_page_dir(page_path)), src)
    return rewrite_images(tag, page_path, {target: picture}, eager_first=eager)


def _page_dir(page_path: str) -> str:
    """The folder a page's relative links start from: "a/" for "a/" and for "a/b.html"."""
    return page_path if page_path.endswith("/") else posixpath.dirname(page_path) + "/"


def _target(base: str, src: str) -> str:
    """The site path (NFC, as the pictures are keyed) an <img src> leads to from the folder `base`."""
    return posixpath.normpath(posixpath.join(base, unicodedata.normalize("NFC", unquote(src)))).lstrip("/")


def _url(path: str) -> str:
    """A path as written in a URL: NFC, UTF-8, percent-encoded (as `addresses.url_path`)."""
    return quote(unicodedata.normalize("NFC", path), safe="/")


def _relative(path: str, base: str) -> str:
    return posixpath.relpath(path, base.rstrip("/") or ".")


class _Attributes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        self.found = {k: v or "" for k, v in attrs}


def _attributes(tag: str) -> dict[str, str]:
    parser = _Attributes()
    parser.feed(tag)
    return parser.found
