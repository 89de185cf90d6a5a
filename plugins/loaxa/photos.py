"""Pictures as staff hand them in: checked cheaply, and cleaned of location and personal metadata."""

from __future__ import annotations

import io
import re
import zlib
from pathlib import Path

from PIL import Image, ImageOps

from .errors import ImageError
from .images import DECODE_ERRORS, WIDTHS, check_pixels, limit_decoding, open_picture, read_picture
from .store import write_atomic

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_GPS_IFD = 0x8825
_ORIENTATION = 0x0112
# XMP names a position with exif:GPSLatitude / exif:GPSLongitude (and the same in other prefixes).
_XMP_GPS = re.compile(rb"GPS(?:Latitude|Longitude)")
# Text that only metadata holds: what follows damage in a file is kept only without any of it.
_METADATA_SIGNATURES = (b"Exif\x00", b"xmpmeta", b"ns.adobe.com", b"Photoshop 3.0", b"eXIf",
                        b"tEXt", b"zTXt", b"iTXt")
# What a cleaned picture keeps: only what shows its pixels, never what describes them; anything
# else (EXIF, XMP, IPTC, comments, C2PA, GPS tracks, maker data, chunks of unknown kinds) goes.
# JPEG: the APP segments kept by their start; every segment that is no APP segment nor a comment
# (tables, frame, scans, restart interval) is kept.
_JPEG_APP_KEPT = {0xE0: b"JFIF\x00", 0xE2: b"ICC_PROFILE\x00", 0xEE: b"Adobe"}
# PNG: the critical chunks, transparency, colour, pixel size, background, animation.
_PNG_KEPT = frozenset((b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB",
                       b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"cICP", b"acTL", b"fcTL", b"fdAT"))
# WebP: the picture, its transparency, animation and colour profile.
_WEBP_KEPT = frozenset((b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"))
# Inside an animation frame: the frame's picture and transparency.
_WEBP_FRAME_KEPT = frozenset((b"VP8 ", b"VP8L", b"ALPH"))
# Re-encoding, for the formats not cleaned losslessly.
_SAVE_OPTIONS = {"HEIF": {"quality": 90}, "TIFF": {"compression": "tiff_lzw"}}


def inspect_picture(path: Path) -> tuple[int, int]:
    """Width and height of the picture at `path` as shown (EXIF orientation applied), once its
    header has been read, its file size and pixels checked against the limits the build applies
    (so it refuses exactly the pictures the build refuses) and its data decoded to the end (a
    JPEG at 1/8 of its size), so a truncated file is caught. Raises ImageError."""
    data = read_picture(path)
    with open_picture(data, path) as image:
        width, height = image.size
        try:
            check_pixels(image, path, WIDTHS[-1])
            limit_decoding(image, path, None)
            image.load()
            # Read after loading: some readers (TIFF) turn the picture as they load it.
            if _orientation(image) in (5, 6, 7, 8):
                width, height = height, width
        except DECODE_ERRORS as error:
            raise ImageError(path, "unreadable") from error
    return width, height


def has_location(path: Path) -> bool:
    """Whether the picture at `path` tells where it was taken: an EXIF GPS block with any entry,
    or XMP naming a latitude or longitude. Raises ImageError for a file it cannot read."""
    data = read_picture(path)
    with open_picture(data, path) as image:
        try:
            if image.getexif().get_ifd(_GPS_IFD):
                return True
        except DECODE_ERRORS:
            pass
        for key in ("xmp", "XML:com.adobe.xmp"):
            xmp = image.info.get(key) or b""
            if _XMP_GPS.search(xmp.encode() if isinstance(xmp, str) else xmp):
                return True
    # XMP packets are plain text wherever a format keeps them.
    return _XMP_GPS.search(data) is not None


def clean_photo(source: Path, target: Path | None = None) -> None:
    """Write the picture `source` to `target` (`source` itself when None), in one step, without
    its location and personal metadata: EXIF (with GPS and maker notes), XMP, IPTC, comments,
    C2PA, GPS tracks and any metadata of a kind not known to be harmless.

    JPEG, PNG, GIF and WebP are cleaned losslessly, their pixels untouched: they keep what shows
    the pixels (colour profile, transparency, animation) and, when the picture is turned, EXIF
    holding only the orientation; what follows the end of a JPEG's picture (other pictures, maker
    data) is dropped. Other formats (HEIC, TIFF, BMP) are encoded again in the same format,
    turned upright, with only their colour profile. Raises ImageError for a file it cannot read
    or refuses (larger than the build takes)."""
    data = read_picture(source)
    if data.startswith(b"\xff\xd8\xff"):
        cleaned = _clean_jpeg(data, source)
    elif data.startswith(_PNG_SIGNATURE):
        cleaned = _clean_png(data, source)
    elif data[:6] in (b"GIF87a", b"GIF89a"):
        cleaned = _clean_gif(data, source)
    elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        cleaned = _clean_webp(data, source)
    else:
        cleaned = _encode_again(data, source)
    write_atomic(target or source, cleaned)


def _orientation(image: Image.Image) -> int:
    return int(image.getexif().get(_ORIENTATION, 1))


def _damaged(rest: bytes, path: Path) -> bytes:
    """What follows a part of a file that cannot be walked: kept as it is only when nothing in it
    looks like metadata (the build refuses such a file anyway; it is not removed here)."""
    if any(signature in rest for signature in _METADATA_SIGNATURES):
        raise ImageError(path, "unreadable")
    return rest


def _clean_jpeg(data: bytes, path: Path) -> bytes:
    """Marker segments rewritten: of the APP segments only JFIF, the colour profile and Adobe's
    colour transform are kept (and EXIF holding only the orientation); comments are dropped;
    every other segment, the compressed picture included, is kept."""
    out = [data[:2]]
    position = 2
    orientation_kept = False
    while position < len(data):
        if data[position] != 0xFF:
            out.append(_damaged(data[position:], path))
            break
        marker = data[position + 1] if position + 1 < len(data) else None
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of the picture: extra pictures and trailers after it are dropped
            out.append(b"\xff\xd9")
            break
        if marker is not None and (0xD0 <= marker <= 0xD7 or marker == 0x01):  # no length
            out.append(data[position:position + 2])
            position += 2
            continue
        length = int.from_bytes(data[position + 2:position + 4], "big")
        end = position + 2 + length
        if marker is None or not 0xC0 <= marker <= 0xFE or marker == 0xD8 or length < 2 or (
                end > len(data)):
            out.append(_damaged(data[position:], path))
            break
        payload = data[position + 4:end]
        if marker == 0xE1:
            if payload.startswith(b"Exif\x00\x00") and not orientation_kept:
                orientation_kept = True
                minimal = _orientation_only(payload)
                if minimal is not None:
                    minimal = b"Exif\x00\x00" + minimal
                    out.append(b"\xff\xe1" + (len(minimal) + 2).to_bytes(2, "big") + minimal)
        elif 0xE0 <= marker <= 0xEF:
            kept = _JPEG_APP_KEPT.get(marker)
            if kept is not None and payload.startswith(kept):
                out.append(data[position:end])
        elif marker != 0xFE:  # comment
            out.append(data[position:end])
        position = end
        if marker == 0xDA:  # start of scan: the compressed data runs to the next marker
            position = _next_marker(data, position)
            out.append(data[end:position])
    return b"".join(out)


def _orientation_only(exif: bytes) -> bytes | None:
    """An EXIF block (TIFF bytes, without the "Exif" header) holding only the orientation that
    `exif` holds; None when the picture is not turned."""
    try:
        read = Image.Exif()
        read.load(exif)
        value = int(read.get(_ORIENTATION, 1))
    except DECODE_ERRORS:
        return None
    if not 2 <= value <= 8:
        return None
    minimal = Image.Exif()
    minimal[_ORIENTATION] = value
    return minimal.tobytes()[len(b"Exif\x00\x00"):]


def _next_marker(data: bytes, position: int) -> int:
    """The position of the first marker after compressed data starting at `position` (0xFF 0x00
    is an escaped byte, 0xFF 0xD0-0xD7 a restart marker inside the data)."""
    while True:
        found = data.find(b"\xff", position)
        if found < 0 or found + 1 >= len(data):
            return len(data)
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position = found + 2
        elif following == 0xFF:
            position = found + 1
        else:
            return found


def _clean_png(data: bytes, path: Path) -> bytes:
    """Chunks rewritten: the critical chunks and those of _PNG_KEPT kept byte for byte, an EXIF
    chunk that turns the picture replaced by one holding only the orientation, all others
    dropped."""
    out = [_PNG_SIGNATURE]
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        length = int.from_bytes(data[position:position + 4], "big")
        kind = data[position + 4:position + 8]
        end = position + 12 + length
        if end > len(data) or len(kind) < 4:
            out.append(_damaged(data[position:], path))
            break
        if kind in _PNG_KEPT:
            out.append(data[position:end])
        elif kind == b"eXIf" and (minimal := _orientation_only(data[position + 8:end - 4])):
            out.append(len(minimal).to_bytes(4, "big") + kind + minimal
                       + zlib.crc32(kind + minimal).to_bytes(4, "big"))
        position = end
        if kind == b"IEND":
            break
    return b"".join(out)


def _clean_gif(data: bytes, path: Path) -> bytes:
    """Blocks rewritten: comments and application blocks (XMP among them) dropped, except the
    ones that make an animation loop; every frame kept."""
    if len(data) < 13:
        raise ImageError(path, "unreadable")
    position = 13 + _colour_table(data[10])
    out = [data[:position]]
    while position < len(data):
        kind = data[position]
        if kind == 0x3B:  # trailer: what follows is dropped
            out.append(b";")
            break
        if kind == 0x21 and position + 2 < len(data):
            label = data[position + 1]
            end = _after_sub_blocks(data, position + 2)
            loops = label == 0xFF and data[position + 3:position + 14] in (b"NETSCAPE2.0", b"ANIMEXTS1.0")
            keep = label in (0xF9, 0x01) or loops  # frame timing, plain text, looping
        elif kind == 0x2C and position + 10 < len(data):
            start = position + 10 + _colour_table(data[position + 9]) + 1  # + LZW code size
            end = _after_sub_blocks(data, start)
            keep = True
        else:
            end = None
        if end is None:
            out.append(_damaged(data[position:], path))
            break
        if keep:
            out.append(data[position:end])
        position = end
    return b"".join(out)


def _colour_table(flags: int) -> int:
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _after_sub_blocks(data: bytes, position: int) -> int | None:
    """The position after the data sub-blocks starting at `position`, None when they run out."""
    while position < len(data):
        size = data[position]
        position += 1 + size
        if size == 0:
            return position
    return None


def _clean_webp(data: bytes, path: Path) -> bytes:
    """RIFF chunks rewritten: the picture, its transparency, animation frames (each one cleaned
    the same way) and colour profile kept; EXIF dropped (or replaced by one holding only the
    orientation, when it turns the picture); every other chunk dropped; the header's flags
    told so."""
    limit = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    chunks: list[bytes] = []
    rest = b""
    orientation = None
    position = 12
    while position < limit:
        kind = data[position:position + 4]
        size = int.from_bytes(data[position + 4:position + 8], "little")
        end = min(position + 8 + size + (size & 1), limit)
        if position + 8 + size > limit or len(kind) < 4:
            rest = _damaged(data[position:limit], path)
            break
        if kind == b"EXIF" and orientation is None:
            orientation = _orientation_only(data[position + 8:position + 8 + size]) or b""
            if orientation:
                chunks.append(_riff_chunk(b"EXIF", orientation))
        elif kind == b"ANMF":
            chunks.append(_riff_chunk(kind, _clean_webp_frame(data[position + 8:position + 8 + size],
                                                              path)))
        elif kind in _WEBP_KEPT:
            chunks.append(data[position:end])
        position = end
    profile = any(chunk.startswith(b"ICCP") for chunk in chunks)
    for index, chunk in enumerate(chunks):
        if chunk.startswith(b"VP8X") and len(chunk) > 8:
            # Flags: 0x20 colour profile, 0x10 transparency, 0x08 EXIF, 0x04 XMP, 0x02 animation.
            flags = chunk[8] & 0x12 | (0x20 if profile else 0) | (0x08 if orientation else 0)
            chunks[index] = chunk[:8] + bytes([flags]) + chunk[9:]
    body = b"WEBP" + b"".join(chunks) + rest
    return b"RIFF" + len(body).to_bytes(4, "little") + body


def _clean_webp_frame(frame: bytes, path: Path) -> bytes:
    """An animation frame's data (its 16-byte header, then chunks) with only the chunks of
    _WEBP_FRAME_KEPT."""
    out = [frame[:16]]
    position = 16
    while position < len(frame):
        kind = frame[position:position + 4]
        size = int.from_bytes(frame[position + 4:position + 8], "little")
        end = min(position + 8 + size + (size & 1), len(frame))
        if position + 8 + size > len(frame) or len(kind) < 4:
            out.append(_damaged(frame[position:], path))
            break
        if kind in _WEBP_FRAME_KEPT:
            out.append(frame[position:end])
        position = end
    return b"".join(out)


def _riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + len(payload).to_bytes(4, "little") + payload + b"\x00" * (len(payload) & 1)


def _encode_again(data: bytes, path: Path) -> bytes:
    """The picture encoded again in its own format, upright, with its colour profile only."""
    with open_picture(data, path) as opened:
        try:
            image = ImageOps.exif_transpose(opened)
            profile = image.info.get("icc_profile")
            image.info = {}
            options = dict(_SAVE_OPTIONS.get(opened.format, {}))
            if profile and opened.format != "BMP":
                options["icc_profile"] = profile
            buffer = io.BytesIO()
            image.save(buffer, opened.format, **options)
        except DECODE_ERRORS as error:
            raise ImageError(path, "unreadable") from error
    return buffer.getvalue()
