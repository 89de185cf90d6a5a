"""The `loaxa` command: staff tools that work on the posts without building the site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .i18n import t
from .posts import PostError, load_posts, next_free_id
from .siteconfig import SiteConfig, SiteConfigError, read_site_config
from .slugs import reserved_slugs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loaxa", description="Loa Xã: công cụ cho trang tin của xã.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml của trang")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="kiểm tra mọi bài viết trong posts/ mà không dựng trang")
    args = parser.parse_args(argv)
    _utf8_console()

    path = Path(args.config_file)
    if not path.is_file():
        print(t("cli.no_config", "vi", path=path), file=sys.stderr)
        return 2
    try:
        config = read_site_config(path)
    except SiteConfigError as error:
        print(t("cli.bad_config", "vi", path=path, problem=error), file=sys.stderr)
        return 2
    return check(config)


def check(config: SiteConfig) -> int:
    """Validate every post as the build does; print the problems and the next free id."""
    if not config.posts_dir.is_dir():
        print(t("config.no_posts_dir", config.lang, path=config.posts_label), file=sys.stderr)
        return 1
    docs = [p.relative_to(config.docs_dir).as_posix()
            for p in config.docs_dir.rglob("*") if p.is_file()] if config.docs_dir.is_dir() else []
    stray = [f"{config.docs_dir.name}/{d}" for d in docs
             if d.startswith(config.post_dir + "/") and d.endswith(".md")]
    try:
        posts = load_posts(
            config.posts_dir,
            categories=config.categories,
            reserved=reserved_slugs(docs, config.blog_dir, [*config.url_formats, config.post_dir]),
            lang=config.lang,
            label=config.posts_label,
            stray=stray,
        )
    except PostError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(t("cli.ok", config.lang, count=len(posts)))
    print(t("post.next_id", config.lang, next_id=next_free_id(posts)))
    return 0


def _utf8_console() -> None:
    # A Windows console may default to a code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
