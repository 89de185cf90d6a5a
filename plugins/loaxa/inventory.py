"""What the posts folder holds: the posts, the media posts may use, and what is refused.

Only regular files inside the posts (or docs) folder are read; a link leading out of them, a
special file, an unreadable one or a name the site cannot carry is reported, never followed.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .i18n import t
from .images import PICTURE_SUFFIXES

POST_SUFFIX = ".md"
# Saved with another extension, a post would silently disappear: it is named and refused.
POST_LIKE_SUFFIXES = (".markdown", ".mdown", ".mkd", ".mkdn", ".mdwn", ".txt", ".text")
VIDEO_SUFFIXES = (".mp4", ".webm")
DOCUMENT_SUFFIXES = (".pdf",)
MEDIA_SUFFIXES = PICTURE_SUFFIXES + VIDEO_SUFFIXES + DOCUMENT_SUFFIXES
MAX_POST_BYTES = 1_000_000      # a long guide is 50 kB; a megabyte of text is a pasted file
MAX_NAME = 120                  # characters in one file or folder name


@dataclass
class Inventory:
    """The posts folder, sorted: `posts` and `media` by their '/'-separated path inside it."""

    posts: dict[str, Path] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)     # stop every build
    refused: list[Problem] = field(default_factory=list)    # never published; stop a strict build


def scan(posts_dir: Path, label: str, lang: str, *, allowed_roots: tuple[Path, ...] = ()) -> Inventory:
    """Every file below `posts_dir` by what it is. Hidden files and folders (".git", ".DS_Store")
    and the files Windows and Office leave behind are left out. A symbolic link is read only when
    it leads to a regular file inside `posts_dir` or one of `allowed_roots`."""
    found = Inventory()
    roots = tuple(Path(os.path.realpath(r)) for r in (posts_dir, *allowed_roots))

    def report(errors: list[Problem], relpath: str, key: str, **values: object) -> None:
        errors.append(Problem(f"{label}/{_shown(relpath)}", 1, t("field.file", lang),
                              t(key, lang, **values)))

    def walk(folder: str, base: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            report(found.errors, base.rstrip("/") or ".", "files.unreadable_folder")
            return
        for entry in entries:
            name, relpath = entry.name, base + entry.name
            if name.startswith(".") or name in _LEFT_BEHIND or name.startswith("~$"):
                continue
            if _bad_name(found.errors, relpath, name, report):
                continue
            if entry.is_dir(follow_symlinks=False):
                walk(entry.path, relpath + "/")
            elif entry.is_symlink() and os.path.isdir(entry.path):
                report(found.errors, relpath, "files.linked_folder")
            else:
                _file(entry, relpath)

    def _file(entry: os.DirEntry, relpath: str) -> None:
        problem = _unsafe(entry, roots)  # before anything is opened: a pipe would never answer
        if problem is not None:
            report(found.errors, relpath, problem)
            return
        path = Path(entry.path)
        kind = _kind(entry.name, path)
        if kind is None:
            report(found.refused, relpath, "files.not_published", suffix=_suffix(entry.name) or entry.name)
        elif kind == "post":
            size = entry.stat().st_size
            if size > MAX_POST_BYTES:
                report(found.errors, relpath, "files.post_too_big", size=f"{size / 1_000_000:.1f}",
                       limit=MAX_POST_BYTES // 1000)
            else:
                found.posts[unicodedata.normalize("NFC", relpath)] = path
        elif kind == "media":
            found.media[unicodedata.normalize("NFC", relpath)] = path
        else:
            report(found.errors, relpath, "files.rename_post", name=kind)

    walk(os.fspath(posts_dir), "")
    return found


# Files the system or an office program writes beside the ones staff save.
_LEFT_BEHIND = frozenset({"Thumbs.db", "desktop.ini", "Desktop.ini", "ehthumbs.db", "Icon\r"})


def site_files(docs_dir: Path) -> list[str]:
    """The site's own files as MkDocs lists them ('/'-separated, relative to `docs_dir`): linked
    folders followed, hidden names left out."""
    found = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder).relative_to(docs_dir)
        found += [(base / name).as_posix() for name in sorted(files) if not name.startswith(".")]
    return found


def screen_site_files(docs_dir: Path, paths: list[str], roots: tuple[Path, ...], lang: str
                      ) -> tuple[list[Problem], list[str]]:
    """The site's own files (`paths`, relative to `docs_dir`) that must not be read or published:
    links leading out of `roots` or nowhere, special files, pages not saved as UTF-8. Returns the
    problems and those paths."""
    problems, refused = [], []
    real_roots = tuple(Path(os.path.realpath(root)) for root in roots)
    for path in paths:
        full = os.path.join(docs_dir, path)
        if not os.path.lexists(full):
            continue  # a theme's file
        key = _refusal(full, real_roots, is_link=os.path.islink(full), resolve=True)
        if key is None and path.endswith(".md"):
            try:
                with open(full, "rb") as handle:
                    handle.read(MAX_POST_BYTES).decode("utf-8")
            except UnicodeDecodeError:
                key = "post.not_utf8"
            except OSError:
                key = "files.unreadable"
        if key is not None:
            problems.append(Problem(f"{docs_dir.name}/{path}", 1, t("field.file", lang), t(key, lang)))
            refused.append(path)
    return problems, refused


def _kind(name: str, path: Path) -> str | None:
    """"post", "media", a better name for a post saved under another extension, or None."""
    lower = name.lower()
    if name.endswith(POST_SUFFIX):
        return "post"
    if lower.endswith(POST_SUFFIX) or lower.endswith(tuple(s for s in POST_LIKE_SUFFIXES if s != ".txt")):
        return name[: name.rindex(".")] + POST_SUFFIX
    if lower.endswith(MEDIA_SUFFIXES):
        return "media"
    if lower.endswith((".txt", ".text")):
        stem = name[: name.rindex(".")]
        if stem.lower().endswith(POST_SUFFIX):        # "bai.md.txt": Windows added the .txt
            return stem[: -len(POST_SUFFIX)] + POST_SUFFIX
        if _looks_like_post(path):
            return stem + POST_SUFFIX
    return None


def _looks_like_post(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"---")


def _unsafe(entry: os.DirEntry, roots: tuple[Path, ...]) -> str | None:
    """Why a file of the posts folder must not be read, or None. Only links are resolved: a
    folder of plain files costs no more than listing it."""
    return _refusal(entry.path, roots, is_link=entry.is_symlink(), resolve=False)


def _refusal(path: str, roots: tuple[Path, ...], *, is_link: bool, resolve: bool) -> str | None:
    """Why the file at `path` must not be read: a broken link, one leading out of `roots`, a
    special or unreadable file; None when it is safe. `resolve` follows the folders above it
    too (MkDocs follows linked folders in docs/)."""
    try:
        if is_link or resolve:
            target = Path(os.path.realpath(path))
            info = os.stat(target)
            if not any(target.is_relative_to(root) for root in roots):
                return "files.link_outside"
        else:
            info = os.lstat(path)
    except OSError:
        return "files.broken_link" if is_link else "files.unreadable"
    if not stat.S_ISREG(info.st_mode):
        return "files.special"
    if not os.access(path, os.R_OK):
        return "files.unreadable"
    return None


def _bad_name(errors: list[Problem], relpath: str, name: str, report) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        report(errors, relpath, "files.name_not_utf8")
        return True
    if len(name) > MAX_NAME:
        report(errors, relpath, "files.name_too_long", length=len(name), limit=MAX_NAME)
        return True
    return False


def _suffix(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def _shown(relpath: str) -> str:
    """A path that can be printed whatever bytes its name holds."""
    return relpath.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
