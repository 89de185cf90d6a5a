"""Creating a new post file with complete front matter, for `loaxa new`."""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

from .dates import VIETNAM
from .documents import FIELDS as DOCUMENT_FIELDS
from .documents import read_document
from .errors import ImageError, NewPostError
from .i18n import t
from .images import PICTURE_SUFFIXES, describe_error
from .photos import clean_photo
from .posts import Post, next_free_id
from .slugs import fold, slugify

IMAGE_TYPES = PICTURE_SUFFIXES



@dataclass(frozen=True)
class NewPost:
    path: Path
    id: int
    slug: str
    image: Path | None


def choose_category(text: str, allowed: Sequence[str], lang: str) -> str:
    """The allowed category `text` names, forgiving case and missing marks; else an error."""
    wanted = unicodedata.normalize("NFC", text).strip()
    for category in allowed:
        if category.casefold() == wanted.casefold():
            return category
    matches = [c for c in allowed if fold(c) == fold(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise NewPostError(t("new.bad_category", lang, value=text,
                         allowed=", ".join(f"`{c}`" for c in allowed)))


def document_of(fields: dict[str, str | None], lang: str) -> dict[str, str]:
    """The `document:` block `loaxa new --document` writes, checked like the build checks it;
    a mistake names the option to correct. `fields["file"]` is the PDF to copy beside the post."""
    options = {"number": "--document", "type": "--type", "issuer": "--issuer", "signer": "--signer",
               "signed": "--signed", "file": "--file"}
    problems: list[str] = []

    def report(line: int, field_name: str, key: str, /, **values: object) -> None:
        option = options.get(field_name.removeprefix("document."), "--document")
        if key == "documents.missing":
            key, values = "documents.missing_option", {"option": option}
        problems.append(f"{option}: {t(key, lang, **values)}")

    def file_of(text: str, line: int) -> tuple[str, int] | None:
        path = Path(text)
        try:
            with open(path, "rb") as handle:
                pdf = handle.read(5) == b"%PDF-"
        except OSError:
            report(line, "file", "documents.file_missing", value=text)
            return None
        if not pdf or path.suffix.lower() != ".pdf":
            report(line, "file", "documents.not_pdf", value=text)
            return None
        return path.name, path.stat().st_size

    block = {name: value for name, value in fields.items() if value}
    read_document(block, 1, report=report, file_of=file_of)
    if problems:
        raise NewPostError("\n".join(problems))
    return block


def create_post(posts_dir: Path, posts: Sequence[Post], *, title: str, category: str,
                lang: str, now: datetime, video: str | None = None,
                image: Path | None = None, reserved: set[str] = frozenset(),
                first_id: int = 1, document: dict[str, str] | None = None) -> NewPost:
    """Write posts/<yyyy>/<yyyy-mm-dd>-<slug>.md (and a copy of `image` beside it, without its
    location and personal metadata); never overwrite. The web editor names a post the same way."""
    title = " ".join(unicodedata.normalize("NFC", title).split())
    if not title:
        raise NewPostError(t("new.no_title", lang))
    if video and urlparse(video).scheme not in ("http", "https"):
        raise NewPostError(t("new.bad_video", lang, value=video))
    if image is not None and not image.is_file():
        raise NewPostError(t("new.no_image", lang, value=image))
    if image is not None and image.suffix.lower() not in IMAGE_TYPES:
        raise NewPostError(t("new.bad_image", lang, value=image))

    post_id = max(next_free_id(posts), first_id)  # an id once given, even to a removed post, is not
    taken = {p.slug for p in posts} | set(reserved)
    slug = slugify(title) or f"{t('slug.fallback', lang)}-{post_id}"
    if slug in taken:
        slug = f"{slug}-{post_id}"
    moment = now.astimezone(VIETNAM)
    stem = f"{moment:%Y-%m-%d}-{slug}"
    folder = posts_dir / f"{moment:%Y}"
    path = folder / f"{stem}.md"
    cover = folder / f"{stem}{image.suffix.lower()}" if image is not None else None
    pdf = folder / f"{stem}.pdf" if document else None
    if document:
        document = {**document, "file": pdf.name, "source": document["file"]}
    for target in (path, cover, pdf):
        if target is not None and target.exists():
            raise NewPostError(t("new.exists", lang, path=target))

    text = render_new_post(post_id=post_id, title=title, moment=moment, category=category,
                           slug=slug, lang=lang, video=video,
                           image=cover.name if cover else None, document=document)
    made = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    if cover is not None:
        # The new post is removed again when its cover cannot be copied: a post naming a
        # picture that is not there would stop the build.
        try:
            clean_photo(image, cover)
        except ImageError as error:
            _undo(path, folder if made else None)
            raise NewPostError(describe_error(error, str(image), lang)) from error
        except OSError as error:
            _undo(path, folder if made else None)
            raise NewPostError(t("new.image_not_copied", lang, value=image, path=cover)) from error
    if pdf is not None:
        try:
            shutil.copyfile(document["source"], pdf)
        except OSError as error:
            _undo(path, folder if made else None)
            raise NewPostError(t("new.image_not_copied", lang, value=document["source"], path=pdf)) from error
    return NewPost(path, post_id, slug, cover)


def _undo(path: Path, folder: Path | None) -> None:
    """Remove the new post, and the year's folder when it was made for it."""
    path.unlink(missing_ok=True)
    if folder is not None:
        try:
            folder.rmdir()
        except OSError:
            pass  # something else is in it


def render_new_post(*, post_id: int, title: str, moment: datetime, category: str, slug: str,
                    lang: str, video: str | None, image: str | None,
                    document: dict[str, str] | None = None) -> str:
    """The new file: complete front matter, then a body to fill in for this kind of post."""
    lines = [
        "---",
        f"id: {post_id}",
        f"title: {_yaml_text(title)}",
        f"date: {moment:%Y-%m-%d %H:%M}",
        f"categories: [{_yaml_text(category)}]",
        f"tags: []  # {t('new.tags_hint', lang)}",
        f"description:  # {t('new.description_hint', lang)}",
        f"slug: {slug}",
    ]
    if image:
        lines.append(f"image: {image}")
    kind = _KINDS.get(fold(category), "news")
    if video:
        lines.append(f"video: {video}")
        kind = "video"
    elif kind == "video":
        lines.append(f"video:  # {t('new.video_hint', lang)}")
    if document:
        lines.append("document:")
        lines += [f"  {name}: {_yaml_text(document[name])}" for name in DOCUMENT_FIELDS if document.get(name)]
        kind = "document"
    lines.append("---")
    body = t(f"new.body.{kind}", lang, video=video or t("new.video_example", lang))
    return "\n".join(lines) + "\n" + body


# Body templates by category (folded), for the categories of a commune site.
_KINDS = {"huong dan": "guide", "video": "video", "thong bao": "notice", "guides": "guide",
          "notices": "notice", "van ban": "document", "documents": "document"}


def _yaml_text(text: str) -> str:
    """A YAML scalar that reads back as `text`: quoted when YAML would read it otherwise."""
    plain_safe = (text[0] not in "[]{}#&*!|>'\"%@`,?:-" and ": " not in text and " #" not in text
                  and not text.endswith(":"))
    if plain_safe:
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
