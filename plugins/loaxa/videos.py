"""Videos as staff hand them in: the place where they were recorded found and removed.

Phones write that place into an MP4 or QuickTime file (.mp4, .m4v, .mov) in these ways, all read
here: a `©xyz` box (in `udta` under `moov` or a track, or an item of an iTunes-style `ilst`), the
3GPP `loci` box, Apple's metadata (a `meta` whose `keys` name `com.apple.quicktime.location.…`,
with the values in its `ilst`), and XMP (a `uuid` box with the XMP id, or `udta/XMP_`) naming
exif:GPSLatitude or GPSLongitude.

A video is cleaned without moving one byte: each box that holds a place (and each XMP packet,
which may hold more personal data) becomes a `free` box of the same size holding only zeros, and
the name of each Apple location key is overwritten with zeros. Sizes and offsets stay as they
were, so the chunk offsets (`stco`, `co64`) still point at the same pictures and sound and the
video plays as before; Apple's other keys (camera make, model, software) are kept.

Only box headers and the small metadata boxes are read: the picture and sound data (`mdat`) are
passed over with a seek, so a 200 MB video never sits in memory.

Not handled: tracks whose samples carry positions (action cameras' GPS telemetry, drones'
subtitles), which would need the video rebuilt; and WebM (Matroska), which is not read at all:
phones and browsers do not write a place into it (Matroska's RECORDING_LOCATION tag is almost never
used, and finding it means walking clusters of unknown size), so `has_location` says False and
`clean_video` leaves such a file as it is.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

# The videos `loaxa clean-photos` looks at.
SUFFIXES = (".mp4", ".m4v", ".mov", ".webm")

_XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
_XMP_GPS = re.compile(rb"GPS(?:Latitude|Longitude)")
_LOCATION_KEY = b"com.apple.quicktime.location."
_PLACE_BOXES = (b"\xa9xyz", b"loci")
# Boxes whose content is more boxes, on the way to the metadata.
_CONTAINERS = frozenset({b"moov", b"trak", b"mdia", b"minf", b"udta", b"meta", b"ilst"})
# What an MP4 or QuickTime file starts with.
_FIRST_BOXES = frozenset({b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid"})
_SMALL = 64 * 1024  # as much of a place box as tells whether it is empty
_KEYS_LIMIT = 1 << 20  # a `keys` box larger than this is not a phone's
_CHUNK = 1 << 20
_DEPTH = 16


class _NotMP4(Exception):
    """The file is not a box tree that can be walked, so it is neither read nor changed."""


@dataclass(frozen=True)
class _Box:
    kind: bytes
    start: int
    header: int  # size, type and any 64-bit size: where the content of a `free` box begins
    body: int  # where the content begins (after the 16-byte id of a `uuid` box)
    end: int


@dataclass(frozen=True)
class _Finding:
    """Bytes to wipe: a whole box made `free` (`box`), or a range filled with zeros."""

    start: int
    end: int
    box: bool
    located: bool  # whether it holds a place (and not only an empty box or a key's name)


def is_video(name: str) -> bool:
    """Whether a file of this name is a video `clean_video` is meant for (by its suffix)."""
    return name.lower().endswith(SUFFIXES)


def has_location(path: Path) -> bool:
    """Whether the video at `path` tells where it was recorded: a `©xyz` or `loci` box, or an
    Apple location key, with a value that is not empty, or XMP naming a latitude or longitude.
    False for a file that is not an MP4 or QuickTime box tree (WebM among them). Raises OSError
    when the file cannot be read."""
    with open(path, "rb") as file:
        try:
            return any(finding.located for finding in _scan(file))
        except _NotMP4:
            return False


def clean_video(source: Path, target: Path | None = None) -> bool:
    """Write the video `source` to `target` (`source` itself when None) without the place where it
    was recorded, nor its XMP; True when something was removed. Nothing moves: what is removed
    is overwritten with a `free` box of the same size, so the video plays as before.

    The file is copied beside its destination, changed, written to disk and put in place in one
    step: a killed run leaves the old file or the new one. When `source` is a link, the file it
    leads to is cleaned. A file that is not an MP4 or QuickTime box tree, or that holds nothing to
    remove, is left as it is (copied as it is to `target`). Raises OSError when a file cannot be
    read or written."""
    final = Path(os.path.realpath(source)) if target is None else target
    with open(source, "rb") as file:
        try:
            findings = _scan(file)
        except _NotMP4:
            findings = []
    if not findings and target is None:
        return False
    temporary = final.with_name(f".{final.name}.{secrets.token_hex(8)}.tmp")
    try:
        # Not tempfile: its files are private (0600); these keep the usual mode.
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        shutil.copyfile(source, temporary)
        if target is None:
            shutil.copymode(source, temporary)
        with open(temporary, "r+b") as file:
            if findings:  # found again in the copy, which is what is written
                try:
                    findings = _scan(file)
                except _NotMP4:
                    findings = []
            for finding in findings:
                _wipe(file, finding)
            file.flush()
            os.fsync(file.fileno())
        if not findings and target is None:
            temporary.unlink()
            return False
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _sync_folder(final.parent)
    return bool(findings)


def _scan(file: BinaryIO) -> list[_Finding]:
    """Everything to wipe in the file. Raises _NotMP4 when it is no box tree."""
    size = os.fstat(file.fileno()).st_size
    findings: list[_Finding] = []
    first = True
    for box in _boxes(file, 0, size, top=True):
        if first and box.kind not in _FIRST_BOXES:
            raise _NotMP4
        first = False
        _visit(file, box, findings, 0)
    if first:
        raise _NotMP4
    unique = {(finding.start, finding.end, finding.box): finding for finding in findings}
    return list(unique.values())


def _boxes(file: BinaryIO, start: int, end: int, top: bool = False) -> Iterator[_Box]:
    """The boxes from `start` to `end`. Fewer than 8 bytes left over are a QuickTime `udta`'s
    closing zeros; a last box of media data cut short (a recording that was stopped) is allowed at
    the top. Raises _NotMP4 for a box that does not fit."""
    position = start
    while end - position >= 8:
        file.seek(position)
        head = _read(file, 8)
        size = int.from_bytes(head[:4], "big")
        kind = head[4:]
        header = 8
        if size == 1:  # the size follows as 64 bits
            if end - position < 16:
                raise _NotMP4
            size = int.from_bytes(_read(file, 8), "big")
            header = 16
        elif size == 0:  # up to the end of the file (or of the box around it)
            size = end - position
        body = position + header + (16 if kind == b"uuid" else 0)
        box_end = position + size
        if size < header or body > box_end:
            raise _NotMP4
        if box_end > end:
            if not top or kind in _CONTAINERS:
                raise _NotMP4
            box_end = end
        yield _Box(kind, position, header, body, box_end)
        position = box_end


def _visit(file: BinaryIO, box: _Box, findings: list[_Finding], depth: int) -> None:
    if box.kind in _PLACE_BOXES:
        findings.append(_Finding(box.start, box.end, True, _filled(file, box)))
    elif box.kind == b"XMP_" or (box.kind == b"uuid" and _uuid(file, box) == _XMP_UUID):
        findings.append(_Finding(box.start, box.end, True, _names_gps(file, box.body, box.end)))
    elif box.kind in _CONTAINERS and depth < _DEPTH:
        start = box.body + (_meta_header(file, box) if box.kind == b"meta" else 0)
        children = list(_boxes(file, start, box.end))
        for child in children:
            _visit(file, child, findings, depth + 1)
        if box.kind == b"meta":
            _apple_keys(file, children, findings)


def _meta_header(file: BinaryIO, box: _Box) -> int:
    """The bytes before the first box in a `meta`: 4 (version and flags) in an ISO file, none in
    QuickTime's, where a box type stands at once where the ISO file has a box size."""
    file.seek(box.body)
    start = file.read(8)
    if len(start) < 8 or box.end - box.body < 8:
        return 0
    return 0 if all(0x20 <= byte < 0x7F or byte == 0xA9 for byte in start[4:]) else 4


def _apple_keys(file: BinaryIO, children: list[_Box], findings: list[_Finding]) -> None:
    """The names of the Apple location keys in a `meta`, and the `ilst` items holding their
    values (each item's type is the number of its key, counted from 1)."""
    keys = next((child for child in children if child.kind == b"keys"), None)
    if keys is None:
        return
    if keys.end - keys.body > _KEYS_LIMIT:
        raise _NotMP4
    file.seek(keys.body)
    data = _read(file, keys.end - keys.body)  # version and flags, count, then each key
    if len(data) < 8:
        raise _NotMP4
    located: set[int] = set()
    position = 8
    for number in range(1, int.from_bytes(data[4:8], "big") + 1):
        size = int.from_bytes(data[position:position + 4], "big")
        if size < 8 or position + size > len(data):
            raise _NotMP4
        if data[position + 8:position + size].startswith(_LOCATION_KEY):  # after size and namespace
            located.add(number)
            findings.append(_Finding(keys.body + position + 8, keys.body + position + size, False, False))
        position += size
    for items in (child for child in children if child.kind == b"ilst"):
        for item in _boxes(file, items.body, items.end):
            if int.from_bytes(item.kind, "big") in located:
                findings.append(_Finding(item.start, item.end, True, _filled(file, item)))


def _filled(file: BinaryIO, box: _Box) -> bool:
    """Whether a place box, or an `ilst` item, holds a value that is not empty."""
    file.seek(box.body)
    content = file.read(min(box.end - box.body, _SMALL))
    if content[4:8] == b"data":  # an item: size, "data", type, locale, value
        content = content[16:]
    elif box.kind == b"loci":  # version and flags, language; then name, role, coordinates…
        content = content[6:]
    elif box.kind == b"\xa9xyz":  # length and language, then the text
        content = content[4:]
    return content.strip(b"\x00 ") != b""


def _uuid(file: BinaryIO, box: _Box) -> bytes:
    file.seek(box.body - 16)
    return file.read(16)


def _names_gps(file: BinaryIO, start: int, end: int) -> bool:
    """Whether the XMP between `start` and `end` names a latitude or longitude, read in parts."""
    overlap = len(b"GPSLongitude") - 1
    position = start
    tail = b""
    while position < end:
        file.seek(position)
        part = file.read(min(_CHUNK, end - position))
        if not part:
            return False
        if _XMP_GPS.search(tail + part):
            return True
        tail = part[-overlap:]
        position += len(part)
    return False


def _wipe(file: BinaryIO, finding: _Finding) -> None:
    start = finding.start
    if finding.box:
        file.seek(start)
        size = int.from_bytes(_read(file, 4), "big")
        file.seek(start + 4)
        file.write(b"free")
        start += 16 if size == 1 else 8  # the sizes stay; all after them becomes zeros
    file.seek(start)
    remaining = finding.end - start
    zeros = bytes(min(_CHUNK, remaining))
    while remaining > 0:
        file.write(zeros[:remaining])
        remaining -= min(remaining, len(zeros))


def _read(file: BinaryIO, count: int) -> bytes:
    data = file.read(count)
    if len(data) < count:
        raise _NotMP4
    return data


def _sync_folder(folder: Path) -> None:
    """Write the folder's list of files to disk, so the new name survives a power cut."""
    if os.name != "posix":
        return
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
