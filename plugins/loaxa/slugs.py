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


def heading_id(value: str, separator: str = "-") -> str:
    """Heading anchors for Python-Markdown's toc (`slugify:` option): ASCII, đ kept as d."""
    return separator.join(fold(value).split())
