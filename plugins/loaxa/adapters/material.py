"""What loaxa assumes about the code of Material's blog plugin (its output: `loaxa.theme`).

Each assumption is named here and checked by tests/test_theme.py against the installed Material.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection

import yaml
from markdown import Markdown
from material.plugins.blog import plugin as blog_plugin
from material.plugins.blog import structure
from material.plugins.blog.structure import Excerpt, Post, View
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from ..addresses import category_slug
from ..i18n import language_of, t
from ..theme import POST_URL_FORMAT
from .rendering import render_excerpt

__all__ = ["Post", "View", "blog_of", "install", "leave_out", "posts_per_page", "speed_up"]


def blog_of(config) -> object:
    """Material's blog plugin, set to give every post loaxa's address and category slugs."""
    blog = config.plugins.get("material/blog")
    if blog is None or not blog.config.enabled:
        raise PluginError(t("config.no_blog", language_of(config.theme["language"])))
    blog.config.post_url_format = POST_URL_FORMAT
    blog.config.categories_slugify = category_slug
    return blog


class _Registrations:
    """Tree processors registered on a converter that does not exist yet."""

    def __init__(self) -> None:
        self.calls: list[tuple[object, str, float]] = []
        self.items: dict[str, object] = {}

    def register(self, item: object, name: str, priority: float) -> None:
        self.calls.append((item, name, priority))
        self.items[name] = item

    def get_index_for_name(self, name: str) -> str:
        return name

    def __getitem__(self, name: str) -> object:
        return self.items[name]


class LazyMarkdown:
    """Material makes a Markdown converter for every post's excerpt when it reads the post
    (~1 ms each); when the excerpt comes from the store, none is needed. Made on first use."""

    def __init__(self, **options: object) -> None:
        self._options = options
        self._real: Markdown | None = None
        self.treeprocessors = _Registrations()

    def _made(self) -> Markdown:
        if self._real is None:
            self._real = Markdown(**self._options)
            for item, name, priority in self.treeprocessors.calls:
                self._real.treeprocessors.register(item, name, priority)
        return self._real

    def convert(self, text: str) -> str:
        return self._made().convert(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self._made(), name)


def install() -> None:
    """Once per process. Material reads each post's front matter with PyYAML's pure-Python
    loader; the posts it reads are loaxa's normalised copies, written by libyaml, so libyaml
    reads them back the same, several times faster."""
    structure.Markdown = LazyMarkdown
    structure.SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not isinstance(structure.yaml, _MemoYaml):
        structure.yaml = _MemoYaml()
    Excerpt.render = render_excerpt
    # Reading time is a function of a post's HTML alone; a preview's rebuild asks it again for
    # every post.
    if not hasattr(blog_plugin.readtime, "cache_info"):
        blog_plugin.readtime = functools.lru_cache(maxsize=16384)(blog_plugin.readtime)


class _MemoYaml:
    """PyYAML as Material's blog uses it, remembering what each front matter read as: a
    preview server's rebuild reads the same 1,000 copies again. Material changes the result
    (it adds keys), so each caller gets its own copy."""

    def __init__(self) -> None:
        self._read: dict[tuple[str, type], object] = {}

    def load(self, stream: object, Loader: type) -> object:
        if not isinstance(stream, str):
            return yaml.load(stream, Loader)
        key = (stream, Loader)
        if key not in self._read:
            if len(self._read) > 20_000:
                self._read.clear()
            self._read[key] = yaml.load(stream, Loader)
        return _copied(self._read[key])

    def __getattr__(self, name: str) -> object:
        return getattr(yaml, name)


def _copied(value: object) -> object:
    """A copy of YAML data: new lists and mappings, the same immutable values (dates, text)."""
    if isinstance(value, dict):
        return {key: _copied(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copied(item) for item in value]
    return value


class PostList(list):
    """Material asks `page in blog.posts` for every page it reads and renders; Page.__eq__
    compares titles, so that is quadratic (a second of CPU at 1,000 posts). Each post is one
    object for the whole build, so membership by identity answers the same."""

    def __contains__(self, item: object) -> bool:
        if len(self) != getattr(self, "_size", -1):
            self._ids, self._size = {id(post) for post in self}, len(self)
        return id(item) in self._ids


def speed_up(blog: object) -> None:
    """After the blog's on_files, which made its list of posts."""
    entry = getattr(blog, "blog", None)
    if entry is not None and not isinstance(entry.posts, PostList):
        entry.posts = PostList(entry.posts)


def leave_out(blog: object, sources: Collection[str], nav: object = None) -> None:
    """After the blog's on_nav: take the posts whose blog sources are `sources` off the blog's
    own list (the home page and its later pages). Their pages, the archive and the categories
    keep them."""
    entry = getattr(blog, "blog", None)
    if entry is None or not sources:
        return
    lists = {id(view.posts): view.posts for view in [entry, *entry.pages]}
    for posts in lists.values():
        posts[:] = [post for post in posts if post.file.src_uri not in sources]
    if blog._config_pagination(entry) and entry.pages:
        # The list's later pages were made for the longer list: those now empty are not built.
        needed = max(1, math.ceil(len(entry.posts) / blog._config_pagination_per_page(entry)))
        for page in entry.pages[needed:]:
            page.file.inclusion = InclusionLevel.EXCLUDED
            if nav is not None and page in nav.pages:
                nav.pages.remove(page)
        del entry.pages[needed:]


def posts_per_page(blog: object, view: View) -> int | None:
    """How many posts a list page of `view` shows (None: all)."""
    if not blog._config_pagination(view):
        return None
    return blog._config_pagination_per_page(view)
