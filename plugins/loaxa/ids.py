"""Giving posts written without an id (in the web editor) their permanent id, and keeping it.

Only the publish workflow gives ids (`loaxa assign-ids`), one run at a time, before it checks and
builds: every new id is past every id in the posts, in the record of published addresses and of
removed posts, so two posts saved at the same moment get two ids, and an id once given is never
given again. The id is written as the first line of the front matter, with the address the post
gets (`slug:`), so that a later title change never moves it; nothing else in the file changes.

The editor in a browser tab keeps the copy it opened: saved again after the workflow numbered
it, the post comes back without its `id:` and `slug:` lines. They are put back, from the file on
disk (`loaxa editor`) or from the post's history in git (the workflow), never given anew.
"""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from pathlib import Path

from . import frontmatter
from .frontmatter import FrontMatterError
from .posts import _misspelt

KEPT = ("id", "slug")  # what the workflow writes and the editor never shows


def without_id(files: Mapping[str, Path]) -> list[str]:
    """The posts (paths inside the posts folder, in order) whose readable front matter has no
    id, nor a misspelt one that the validator would point at."""
    return [relpath for relpath, path in sorted(files.items()) if _lacks_id(_read(path))]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def _fields(data: bytes) -> dict[str, str] | None:
    """The front matter's fields as written, or None when it cannot be read."""
    try:
        matter = frontmatter.read(data)
    except FrontMatterError:
        return None
    return {name: item.text if item.text is not None else str(item.value)
            for name, item in matter.fields.items()}


def _lacks_id(data: bytes) -> bool:
    try:
        matter = frontmatter.read(data)
    except FrontMatterError:
        return False
    names = set(matter.fields) | {item.name for item, _ in matter.duplicates}
    return "id" not in names and not any(_misspelt(name) == "id" for name in names)


def insert_fields(data: bytes, fields: Mapping[str, object]) -> bytes:
    """`data` with `name: value` lines right after the opening `---` line, in its line ending."""
    end = 0
    while True:  # blank lines may come before the opening line (the validator allows them)
        end = data.index(b"\n", end) + 1
        if data[:end].lstrip(b"\xef\xbb\xbf").strip():
            break
    newline = b"\r\n" if data[:end].endswith(b"\r\n") else b"\n"
    lines = b"".join(f"{name}: {value}".encode() + newline for name, value in fields.items() if value)
    return data[:end] + lines + data[end:]


def write_id(path: Path, post_id: int, slug: str | None = None) -> None:
    """Insert `id: <post_id>` (and `slug: <slug>`) at the top of the post's front matter."""
    path.write_bytes(insert_fields(path.read_bytes(), {"id": post_id, "slug": slug}))


def kept(old: bytes, new: bytes) -> bytes:
    """`new` (a post as the editor saves it), with the id and slug `old` had and `new` lacks."""
    before, after = _fields(old), _fields(new)
    if not before or after is None or "id" not in before or not _lacks_id(new):
        return new
    return insert_fields(new, {name: before[name] for name in KEPT if name in before and name not in after})


def earlier(root: Path, path: Path) -> dict[str, str]:
    """The id and slug the post at `path` had in its latest version in git that had an id
    (empty outside a repository, or when it never had one)."""
    try:
        commits = _git(root, "log", "--format=%H", "--", str(path)).split()
        for commit in commits:
            relative = path.resolve().relative_to(root.resolve()).as_posix()
            fields = _fields(_git(root, "show", f"{commit}:./{relative}").encode("utf-8")) or {}
            if "id" in fields:
                return {name: fields[name] for name in KEPT if name in fields}
    except (OSError, ValueError, subprocess.SubprocessError):
        pass
    return {}


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8",
                          check=True, timeout=60).stdout
