"""Pages whose every input is unchanged since the last build are carried over, not rendered again.

A page's HTML is a function of the page (its content, table of contents, metadata, address,
neighbours), of the navigation, and of the site (configuration, theme, versions, pictures). Each
page gets a fingerprint of all of these; when the previous build wrote a page with the same
fingerprint, and that file is still whole in the published site (size and hash as recorded),
it is linked into the new site instead of running the theme's templates again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..store import load_store, save_store
from .material import Post, View, posts_per_page
from .rendering import Renders

_build_page = mkdocs_build._build_page


class PageReuse:
    """The pages of one build: which to carry over, and what each written page was."""

    active: PageReuse | None = None
    _memory: dict[Path, dict] = {}   # a preview server's manifest, kept between its rebuilds

    def __init__(self, manifest: Path, previous_site: Path | None, site_key: str, *, in_memory: bool,
                 on_repair: Callable[[Path], None] | None = None) -> None:
        self.manifest = manifest
        self.previous_site = previous_site
        self.site_key = site_key
        self.in_memory = in_memory
        self.later: list[tuple[Page, tuple, dict]] = []
        stored = PageReuse._memory.get(manifest) if in_memory else load_store(manifest, on_repair)
        self.previous: dict[str, list] = (stored or {}).get("pages", {})
        self.fingerprints: dict[str, str] = {}
        self.written: dict[str, list] = {}
        self.carried = 0

    def plan(self, files: Files, nav: Navigation, blog: object) -> None:
        """Fingerprint every page, once all are read and before any is written."""
        nav_key = _digest(_nav_data(nav.items))
        for file in files.documentation_pages():
            page = file.page
            if page is not None:
                self.fingerprints[file.dest_uri] = _digest(
                    [self.site_key, nav_key, _page_data(page, blog)])

    def build_page(self, page: Page, *args, **kwargs) -> None:
        """MkDocs' `_build_page`, skipped for a page that can be carried over."""
        if self.previous_site is None:  # building over the site itself (--dirty)
            return _build_page(page, *args, **kwargs)
        uri = page.file.dest_uri
        fingerprint = self.fingerprints.get(uri)
        before = self.previous.get(uri)
        target = Path(page.file.abs_dest_path)
        source = self.previous_site / uri
        if fingerprint is not None and before is not None and before[0] == fingerprint:
            if _intact(source, before[1], before[2]):
                _link(source, target)
                self.written[uri] = before
                self.carried += 1
                return
        if self.in_memory and _later_page(page) and source.is_file():
            # A preview shows the changed list pages first; the second and later pages of a
            # list (shifted by one post when a post is added) keep their old text a moment.
            _link(source, target)
            self.later.append((page, args, kwargs))
            return
        _build_page(page, *args, **kwargs)
        if fingerprint is not None and target.is_file():
            data = target.read_bytes()
            self.written[uri] = [fingerprint, hashlib.sha256(data).hexdigest(), len(data)]

    def save(self) -> None:
        value = {"pages": self.written}
        if self.in_memory:
            PageReuse._memory[self.manifest] = value
        else:
            save_store(self.manifest, value)

    def finish_later(self, site: Path, renders: object) -> None:
        """In a preview, once the new site is shown: write the pages left for later into it."""
        if self.later:
            LaterPages.start(self, site, renders)


class LaterPages:
    """The one background pass writing a preview's later pages. A save during the pass ends it
    after the page in hand: the pages it did not write keep no record, so the next build makes
    them again."""

    _running: threading.Thread | None = None
    _stop = threading.Event()

    @classmethod
    def start(cls, reuse: PageReuse, site: Path, renders: object) -> None:
        def run() -> None:
            Renders.active = renders
            try:
                write(reuse, site)
            finally:
                Renders.active = None
                renders.save(keep_in_memory=True, to_disk=False)
            reuse.save()

        def write(reuse: PageReuse, site: Path) -> None:
            for page, args, kwargs in reuse.later:
                if cls._stop.is_set():
                    return
                uri = page.file.dest_uri
                final = site / uri
                page.file.abs_dest_path = str(final.with_name(f".{final.name}.later"))
                try:
                    _build_page(page, *args, **kwargs)
                    data = Path(page.file.abs_dest_path).read_bytes()
                    os.replace(page.file.abs_dest_path, final)
                except Exception:  # never a half page: the next build renders it again
                    Path(page.file.abs_dest_path).unlink(missing_ok=True)
                    continue
                reuse.written[uri] = [reuse.fingerprints[uri], hashlib.sha256(data).hexdigest(), len(data)]

        cls._stop.clear()
        cls._running = threading.Thread(target=run, name="loaxa-later-pages", daemon=True)
        cls._running.start()

    @classmethod
    def stop(cls) -> None:
        if cls._running is not None:
            cls._stop.set()
            cls._running.join()
            cls._running = None


def install() -> None:
    """Route MkDocs' page writing through the active `PageReuse` (once per process; with no
    build active it is MkDocs' own)."""
    def build_page(page: Page, *args, **kwargs) -> None:
        if PageReuse.active is None:
            return _build_page(page, *args, **kwargs)
        return PageReuse.active.build_page(page, *args, **kwargs)
    mkdocs_build._build_page = build_page


def _later_page(page: Page) -> bool:
    """The second or later page of a list of posts."""
    return isinstance(page, View) and page in page.pages and page.pages.index(page) > 0


def _intact(path: Path, digest: str, size: int) -> bool:
    try:
        stat = path.stat()
        stamp = (digest, stat.st_size, stat.st_mtime_ns, stat.st_ino)
        if stat.st_size != size:
            return False
        if _VERIFIED.get(path) == stamp:
            return True
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            return False
    except OSError:
        return False
    _VERIFIED[path] = stamp
    return True


# Pages this process has hashed, with their size, time and inode: a preview server's rebuilds
# do not read every page again; any write to a page changes its stamp and it is hashed anew.
_VERIFIED: dict[Path, tuple[str, int, int, int]] = {}


def _link(source: Path, target: Path) -> None:
    """A hard link: the previous site is deleted after the swap, the file lives on in the new one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=_plain).encode()).hexdigest()


class _Unknown:
    """A value with no stable form: its page is never carried over."""

    def __repr__(self) -> str:
        return os.urandom(8).hex()


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return sorted(value, key=repr) if isinstance(value, set | frozenset) else list(value)
    if hasattr(value, "title") and hasattr(value, "url"):
        return [str(value.title), str(value.url)]
    return repr(_Unknown())


def _link_data(item: object) -> list | None:
    return None if item is None else [getattr(item, "title", None), getattr(item, "url", None)]


def _nav_data(items: list) -> list:
    """What the navigation shows of every item: Material prints icon, subtitle and status from
    each page's metadata, so all of it counts."""
    return [[type(i).__name__, i.title, getattr(i, "url", None), getattr(i, "meta", None),
             _nav_data(getattr(i, "children", None) or [])] for i in items]


def _toc_data(items) -> list:
    return [[i.title, i.id, i.level, _toc_data(i.children)] for i in items]


def _page_data(page: Page, blog: object) -> list:
    data = [type(page).__name__, page.file.src_uri, page.url, page.canonical_url, page.edit_url,
            page.title, page.content, _toc_data(page.toc), page.meta, page.is_homepage,
            _link_data(page.previous_page), _link_data(page.next_page),
            [_link_data(a) for a in page.ancestors], page.file.inclusion.name]
    if isinstance(page, Post):
        data += [dict(page.config), [_link_data(c) for c in page.categories],
                 [getattr(a, "name", None) for a in page.authors]]
    if isinstance(page, View):
        data += [getattr(page, "name", None), [p.url for p in page.pages], _listed(page, blog)]
    return data


def _listed(view: View, blog: object) -> list:
    """The posts this list page shows, as its excerpts show them."""
    posts = view.posts
    step = posts_per_page(blog, view)
    if step:
        at = view.pages.index(view) if view in view.pages else 0
        posts = posts[at * step: at * step + step]
    # A post's links, as its page render found them, stand for its excerpt's links (a subset);
    # a post rendered without the store has none recorded and its lists are never carried over.
    return [[p.url, p.title, hashlib.sha256(p.markdown.encode()).hexdigest(), p.meta, dict(p.config),
             [_link_data(c) for c in p.categories], [getattr(a, "name", None) for a in p.authors],
             bool(p._title_from_render), getattr(p, "loaxa_lookups", _Unknown())] for p in posts]
