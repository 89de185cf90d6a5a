"""The site's settings loaxa uses, read and normalised once into one frozen `Settings`."""

from __future__ import annotations

import posixpath
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import SettingsError
from .i18n import language_of, t
from .poster import PosterSettings, default_header

# The plugin's options and their defaults; the MkDocs adapter declares the same names.
DEFAULTS: dict[str, object] = {
    "posts_dir": "posts",
    "cache_dir": ".cache/loaxa",
    "commune": None,        # poster header; default: site_name
    "site_label": None,     # default: "Trang thông tin điện tử"
    "province": None,       # the poster header's second line: "TỈNH LAI CHÂU"
    "poster_size": "A4",
    "poster_header": None,  # 1 to 3 lines; default: "ỦY BAN NHÂN DÂN <COMMUNE>" and the province
    "poster_emblem": None,  # a PNG or JPEG in docs/, at the header's left
    "poster_campaign": None,  # a line under the header, e.g. Phong trào "Bình dân học vụ số"
    "feed_items": 30,
    "feeds": True,          # feeds, share meta and share control
    "search": True,         # Pagefind search page and header button
    "editor": {},           # the web editor's repository: repo, branch, auth_url (see editor.py)
    "review_days": 0,       # the commune's duties (commune.py) are checked; 0: not checked
}
# Material's blog defaults, for reading mkdocs.yml without MkDocs.
_BLOG_DEFAULTS = {
    "blog_dir": "blog",
    "post_dir": "{blog}/posts",
    "archive_url_format": "archive/{date}",
    "categories_url_format": "category/{slug}",
    "pagination_url_format": "page/{page}",
    "categories_slugify_separator": "-",
    "categories_allowed": [],
}


@dataclass(frozen=True)
class Settings:
    """Everything a build needs to know about the site, in normalised form."""

    root: Path                     # the folder of mkdocs.yml
    lang: str                      # "vi" or "en"
    site_url: str | None           # with exactly one trailing slash
    site_name: str
    site_description: str
    docs_dir: Path
    site_dir: Path
    posts_dir: Path
    posts_label: str               # how the posts folder is named in messages
    cache_dir: Path
    categories: tuple[str, ...]
    blog_dir: str
    post_dir: str                  # where the blog reads posts, inside docs, '/'-separated
    archive_url_format: str
    categories_url_format: str
    pagination_url_format: str
    categories_separator: str
    commune: str
    site_label: str
    poster_size: str
    feed_items: int
    feeds: bool
    search: bool
    editor_repo: str = ""          # "owner/name" on GitHub, where the web editor saves
    editor_branch: str = "main"
    editor_auth_url: str = ""      # the sign-in service (OAuth) for GitHub, if any
    review_days: int = 0           # the commune's information reviewed at least this often; 0: off
    province: str = ""
    poster_header: tuple[str, ...] | None = None  # as written (None: not given, or not a list of text)
    poster_campaign: str = ""
    poster_emblem: str = ""        # inside docs/, as written

    @property
    def url_formats(self) -> tuple[str, ...]:
        return (self.archive_url_format, self.categories_url_format, self.pagination_url_format)

    @property
    def posters(self) -> PosterSettings:
        """The posters' settings, all but the emblem (a file, read by the build)."""
        # Lines given wrongly (none, more than three, an empty one) are reported; the default is used.
        header = self.poster_header if self.poster_header and len(self.poster_header) <= 3 else \
            default_header(self.commune, self.province, self.lang)
        return PosterSettings(commune=self.commune, site_label=self.site_label, size=self.poster_size,
                              lang=self.lang, header_lines=header, campaign=self.poster_campaign)


def make_settings(root: Path, site: Mapping[str, object], blog: Mapping[str, object],
                  plugin: Mapping[str, object]) -> Settings:
    """Settings from the site's top-level options (`site_url`, `site_name`, `site_description`,
    `docs_dir`, `site_dir`, `language`), the blog plugin's options and loaxa's own."""
    blog = {**_BLOG_DEFAULTS, **{k: v for k, v in blog.items() if v is not None}}
    plugin = {**DEFAULTS, **{k: v for k, v in plugin.items() if v is not None}}
    lang = language_of(_text(site.get("language")) or None)
    site_url = _text(site.get("site_url"))
    site_name = _text(site.get("site_name"))
    blog_dir = _text(blog["blog_dir"])
    posts_label = _text(plugin["posts_dir"])
    return Settings(
        root=root,
        lang=lang,
        site_url=site_url.rstrip("/") + "/" if site_url else None,
        site_name=site_name,
        site_description=_text(site.get("site_description")),
        docs_dir=root / _text(site.get("docs_dir") or "docs"),
        site_dir=root / _text(site.get("site_dir") or "site"),
        posts_dir=root / posts_label,
        posts_label=posts_label,
        cache_dir=root / _text(plugin["cache_dir"]),
        categories=tuple(_text(c) for c in blog["categories_allowed"] or ()),
        blog_dir=blog_dir,
        post_dir=posixpath.normpath(_text(blog["post_dir"]).format(blog=blog_dir)),
        archive_url_format=_text(blog["archive_url_format"]),
        categories_url_format=_text(blog["categories_url_format"]),
        pagination_url_format=_text(blog["pagination_url_format"]),
        categories_separator=_text(blog["categories_slugify_separator"]),
        commune=_text(plugin["commune"]) or site_name,
        site_label=_text(plugin["site_label"]) or t("poster.site_label", lang),
        poster_size=_text(plugin["poster_size"]),
        feed_items=int(plugin["feed_items"]),
        feeds=bool(plugin["feeds"]),
        search=bool(plugin["search"]),
        **_editor(plugin["editor"]),
        review_days=int(plugin["review_days"] or 0),
        province=_line(plugin["province"]),
        poster_header=_lines(plugin["poster_header"]),
        poster_campaign=_line(plugin["poster_campaign"]),
        poster_emblem=_line(plugin["poster_emblem"]),
    )


def _line(value: object) -> str:
    """An option's text as it is drawn: NFC, white space folded."""
    return " ".join(unicodedata.normalize("NFC", _text(value)).split())


def _lines(value: object) -> tuple[str, ...] | None:
    """`poster_header:` as lines of text: a list (one line: a text); () when it is neither, or
    has an empty line (the build reports it)."""
    if value is None:
        return None
    items = value if isinstance(value, list) else [value] if isinstance(value, str) else []
    lines = tuple(_line(item) for item in items if isinstance(item, (str, int, float)))
    return lines if len(lines) == len(items) and all(lines) else ()


def _editor(options: object) -> dict[str, str]:
    options = options if isinstance(options, Mapping) else {}
    return {"editor_repo": _text(options.get("repo")).strip().strip("/"),
            "editor_branch": _text(options.get("branch")).strip() or "main",
            "editor_auth_url": _text(options.get("auth_url")).strip().rstrip("/")}


def _text(value: object) -> str:
    return "" if value is None else str(value)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it uses (!ENV, !!python/name: …), as plain values."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("", _untagged)


def read_settings(path: Path) -> Settings:
    """The settings of the site whose mkdocs.yml is at `path`, read without MkDocs."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.load(handle, _TolerantLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise SettingsError(str(error)) from None
    if not isinstance(data, dict):
        raise SettingsError(t("config.not_mapping", "vi"))
    theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
    plugins = _plugins(data.get("plugins") or [])
    site = {name: data.get(name) for name in
            ("site_url", "site_name", "site_description", "docs_dir", "site_dir")}
    site["language"] = theme.get("language")
    blog = plugins.get("blog") or plugins.get("material/blog") or {}
    return make_settings(path.resolve().parent, site, blog, plugins.get("loaxa") or {})


def _plugins(items: object) -> dict[str, dict]:
    if isinstance(items, dict):
        return {str(k): v if isinstance(v, dict) else {} for k, v in items.items()}
    found: dict[str, dict] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            found[item] = {}
        elif isinstance(item, dict):
            for name, options in item.items():
                found[str(name)] = options if isinstance(options, dict) else {}
    return found
