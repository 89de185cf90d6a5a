"""What is legal in a post but harms readers: missing alt text, huge photos, long summaries."""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Iterable
from datetime import datetime, timedelta
from pathlib import Path

from PIL import Image

from . import fonts
from .dates import format_date
from .i18n import t
from .images import is_picture, published_size
from .poster import PAPERS, PosterContent, title_fit
from .posts import MAX_POSTER_TITLE, Post, Problem
from .references import local_path, scan_body
from .social import small_for_sharing

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


def template_text(post: Post, lang: str) -> list[Problem]:
    """Lines of the text `loaxa new` writes for staff to replace, still in the body."""
    found = []
    for number, line in enumerate(post.body.split("\n"), start=post.body_line):
        if line.strip() in _placeholders():
            found.append(_problem(post, number, "post.template_text", lang, text=line.strip()[:80]))
    return found


@functools.cache
def _placeholders() -> frozenset[str]:
    """The instructions in every body template `loaxa new` writes, in every language."""
    from .newpost import _KINDS  # newpost reads posts; imported when first needed

    lines = set()
    for kind in {*_KINDS.values(), "news"}:
        for lang in ("vi", "en"):
            text = t(f"new.body.{kind}", lang, video=t("new.video_example", lang))
            lines |= {line.strip() for line in text.split("\n") if re.search(r"\b(viết|Viết|Write)\b", line)}
    return frozenset(lines)


def poster_text(post: Post, content: PosterContent, lang: str) -> list[Problem]:
    """What the poster of `post` (showing `content`) cannot print as written: characters its fonts
    lack, left out of the drawing, in its title and in its summary (the description, or the start
    of the body)."""
    found = []
    name = "poster_title" if post.poster_title else "title"
    title = post.poster_title or post.title
    chars = fonts.missing(title, fonts.BOLD)
    if chars and fonts.drawable(title, fonts.BOLD):  # with none drawable, loading the post failed
        key = "post.poster_chars_title" if name == "title" else "post.poster_chars"
        example = json.dumps(fonts.drawable(title, fonts.BOLD), ensure_ascii=False)  # valid YAML
        found.append(Problem(post.source, post.lines.get(name, 1), name, t(
            key, lang, chars=fonts.listed(chars), example=example)))
    chars = fonts.missing(content.summary, fonts.REGULAR)
    if chars and post.description:
        found.append(Problem(post.source, post.lines.get("description", 1), "description", t(
            "post.poster_chars", lang, chars=fonts.listed(chars))))
    elif chars:
        found.append(Problem(post.source, post.body_line, t("field.body", lang), t(
            "post.poster_chars_body", lang, chars=fonts.listed(chars))))
    return found


def poster_title_fit(post: Post, content: PosterContent, lang: str) -> list[Problem]:
    """Advice for `loaxa check`: a title that fits the poster only smaller than the paper's floor
    size (drawn whole all the same, without summary or cover), and how long a `poster_title:`
    would fit."""
    fit = title_fit(content)
    if fit.whole:
        return []
    name = "poster_title" if post.poster_title else "title"
    key = "post.poster_title_long" if name == "poster_title" else "post.title_long_for_poster"
    return [Problem(post.source, post.lines.get(name, 1), name, t(
        key, lang, size=content.size, floor=round(PAPERS[content.size].title_floor),
        limit=min(fit.limit, MAX_POSTER_TITLE)))]


EXPIRING_SOON = timedelta(days=7)  # notices listed by `loaxa check` before they stop being announced


def advise(posts: Iterable[Post], posts_dir: Path, lang: str, now: datetime) -> list[Problem]:
    """Advice on every post, for `loaxa check`: what does not stop the publishing build
    (missing alt text does, and the build reports it)."""
    found: list[Problem] = []
    for post in posts:
        found += _large_photos(post, posts_dir, lang)
        found += _small_cover(post, posts_dir, lang)
        if post.date > now and not post.draft:
            found.append(_problem(post, post.lines.get("date", 1), "post.scheduled", lang,
                                  date=format_date(post.date), time=f"{post.date:%H:%M}"))
        if post.expires is not None and now < post.expires <= now + EXPIRING_SOON and not post.draft:
            found.append(_problem(post, post.lines.get("expires", 1), "post.expires_soon", lang,
                                  date=format_date(post.expires), days=(post.expires - now).days))
        if post.description and len(post.description) > MAX_DESCRIPTION:
            found.append(_problem(post, post.lines.get("description", 1), "post.long_description",
                                  lang, length=len(post.description), limit=MAX_DESCRIPTION))
    return sorted(found, key=lambda p: (p.source, p.line))


def _large_photos(post: Post, posts_dir: Path, lang: str) -> list[Problem]:
    """Photos far larger than any phone shows, each once (a cover also shown in the body)."""
    folder = (posts_dir / post.relpath).parent
    images = {}
    if post.image:
        images[(posts_dir / post.image).resolve()] = (post.lines.get("image", 1), post.image)
    for reference in scan_body(post.body, post.body_line)[0]:
        path = local_path(reference.target)
        if reference.image and path is not None:
            images.setdefault((folder / path).resolve(), (reference.line, path))
    found = []
    for path, (number, name) in images.items():
        if not path.is_file() or not path.is_relative_to(posts_dir.resolve()):
            continue
        size = path.stat().st_size
        try:
            with warnings.catch_warnings():  # a large photo is what this advice is about
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    side = max(image.size)
        except Exception:  # damaged or refused pictures are reported as problems, not advice
            side = 0
        if size > MAX_PHOTO_BYTES or side > MAX_PHOTO_SIDE:
            found.append(_problem(post, number, "post.large_photo", lang, image=name,
                                  megabytes=f"{size / 1024 / 1024:.1f}", side=side))
    return found


def _small_cover(post: Post, posts_dir: Path, lang: str) -> list[Problem]:
    """A cover published smaller than the 1200×630 Facebook recommends for a share preview (the
    build then shares the cover on the site's share card)."""
    if not post.image or not is_picture(post.image):
        return []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(posts_dir / post.image) as image:
                width, height = published_size(image)
    except Exception:  # damaged or refused pictures are reported as problems, not advice
        return []
    if not small_for_sharing(width, height):
        return []
    return [_problem(post, post.lines.get("image", 1), "post.small_cover", lang, image=post.image,
                     width=width, height=height)]


def _problem(post: Post, line: int, message: str, lang: str, **values: object) -> Problem:
    field = {"post.no_alt": "image", "post.large_photo": "image", "post.small_cover": "image",
             "post.scheduled": "date", "post.expires_soon": "expires",
             "post.long_description": "description"}.get(message) or t("field.body", lang)
    return Problem(post.source, line, field, t(message, lang, **values))
