"""Reading and validating the posts in posts/ into `Post` records."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from types import MappingProxyType, SimpleNamespace
from urllib.parse import urlparse

import yaml

from . import fonts, frontmatter, slugs
from .dates import VIETNAM, DateError, format_date, parse_date
from .documents import Document, read_document
from .errors import PostError, Problem
from .frontmatter import Field, FrontMatterError
from .i18n import DEFAULT_LANGUAGE, t
from .images import PICTURE_SUFFIXES
from .inventory import scan
from .references import scan_body
from .text import summary_text

REQUIRED = ("id", "title", "date", "categories")
FIELDS = (*REQUIRED, "tags", "description", "image", "video", "slug", "draft", "expires", "document",
          "poster_title")
MAX_POSTER_TITLE = 120  # characters: about what three lines of a poster hold at its smallest title size
DOCUMENTS = "Văn bản"  # the category of official documents: each carries a `document:` block
# Names staff reach for that mean one of our fields.
_ALIASES = {
    "category": "categories", "tag": "tags", "cover": "image", "summary": "description",
    "tieu de": "title", "ngay": "date", "chuyen muc": "categories", "the": "tags",
    "mo ta": "description", "anh": "image", "anh bia": "image", "tieu de ap phich": "poster_title",
}
_SPACES = re.compile(r"\s+")
_ID_LINE = re.compile(rb"^id:[ \t]*[\"']?0*([1-9][0-9]{0,8})[\"']?[ \t]*(?:#.*)?$", re.M)
_FILE_ERRORS = ("post.not_utf8", "post.control_char")
_DECIMAL = re.compile(r"[1-9][0-9]*", re.ASCII)


@dataclass(frozen=True)
class VideoLink:
    """A video on another site (YouTube, Facebook): a page to open or embed."""

    url: str


@dataclass(frozen=True)
class VideoFile:
    """A video file beside the post, published with the site."""

    path: str  # inside the posts folder, '/'-separated


Video = VideoLink | VideoFile


@dataclass(frozen=True)
class Post:
    """One valid article, as every output (pages, short links, posters, feeds) reads it."""

    source: str                    # path shown to staff, e.g. "posts/2025-10-01-vneid.md"
    relpath: str                   # path inside the posts folder, '/'-separated
    id: int
    title: str
    date: datetime
    categories: tuple[str, ...]
    slug: str
    body: str
    tags: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None       # inside the posts folder, '/'-separated
    video: Video | None = None
    updated: datetime | None = None
    draft: bool = False
    provisional: bool = False      # written without an id: numbered for a preview only
    expires: datetime | None = None  # from this moment the notice is no longer in force
    document: Document | None = None  # an official document: its number, type, dates and PDF
    poster_title: str | None = None   # a shorter title for the poster, when the title does not fit it
    slug_explicit: bool = False
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))  # field → line
    body_line: int = 1

    def is_published(self, now: datetime) -> bool:
        """Published: not a draft and not scheduled for later than `now`."""
        return not self.draft and self.date <= now

    def is_expired(self, now: datetime) -> bool:
        """No longer in force: still readable at its address, no longer announced."""
        return self.expires is not None and self.expires <= now


@dataclass
class _Reader:
    """Validation state shared by all posts of one build."""

    posts_dir: Path
    label: str
    categories: Sequence[str]
    lang: str
    problems: list[Problem] = field(default_factory=list)
    next_id: int = 1
    retired: set[int] = field(default_factory=set)
    provisional: bool = False

    def problem(self, source: str, line: int, name: str, message: str, /, **values: object) -> None:
        values.setdefault("next_id", self.next_id)
        values.setdefault("field", name)
        values.setdefault("posts_dir", self.label)
        self.problems.append(Problem(source, line, name, t(message, self.lang, **values)))


def load_posts(
    posts_dir: Path,
    *,
    categories: Sequence[str] = (),
    reserved: Iterable[str] = (),
    lang: str = DEFAULT_LANGUAGE,
    label: str | None = None,
    stray: Iterable[str] = (),
    files: Mapping[str, Path] | None = None,
    problems: Iterable[Problem] = (),
    frozen: Mapping[int, str] | None = None,
    claimed: Mapping[str, int] | None = None,
    retired: Iterable[int] = (),
    provisional: bool = False,
) -> list[Post]:
    """Read every post below `posts_dir`, newest first; raise `PostError` listing all problems.

    `categories` is the allow-list (empty allows any), `reserved` the addresses that belong to
    the site's own pages, `label` how the folder is named in messages (default: its name),
    `stray` the posts found where the blog would read them unchecked (reported as problems),
    `files` the posts to read by their path inside the folder, and `problems` those already found
    in the folder itself (default for both: what `inventory.scan` finds). `frozen` gives the slug
    a post without `slug:` keeps (the one it was first published at), `claimed` the slugs once
    published, with the id of the post whose address they are, `retired` the ids of posts taken
    down (never given again). A post written without an id (in the web editor) is refused, unless
    `provisional`: a preview numbers it past every id, for that preview only; the publish
    workflow gives it its permanent id (`loaxa assign-ids`).
    """
    posts_dir = Path(posts_dir)
    reader = _Reader(posts_dir, label or posts_dir.name, categories, lang, provisional=provisional)
    reader.problems += problems
    for source in stray:
        reader.problem(source, 1, t("field.file", lang), "post.stray_docs_post")
    if files is None:
        found = scan(posts_dir, reader.label, lang)
        files = found.posts
        reader.problems += found.errors
    parsed = []
    ids: list[int] = []
    for relpath, path in sorted(files.items()):
        source = f"{reader.label}/{relpath}"
        try:
            data = path.read_bytes()
        except OSError:
            parsed.append((source, relpath, None, [("files.unreadable", 1, t("field.file", lang), {})]))
            continue
        try:
            matter = frontmatter.read(data)
        except FrontMatterError as error:
            name = t("field.file" if error.kind in _FILE_ERRORS else "field.front_matter", lang)
            details = dict(error.details)
            if "problem" in details:
                details["problem"] = t(str(details["problem"]), lang)
            parsed.append((source, relpath, None, [(error.kind, error.line, name, details)]))
            # A post that cannot be read still owns its id: the next free id is past it.
            ids += [int(m[1]) for m in _ID_LINE.finditer(data[:4096])]
            continue
        parsed.append((source, relpath, matter, []))

    ids += [m.fields["id"].value for _, _, m, _ in parsed if m and "id" in m.fields]
    reader.retired = set(retired)
    ids += [*reader.retired, *(claimed or {}).values()]
    reader.next_id = 1 + max((i for i in ids if _is_id(i)), default=0)

    checked = []
    for source, relpath, matter, early in parsed:
        for kind, line, name, details in early:
            reader.problem(source, line, name, kind, **details)
        if matter is not None:
            checked.append(_validate(reader, source, relpath, matter))

    waiting = [values for values in checked if values.pop("no_id", False)]
    for number, values in enumerate(waiting, reader.next_id):
        values.update(id=number, provisional=True)
    # Clashes are looked for among every post whose id or slug could be read, even one with
    # other problems, so that fixing those does not reveal a new problem on the next run.
    _unique_ids(reader, checked)
    posts = _assign_slugs(reader, checked, set(reserved), frozen or {}, claimed or {})
    if reader.problems:
        raise PostError(reader.problems, reader.next_id, lang)
    return sorted(posts, key=lambda p: (p.date, p.id), reverse=True)


def summary(post: Post) -> str:
    """The description, else the first paragraph of the body, as plain text."""
    return summary_text(post.description, post.body)


def backdated(posts: Iterable[Post], days: int = 3) -> list[tuple[Post, Post]]:
    """Posts dated more than `days` before a post published earlier (a lower id), each with
    that newer post: cross-posting services skip an item older than what they have seen."""
    found = []
    newest: Post | None = None
    for post in sorted(posts, key=lambda p: p.id):
        if newest is not None and (newest.date - post.date).days >= days:
            found.append((post, newest))
        if newest is None or post.date > newest.date:
            newest = post
    return found


def next_free_id(posts: Iterable[Post]) -> int:
    """One more than the highest id: a gap may be a deleted post whose posters still hang."""
    return 1 + max((post.id for post in posts), default=0)


MAX_ID = 10**9 - 1  # nine digits: a short link and a poster's address stay short


def _is_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _validate(reader: _Reader, source: str, relpath: str, matter) -> dict:
    """The checked values of one post; "ok" is false when a problem was reported."""
    fields: dict[str, Field] = matter.fields
    before = len(reader.problems)
    for item, first in matter.duplicates:
        reader.problem(source, item.line, item.name, "post.duplicate_key", first=first)
    for name, item in fields.items():
        if name in FIELDS:
            continue
        suggestion = _misspelt(name)
        if suggestion and suggestion not in fields:
            reader.problem(source, item.line, name, "post.unknown_key", key=name,
                           suggestion=suggestion)
        else:
            # Not passed on: the theme reads some names (`hide`, `template`, `links`) as its own.
            reader.problem(source, item.line, name, "post.field_unused", key=name,
                           fields=", ".join(f"`{f}`" for f in FIELDS))
    for name in REQUIRED:
        if name not in fields and not any(_misspelt(k) == name for k in fields):
            if name != "id":
                reader.problem(source, matter.line, name, "post.missing", example=_example(name, reader))
            elif not reader.provisional:
                reader.problem(source, matter.line, name, "post.no_id", example=_example(name, reader))
    no_id = "id" not in fields and not any(_misspelt(k) == "id" for k in fields)

    for name, item in fields.items():
        # YAML's escapes (`"\u001b"`) make characters the file itself does not hold.
        bad = next((c for text in [name, *_strings(item.value)] for c in frontmatter.FORBIDDEN.findall(text)),
                   None)
        if bad is not None:
            reader.problem(source, item.line, name, "post.control_char", char=f"U+{ord(bad):04X}")
            fields = {k: v for k, v in fields.items() if k != name}
    values: dict[str, object] = {"source": source, "relpath": relpath, "body": matter.body,
                                 "body_line": matter.body_line, "no_id": no_id and reader.provisional}
    for name, check in _CHECKS.items():
        item = fields.get(name)
        if item is None:
            continue
        if item.is_null and name in REQUIRED:
            reader.problem(source, item.line, name, "post.empty", example=_example(name, reader))
            continue
        if item.is_null or item.value == "" and name not in REQUIRED:  # left blank, as editors write it
            continue
        result = check(reader, source, relpath, item)
        if result is not None:
            values.update(result)
    for hazard in scan_body(matter.body, matter.body_line)[1]:
        key = {"snippet": "post.snippet", "data_url": "post.data_url",
               "long_line": "post.long_line"}.get(hazard.kind, "post.unsafe_html")
        reader.problem(source, hazard.line, t("field.body", reader.lang), key, detail=hazard.detail)
    in_documents = DOCUMENTS in reader.categories and DOCUMENTS in values.get("categories", ())
    if in_documents and "document" not in fields:
        reader.problem(source, fields["categories"].line, "document", "documents.no_block")
    _check_drawable(reader, source, fields, values)
    if "expires" in values and "date" in values and values["expires"] <= values["date"]:
        reader.problem(source, fields["expires"].line, "expires", "post.expires_before_date",
                       value=_written(fields["expires"]), date=format_date(values["date"]))
        del values["expires"]
    values["lines"] = MappingProxyType({name: item.line for name, item in fields.items()})
    values["ok"] = len(reader.problems) == before
    return values


def _check_drawable(reader: _Reader, source: str, fields: Mapping[str, Field], values: dict) -> None:
    """A poster never goes without a title: the one it prints (`poster_title`, else `title`) must
    have some character its fonts draw, not only emoji or a script they lack."""
    name = "poster_title" if "poster_title" in values else "title"
    if name in values and not fonts.drawable(values[name], fonts.BOLD):
        key = "post.poster_title_undrawable" if name == "poster_title" else "post.title_undrawable"
        reader.problem(source, fields[name].line, name, key,
                       chars=fonts.listed(fonts.missing(values[name], fonts.BOLD)))


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    if isinstance(value, dict):
        return [text for pair in value.items() for item in pair for text in _strings(item)]
    return []


def _misspelt(name: str) -> str | None:
    if name in FIELDS:
        return None
    folded = slugs.fold(name)
    if folded in _ALIASES:
        return _ALIASES[folded]
    close = difflib.get_close_matches(name.lower(), FIELDS, n=1, cutoff=0.75)
    return close[0] if close else None


def _example(name: str, reader: _Reader) -> str:
    if name == "id":
        return f"id: {reader.next_id}"
    if name == "categories" and reader.categories:
        return f"categories: [{reader.categories[0]}]"
    return t(f"example.{name}", reader.lang)


def _written(item: Field) -> str:
    """The value as staff wrote it: its text, or a list or mapping in YAML's own short form."""
    if item.text is not None:
        return item.text
    return yaml.safe_dump(item.value, default_flow_style=True, allow_unicode=True, width=200).strip()


def _text(item: Field) -> str | None:
    if item.text is None:
        return None
    return _SPACES.sub(" ", item.text).strip()


def _check_id(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    value, text = item.value, (item.text or "").strip()
    if item.text is not None and not _DECIMAL.fullmatch(text) and text.strip("0") and (
            item.plain and type(value) is int and value > 0 or text.isdecimal() or text.isdigit()):
        # YAML reads `010` as 8, `0x70` as 112 and `1:50` as 110; `３` and `³` are not 0-9.
        digits = "".join(str(unicodedata.digit(c)) for c in text if unicodedata.digit(c, None) is not None)
        suggestion = int(digits) if digits.strip("0") and len(digits) < 10 else reader.next_id
        reader.problem(source, item.line, "id", "post.id_reinterpreted", value=text,
                       suggestion=suggestion)
        return None
    if isinstance(value, str) and _DECIMAL.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and value > MAX_ID:
        reader.problem(source, item.line, "id", "post.id_too_large", value=_written(item), limit=MAX_ID)
        return None
    if not _is_id(value):
        reader.problem(source, item.line, "id", "post.id_invalid", value=_written(item))
        return None
    if value in reader.retired:
        reader.problem(source, item.line, "id", "post.id_removed", id=value)
        return None
    return {"id": value}


def _check_text(name: str):
    def check(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
        text = _text(item)
        if text is None:
            reader.problem(source, item.line, name, "post.not_text", example=_example(name, reader))
            return None
        if not text and name == "title":
            reader.problem(source, item.line, name, "post.empty", example=_example(name, reader))
            return None
        return {name: text} if text else None
    return check


def _check_poster_title(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    """A title for the poster only: text, as a title, short enough for three lines of it."""
    result = _check_text("poster_title")(reader, source, relpath, item)
    if result is None:
        return None
    text = unicodedata.normalize("NFC", result["poster_title"])
    if len(text) > MAX_POSTER_TITLE:
        reader.problem(source, item.line, "poster_title", "post.poster_title_too_long", length=len(text),
                       limit=MAX_POSTER_TITLE)
        return None
    return {"poster_title": text}


def _check_date(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    value = item.value
    created, updated = value, None
    if isinstance(value, dict):
        if "created" not in value or value["created"] is None:
            reader.problem(source, item.line, "date", "post.date_mapping")
            return None
        created, updated = value["created"], value.get("updated")
    if isinstance(created, (list, dict)) or isinstance(updated, (list, dict)):
        reader.problem(source, item.line, "date", "post.date_format", value=item.text or created)
        return None
    try:
        # Once, here, in Vietnam time: every output shows the same day.
        result = {"date": parse_date(created).astimezone(VIETNAM)}
        if updated is not None:
            result["updated"] = parse_date(updated).astimezone(VIETNAM)
    except DateError as error:
        key = "post.date_impossible" if error.impossible else "post.date_format"
        reader.problem(source, item.line, "date", key, value=error.value)
        return None
    return result


def _check_expires(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    """`expires:` names the last day a notice is in force (it ends at the next midnight, Vietnam
    time), or, with a time, the moment it ends."""
    value = item.value
    if isinstance(value, (list, dict)):
        reader.problem(source, item.line, "expires", "post.expires_format", value=_written(item))
        return None
    try:
        moment = parse_date(value).astimezone(VIETNAM)
    except DateError as error:
        key = "post.date_impossible" if error.impossible else "post.expires_format"
        reader.problem(source, item.line, "expires", key, value=error.value)
        return None
    if isinstance(value, datetime) or isinstance(value, str) and ":" in value:
        return {"expires": moment}
    return {"expires": moment.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)}


def _check_document(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    def report(line: int, field_name: str, key: str, /, **values: object) -> None:
        reader.problem(source, line, field_name, key, **values)

    def file_of(text: str, line: int) -> tuple[str, int] | None:
        if not (reader.posts_dir / relpath).parent.joinpath(text).exists():
            report(line, "document.file", "documents.file_missing", value=text)
            return None
        path = _inside(reader, source, relpath, SimpleNamespace(text=text, name="document.file", line=line))
        if path is None:
            return None
        target = reader.posts_dir / path
        with open(target, "rb") as handle:
            head = handle.read(5)
        if not path.lower().endswith(".pdf") or head != b"%PDF-":
            report(line, "document.file", "documents.not_pdf", value=text)
            return None
        return path, target.stat().st_size

    document = read_document(item.value, item.line, report=report, file_of=file_of)
    return None if document is None else {"document": document}


def _names(reader: _Reader, source: str, item: Field) -> list[str] | None:
    value = item.value
    items = value if isinstance(value, list) else [value]
    if not items or any(isinstance(v, (list, dict)) or v is None for v in items):
        reader.problem(source, item.line, item.name, "post.list_invalid",
                       example=_example(item.name, reader))
        return None
    names = [_SPACES.sub(" ", unicodedata.normalize("NFC", str(v))).strip() for v in items]
    if not all(names):
        reader.problem(source, item.line, item.name, "post.list_invalid",
                       example=_example(item.name, reader))
        return None
    return list(dict.fromkeys(names))


def _check_categories(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    names = _names(reader, source, item)
    if names is None:
        return None
    allowed = list(reader.categories)
    result, ok = [], True
    for name in names:
        match = _match_category(name, allowed) if allowed else name
        if match is None:
            ok = False
            suggestion = _closest_category(name, allowed)
            listing = ", ".join(f"`{c}`" for c in allowed)
            if suggestion:
                reader.problem(source, item.line, "categories", "post.category_unknown",
                               value=name, suggestion=suggestion, allowed=listing)
            else:
                reader.problem(source, item.line, "categories", "post.category_unknown_plain",
                               value=name, allowed=listing)
        else:
            result.append(match)
    return {"categories": tuple(dict.fromkeys(result))} if ok else None


def _match_category(name: str, allowed: Sequence[str]) -> str | None:
    """The allowed category `name` denotes: exactly, or differing only in letter case."""
    for category in allowed:
        if unicodedata.normalize("NFC", category).casefold() == name.casefold():
            return category
    return None


def _closest_category(name: str, allowed: Sequence[str]) -> str | None:
    folded = {slugs.fold(c): c for c in allowed}
    if slugs.fold(name) in folded:
        return folded[slugs.fold(name)]
    close = difflib.get_close_matches(slugs.fold(name), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def _check_tags(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    if item.value == []:
        return {"tags": ()}
    names = _names(reader, source, item)
    return None if names is None else {"tags": tuple(names)}


def _check_draft(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    if not isinstance(item.value, bool):
        reader.problem(source, item.line, "draft", "post.bool_invalid", value=_written(item))
        return None
    return {"draft": item.value}


def _check_slug(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    text = _text(item) or _written(item)
    if not slugs.is_valid_slug(text):
        reader.problem(source, item.line, "slug", "post.slug_invalid", value=text,
                       suggestion=slugs.slugify(text) or "bai-viet")
        return None
    return {"slug": text, "slug_explicit": True}


def _inside(reader: _Reader, source: str, relpath: str, item: Field) -> str | None:
    """The '/'-separated path inside the posts folder that `item` names, if it is a file there."""
    text = _text(item)
    if not text:
        reader.problem(source, item.line, item.name, "post.not_text",
                       example=f"{item.name}: anh-bia.jpg")
        return None
    root = reader.posts_dir.resolve()
    target = (root / relpath).parent.joinpath(text.replace("\\", "/")).resolve()
    if urlparse(text).scheme or os.path.isabs(text) or not target.is_relative_to(root):
        reader.problem(source, item.line, item.name, "post.file_outside", value=text)
        return None
    if not target.is_file():
        reader.problem(source, item.line, item.name, "post.file_missing", value=text)
        return None
    return target.relative_to(root).as_posix()


def _check_image(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    image = _inside(reader, source, relpath, item)
    if image is not None and not image.lower().endswith(PICTURE_SUFFIXES):
        reader.problem(source, item.line, "image", "post.image_not_picture", value=_text(item),
                       suffixes=".jpg, .png, .webp, .heic")
        return None
    return None if image is None else {"image": image}


def _check_video(reader: _Reader, source: str, relpath: str, item: Field) -> dict | None:
    text = _text(item) or _written(item)
    url = urlparse(text)
    if url.scheme in ("http", "https") and url.netloc:
        return {"video": VideoLink(text)}
    if url.scheme or not text.lower().endswith((".mp4", ".webm")):
        reader.problem(source, item.line, "video", "post.video_invalid", value=text)
        return None
    video = _inside(reader, source, relpath, item)
    return None if video is None else {"video": VideoFile(video)}


_CHECKS = {
    "id": _check_id,
    "title": _check_text("title"),
    "date": _check_date,
    "categories": _check_categories,
    "tags": _check_tags,
    "description": _check_text("description"),
    "image": _check_image,
    "video": _check_video,
    "slug": _check_slug,
    "draft": _check_draft,
    "expires": _check_expires,
    "document": _check_document,
    "poster_title": _check_poster_title,
}


def _unique_ids(reader: _Reader, checked: list[dict]) -> None:
    """The first post (oldest, then by path) keeps its id; the others are reported."""
    owner: dict[int, dict] = {}
    for values in sorted((v for v in checked if "id" in v), key=_age):
        first = owner.setdefault(values["id"], values)
        if first is not values:
            reader.problem(values["source"], values["lines"]["id"], "id", "post.id_duplicate",
                           value=values["id"], other=first["source"])
            values["ok"] = False


def _age(values: dict) -> tuple:
    return (values.get("date") is None, values.get("date") or 0, values["source"])


def _assign_slugs(reader: _Reader, checked: list[dict], reserved: set[str], frozen: Mapping[int, str],
                  claimed: Mapping[str, int]) -> list[Post]:
    """Explicit slugs win, then the slugs posts were first published at; a derived slug already
    taken, or once another post's address, gets the post's permanent id appended."""
    for values in checked:
        if not values.get("slug_explicit") and values.get("id") in frozen:
            values["slug"] = frozen[values["id"]]
            values["slug_frozen"] = True
    taken: dict[str, dict] = {}
    for values in sorted((v for v in checked if v.get("slug_explicit") or v.get("slug_frozen")), key=_age):
        slug = values["slug"]
        line = values["lines"].get("slug") or values["lines"].get("title", 1)
        suggestion = f"{slug}-{values.get('id', reader.next_id)}"
        owner = claimed.get(slug)
        if slug in reserved:
            reader.problem(values["source"], line, "slug", "post.slug_reserved", value=slug,
                           suggestion=suggestion)
        elif slug in taken:
            reader.problem(values["source"], line, "slug", "post.slug_duplicate", value=slug,
                           other=taken[slug]["source"], suggestion=suggestion)
        elif owner is not None and owner != values.get("id"):
            reader.problem(values["source"], line, "slug", "post.slug_claimed", value=slug, other_id=owner,
                           suggestion=suggestion)
        else:
            taken[slug] = values
            continue
        values["ok"] = False
    valid = [v for v in checked if v["ok"]]
    fallback = t("slug.fallback", reader.lang)
    for values in sorted(valid, key=lambda v: v["id"]):
        if values.get("slug_explicit") or values.get("slug_frozen"):
            continue
        base = slugs.slugify(values["title"]) or f"{fallback}-{values['id']}"
        slug = base
        while slug in taken or slug in reserved or claimed.get(slug, values["id"]) != values["id"]:
            slug = f"{slug}-{values['id']}"
        values["slug"] = slug
        taken[slug] = values
    return [
        Post(**{k: v for k, v in values.items() if k not in ("ok", "slug_frozen")})
        for values in valid
    ]
