"""The `loaxa` command: staff tools that work on the posts without building the site."""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from datetime import datetime
from pathlib import Path

from . import addresses
from .advice import advise
from .build import Build
from .dates import VIETNAM, month_of, parse_date
from .errors import DateError, LoaxaError, NewPostError, PosterError, SettingsError
from .i18n import t
from .newpost import choose_category, create_post
from .poster import poster_content, render_posters
from .posts import Post, next_free_id
from .settings import Settings, read_settings
from .slugs import fold

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loaxa", description="Loa Xã: công cụ cho trang tin của xã.")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="mkdocs.yml của trang")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="tạo một bài viết mới trong posts/")
    new.add_argument("title", nargs="?", help="tiêu đề, trong dấu nháy: \"Hướng dẫn cài VNeID\"")
    new.add_argument("--category", help="chuyên mục, ví dụ \"Hướng dẫn\"")
    new.add_argument("--video", help="địa chỉ video YouTube hoặc Facebook")
    new.add_argument("--image", help="ảnh bìa, sẽ được chép vào cạnh bài viết")
    new.add_argument("--date", help="ngày đăng (mặc định: bây giờ), ví dụ \"2025-10-05 08:00\"")
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
        config = read_settings(path)
    except SettingsError as error:
        print(t("cli.bad_config", "vi", path=path, problem=error), file=sys.stderr)
        return 2
    if args.command == "check":
        return check(config)
    if args.command == "new":
        return new_command(config, args.title, args.category, args.video, args.image, args.date)
    return posters_command(config, args.month, args.category, args.ids, args.output)


def _load(config: Settings) -> Build:
    """A build with the posts loaded and validated exactly as `mkdocs build` does."""
    build = Build(config, now=datetime.now(VIETNAM))
    build.load(_docs(config))
    return build


def _load_or_report(config: Settings) -> Build | None:
    """The loaded build, or None after printing every problem in the posts."""
    try:
        return _load(config)
    except LoaxaError as error:  # every problem of every post, or a missing posts folder
        print(error, file=sys.stderr)
        return None


def _posts_or_report(config: Settings) -> list[Post] | None:
    """Every valid post, newest first, or None after printing every problem."""
    build = _load_or_report(config)
    return None if build is None else [article.post for article in build.articles.values()]


def check(config: Settings) -> int:
    """Validate every post as the build does; print the problems and the next free id."""
    if not config.posts_dir.is_dir():
        print(t("config.no_posts_dir", config.lang, path=config.posts_label), file=sys.stderr)
        return 1
    posts = _posts_or_report(config)
    if posts is None:
        return 1
    advice = advise(posts, config.posts_dir, config.lang, datetime.now(VIETNAM))
    if advice:
        print(t("post.advice_header", config.lang, count=len(advice)))
        for item in advice:
            print(f"  {item}")
    print(t("cli.ok", config.lang, count=len(posts)))
    print(t("post.next_id", config.lang, next_id=next_free_id(posts)))
    return 0


def new_command(config: Settings, title: str | None, category: str | None, video: str | None,
                image: str | None, date: str | None) -> int:
    """Create a post; with no title, ask for each answer in the site's language."""
    lang = config.lang
    posts = _posts_or_report(config)
    if posts is None:
        return 1
    allowed = list(config.categories) or ["Tin tức"]
    try:
        if title is None:
            title, category, video, image = _ask(lang, allowed)
        now = parse_date(date) if date else datetime.now(VIETNAM)
        chosen = choose_category(category, allowed, lang) if category else (
            next((c for c in allowed if fold(c) == "video"), allowed[0]) if video else allowed[0])
        created = create_post(
            config.posts_dir, posts, title=title, category=chosen, lang=lang, now=now,
            video=video or None, image=Path(image) if image else None,
            reserved=addresses.reserved_slugs(_docs(config), config),
        )
    except DateError as error:
        print(t("new.bad_date", lang, value=error.value), file=sys.stderr)
        return 2
    except NewPostError as error:
        print(error, file=sys.stderr)
        return 1
    print(t("new.written", lang, path=_shown(created.path)))
    if created.image:
        print(t("new.image_copied", lang, path=_shown(created.image)))
    print(t("new.next_steps", lang))
    return 0


def _ask(lang: str, allowed: list[str]) -> tuple[str, str, str, str]:
    try:
        title = input(t("new.ask_title", lang)).strip()
        for number, name in enumerate(allowed, 1):
            print(f"  {number}. {name}")
        answer = input(t("new.ask_category", lang)).strip()
        category = allowed[int(answer) - 1] if answer.isdigit() and 0 < int(answer) <= len(
            allowed) else answer
        video = input(t("new.ask_video", lang)).strip()
        image = input(t("new.ask_image", lang)).strip().strip('"')
    except EOFError:
        raise NewPostError(t("new.no_title", lang)) from None
    return title, category, video, image


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def _docs(config: Settings) -> list[str]:
    if not config.docs_dir.is_dir():
        return []
    return [p.relative_to(config.docs_dir).as_posix() for p in config.docs_dir.rglob("*") if p.is_file()]


def posters_command(config: Settings, months: list[str], categories: list[str], ids: str,
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
    build = _load_or_report(config)
    if build is None:
        return 1
    wanted_categories = {unicodedata.normalize("NFC", c).casefold() for c in categories}
    chosen = [
        post for post in sorted(build.published, key=lambda p: (p.date, p.id))
        if (not months or month_of(post.date) in months)
        and (not wanted_categories or wanted_categories & {c.casefold() for c in post.categories})
        and (not wanted_ids or post.id in wanted_ids)
    ]
    if not chosen:
        print(t("cli.posters_none", lang), file=sys.stderr)
        return 1
    settings = config.posters
    site_url = config.site_url
    try:
        data = render_posters([poster_content(p, site_url + addresses.short_link(p.id), settings)
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
