"""The few settings of mkdocs.yml that loaxa's command line needs, read without MkDocs."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .i18n import language_of


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags it uses (!ENV, !!python/name: …), as plain values."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> object:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_TolerantLoader.add_multi_constructor("", _untagged)


class SiteConfigError(Exception):
    """mkdocs.yml is missing or unreadable."""


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    lang: str
    site_url: str | None
    docs_dir: Path
    posts_dir: Path
    posts_label: str
    categories: tuple[str, ...]
    site_name: str = ""
    commune: str | None = None
    site_label: str | None = None
    poster_size: str = "A4"
    blog_dir: str = "."
    url_formats: tuple[str, ...] = field(default=("archive/{date}", "category/{slug}", "page/{page}"))
    post_dir: str = "posts"


def read_site_config(path: Path) -> SiteConfig:
    """The settings loaxa uses from the mkdocs.yml at `path`."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = yaml.load(handle, _TolerantLoader) or {}
    except OSError as error:
        raise SiteConfigError(str(error)) from None
    except yaml.YAMLError as error:
        raise SiteConfigError(str(error)) from None
    root = path.resolve().parent
    theme = data.get("theme") or {}
    plugins = _plugins(data.get("plugins") or [])
    blog = plugins.get("blog") or plugins.get("material/blog") or {}
    loaxa = plugins.get("loaxa") or {}
    blog_dir = str(blog.get("blog_dir", "blog"))
    posts_label = str(loaxa.get("posts_dir", "posts"))
    return SiteConfig(
        root=root,
        lang=language_of(theme.get("language") if isinstance(theme, dict) else None),
        site_url=data.get("site_url"),
        site_name=str(data.get("site_name") or ""),
        commune=loaxa.get("commune"),
        site_label=loaxa.get("site_label"),
        poster_size=str(loaxa.get("poster_size", "A4")),
        docs_dir=root / str(data.get("docs_dir", "docs")),
        posts_dir=root / posts_label,
        posts_label=posts_label,
        categories=tuple(str(c) for c in blog.get("categories_allowed") or ()),
        blog_dir=blog_dir,
        url_formats=(
            str(blog.get("archive_url_format", "archive/{date}")),
            str(blog.get("categories_url_format", "category/{slug}")),
            str(blog.get("pagination_url_format", "page/{page}")),
        ),
        post_dir=posixpath.normpath(str(blog.get("post_dir", "{blog}/posts")).format(blog=blog_dir)),
    )


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
