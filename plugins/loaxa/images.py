"""Pictures for slow phones: orientation applied, metadata removed, resized, smallest format."""

from __future__ import annotations

import hashlib
import html
import io
import posixpath
import re
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from PIL import Image, ImageOps

from .errors import ImageError
from .store import write_atomic

# Bump when the processing changes, so cached pictures are made again.
PROCESSOR_VERSION = "1"
WIDTHS = (480, 960, 1440)
MAX_BYTES = 200 * 1024
QUALITIES = (78, 68, 58, 48)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


@dataclass(frozen=True)
class Variant:
    path: Path      # in the cache
    width: int
    height: int
    suffix: str     # ".webp" or ".jpg"


@dataclass(frozen=True)
class ProcessedImage:
    """One source picture as published: `fallback` replaces the original at its own address
    (same suffix, at most the largest width), `variants` feed srcset."""

    fallback: Path
    width: int
    height: int
    variants: tuple[Variant, ...]


def is_picture(name: str) -> bool:
    return name.lower().endswith(IMAGE_SUFFIXES)


def process_image(source: Path, cache: Path, *,
                  on_repair: Callable[[Path], None] | None = None) -> ProcessedImage:
    """Every published size of `source`, made once per content (cached under `cache`).

    A cached entry is reused only when its manifest is complete and every file has the length
    and SHA-256 it records; otherwise the entry is removed, `on_repair` is called with its folder
    and the picture is made again."""
    data = source.read_bytes()
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

    try:
        with Image.open(io.BytesIO(data)) as opened:
            # Phones store "rotate 90°" in EXIF; apply it, then drop EXIF (and its GPS position).
            image = ImageOps.exif_transpose(opened)
            has_alpha = image.mode in ("RGBA", "LA") or (
                image.mode == "P" and "transparency" in image.info)
            image = image.convert("RGBA" if has_alpha else "RGB")
    except (OSError, ValueError, Image.DecompressionBombError) as error:
        raise ImageError(source) from error
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
    fallback = folder / f"fallback{suffix}"
    encoded = _encode(largest, suffix, has_alpha)
    write_atomic(fallback, encoded)
    lines.append(_entry_line("fallback", largest.width, largest.height, suffix, encoded))
    body = "".join(line + "\n" for line in lines).encode("utf-8")
    # Written last: a manifest only ever names files that are complete on disk.
    write_atomic(manifest, body + f"end {hashlib.sha256(body).hexdigest()}\n".encode("ascii"))
    return ProcessedImage(fallback, largest.width, largest.height, tuple(variants))


# The manifest, sizes.txt: a header, one line per file, then the SHA-256 of the lines above:
#   loaxa-images 2
#   variant <width> <height> <suffix> <bytes> <sha256>     (one per width, smallest first)
#   fallback <width> <height> <suffix> <bytes> <sha256>
#   end <sha256>
MANIFEST = "sizes.txt"
MANIFEST_HEADER = "loaxa-images 2"
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
    fallback: tuple[Path, int, int] | None = None
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
            if file_suffix != suffix or not variants or (
                    (width, height) != (variants[-1].width, variants[-1].height)):
                return None
            path = folder / f"fallback{file_suffix}"
        if not _file_matches(path, int(length), digest):
            return None
        if kind == "variant":
            variants.append(Variant(path, width, height, file_suffix))
        else:
            fallback = (path, width, height)
    if fallback is None:
        return None
    return ProcessedImage(fallback[0], fallback[1], fallback[2], tuple(variants))


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
    """The smaller of WebP and JPEG (PNG when transparent), within the size limit."""
    candidates = [(".webp", _encode(image, ".webp", has_alpha))]
    candidates.append((".png", _encode(image, ".png", True)) if has_alpha
                      else (".jpg", _encode(image, ".jpg", False)))
    return min(candidates, key=lambda c: len(c[1]))


def _encode(image: Image.Image, suffix: str, has_alpha: bool) -> bytes:
    """`image` as `suffix` within MAX_BYTES: lower quality first, then fewer pixels."""
    while True:
        for quality in QUALITIES:
            data = _save(image, suffix, has_alpha, quality)
            if len(data) <= MAX_BYTES:
                return data
        if suffix == ".png":
            data = _save(image.quantize(256), suffix, has_alpha, 0)
            if len(data) <= MAX_BYTES:
                return data
        image = _resize(image, max(1, int(image.width * 0.8)))


def _save(image: Image.Image, suffix: str, has_alpha: bool, quality: int) -> bytes:
    buffer = io.BytesIO()
    if suffix == ".webp":
        image.save(buffer, "WEBP", quality=quality, method=4)
    elif suffix == ".png":
        image.save(buffer, "PNG", optimize=True)
    else:
        (image.convert("RGB") if has_alpha else image).save(
            buffer, "JPEG", quality=quality, optimize=True, progressive=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class PublishedPicture:
    """A processed picture by its site path: what an <img> pointing at it should say."""

    width: int
    height: int
    srcset: tuple[tuple[str, int], ...]  # (site path, width), smallest first


_IMG = re.compile(r"<img\b[^>]*>", re.I)
SIZES = "(min-width: 60em) 40em, 100vw"


def rewrite_images(page_html: str, page_path: str, pictures: Mapping[str, PublishedPicture],
                   *, eager_first: bool = False) -> str:
    """Each <img> of a processed picture gets srcset, sizes, width, height and lazy loading
    (the first one stays eager when it is likely above the fold)."""
    base = _page_dir(page_path)
    seen = 0

    def replace(match: re.Match) -> str:
        nonlocal seen
        attributes = _attributes(match[0])
        src = attributes.get("src", "")
        if not src or "://" in src or src.startswith(("data:", "/")):
            return match[0]
        target = posixpath.normpath(posixpath.join(base, unquote(src))).lstrip("/")
        picture = pictures.get(target)
        if picture is None:
            return match[0]
        seen += 1
        attributes.update(
            srcset=", ".join(f"{_relative(path, base)} {width}w" for path, width in picture.srcset),
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
    target = posixpath.normpath(posixpath.join(_page_dir(page_path), src)).lstrip("/")
    return rewrite_images(tag, page_path, {target: picture}, eager_first=eager)


def _page_dir(page_path: str) -> str:
    """The folder a page's relative links start from: "a/" for "a/" and for "a/b.html"."""
    return page_path if page_path.endswith("/") else posixpath.dirname(page_path) + "/"


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
