"""Markdown rendered once per content: a post's page and its excerpts, reused by later builds.

MkDocs renders every page's Markdown on every build, and Material's blog renders each post again
for every list it appears in. For a post nothing else changes the result but its Markdown, the
page's address, the Markdown settings and the files its links point at: each render is stored
under a key of the first three, with the answers of every file lookup it made, and reused only
while those lookups still give the same answers. What it logged (a broken link) is logged again.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from material.plugins.blog.structure import Excerpt
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import get_relative_url

from ..store import load_store, save_store

# Lines that pull other files into a page (pymdownx.snippets, any run of dashes around 8<):
# their content is not in the key.
_INCLUDES = re.compile(r"-+8<-+")


class Renders:
    """The renders of one build, read from and written back to one file in the cache."""

    active: Renders | None = None   # the build in progress; None leaves MkDocs and Material alone
    _memory: dict[Path, dict] = {}  # a serve session's renders, kept between its rebuilds

    def __init__(self, path: Path, settings_key: str, files: Files | None = None, *,
                 on_repair: Callable[[Path], None] | None = None) -> None:
        self.path = path
        self.settings_key = settings_key
        self.files = files
        self.entries = Renders._memory.get(path) or load_store(path, on_repair)
        self.used: dict[str, dict] = {}
        self.hits = self.misses = 0

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.settings_key.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get(self, key: str, answer: Callable[[File | None], list | None]) -> dict | None:
        entry = self.entries.get(key)
        if entry is None or self.files is None or not all(
                answer(self.files.get_file_from_path(path)) == value for path, value in entry["lookups"]):
            self.misses += 1
            return None
        self.hits += 1
        self.used[key] = entry
        for name, level, message in entry["log"]:
            logging.getLogger(name).log(level, message)
        return entry

    def put(self, key: str, entry: dict) -> None:
        self.entries[key] = self.used[key] = entry

    def save(self, *, keep_in_memory: bool, to_disk: bool) -> None:
        """Keep what this build used (edited posts' old renders go): on disk for the next build,
        in memory for a preview server's next rebuild."""
        if keep_in_memory:
            Renders._memory[self.path] = dict(self.used)
        if to_disk:
            save_store(self.path, self.used)


def settings_key(*values: object) -> str:
    """What every render depends on besides its page: Markdown extensions and their options,
    versions. Functions are named by module and name: their address changes every run."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=_stable).encode()).hexdigest()


def _stable(value: object) -> object:
    if isinstance(value, functools.partial):  # e.g. pymdownx.slugs.slugify(case="lower")
        return [_stable(value.func), list(value.args), value.keywords]
    name = getattr(value, "__qualname__", None)
    if name is not None:
        return f"{getattr(value, '__module__', '')}.{name}"
    text = repr(value)
    # An object whose repr carries no address stands for its value; otherwise its type, and
    # a salt so that nothing is reused on a guess.
    return text if " at 0x" not in text else f"{type(value).__qualname__}:{os.urandom(8).hex()}"


def _absolute(file: File | None) -> list | None:
    """What a page's render takes from a file it links to."""
    return None if file is None else [file.url, file.inclusion.is_excluded()]


def _relative_to(page_url: str) -> Callable[[File | None], list | None]:
    """What an excerpt's render takes from a file it links to: the link from the list page, so
    that list pages at the same depth (page/2/, page/3/) share one render."""
    def answer(file: File | None) -> list | None:
        return None if file is None else [get_relative_url(file.url, page_url), file.inclusion.is_excluded()]
    return answer


class _Recording:
    """`files` as a link resolver sees it, noting every lookup."""

    def __init__(self, files: Files) -> None:
        self._files = files
        self.lookups: dict[str, File | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self.lookups[path] = self._files.get_file_from_path(path)
        return file

    def answers(self, answer: Callable[[File | None], list | None]) -> list:
        return sorted([path, answer(file)] for path, file in self.lookups.items())

    def __getattr__(self, name: str):
        return getattr(self._files, name)


class _LogCapture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.INFO:
            self.records.append([record.name, record.levelno, record.getMessage()])


@contextmanager
def _capturing() -> Iterator[_LogCapture]:
    capture = _LogCapture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(capture)
    try:
        yield capture
    finally:
        logger.removeHandler(capture)


def _toc_data(items) -> list:
    return [[i.title, i.id, i.level, _toc_data(i.children)] for i in items]


def _toc(data: list) -> TableOfContents:
    def item(title: str, id: str, level: int, children: list) -> AnchorLink:
        link = AnchorLink(title, id, level)
        link.children = [item(*child) for child in children]
        return link
    toc = TableOfContents([item(*i) for i in data])
    if toc.items:
        toc.items[0].active = True  # as MkDocs' get_toc does
    return toc


def render_page(page: Page, config, files: Files) -> None:
    """`Page.render` for a post: from the store when its inputs are unchanged."""
    renders = Renders.active
    if renders is None or _INCLUDES.search(page.markdown):
        return Page.render(page, config, files)
    key = renders.key("page", page.markdown, page.file.src_uri, page.url,
                      str(page.file.inclusion.is_excluded()))
    entry = renders.get(key, _absolute)
    if entry is None:
        recording = _Recording(files)
        with _capturing() as capture:
            Page.render(page, config, recording)
        entry = {"lookups": recording.answers(_absolute), "log": capture.records,
                 "content": page.content, "toc": _toc_data(page.toc), "title": page._title_from_render,
                 "anchors": sorted(page.present_anchor_ids),
                 "links": _links_data(page.links_to_anchors)}
        renders.put(key, entry)
        page.loaxa_lookups = entry["lookups"]
        return None
    page.loaxa_lookups = entry["lookups"]  # checked just now: what its links point at
    page.content = entry["content"]
    page.toc = _toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    if entry["links"] is not None:
        page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in entry["links"].items()
                                 if files.get_file_from_path(uri) is not None}
    return None


def _links_data(links: dict[File, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
    """Links to other pages' anchors (checked after the build), by the linked file's path."""
    return None if links is None else {file.src_uri: anchors for file, anchors in links.items()}


_render_excerpt = Excerpt.render


def render_excerpt(self: Excerpt, page: Page, separator: str) -> None:
    """Material's `Excerpt.render`, from the store when the post and the list page are unchanged."""
    renders = Renders.active
    post = self.post
    if renders is None or _INCLUDES.search(post.markdown):
        return _render_excerpt(self, page, separator)
    answer = _relative_to(page.url)
    key = renders.key("excerpt", post.markdown, post.title, str(bool(post._title_from_render)),
                      post.file.src_uri, get_relative_url(post.url, page.url), separator)
    entry = renders.get(key, answer)
    if entry is None:
        processor = self.md.treeprocessors["relpath"]
        recording = processor.files = _Recording(processor.files)
        try:
            with _capturing() as capture:
                _render_excerpt(self, page, separator)
        finally:
            processor.files = recording._files
        renders.put(key, {"lookups": recording.answers(answer), "log": capture.records,
                          "content": self.content, "more": self.more, "toc": _toc_data(self.toc)})
        return None
    self.content, self.more, self.toc = entry["content"], entry["more"], _toc(entry["toc"])
    return None
