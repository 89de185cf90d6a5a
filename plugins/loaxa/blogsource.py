"""The normalised copy of a post that Material's blog plugin reads instead of the staff's file."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .markup import markdown_text
from .posts import Post, VideoFile, VideoLink

_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
EXCERPT_MARK = "<!-- more -->"
# Blocks after which an excerpt mark would split a construct in two.
_NOT_A_PARAGRAPH = re.compile(r"^(?:```|~~~|!!!|\?\?\?|\|| {4}|\t)")


def render_blog_source(post: Post, *, draft: bool) -> str:
    """Front matter the blog accepts (checked date with zone and seconds, list of categories,
    computed slug) and the NFC body with an excerpt mark after its first paragraph."""
    # A preview server's rebuild makes the same copies again: each is made once per content.
    # Dates by their text: the same instant in two zones is written differently.
    key = (post.id, post.title, post.date.isoformat(),
           post.updated and post.updated.isoformat(), post.categories, post.slug, post.tags,
           post.description, post.image, post.video, post.body, draft)
    text = _RENDERED.get(key)
    if text is None:
        if len(_RENDERED) > 20_000:
            _RENDERED.clear()
        text = _RENDERED[key] = _render(post, draft)
    return text


_RENDERED: dict[tuple, str] = {}


def _render(post: Post, draft: bool) -> str:
    meta: dict[str, object] = dict(
        id=post.id,
        # Material prints the title as raw HTML and reads it as Markdown in excerpts.
        title=markdown_text(post.title),
        date=post.date if post.updated is None else {"created": post.date, "updated": post.updated},
        categories=list(post.categories),
        slug=post.slug,
        draft=draft,
    )
    if post.tags:
        meta["tags"] = list(post.tags)
    for name in ("description", "image"):
        value = getattr(post, name)
        if value is not None:
            meta[name] = value
    if isinstance(post.video, VideoLink):
        meta["video"] = post.video.url
    elif isinstance(post.video, VideoFile):
        meta["video"] = post.video.path
    header = yaml.dump(meta, Dumper=_SafeDumper, allow_unicode=True, sort_keys=False,
                       width=1_000_000)
    return f"---\n{header}---\n\n{with_excerpt_mark(post.body)}"


def with_excerpt_mark(body: str) -> str:
    """`body` with the excerpt mark after its first paragraph, unless it has one already."""
    if EXCERPT_MARK in body:
        return body
    blocks = re.split(r"\n[ \t]*\n", body.strip("\n"))
    for index, block in enumerate(blocks):
        if block.lstrip().startswith("#"):
            continue
        if _NOT_A_PARAGRAPH.match(block) or index == len(blocks) - 1:
            return body
        return "\n\n".join([*blocks[: index + 1], EXCERPT_MARK, *blocks[index + 1 :]]) + "\n"
    return body


def write_blog_source(folder: Path, post: Post, *, draft: bool) -> Path:
    """Write the copy under `folder`, only when it changed, so a rebuild keeps mtimes."""
    path = folder / post.relpath
    data = render_blog_source(post, draft=draft).encode("utf-8")
    try:
        stat = path.stat()
        if _WRITTEN.get(path) == (data, stat.st_size, stat.st_mtime_ns) or path.read_bytes() == data:
            _WRITTEN[path] = (data, stat.st_size, stat.st_mtime_ns)
            return path
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    stat = path.stat()
    _WRITTEN[path] = (data, stat.st_size, stat.st_mtime_ns)
    return path


# What this process last wrote or read at each path: a preview's rebuild compares with it
# instead of reading every copy again.
_WRITTEN: dict[Path, tuple[bytes, int, int]] = {}
