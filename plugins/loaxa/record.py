"""The record of every article address the site has published, kept in the repository.

A printed poster, a shared Facebook or Zalo post, a bookmark: each holds an address that must
keep working. The record lists, for every post id, each address its article has had, oldest
first, and whether the post was removed on purpose. Lines are only ever added, so the file
merges like a log. Staff never edit it: builds and `loaxa check` add addresses, `loaxa remove`
adds a removal.

    # (comment lines)
    15	hop-dan/
    15	hop-dan-ban-na-khan/
    7	-
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .store import write_atomic

NAME = ".addresses.tsv"   # inside the posts folder: hidden, so never published
# Set to 1 by the publish workflow: only the build that publishes the site writes the record, so a
# staff member's own builds and checks never fix an address nobody has seen yet.
PUBLISHING = "LOAXA_PUBLISHING"
REMOVED = "-"
HEADER = (
    "# Loa Xã: every article address this site has published (id, address), oldest first;\n"
    "# '-' marks a post removed on purpose. Written by loaxa: never edit this file by hand.\n"
    "# Tệp do loaxa ghi: đừng sửa tay. Mỗi dòng: số id, địa chỉ bài đã đăng; '-' là bài đã gỡ.\n"
)
_LINE = re.compile(r"^([1-9][0-9]{0,8})\t(-|[a-z0-9]+(?:-[a-z0-9]+)*/)$")


@dataclass
class Record:
    """The addresses by id, oldest first; `removed` the ids removed on purpose."""

    addresses: dict[int, list[str]] = field(default_factory=dict)
    removed: set[int] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)   # as read, to append to
    where: dict[int, int] = field(default_factory=dict)  # id → line of its latest entry in the file

    def line_of(self, post_id: int) -> int:
        """The line of the file that holds `post_id`'s latest entry (1 when it has none yet)."""
        return self.where.get(post_id, 1)

    def latest(self, post_id: int) -> str | None:
        found = self.addresses.get(post_id)
        return found[-1] if found else None

    def owners(self) -> dict[str, int]:
        """Each address ever published, with the id it belongs to."""
        return {address: post_id for post_id, found in self.addresses.items() for address in found}

    def add(self, post_id: int, address: str) -> bool:
        """Note that the article `post_id` is published at `address`; True when that is new."""
        if self.latest(post_id) == address and post_id not in self.removed:
            return False
        found = self.addresses.setdefault(post_id, [])
        if address in found:
            found.remove(address)
        found.append(address)
        self.removed.discard(post_id)
        self.lines.append(f"{post_id}\t{address}")
        return True

    def remove(self, post_id: int) -> bool:
        if post_id in self.removed:
            return False
        self.removed.add(post_id)
        self.lines.append(f"{post_id}\t{REMOVED}")
        return True

    def text(self) -> str:
        return HEADER + "".join(line + "\n" for line in self.lines)


class RecordError(ValueError):
    """A line of the record that is not as loaxa writes it: `line` is its 1-based number."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def publishing() -> bool:
    return os.environ.get(PUBLISHING) == "1"


def path_in(posts_dir: Path) -> Path:
    return posts_dir / NAME


def read_record(posts_dir: Path) -> Record:
    """The record of the site whose posts are in `posts_dir` (empty when there is none yet).
    Raises RecordError naming the first line loaxa did not write."""
    record = Record()
    try:
        data = path_in(posts_dir).read_bytes()
    except FileNotFoundError:
        return record
    except OSError:
        raise RecordError(1) from None
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            line = raw.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError:
            raise RecordError(number) from None
        if not line or line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match is None:
            raise RecordError(number)
        post_id, address = int(match[1]), match[2]
        if address == REMOVED:
            record.removed.add(post_id)
        else:
            found = record.addresses.setdefault(post_id, [])
            if address in found:
                found.remove(address)
            found.append(address)
            record.removed.discard(post_id)
        record.lines.append(line)
        record.where[post_id] = number
    return record


def save_record(posts_dir: Path, record: Record) -> bool:
    """Write the record when it changed; True when it did."""
    target = path_in(posts_dir)
    data = record.text().encode("utf-8")
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        if not record.lines:
            return False
    write_atomic(target, data)
    return True


def record_published(record: Record, published: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Add each (id, address) of the articles published now, in id order; the ones that were new."""
    return [(post_id, address) for post_id, address in sorted(published) if record.add(post_id, address)]
