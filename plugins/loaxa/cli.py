"""The `loaxa` command: staff tools that work on the posts without building the site."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from .dates import VIETNAM
from .i18n import t
from .poster import PosterError, PosterSettings, poster_content, render_posters
from .posts import Post, PostError, load_posts, next_free_id
from .shortlinks import short_path
from .siteconfig import SiteConfig, SiteConfigError, read_site_config
from .slugs import reserved_slugs

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loaxa", description="Loa Xã: công cụ cho trang tin của xã.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml của trang")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="kiểm tra mọi bài viết trong posts/ mà không dựng trang")
    posters = commands.add_parser("posters", help="ghi một tệp PDF gồm áp phích của các bài chọn")
    posters.add_argument("--month", action="append", default=[],
                         help="tháng đăng, dạng 2025-10 (dùng nhiều lần được)")
    posters.add_argument("--category", action="append", default=[],
                         help="chuyên mục, ví dụ \"Hướng dẫn\" (dùng nhiều lần được)")
    posters.add_argument("--ids", default="", help="các số id, ví dụ 3,5,12")
    posters.add_argument("-o", "--output", help="tệp PDF sẽ ghi (mặc định: ap-phich[-tháng].pdf)")
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
    if args.command == "check":
        return check(config)
    return posters_command(config, args.month, args.category, args.ids, args.output)


def _load(config: SiteConfig) -> list[Post]:
    """The posts, validated exactly as the build validates them."""
    docs = [p.relative_to(config.docs_dir).as_posix()
            for p in config.docs_dir.rglob("*") if p.is_file()] if config.docs_dir.is_dir() else []
    stray = [f"{config.docs_dir.name}/{d}" for d in docs
             if d.startswith(config.post_dir + "/") and d.endswith(".md")]
    return load_posts(
        config.posts_dir,
        categories=config.categories,
        reserved=reserved_slugs(docs, config.blog_dir, [*config.url_formats, config.post_dir]),
        lang=config.lang,
        label=config.posts_label,
        stray=stray,
    )


def check(config: SiteConfig) -> int:
    """Validate every post as the build does; print the problems and the next free id."""
    if not config.posts_dir.is_dir():
        print(t("config.no_posts_dir", config.lang, path=config.posts_label), file=sys.stderr)
        return 1
    try:
        posts = _load(config)
    except PostError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(t("cli.ok", config.lang, count=len(posts)))
    print(t("post.next_id", config.lang, next_id=next_free_id(posts)))
    return 0


def posters_command(config: SiteConfig, months: list[str], categories: list[str], ids: str,
                    output: str | None) -> int:
    """Write one PDF with the posters of the published posts chosen by month, category, id."""
    lang = config.lang
    for month in months:
        if not _MONTH.match(month):
            print(t("cli.bad_month", lang, value=month), file=sys.stderr)
            return 2
    try:
        wanted_ids = {int(i) for i in ids.replace(" ", "").split(",") if i}
    except ValueError:
        print(t("cli.bad_ids", lang, value=ids), file=sys.stderr)
        return 2
    if not config.site_url:
        print(t("posters.no_site_url", lang), file=sys.stderr)
        return 1
    try:
        posts = _load(config)
    except PostError as error:
        print(error.report(), file=sys.stderr)
        return 1
    wanted_categories = {unicodedata.normalize("NFC", c).casefold() for c in categories}
    now = datetime.now(VIETNAM)
    chosen = [
        post for post in sorted(posts, key=lambda p: (p.date, p.id))
        if post.is_published(now)
        and (not months or post.date.astimezone(VIETNAM).strftime("%Y-%m") in months)
        and (not wanted_categories or wanted_categories & {c.casefold() for c in post.categories})
        and (not wanted_ids or post.id in wanted_ids)
    ]
    if not chosen:
        print(t("cli.posters_none", lang), file=sys.stderr)
        return 1
    settings = PosterSettings(
        commune=config.commune or config.site_name,
        site_label=config.site_label or t("poster.site_label", lang),
        size=config.poster_size,
        lang=lang,
    )
    site_url = config.site_url.rstrip("/") + "/"
    try:
        data = render_posters([poster_content(p, site_url + short_path(p.id), settings)
                               for p in chosen], title="; ".join(months) or None)
    except PosterError:
        print(t("posters.unreadable", lang, url=site_url, size=settings.size), file=sys.stderr)
        return 1
    target = Path(output) if output else Path("ap-phich" + "".join(f"-{m}" for m in months) + ".pdf")
    target.write_bytes(data)
    print(t("cli.posters_written", lang, path=target, count=len(chosen)))
    return 0


def _utf8_console() -> None:
    # A Windows console may default to a code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
