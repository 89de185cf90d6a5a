"""What is legal in a post but harms readers: missing alt text, huge photos, long summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from .dates import format_date
from .i18n import t
from .posts import Post, Problem

MAX_DESCRIPTION = 200          # share previews cut summaries about here
MAX_PHOTO_BYTES = 3 * 1024 * 1024
MAX_PHOTO_SIDE = 4000
_MARKDOWN_IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?[^)]*\)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(["'])(.*?)\1""", re.I | re.S)


def missing_alt_text(post: Post, lang: str) -> list[Problem]:
    """Every image in the body without a description for screen readers."""
    found = []
    for number, line in enumerate(post.body.split("\n"), start=post.body_line):
        for match in _MARKDOWN_IMAGE.finditer(line):
            if not match[1].strip():
                found.append(_problem(post, number, "post.no_alt", lang, image=match[2]))
        for tag in _HTML_IMAGE.findall(line):
            alt = _ALT.search(tag)
            if alt is None or not alt[2].strip():
                src = re.search(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", tag, re.I)
                found.append(_problem(post, number, "post.no_alt", lang,
                                      image=src[1] if src else "<img>"))
    return found


def advise(posts: Iterable[Post], posts_dir: Path, lang: str, now: datetime) -> list[Problem]:
    """Advice on every post, for `loaxa check`."""
    found: list[Problem] = []
    for post in posts:
        found += missing_alt_text(post, lang)
        found += _large_photos(post, posts_dir, lang)
        if post.date > now and not post.draft:
            found.append(_problem(post, post.lines.get("date", 1), "post.scheduled", lang,
                                  date=format_date(post.date), time=f"{post.date:%H:%M}"))
        if post.description and len(post.description) > MAX_DESCRIPTION:
            found.append(_problem(post, post.lines.get("description", 1), "post.long_description",
                                  lang, length=len(post.description), limit=MAX_DESCRIPTION))
    return sorted(found, key=lambda p: (p.source, p.line))


def _large_photos(post: Post, posts_dir: Path, lang: str) -> list[Problem]:
    folder = (posts_dir / post.relpath).parent
    images = []
    if post.image:
        images.append((post.lines.get("image", 1), posts_dir / post.image, post.image))
    for number, line in enumerate(post.body.split("\n"), start=post.body_line):
        for match in _MARKDOWN_IMAGE.finditer(line):
            if "://" not in match[2]:
                images.append((number, folder / match[2], match[2]))
    found = []
    for number, path, name in images:
        if not path.is_file():
            continue
        size = path.stat().st_size
        try:
            with Image.open(path) as image:
                side = max(image.size)
        except (OSError, UnidentifiedImageError):
            side = 0
        if size > MAX_PHOTO_BYTES or side > MAX_PHOTO_SIDE:
            found.append(_problem(post, number, "post.large_photo", lang, image=name,
                                  megabytes=f"{size / 1024 / 1024:.1f}", side=side))
    return found


def _problem(post: Post, line: int, message: str, lang: str, **values: object) -> Problem:
    field = {"post.no_alt": "image", "post.large_photo": "image", "post.scheduled": "date",
             "post.long_description": "description"}[message]
    return Problem(post.source, line, field, t(message, lang, **values))
