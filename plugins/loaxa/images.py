"""Pictures for slow phones: orientation applied, metadata removed, resized, smallest format."""

from __future__ import annotations

import hashlib
import html
import io
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from PIL import Image, ImageOps

# Bump when the processing changes, so cached pictures are made again.
PROCESSOR_VERSION = "1"
WIDTHS = (480, 960, 1440)
MAX_BYTES = 200 * 1024
QUALITIES = (78, 68, 58, 48)
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")


class ImageError(Exception):
    """A picture file that cannot be read."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


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


def process_image(source: Path, cache: Path) -> ProcessedImage:
    """Every published size of `source`, made once per content (cached under `cache`)."""
    data = source.read_bytes()
    key = hashlib.sha256(data + PROCESSOR_VERSION.encode()).hexdigest()[:20]
    suffix = source.suffix.lower()
    folder = cache / key
    manifest = folder / "sizes.txt"
    if manifest.is_file():
        return _read_manifest(folder, manifest)

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
    lines = []
    for width in sorted(set(widths)):
        resized = _resize(image, width)
        best = _smallest(resized, has_alpha)
        target = folder / f"{width}{best[0]}"
        target.write_bytes(best[1])
        lines.append(f"variant {width} {resized.height} {best[0]}")
    largest = _resize(image, min(image.width, WIDTHS[-1]))
    fallback = folder / f"fallback{suffix}"
    fallback.write_bytes(_encode(largest, suffix, has_alpha))
    lines.append(f"fallback {largest.width} {largest.height} {suffix}")
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _read_manifest(folder, manifest)


def _read_manifest(folder: Path, manifest: Path) -> ProcessedImage:
    variants = []
    fallback = (folder, 0, 0)
    for line in manifest.read_text(encoding="utf-8").splitlines():
        name, width, height, suffix = line.split()
        if name == "fallback":
            fallback = (folder / f"fallback{suffix}", int(width), int(height))
        else:
            variants.append(Variant(folder / f"{width}{suffix}", int(width), int(height), suffix))
    return ProcessedImage(fallback[0], fallback[1], fallback[2], tuple(variants))


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
