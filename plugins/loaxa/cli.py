"""The `loaxa` command: staff tools that work on the posts without building the site."""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from . import addresses, frontmatter, ids
from .build import Build
from .checks import checked_commit, docs_of, findings, status_of
from .dates import VIETNAM, month_of, parse_date
from .editor import write_status
from .errors import (
    DateError,
    ImageError,
    LoaxaError,
    NewPostError,
    PosterError,
    PostError,
    SettingsError,
)
from .i18n import t
from .images import is_picture
from .inventory import scan
from .newpost import choose_category, create_post, document_of
from .poster import render_posters
from .posts import DOCUMENTS, Post
from .record import NAME as RECORD_NAME
from .record import RecordError, publishing, read_record, save_record
from .settings import Settings, read_settings
from .slugs import fold
from .store import write_atomic

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class _Stop(Exception):
    """The parser has printed what it had to say (help, or a mistake); `main` returns `code`."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Formatter(argparse.HelpFormatter):
    """Help in Vietnamese: "Cách dùng: loaxa …"."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[Any], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, t("cli.usage_prefix") if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        # Never cut a name such as `ap-phich.pdf` at its hyphen.
        return textwrap.wrap(" ".join(text.split()), width, break_on_hyphens=False)


class _Parser(argparse.ArgumentParser):
    """A parser that speaks to staff in Vietnamese: its own help option and section titles, and
    mistakes reported by `main` (argparse's own messages are English)."""

    def __init__(self, *, helps: bool = True, **kwargs: Any) -> None:
        super().__init__(add_help=False, allow_abbrev=False, exit_on_error=False,
                         formatter_class=_Formatter, **kwargs)
        self._positionals.title = t("cli.arguments_title")
        self._optionals.title = t("cli.options_title")
        self.options: list[argparse.Action] = []
        if helps:
            self.add_argument("-h", "--help", action="help", help=t("cli.help_option"))

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        if action.option_strings:
            self.options.append(action)
        return action

    def error(self, message: str) -> None:
        # Only mistakes `main` does not foresee get here; argparse words them in English.
        print(t("cli.not_understood"), file=sys.stderr)
        raise _Stop(2)

    def exit(self, status: int = 0, message: str | None = None) -> None:
        raise _Stop(status)


# Each command and the key of its one-line help.
_COMMANDS = {"new": "cli.new_help", "check": "cli.check_help", "posters": "cli.posters_help",
             "clean-photos": "cli.clean_help", "remove": "cli.remove_help",
             "assign-ids": "cli.assign_help", "editor": "cli.editor_help"}


_QUOTED = ("new", "posters")


def _parser() -> tuple[_Parser, dict[str, _Parser]]:
    """The `loaxa` parser and the parser of each command, by name."""
    parser = _Parser(prog="loaxa", description=t("cli.description"))
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", metavar=t("cli.file_metavar"),
                        help=t("cli.config_option"))
    subparsers = parser.add_subparsers(dest="command", title=t("cli.commands_title"),
                                       metavar=t("cli.command_metavar"))
    commands: dict[str, _Parser] = {}
    for name, key in _COMMANDS.items():
        summary = t(key)
        description = t("cli.posters_description") if name == "posters" else summary[:1].upper() + summary[1:]
        commands[name] = subparsers.add_parser(name, help=summary, description=description)
    new = commands["new"]
    new.add_argument("title", nargs="?", metavar=t("cli.title_metavar"), help=t("cli.title_help"))
    new.add_argument("--category", metavar=t("cli.category_metavar"), help=t("cli.category_help"))
    new.add_argument("--video", metavar=t("cli.address_metavar"), help=t("cli.video_help"))
    new.add_argument("--image", metavar=t("cli.image_metavar"), help=t("cli.image_help"))
    new.add_argument("--date", metavar=t("cli.date_metavar"), help=t("cli.date_help"))
    for option, key, metavar, help_key in (
            ("--document", "number", "cli.document_number_metavar", "cli.document_number_help"),
            ("--type", "type", "cli.document_type_metavar", "cli.document_type_help"),
            ("--issuer", "issuer", "cli.document_issuer_metavar", "cli.document_issuer_help"),
            ("--signer", "signer", "cli.document_signer_metavar", "cli.document_signer_help"),
            ("--signed", "signed", "cli.document_signed_metavar", "cli.document_signed_help"),
            ("--file", "file", "cli.document_file_metavar", "cli.document_file_help")):
        new.add_argument(option, dest=f"document_{key}", metavar=t(metavar), help=t(help_key))
    posters = commands["posters"]
    posters.add_argument("--month", action="append", default=[], metavar=t("cli.month_metavar"),
                         help=t("cli.month_help"))
    posters.add_argument("--category", action="append", default=[], metavar=t("cli.category_metavar"),
                         help=t("cli.posters_category_help"))
    posters.add_argument("--ids", default="", metavar=t("cli.ids_metavar"), help=t("cli.ids_help"))
    posters.add_argument("-o", "--output", metavar=t("cli.output_metavar"), help=t("cli.output_help"))
    commands["clean-photos"].add_argument("files", nargs="*", metavar=t("cli.image_metavar"),
                                          help=t("cli.clean_files_help"))
    commands["remove"].add_argument("id", metavar="ID", help=t("cli.remove_id_help"))
    commands["check"].add_argument("--status", metavar=t("cli.file_metavar"), help=t("cli.status_help"))
    editor = commands["editor"]
    editor.add_argument("--port", type=int, default=8081, metavar=t("cli.port_metavar"),
                        help=t("cli.editor_port_help"))
    editor.add_argument("--preview-port", type=int, default=8000, metavar=t("cli.port_metavar"),
                        help=t("cli.preview_port_help"))
    editor.add_argument("--no-preview", action="store_true", help=t("cli.no_preview_help"))
    editor.add_argument("--no-browser", action="store_true", help=t("cli.no_browser_help"))
    return parser, commands


def main(argv: list[str] | None = None) -> int:
    """Run one command; every answer, mistakes in the command line included, is for staff."""
    _utf8_console()
    argv = sys.argv[1:] if argv is None else list(argv)
    parser, commands = _parser()
    try:
        word = _command_word(argv)
        if word is not None and word not in commands:
            return _unknown_command(word, commands)
        args, extra = parser.parse_known_args(argv)
        if extra:
            # A word before the command belongs to `loaxa` itself, one after it to the command.
            command = args.command
            if command is not None and extra[0] in argv and argv.index(extra[0]) < argv.index(command):
                command = None
            return _not_understood(extra, parser if command is None else commands[command], command)
    except argparse.ArgumentError as error:
        return _missing_value(error, argv, commands[word] if word in commands else parser)
    except _Stop as stop:
        return stop.code
    if args.command is None:
        parser.print_help()
        return 2

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
        return check(config, args.status)
    if args.command == "assign-ids":
        return assign_ids_command(config)
    if args.command == "editor":
        from .editorserver import run_editor
        return run_editor(config, path.resolve(), port=args.port, browser=not args.no_browser,
                          preview_port=None if args.no_preview else args.preview_port)
    if args.command == "new":
        document = {key: getattr(args, f"document_{key}")
                    for key in ("number", "type", "issuer", "signer", "signed", "file")}
        return new_command(config, args.title, args.category, args.video, args.image, args.date,
                           document if any(document.values()) else None)
    if args.command == "clean-photos":
        return clean_photos_command(config, args.files)
    if args.command == "remove":
        return remove_command(config, args.id)
    return posters_command(config, args.month, args.category, args.ids, args.output)


def _command_word(argv: list[str]) -> str | None:
    """The word standing where the command goes, whether or not it is one."""
    finder = _Parser(prog="loaxa", helps=False)
    finder.add_argument("-f", "--config-file")
    finder.add_argument("command", nargs="?")
    try:
        return finder.parse_known_args(argv)[0].command
    except (argparse.ArgumentError, _Stop):
        return None  # the full parse reports it


def _unknown_command(word: str, commands: dict[str, _Parser]) -> int:
    message = t("cli.unknown_command", command=word)
    close = difflib.get_close_matches(word, list(commands), n=1, cutoff=0.5)
    if close:
        message += " " + t("cli.did_you_mean", suggestion=f"loaxa {close[0]}")
    print(message, file=sys.stderr)
    print(t("cli.command_list"), file=sys.stderr)
    width = max(map(len, commands))
    for name in commands:
        print(f"  loaxa {name:<{width}}  {t(_COMMANDS[name])}", file=sys.stderr)
    print(t("cli.see_help", command="loaxa"), file=sys.stderr)
    return 2


def _not_understood(extra: list[str], parser: _Parser, command: str | None) -> int:
    """Explain the first word the command does not take: an unknown option, or one word too many
    (most often a value with a space, not in quotes)."""
    shown = "loaxa" if command is None else f"loaxa {command}"
    word = next((word for word in extra if word != "--"), extra[0])
    if word.startswith("-") and len(word) > 1 and not word[1:].replace(",", "").isdigit():
        option = word.split("=", 1)[0]
        message = t("cli.unknown_option", command=shown, option=option)
        names = [name for action in parser.options for name in action.option_strings]
        close = difflib.get_close_matches(option, names, n=1, cutoff=0.6)
        if close:
            message += " " + t("cli.did_you_mean", suggestion=close[0])
    else:
        message = t("cli.unexpected_word", command=shown, value=word)
        if command in _QUOTED:  # commands that take a title or a category, often with spaces
            message += " " + t("cli.quote_hint")
    print(message, file=sys.stderr)
    print(t("cli.see_help", command=shown), file=sys.stderr)
    return 2


def _missing_value(error: argparse.ArgumentError, argv: list[str], parser: _Parser) -> int:
    """An option of `parser` written without its value, as in `--month` at the end of the line."""
    names = set((error.argument_name or "").split("/"))
    for action in parser.options:
        if action.nargs != 0 and names == set(action.option_strings):
            typed = next((word for word in reversed(argv) if word in action.option_strings),
                         action.option_strings[-1])
            print(t("cli.missing_value", option=typed, help=action.help), file=sys.stderr)
            print(t("cli.see_help", command=parser.prog), file=sys.stderr)
            return 2
    print(t("cli.not_understood"), file=sys.stderr)
    return 2


def _load(config: Settings) -> Build:
    """A build with the posts loaded and validated exactly as `mkdocs build` does."""
    build = Build(config, now=datetime.now(VIETNAM))
    build.load(docs_of(config))
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


def check(config: Settings, status: str | None = None) -> int:
    """Validate every post with the publishing build's own rules (`mkdocs build --strict`):
    print what would stop it, then advice, then the next free id. 1 when the build would fail.
    `status`: also write the problem list the web editor shows, as JSON, to that file."""
    lang = config.lang
    found = findings(config)
    build, problems, advice = found.build, found.problems, found.advice
    if status:
        write_status(Path(status), status_of(config, found, checked_commit(config.root)))
    if found.failure:
        print(found.failure, file=sys.stderr)
        return 1
    if problems:
        print(t("post.problems_header_check", lang, count=len(problems)), file=sys.stderr)
        for item in problems:
            print(f"  {item}", file=sys.stderr)
    if build is None:
        print(t("post.next_id", lang, next_id=found.next_id), file=sys.stderr)
        return 1
    if advice:
        print(t("post.advice_header", lang, count=len(advice)))
        for item in advice:
            print(f"  {item}")
    if not problems:
        try:
            build.published_now(publishing=publishing())
        except LoaxaError as error:
            print(error, file=sys.stderr)
            return 1
        print(t("cli.ok", lang, count=len(build.articles)))
    print(t("post.next_id", lang, next_id=build.next_id()))
    return 1 if problems else 0


def assign_ids_command(config: Settings) -> int:
    """Give every post written without an id the next free ids, oldest file first, and freeze
    its address (`slug:`) as the build would make it now (the publish workflow runs this before
    it checks and builds)."""
    lang = config.lang
    if not config.posts_dir.is_dir():
        print(t("config.no_posts_dir", lang, path=config.posts_label), file=sys.stderr)
        return 1
    build = Build(config, now=datetime.now(VIETNAM), provisional=True)
    try:
        build.load(docs_of(config))
        given = [(a.post.relpath, a.post.id, None if a.post.slug_explicit else a.post.slug)
                 for a in build.articles.values() if a.post.provisional]
    except PostError as error:  # numbered all the same; `loaxa check` then lists what is left
        given = [(relpath, number, None)
                 for number, relpath in enumerate(ids.without_id(build.inventory.posts), error.next_id)]
    except LoaxaError as error:
        print(error, file=sys.stderr)
        return 1
    for relpath, number, slug in sorted(given, key=lambda item: item[1]):
        path = build.inventory.posts[relpath]
        shown = f"{config.posts_label}/{relpath}"
        before = ids.earlier(config.root, path)  # saved again from an editor's older copy
        if before and before["id"].isdigit() and int(before["id"]) not in build.record.removed:
            path.write_bytes(ids.insert_fields(path.read_bytes(), before))
            print(t("ids.kept", lang, path=shown, id=before["id"]))
            continue
        ids.write_id(path, number, slug)
        print(t("ids.assigned", lang, path=shown, id=number))
    if not given:
        print(t("ids.none", lang))
    return 0


def new_command(config: Settings, title: str | None, category: str | None, video: str | None,
                image: str | None, date: str | None, document: dict[str, str | None] | None = None) -> int:
    """Create a post; with no title, ask for each answer in the site's language."""
    lang = config.lang
    build = _load_or_report(config)
    if build is None:
        return 1
    posts = [article.post for article in build.articles.values()]
    allowed = list(config.categories) or ["Tin tức"]
    try:
        if title is None:
            title, category, video, image = _ask(lang, allowed)
        now = parse_date(date) if date else datetime.now(VIETNAM)
        if document is not None:  # an official document: its block checked before anything is written
            document = document_of(document, lang)
            category = category or DOCUMENTS
        chosen = choose_category(category, allowed, lang) if category else (
            next((c for c in allowed if fold(c) == "video"), allowed[0]) if video else allowed[0])
        created = create_post(
            config.posts_dir, posts, title=title, category=chosen, lang=lang, now=now,
            video=video or None, image=Path(image) if image else None,
            reserved=addresses.reserved_slugs(docs_of(config), config) | set(build.record_slugs()),
            first_id=build.next_id(), document=document,
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
    target = _poster_file(config, months, output)
    if target is None:
        return 1
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
        for line in _why_none(config, build, months, categories, wanted_ids):
            print(f"  {line}", file=sys.stderr)
        return 1
    settings = config.posters
    site_url = config.site_url
    try:
        data = render_posters([build.poster_content(p) for p in chosen], title="; ".join(months) or None)
    except PosterError:
        print(t("posters.unreadable", lang, url=site_url, size=settings.size), file=sys.stderr)
        return 1
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError:
        print(t("cli.output_unwritable", lang, path=_shown(target)), file=sys.stderr)
        return 1
    print(t("cli.posters_written", lang, path=_shown(target), count=len(chosen)))
    return 0


# render_posters names Loa Xã as the creator of every PDF it writes; with the `%PDF-` header, this
# is how a file loaxa may write over is told from any other.
_LOAXA_PDF = b"/Creator (Loa X"
_LARGEST_CHECKED = 256 * 1024 * 1024


def _poster_file(config: Settings, months: list[str], output: str | None) -> Path | None:
    """Where the posters go, or None after saying why not. Never a file loaxa did not write: a
    folder gets the default name inside it, and an existing file is replaced only when it is a
    poster PDF loaxa wrote. Without `output`: ap-phich/ beside mkdocs.yml."""
    name = "ap-phich" + "".join(f"-{m}" for m in months) + ".pdf"
    if output is None:
        target = config.root / "ap-phich" / name
    else:
        target = Path(output)
        if output.endswith(("/", os.sep)) or target.is_dir():
            target = target / name
    if not target.name.lower().endswith(".pdf"):
        print(t("cli.output_not_pdf", config.lang, path=output), file=sys.stderr)
        return None
    if (target.exists() or target.is_symlink()) and not _written_by_loaxa(target):
        print(t("cli.output_taken", config.lang, path=_shown(target), suggestion=_shown(_free(target))),
              file=sys.stderr)
        return None
    return target


def _written_by_loaxa(path: Path) -> bool:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > _LARGEST_CHECKED:
            return False
        data = path.read_bytes()
    except OSError:
        return False
    return data.startswith(b"%PDF-") and _LOAXA_PDF in data


def _free(path: Path) -> Path:
    """A name beside `path` that nothing uses yet: ap-phich-2.pdf, ap-phich-3.pdf, …"""
    number = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        number += 1


def _why_none(config: Settings, build: Build, months: list[str], categories: list[str],
              wanted_ids: set[int]) -> list[str]:
    """What the chosen months, categories and ids found, so staff can correct the command."""
    lang = config.lang
    published = build.published
    if not published:
        return [t("cli.none_published", lang)]
    either = t("cli.or", lang)
    filters = []
    if months:
        filters.append(t("cli.filter_months", lang, months=either.join(months)))
    if categories:
        filters.append(t("cli.filter_categories", lang,
                         categories=either.join(f'"{c}"' for c in categories)))
    if wanted_ids:
        filters.append(t("cli.filter_ids", lang, ids=either.join(map(str, sorted(wanted_ids)))))
    present = sorted({month_of(p.date) for p in published})
    lines = [t("cli.posters_chosen", lang, filters="; ".join(filters)),
             t("cli.months_present", lang, months=", ".join(present))]
    lines += [t("cli.month_empty", lang, month=m) for m in months if m not in present]
    if categories:
        found = [m for m in months if m in present]
        scope = [p for p in published if month_of(p.date) in found] if found else published
        counts = Counter(c for p in scope for c in p.categories)
        order = {name: number for number, name in enumerate(config.categories)}
        listed = ", ".join(t("cli.category_count", lang, name=name, count=counts[name])
                           for name in sorted(counts, key=lambda c: (order.get(c, len(order)), c)))
        lines.append(t("cli.categories_in", lang, months=either.join(found), categories=listed)
                     if found else t("cli.categories_present", lang, categories=listed))
    for number in sorted(wanted_ids):
        article = build.articles.get(number)
        if article is None:
            lines.append(t("cli.id_missing", lang, id=number))
        elif not article.published:
            lines.append(t("cli.id_unpublished", lang, id=number))
        else:
            lines.append(t("cli.id_found", lang, id=number, month=month_of(article.post.date),
                           categories=", ".join(article.post.categories)))
    return lines


def clean_photos_command(config: Settings, names: list[str]) -> int:
    """Remove the location and personal data from pictures, and the place where it was recorded
    from each video, in the posts folder: those named, or every one that still records where it
    was made. Nothing outside the posts folder is touched."""
    from . import photos, videos
    from .images import describe_error

    lang = config.lang
    if not config.posts_dir.is_dir():
        print(t("config.no_posts_dir", lang, path=config.posts_label), file=sys.stderr)
        return 1
    inside = config.posts_dir.resolve()
    named = []
    for name in names:
        path = Path(name)
        video = videos.is_video(path.name)
        if not path.resolve().is_relative_to(inside):
            print(t("clean.video_outside" if video else "clean.outside", lang, path=name,
                    folder=config.posts_label), file=sys.stderr)
            return 1
        if not path.is_file():
            print(t("clean.no_video" if video else "new.no_image", lang, value=name), file=sys.stderr)
            return 1
        if not (video or is_picture(path.name)):
            print(t("clean.not_picture", lang, path=name), file=sys.stderr)
            return 1
        named.append(path)

    failed: list[bool] = []  # for each file not cleaned, whether it is a video
    chosen = named
    if not names:
        chosen = []
        for path in sorted(config.posts_dir.rglob("*")):
            video = videos.is_video(path.name)
            if not ((video or is_picture(path.name)) and path.is_file()
                    and path.resolve().is_relative_to(inside)):
                continue
            try:
                if videos.has_location(path) if video else photos.has_location(path):
                    chosen.append(path)
            except ImageError as error:
                print(describe_error(error, _shown(path), lang), file=sys.stderr)
                failed.append(False)
            except OSError:
                print(t("clean.video_unreadable", lang, path=_shown(path)), file=sys.stderr)
                failed.append(True)
    pictures = clips = 0
    for path in chosen:
        if not videos.is_video(path.name):
            try:
                photos.clean_photo(path)
            except ImageError as error:
                print(describe_error(error, _shown(path), lang), file=sys.stderr)
                failed.append(False)
                continue
            pictures += 1
            print(t("clean.cleaned", lang, path=_shown(path)))
            continue
        try:
            changed = videos.clean_video(path)
        except OSError:
            print(t("clean.video_unreadable", lang, path=_shown(path)), file=sys.stderr)
            failed.append(True)
            continue
        if changed:
            clips += 1
            print(t("clean.video_cleaned", lang, path=_shown(path)))
        else:
            print(t("clean.video_unchanged", lang, path=_shown(path)))
    if clips or any(videos.is_video(path.name) for path in named):
        print(t("clean.summary_videos", lang, pictures=pictures, videos=clips))
    elif pictures or names:
        print(t("clean.summary", lang, count=pictures))
    elif not failed:
        print(t("clean.nothing", lang, folder=config.posts_label))
    if failed:
        print(t("clean.failed_files" if any(failed) else "clean.failed", lang, count=len(failed)),
              file=sys.stderr)
        return 1
    return 0


def remove_command(config: Settings, text: str) -> int:
    """Take a post down on purpose: its file is deleted and the record notes the removal, so its
    addresses and short link show the "removed" page instead of breaking."""
    lang = config.lang
    if not re.fullmatch(r"[1-9][0-9]{0,8}", text.strip()):
        print(t("remove.bad_id", lang, value=text), file=sys.stderr)
        return 2
    post_id = int(text)
    try:
        record = read_record(config.posts_dir)
    except RecordError:
        print(t("record.damaged", lang, path=f"{config.posts_label}/{RECORD_NAME}"), file=sys.stderr)
        return 1
    files = [path for path in scan(config.posts_dir, config.posts_label, lang).posts.values()
             if _id_of(path) == post_id]
    if not files and post_id not in record.addresses:
        print(t("remove.unknown", lang, id=post_id), file=sys.stderr)
        return 1
    if len(files) > 1:
        print(t("remove.several", lang, id=post_id, files=", ".join(_shown(f) for f in files)),
              file=sys.stderr)
        return 1
    if post_id in record.addresses:
        record.remove(post_id)
        save_record(config.posts_dir, record)
    for path in files:
        path.unlink()
        print(t("remove.deleted", lang, path=_shown(path)))
    key = "remove.recorded" if post_id in record.addresses else "remove.never_published"
    print(t(key, lang, id=post_id, addresses=", ".join(record.addresses.get(post_id, []))))
    return 0


def _id_of(path: Path) -> int | None:
    try:
        value = frontmatter.read(path.read_bytes()).fields["id"].value
    except (LoaxaError, KeyError, OSError):
        return None
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _utf8_console() -> None:
    # A Windows console may default to a code page that cannot print Vietnamese.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower() not in ("utf-8", "utf8"):
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
