"""The picture cache checks itself: a damaged entry is made again, reported, never published."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest
from loaxa.images import ProcessedImage, process_image
from PIL import Image
from test_photos import gif_picture, heic_photo, tiff_photo


def photo(path: Path, size=(1000, 700)) -> Path:
    """A noisy JPEG, big enough for two widths (480 and 960)."""
    rng = random.Random(11)
    image = Image.effect_noise(size, 30).convert("RGB")
    image.paste((rng.randrange(256), 90, 50), (0, 0, size[0] // 3, size[1] // 3))
    image.save(path, "JPEG", quality=90)
    return path


def files_of(processed: ProcessedImage) -> list[Path]:
    return [*(v.path for v in processed.variants), processed.fallback]


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


class Repairs(list):
    """An on_repair callback that remembers the folders it was given."""

    def __call__(self, folder: Path) -> None:
        self.append(folder)


@pytest.fixture
def cached(tmp_path):
    """A picture processed once into tmp_path/cache, and what a fresh cache makes of it."""
    source = photo(tmp_path / "anh.jpg")
    processed = process_image(source, tmp_path / "cache")
    fresh = process_image(source, tmp_path / "fresh")
    return source, processed, contents(fresh.fallback.parent)


def reprocess(tmp_path, source, first, fresh_files):
    """Process again after damage: repaired once, and exactly as a fresh cache would be."""
    repairs = Repairs()
    again = process_image(source, tmp_path / "cache", on_repair=repairs)
    folder = first.fallback.parent
    assert repairs == [folder]
    assert again == first
    assert contents(folder) == fresh_files
    for path in files_of(again):
        with Image.open(path) as image:
            image.load()  # decodes to the end: nothing truncated is published
    # Repaired for good: the next call reuses it without a word.
    assert process_image(source, tmp_path / "cache", on_repair=repairs) == first
    assert len(repairs) == 1


def test_manifest_records_length_and_hash_of_every_file(cached):
    _, processed, _ = cached
    lines = (processed.fallback.parent / "sizes.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "loaxa-images 3"
    for line, path in zip(lines[1:-1], files_of(processed), strict=True):
        data = path.read_bytes()
        assert line.split()[-2:] == [str(len(data)), hashlib.sha256(data).hexdigest()]
    above = "".join(line + "\n" for line in lines[:-1]).encode()
    assert lines[-1] == f"end {hashlib.sha256(above).hexdigest()}"
    assert not [p for p in processed.fallback.parent.iterdir() if p.name.endswith(".tmp")]


def test_second_call_reuses_without_writing(tmp_path, cached):
    source, first, _ = cached
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")}
    repairs = Repairs()
    assert process_image(source, tmp_path / "cache", on_repair=repairs) == first
    assert repairs == []
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")} == stamps


@pytest.mark.parametrize("which", [0, -1], ids=["variant", "fallback"])
def test_truncated_file_is_made_again(tmp_path, cached, which):
    source, first, fresh_files = cached
    damaged = files_of(first)[which]
    damaged.write_bytes(damaged.read_bytes()[:1000])
    reprocess(tmp_path, source, first, fresh_files)


def test_same_length_other_bytes_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached
    damaged = first.variants[-1].path
    data = bytearray(damaged.read_bytes())
    data[len(data) // 2] ^= 0xFF
    damaged.write_bytes(bytes(data))
    reprocess(tmp_path, source, first, fresh_files)


def test_deleted_variant_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached
    first.variants[0].path.unlink()
    reprocess(tmp_path, source, first, fresh_files)


@pytest.mark.parametrize("keep", [0, 10, 40, -1, -30], ids=lambda k: f"keep{k}")
def test_truncated_manifest_is_made_again(tmp_path, cached, keep):
    source, first, fresh_files = cached
    manifest = first.fallback.parent / "sizes.txt"
    manifest.write_bytes(manifest.read_bytes()[:keep])
    reprocess(tmp_path, source, first, fresh_files)


@pytest.mark.parametrize("garbage", [
    b"\x00\xff\xfe garbage \x89PNG\r\n",
    b"variant\n",
    b"variant 480 abc .webp\n",
    b"\n\n\n",
    "biến thể 480\n".encode("utf-8"),
], ids=["binary", "short-line", "not-a-number", "blank", "unicode"])
def test_garbage_manifest_is_made_again(tmp_path, cached, garbage):
    source, first, fresh_files = cached
    (first.fallback.parent / "sizes.txt").write_bytes(garbage)
    reprocess(tmp_path, source, first, fresh_files)


def test_old_format_manifest_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached
    old = [f"variant {v.width} {v.height} {v.suffix}" for v in first.variants]
    old.append(f"fallback {first.width} {first.height} .jpg")
    (first.fallback.parent / "sizes.txt").write_text("\n".join(old) + "\n", encoding="utf-8")
    reprocess(tmp_path, source, first, fresh_files)


def rewrite_manifest(manifest: Path, change, *, rehash: bool) -> None:
    """`change` applied to the file lines; the final hash line recomputed or kept as it was."""
    lines = manifest.read_text(encoding="utf-8").splitlines()
    body = "".join(line + "\n" for line in change(lines[:-1]))
    end = f"end {hashlib.sha256(body.encode()).hexdigest()}" if rehash else lines[-1]
    manifest.write_text(body + end + "\n", encoding="utf-8")


def test_well_formed_manifest_with_wrong_file_hash_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached

    def wrong_hash(lines):
        fields = lines[1].split()
        fields[-1] = hashlib.sha256(b"something else").hexdigest()
        return [lines[0], " ".join(fields), *lines[2:]]

    rewrite_manifest(first.fallback.parent / "sizes.txt", wrong_hash, rehash=True)
    reprocess(tmp_path, source, first, fresh_files)


def test_manifest_edited_without_its_own_hash_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached

    def other_height(lines):
        fields = lines[1].split()
        fields[2] = str(int(fields[2]) + 1)
        return [lines[0], " ".join(fields), *lines[2:]]

    rewrite_manifest(first.fallback.parent / "sizes.txt", other_height, rehash=False)
    reprocess(tmp_path, source, first, fresh_files)


def test_manifest_missing_a_line_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached
    rewrite_manifest(first.fallback.parent / "sizes.txt", lambda lines: lines[:-1], rehash=True)
    reprocess(tmp_path, source, first, fresh_files)


def test_entry_that_is_a_file_is_made_again(tmp_path, cached):
    source, first, fresh_files = cached
    folder = first.fallback.parent
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_bytes(b"not a folder")
    reprocess(tmp_path, source, first, fresh_files)


def test_entry_without_manifest_is_finished_quietly(tmp_path, cached):
    """What a build killed before its manifest leaves: made again, nothing to report."""
    source, first, fresh_files = cached
    folder = first.fallback.parent
    (folder / "sizes.txt").unlink()
    first.variants[-1].path.write_bytes(b"half")
    stale = folder / f".sizes.txt.{'0' * 16}.tmp"
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    repairs = Repairs()
    assert process_image(source, tmp_path / "cache", on_repair=repairs) == first
    assert repairs == []
    assert contents(folder) == fresh_files


def test_damage_without_callback_is_repaired_silently(tmp_path, cached):
    source, first, fresh_files = cached
    first.fallback.write_bytes(b"")
    assert process_image(source, tmp_path / "cache") == first
    assert contents(first.fallback.parent) == fresh_files


@pytest.mark.parametrize("make, name, fallback", [(heic_photo, "anh.heic", ".jpg"),
                                                  (tiff_photo, "anh.TIF", ".jpg"),
                                                  (gif_picture, "anh.gif", ".gif")])
def test_other_formats_are_reused_and_checked(tmp_path, make, name, fallback):
    source = make(tmp_path / name)
    first = process_image(source, tmp_path / "cache")
    fresh_files = contents(process_image(source, tmp_path / "fresh").fallback.parent)
    assert first.fallback.name == f"fallback{fallback}"
    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")}
    assert process_image(source, tmp_path / "cache") == first
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "cache").rglob("*")} == stamps

    def other_format(lines):  # a fallback this original never gets, with a consistent manifest
        fields = lines[-1].split()
        fields[3] = ".bmp"
        return [*lines[:-1], " ".join(fields)]

    rewrite_manifest(first.fallback.parent / "sizes.txt", other_format, rehash=True)
    reprocess(tmp_path, source, first, fresh_files)
