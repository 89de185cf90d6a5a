"""What the MkDocs adapter needs beyond its events: error reporting, the preview server."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import logging
import os
import shutil
import threading
from collections.abc import Callable, Collection, Iterator
from functools import partial
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from ..addresses import FEED_FAVICON, PAGEFIND_DIR
from ..commune import ORGANISATION, PROCEDURES
from ..errors import LoaxaError
from ..i18n import DEFAULT_LANGUAGE, t
from ..search import Indexing, index_site
from ..settings import Settings, make_settings, read_settings
from . import material, pages, preview, rendering

log = logging.getLogger("mkdocs.plugins.loaxa")


@contextlib.contextmanager
def reported() -> Iterator[None]:
    """A loaxa error becomes MkDocs' clean build error: its message, no traceback."""
    try:
        yield
    except LoaxaError as error:
        raise PluginError(str(error)) from None


class WarningCount(CountHandler):
    """The warnings of one build, which MkDocs counts for --strict only after loaxa's last event:
    a build that will be aborted must not replace the site."""

    def __init__(self) -> None:
        super().__init__()
        self.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self)

    def stop(self) -> int:
        logging.getLogger("mkdocs").removeHandler(self)
        return sum(count for _, count in self.get_counts())


def folder_to_remove(folder: Path) -> Path | None:
    """Material's blog creates docs/<post_dir> on every build; loaxa's posts live elsewhere, so
    the folder is removed after the build if the build made it."""
    return None if folder.exists() else folder


def remove_if_empty(folder: Path | None) -> None:
    if folder is not None:
        with contextlib.suppress(OSError):
            folder.rmdir()


def unpublish(files, paths: list[str]) -> None:
    for path in paths:
        if (file := files.get_file_from_path(path)) is not None:
            files.remove(file)


def watch_posts(server, posts_dir: Path) -> None:
    """MkDocs polls what it watches every half second; posts/ is polled every fifth of one, so
    a saved post shows sooner (a stat of each file: about 4% of a core at 1,000 posts, idle)."""
    observer = server.observer
    if hasattr(observer, "_timeout"):
        default, observer._timeout = observer._timeout, POLL_SECONDS
        try:
            server.watch(str(posts_dir))
        finally:
            observer._timeout = default
    else:
        server.watch(str(posts_dir))


POLL_SECONDS = 0.2


def keep_preview_on_error(server, lang: Callable[[], str] = lambda: DEFAULT_LANGUAGE):
    """A failed rebuild leaves the previous site in place (the build wrote beside it), and no
    browser waits on it: every page shows what is wrong, in `lang()`, until a build succeeds and
    reloads the open page."""
    return preview.show_errors(server, wait_for_background, lang)


class Caches:
    """What a build may take from earlier ones, all keyed by content: rendered Markdown and
    finished pages. Made afresh per build; a preview server's rebuilds also share memory."""

    def __init__(self, settings: Settings, config, *, previous_site: Path | None, is_serve: bool,
                 notice: Callable[[str], None]) -> None:
        material.install()
        pages.install()
        versions = [_version(name) for name in _RENDERERS] + [_code_key()]
        cache = settings.cache_dir
        self.settings = settings
        repaired = partial(_repaired, notice, settings.lang)
        self.is_serve = is_serve
        self.template_cache = cache / "templates"
        self.template_cache.mkdir(parents=True, exist_ok=True)
        # Snippets appended to every page bring in files whose content no key could cover.
        snippets = config.mdx_configs.get("pymdownx.snippets") or {}
        self.memo_pages = not (snippets.get("auto_append") or snippets.get("auto_prepend"))
        self.renders = rendering.Renders(
            cache / "renders.json", rendering.settings_key(
                versions, config.markdown_extensions, config.mdx_configs, config.use_directory_urls,
                dict(config.validation.links)), on_repair=repaired)
        self.site_key = [versions, _file_key(config.config_file_path), config.site_url,
                         config.extra_css, config.extra_javascript, str(settings),
                         [_theme_key(d) for d in config.theme.dirs]]
        self.pages = pages.PageReuse(cache / "pages.json", previous_site, "", in_memory=is_serve,
                                     on_repair=repaired)
        rendering.Renders.active = self.renders if self.memo_pages else None
        pages.PageReuse.active = self.pages

    def use_files(self, files, media: dict[str, Path], blog: object, inputs: list[object] = ()) -> None:
        material.speed_up(blog)
        self.renders.files = files
        # Pictures by their cache entry (named by content), other files by size and time.
        media_key = sorted((path, str(source), *_stamp(source)) for path, source in media.items())
        # The pages that show the commune's data files change with them.
        data = [self.settings.docs_dir / name for name in (ORGANISATION, PROCEDURES)]
        media_key += [(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
                      for path in data if path.is_file()]
        self.pages.site_key = rendering.settings_key(self.site_key, media_key, list(inputs))

    def render_from_store(self, page) -> None:
        """Take `page`'s Markdown render from the store when its inputs are unchanged."""
        if self.memo_pages:
            page.render = partial(rendering.render_page, page)

    def plan(self, env, files, nav, blog, left_out: Collection[str] = ()) -> None:
        """Once every page is read: the posts the home page no longer lists (`left_out`, by
        blog source), and which pages can be carried over. Templates are compiled once per
        content too (MkDocs makes a new Jinja environment for every build)."""
        material.leave_out(blog, set(left_out), nav)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(self.template_cache))
        self.pages.plan(files, nav, blog)

    def finish(self, *, success: bool, site: Path | None = None) -> None:
        """Keep what this build made for the next; in a preview, `site` (the published site)
        gets the pages left for later."""
        rendering.Renders.active = None
        pages.PageReuse.active = None
        if success:
            self.renders.save(keep_in_memory=self.is_serve, to_disk=not self.is_serve)
            self.pages.save()
            if site is not None:
                self.pages.finish_later(site, self.renders)

    def summary(self) -> str:
        return (f"renders reused {self.renders.hits}, made {self.renders.misses}; "
                f"pages carried over {self.pages.carried}")


# What turns Markdown into a page: a new version of any may write it differently.
_RENDERERS = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "pygments", "jinja2")


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


def _repaired(notice: Callable[[str], None], lang: str, path: Path) -> None:
    notice(t("cache.repaired", lang, path=path))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return ""


@functools.cache
def _code_key() -> str:
    """loaxa's own code and assets: a changed loaxa writes pages differently."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".css", ".js"):
            digest.update(path.relative_to(package).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


def _file_key(path: str | None) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest() if path else ""
    except OSError:
        return ""


def _theme_key(folder: str) -> str:
    """Material's own templates change only with its version; a site's overrides folder is
    hashed whole."""
    if Path(folder).resolve().is_relative_to(Path(_material_dir())):
        return "material"
    digest = hashlib.sha256()
    for path in sorted(Path(folder).rglob("*")):
        if path.is_file():
            digest.update(path.as_posix().encode() + path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _material_dir() -> str:
    import material
    return str(Path(material.__file__).resolve().parent)


def add_sources(files, config, sources: dict[str, tuple[int, Path]]) -> dict[str, int]:
    """Add the copy of each post the blog reads to MkDocs' files; each post's id, by path."""
    for path, (_, copy) in sources.items():
        files.append(File.generated(config, path, abs_src_path=str(copy)))
    return {path: post_id for path, (post_id, _) in sources.items()}


def settings_of(config, options, blog, *, is_serve: bool) -> Settings:
    """The site's settings from MkDocs' configuration, the plugin's options and the blog plugin."""
    site = {"site_name": config.site_name, "site_description": config.site_description,
            "site_url": config.site_url, "docs_dir": config.docs_dir, "site_dir": config.site_dir,
            "language": config.theme["language"]}
    if is_serve and config.config_file_path:
        # `mkdocs serve` points site_url at itself; a poster printed from the preview must still
        # carry the real address.
        site["site_url"] = read_settings(Path(config.config_file_path)).site_url
    root = Path(config.config_file_path or ".").resolve().parent
    if "generator" not in config.extra:
        config.extra["generator"] = False  # its "Made with Material for MkDocs" line is English only
    if config.theme.get("favicon") == _MATERIAL_FAVICON:
        config.theme["favicon"] = FEED_FAVICON  # the commune's colours, not Material's logo (and 0.3 KB)
    return make_settings(root, site, dict(blog.config), dict(options))


_MATERIAL_FAVICON = "assets/images/favicon.png"


def wait_for_background() -> None:
    """A preview's work left from its last build is out of date already: its later pages and
    its search index are ended (the next build makes both again)."""
    pages.LaterPages.stop()
    BackgroundIndex.stop()


def index_search(settings: Settings, site: Path, staged: Path | None, *, is_serve: bool) -> None:
    """Index the staged site for search before it is published (`staged`), or in a preview,
    the published site in the background after (`staged` None)."""
    if not settings.search:
        return
    if not is_serve:
        if staged is not None:
            index_site(staged, settings.lang)
    elif staged is not None:
        BackgroundIndex.carry_over(site, staged)
    else:
        BackgroundIndex.start(site, settings.lang)


class BackgroundIndex:
    """In a preview, the search index is made after the new pages are shown: search catches
    up a second later instead of every save waiting for it, and a save during a run ends it."""

    _running: Indexing | None = None
    _thread: threading.Thread | None = None

    @classmethod
    def stop(cls) -> None:
        if cls._running is not None:
            cls._running.stop()
            cls._thread.join()
            cls._running = cls._thread = None

    @classmethod
    def carry_over(cls, previous_site: Path, new_site: Path) -> None:
        """Give the new site the last complete index until its own is made."""
        old = previous_site / PAGEFIND_DIR
        if old.is_dir() and previous_site.resolve() != new_site.resolve():
            shutil.copytree(old, new_site / PAGEFIND_DIR, copy_function=os.link, dirs_exist_ok=True)

    @classmethod
    def start(cls, site: Path, lang: str) -> None:
        indexing = cls._running = Indexing(site, lang)

        def run() -> None:
            try:
                indexing.wait()
            except LoaxaError as error:
                log.warning(str(error))
        cls._thread = threading.Thread(target=run, name="loaxa-search-index", daemon=True)
        cls._thread.start()
