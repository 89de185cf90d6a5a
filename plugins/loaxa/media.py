"""Facts about a published file that feeds and share previews state: size, type, pixels."""

from __future__ import annotations

import functools
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

mimetypes.add_type("image/webp", ".webp")


@dataclass(frozen=True)
class Media:
    """A published file: absolute URL, exact size in bytes, MIME type, pixels if an image."""

    url: str
    length: int
    mime: str
    width: int | None = None
    height: int | None = None


def describe(path: Path, url: str) -> Media:
    """What `path`, published at `url`, is: for a picture, the type of its content (a picture
    published at a .heic address is a JPEG)."""
    stat = path.stat()
    length, mime, width, height = _facts(str(path), stat.st_size, stat.st_mtime_ns)
    return Media(url, length, mime, width, height)


# A preview's rebuild describes the same covers again: each file version is opened once.
@functools.lru_cache(maxsize=8192)
def _facts(path: str, size: int, mtime_ns: int) -> tuple[int, str, int | None, int | None]:
    mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
    width = height = None
    if mime.startswith("image/"):
        try:
            with Image.open(path) as image:
                width, height = image.size
                mime = image.get_format_mimetype() or mime
        except (OSError, ValueError, UnidentifiedImageError, Image.DecompressionBombError):
            pass
    return size, mime, width, height
