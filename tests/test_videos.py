"""Videos lose the place where they were recorded, and nothing else moves: they still play."""

from __future__ import annotations

import shutil
import subprocess
import tracemalloc
from pathlib import Path

import pytest
from loaxa.videos import clean_video, has_location, is_video

XMP_UUID = bytes.fromhex("BE7ACFCB97A942E89C71999491E3AFAC")
PLACE = "+21.0000+103.0000/"
APPLE_PLACE = "+21.0000+103.0000+012.345/"
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
       'syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude='
       '"21,0.0N" exif:GPSLongitude="103,0.0E"/></rdf:RDF></x:xmpmeta>').encode()
# The samples in the media data, each pointed at by the track's chunk offsets.
CHUNKS = [b"frame-one-" * 10, b"sound-two-" * 7, b"frame-three" * 5]


def box(kind: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def full(kind: bytes, *parts: bytes) -> bytes:
    return box(kind, b"\x00\x00\x00\x00", *parts)


def text(value: str) -> bytes:
    """QuickTime text: length, language, then the text."""
    return len(value).to_bytes(2, "big") + b"\x15\xc7" + value.encode()


def item(kind: bytes, value: bytes) -> bytes:
    """An `ilst` item with one UTF-8 `data` value."""
    return box(kind, box(b"data", (1).to_bytes(4, "big"), b"\x00\x00\x00\x00", value))


def keys(*names: str) -> bytes:
    entries = b"".join(box(b"mdta", name.encode()) for name in names)
    return full(b"keys", len(names).to_bytes(4, "big"), entries)


def handler(kind: bytes) -> bytes:
    return full(b"hdlr", b"\x00" * 4, kind, b"\x00" * 12, b"\x00")


def mp4(*, place: str = PLACE, xmp: bytes = XMP, large: bool = False, to_end: bool = False,
        extra: int = 0) -> bytes:
    """A small video as a phone writes it: a place in `moov/udta/©xyz`, in a track's `udta`, in an
    iTunes-style `ilst` (ISO `meta`), in Apple's keys (QuickTime `meta`) and in XMP (`udta/XMP_`
    and a `uuid` box), then the media data, 64-bit sized when `large`, sized 0 ("to the end of
    the file") when `to_end`; `extra` bytes declared after the samples, to be made by truncate."""
    ftyp = box(b"ftyp", b"isom", (512).to_bytes(4, "big"), b"isomiso2avc1mp41")
    uuid = box(b"uuid", XMP_UUID, xmp)
    data = b"".join(CHUNKS)

    def movie(offsets: list[int]) -> bytes:
        stco = full(b"stco", len(offsets).to_bytes(4, "big"), *(o.to_bytes(4, "big") for o in offsets))
        track = box(b"trak", full(b"tkhd", b"\x00" * 80),
                    box(b"mdia", full(b"mdhd", b"\x00" * 20), handler(b"vide"),
                        box(b"minf", box(b"stbl", stco))),
                    box(b"udta", box(b"\xa9xyz", text(place))))
        itunes = full(b"meta", handler(b"mdir"),
                      box(b"ilst", item(b"\xa9xyz", place.encode()), item(b"\xa9too", b"Lavf60")))
        user = box(b"udta", box(b"\xa9xyz", text(place)), itunes, box(b"XMP_", xmp), b"\x00" * 4)
        apple = box(b"meta", handler(b"mdta"),
                    keys("com.apple.quicktime.make", "com.apple.quicktime.location.ISO6709",
                         "com.apple.quicktime.model"),
                    box(b"ilst", item((1).to_bytes(4, "big"), b"Apple"),
                        item((2).to_bytes(4, "big"), APPLE_PLACE.encode() if place else b""),
                        item((3).to_bytes(4, "big"), b"iPhone 12")))
        return box(b"moov", full(b"mvhd", b"\x00" * 96), track, user, apple)

    header = 16 if large else 8
    start = len(ftyp) + len(movie([0, 0, 0])) + len(uuid) + header
    offsets = [start + sum(map(len, CHUNKS[:n])) for n in range(len(CHUNKS))]
    size = header + len(data) + extra
    if large:
        mdat = (1).to_bytes(4, "big") + b"mdat" + size.to_bytes(8, "big") + data
    else:
        mdat = (0 if to_end else size).to_bytes(4, "big") + b"mdat" + data
    return ftyp + movie(offsets) + uuid + mdat


def write(path: Path, data: bytes, extra: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:
        out.write(data)
        out.truncate(len(data) + extra)  # sparse: costs no disk and no time
    return path


def located_mp4(path: Path) -> Path:
    """A video that records where it was made, for other tests."""
    return write(path, mp4())


def chunk_offsets(data: bytes) -> list[int]:
    at = data.index(b"stco") + 8  # after type, version and flags
    count = int.from_bytes(data[at:at + 4], "big")
    return [int.from_bytes(data[at + 4 + 4 * n:at + 8 + 4 * n], "big") for n in range(count)]


def top_boxes(data: bytes) -> list[tuple[bytes, int]]:
    found, position = [], 0
    while position < len(data):
        size = int.from_bytes(data[position:position + 4], "big")
        if size == 1:
            size = int.from_bytes(data[position + 8:position + 16], "big")
        found.append((data[position + 4:position + 8], size or len(data) - position))
        position += size or len(data)
    return found


def assert_cleaned(before: bytes, after: bytes) -> None:
    assert len(after) == len(before)
    renamed = [(b"free" if kind == b"uuid" else kind, size) for kind, size in top_boxes(before)]
    assert top_boxes(after) == renamed
    offsets = chunk_offsets(after)
    assert offsets == chunk_offsets(before)
    assert [after[o:o + len(c)] for o, c in zip(offsets, CHUNKS, strict=True)] == CHUNKS
    for gone in (b"+21.0000", b"+103.0000", b"GPSLatitude", b"GPSLongitude", b"ISO6709", b"xmpmeta",
                 b"\xa9xyz", b"XMP_", XMP_UUID):
        assert gone not in after, gone
    for kept in (b"com.apple.quicktime.make", b"com.apple.quicktime.model", b"Apple", b"iPhone 12",
                 b"Lavf60", b"mvhd", b"tkhd", b"stco"):
        assert kept in after, kept


def test_a_phones_video_loses_every_place_and_keeps_its_samples_where_they_were(tmp_path):
    video = write(tmp_path / "hop-dan.mp4", mp4())
    before = video.read_bytes()
    assert has_location(video)
    assert clean_video(video) is True
    assert not has_location(video)
    assert_cleaned(before, video.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["hop-dan.mp4"]
    assert clean_video(video) is False


@pytest.mark.parametrize("name", ["\xa9xyz in moov/udta", "\xa9xyz in a track", "\xa9xyz item", "apple key",
                                  "XMP_", "uuid"])
def test_each_place_alone_is_found(tmp_path, name):
    data = mp4()
    # Every other place is given another name, so only one is left.
    track, movie, listed = (n for n in range(len(data)) if data.startswith(b"\xa9xyz", n))
    spots = {"\xa9xyz in a track": track, "\xa9xyz in moov/udta": movie, "\xa9xyz item": listed,
             "apple key": data.index(b"com.apple.quicktime.location"), "XMP_": data.index(b"XMP_"),
             "uuid": data.index(b"uuid")}
    changed = bytearray(data)
    for other, at in spots.items():
        if other != name:
            changed[at:at + 4] = b"skip" if other != "apple key" else b"org."
    video = write(tmp_path / "a.mp4", bytes(changed))
    assert has_location(video)
    assert clean_video(video)
    assert not has_location(video)
    assert len(video.read_bytes()) == len(data)


def test_empty_places_and_xmp_without_gps_are_no_location_but_are_still_wiped(tmp_path):
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    video = write(tmp_path / "a.mp4", mp4(place="", xmp=xmp))
    assert not has_location(video)
    before = video.read_bytes()
    assert clean_video(video) is True
    after = video.read_bytes()
    assert len(after) == len(before) and b"xmpmeta" not in after and b"ISO6709" not in after
    assert chunk_offsets(after) == chunk_offsets(before)


def test_gps_in_xmp_is_found_across_the_parts_it_is_read_in(tmp_path, monkeypatch):
    import loaxa.videos

    monkeypatch.setattr(loaxa.videos, "_CHUNK", 16)
    for shift in range(16):
        video = write(tmp_path / f"{shift}.mp4", mp4(place="", xmp=b" " * shift + XMP))
        assert has_location(video), shift
    assert not has_location(write(tmp_path / "none.mp4", mp4(place="", xmp=b"<x:xmpmeta/>")))


def test_a_target_gets_the_clean_copy_and_the_source_is_kept(tmp_path):
    source = write(tmp_path / "a.mp4", mp4())
    before = source.read_bytes()
    target = tmp_path / "site" / "a.mp4"
    target.parent.mkdir()
    assert clean_video(source, target) is True
    assert source.read_bytes() == before
    assert_cleaned(before, target.read_bytes())
    plain = tmp_path / "site" / "b.mp4"
    assert clean_video(target, plain) is False
    assert plain.read_bytes() == target.read_bytes()
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.mp4", "b.mp4"]


def test_a_64_bit_box_and_a_box_running_to_the_end_of_the_file_are_walked(tmp_path):
    for name, data in (("large.mp4", mp4(large=True)), ("to-end.mp4", mp4(to_end=True))):
        video = write(tmp_path / name, data)
        assert has_location(video)
        assert clean_video(video)
        assert_cleaned(data, video.read_bytes())
    assert top_boxes((tmp_path / "large.mp4").read_bytes())[-1] == (
        b"mdat", 16 + sum(map(len, CHUNKS)))


def test_a_64_bit_box_holding_a_place_keeps_its_64_bit_size(tmp_path):
    data = mp4()
    at = data.index(b"uuid") - 4
    size = int.from_bytes(data[at:at + 4], "big")
    data = data[:at] + (1).to_bytes(4, "big") + b"uuid" + (size + 8).to_bytes(8, "big") + data[at + 8:]
    chunk_start = [o + 8 for o in chunk_offsets(data)]  # the samples moved by 8 bytes
    stco = data.index(b"stco") + 12
    data = data[:stco] + b"".join(o.to_bytes(4, "big") for o in chunk_start) + data[stco + 12:]
    video = write(tmp_path / "a.mp4", data)
    assert has_location(video)
    assert clean_video(video)
    after = video.read_bytes()
    assert after[at:at + 16] == (1).to_bytes(4, "big") + b"free" + (size + 8).to_bytes(8, "big")
    assert after[at + 16:at + size + 8] == bytes(size - 8)
    assert [after[o:o + len(c)] for o, c in zip(chunk_offsets(after), CHUNKS, strict=True)] == CHUNKS


CUT_MOVIE = b"\x00\x00\x00\x10ftypisom\x00\x00\x02\x00" + b"\x00\x00\x01\x00moov" + b"\x00" * 40


@pytest.mark.parametrize("data", [b"", b"khong phai video", b"\x1aE\xdf\xa3\x9fB\x86\x81\x01webm" * 40,
                                  CUT_MOVIE])
def test_a_file_that_is_no_mp4_box_tree_is_left_untouched(tmp_path, data):
    video = write(tmp_path / "hong.mp4", data)
    assert not has_location(video)
    assert clean_video(video) is False
    assert video.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["hong.mp4"]


def test_a_box_overrunning_its_container_leaves_the_file_untouched(tmp_path):
    data = bytearray(mp4())
    at = data.index(b"udta") - 4
    data[at:at + 4] = (len(data)).to_bytes(4, "big")  # larger than the moov around it
    video = write(tmp_path / "a.mp4", bytes(data))
    assert not has_location(video)
    assert clean_video(video) is False
    assert video.read_bytes() == bytes(data)


def test_a_truncated_recording_is_still_cleaned(tmp_path):
    data = mp4()[:-20]  # the media data stops early: the phone was switched off
    video = write(tmp_path / "a.mov", data)
    assert has_location(video)
    assert clean_video(video)
    assert b"+21.0000" not in video.read_bytes()


def test_a_300_mb_video_is_never_read_whole(tmp_path):
    big = write(tmp_path / "lon.mp4", mp4(extra=300 * 2**20), extra=300 * 2**20)
    assert big.stat().st_size > 300 * 2**20
    medium = write(tmp_path / "vua.mp4", mp4(extra=32 * 2**20), extra=32 * 2**20)
    tracemalloc.start()
    try:
        assert has_location(big)
        assert clean_video(medium)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * 2**20
    assert not has_location(medium)
    assert medium.stat().st_size == len(mp4()) + 32 * 2**20


def test_a_link_is_cleaned_in_the_file_it_leads_to(tmp_path):
    real = write(tmp_path / "that.mp4", mp4())
    link = tmp_path / "lien-ket.mp4"
    link.symlink_to(real)
    assert clean_video(link)
    assert link.is_symlink() and not has_location(real)


def test_cleaning_in_place_keeps_the_files_mode(tmp_path):
    video = write(tmp_path / "a.mp4", mp4())
    video.chmod(0o640)
    assert clean_video(video)
    assert video.stat().st_mode & 0o777 == 0o640


def test_videos_are_told_by_their_suffix():
    assert all(map(is_video, ["a.mp4", "B.MOV", "c.m4v", "d.webm"]))
    assert not any(map(is_video, ["a.jpg", "mp4", "a.mp4.tmp"]))


@pytest.mark.parametrize("options", [["-metadata", f"location={PLACE}"],
                                     ["-metadata", f"com.apple.quicktime.location.ISO6709={APPLE_PLACE}",
                                      "-movflags", "use_metadata_tags"]])
def test_a_video_ffmpeg_made_still_plays_once_cleaned(tmp_path, options):
    # Debian's ffmpeg, which scripts/test.sh installs, makes the phone-like videos and plays them.
    assert shutil.which("ffmpeg") and shutil.which("ffprobe"), "apt-get install ffmpeg"
    video = tmp_path / "a.mov"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc=duration=1:size=64x48:rate=10",
                    "-c:v", "mpeg4", *options, str(video)], check=True, capture_output=True)
    assert has_location(video)
    frames = subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-f", "md5", "-"],
                            check=True, capture_output=True, text=True).stdout
    assert clean_video(video)
    assert not has_location(video)
    result = subprocess.run(["ffmpeg", "-v", "error", "-i", str(video), "-f", "md5", "-"],
                            capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout == frames
    tags = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format_tags", str(video)],
                          check=True, capture_output=True, text=True).stdout
    assert "+21.0000" not in tags and "location" not in tags.lower()
