"""Vietnamese-aware ASCII slugs for article addresses."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 60

# Letters that carry no combining mark to strip: NFKD leaves them whole, so
# "đăng ký" would lose its first letter and become "ang-ky".
_LETTERS = str.maketrans({
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH",
})
_WORD = re.compile(r"[a-z0-9]+")
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def fold(text: str) -> str:
    """Lower-case ASCII words of `text`, marks stripped, joined by single spaces."""
    text = unicodedata.normalize("NFC", text).translate(_LETTERS)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(_WORD.findall(text))


def slugify(text: str, max_length: int = MAX_LENGTH) -> str:
    """An ASCII `[a-z0-9-]` slug of `text`, cut on a word boundary; "" if nothing is left."""
    words = fold(text).split()
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    if not slug and words:
        slug = words[0][:max_length]
    return slug


def is_valid_slug(slug: str) -> bool:
    """Whether `slug` is a usable article address: lower-case ASCII words and hyphens."""
    return bool(SLUG_PATTERN.match(slug)) and len(slug) <= 2 * MAX_LENGTH


def reserved_slugs(paths: list[str], blog_dir: str, url_formats: list[str]) -> set[str]:
    """Top-level addresses an article must not take: the site's own pages and folders
    (`paths`, site-relative), the blog's views (`url_formats` under `blog_dir`), loaxa's own."""
    reserved = {"p", "posters", "assets", "search", "feed", "tags", "tim-kiem", "pagefind"}
    for path in paths:
        head = path.split("/", 1)[0]
        reserved.add(head[:-3] if head.endswith(".md") else head)
    if blog_dir.strip("./") == "":
        reserved.update(fmt.strip("/").split("/", 1)[0] for fmt in url_formats)
    else:
        reserved.add(blog_dir.strip("/").split("/", 1)[0])
    return {name for name in reserved if name and "{" not in name}


def heading_id(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc (`slugify:` option): ASCII, đ kept as d."""
    return separator.join(fold(value).split())
