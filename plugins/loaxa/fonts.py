"""The bundled faces, and which one draws each character of a text.

Be Vietnam Pro draws Vietnamese; it has no Thái (Tai Viet) letters, the script of many readers in
Lai Châu, and none of the arrows, check marks, stars or telephones staff paste into titles. Those come
from Noto faces kept beside it (see scripts/vendor_fonts.py). Neither reportlab nor Pillow falls back
from one face to another, so a text is cut here into runs, each drawn in the first face of a chain
that has its characters, and measured run by run. What no face has (emoji, other scripts) is left
out of the drawing, and `missing` names it so that staff are told.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from PIL import ImageDraw, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from .text import fold

FONTS = Path(__file__).parent / "fonts"


@dataclass(frozen=True)
class Face:
    """One font file, as reportlab knows it (by `name`) and Pillow opens it."""

    name: str
    file: str
    stroke: bool = False  # a regular face standing in for a bold one: its letters are outlined too

    @property
    def path(self) -> Path:
        return FONTS / self.file


Chain = tuple[Face, ...]
"""Faces in the order they are asked for a character."""

_TAI_VIET = Face("LoaxaTaiViet", "NotoSansTaiViet-Regular.ttf")    # no bold is made
_SYMBOLS_2 = Face("LoaxaSymbols2", "NotoSansSymbols2-Regular.ttf")  # check marks, stars, shapes
_MATH = Face("LoaxaMath", "NotoSansMath-Regular.ttf")               # arrows, ≤, ∞, √
REGULAR: Chain = (Face("LoaxaSans", "BeVietnamPro-Regular.ttf"), _TAI_VIET,
                  Face("LoaxaSymbols", "NotoSansSymbols-Regular.ttf"), _SYMBOLS_2, _MATH,
                  Face("LoaxaNoto", "NotoSans-Regular.ttf"))
BOLD: Chain = (Face("LoaxaSans-Bold", "BeVietnamPro-Bold.ttf"), replace(_TAI_VIET, stroke=True),
               Face("LoaxaSymbols-Bold", "NotoSansSymbols-Bold.ttf"), replace(_SYMBOLS_2, stroke=True),
               replace(_MATH, stroke=True), Face("LoaxaNoto-Bold", "NotoSans-Bold.ttf"))
# The printed short address: Atkinson Hyperlegible tells l, I and 1, and 0 and O, apart at a glance.
ADDRESS: Chain = (Face("LoaxaAddress", "AtkinsonHyperlegible-Bold.ttf"), *BOLD)
STROKE = 0.035  # the outline of a stand-in bold, as a share of the type size

Run = tuple[Face, str]


def characters(face: Face) -> frozenset[int]:
    """The code points `face` has a glyph for."""
    return _characters(face.file)


@cache
def manifest() -> bytes:
    """The list of the bundled faces with their SHA-256: new faces draw posters and pictures anew."""
    return (FONTS / "MANIFEST").read_bytes()


@cache
def _characters(file: str) -> frozenset[int]:
    return frozenset(TTFontFile(str(FONTS / file)).charToGlyph)  # read once per process


def _ignored(char: str) -> bool:
    """Characters that shape others and are never drawn by themselves: zero-width spaces and
    joiners, variation selectors (the emoji one), skin tones, tags."""
    code = ord(char)
    return (unicodedata.category(char) == "Cf" or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
            or 0x1F3FB <= code <= 0x1F3FF)


class _Faces(dict):
    """Each character's face: the first of a chain that has it, looked for once (a poster asks for
    every letter of every word)."""

    def __init__(self, chain: Chain) -> None:
        super().__init__()
        self.chain = chain

    def __missing__(self, char: str) -> Face | None:
        code = ord(char)
        face = self[char] = next((face for face in self.chain if code in characters(face)), None)
        return face


@cache
def _faces(chain: Chain) -> _Faces:
    return _Faces(chain)


def missing(text: str, chain: Chain = REGULAR) -> str:
    """The characters of `text` (read as NFC) that no face of `chain` draws, each once, in order."""
    faces = _faces(chain)
    found = dict.fromkeys(char for char in unicodedata.normalize("NFC", text)
                          if not char.isspace() and not _ignored(char) and faces[char] is None)
    return "".join(found)


def listed(chars: str) -> str:
    """Characters as staff are told of them: each shown, and named by its code ("📢 U+1F4E2")."""
    return ", ".join(f"{char} U+{ord(char):04X}" for char in chars)


def drawable(text: str, chain: Chain = REGULAR) -> str:
    """`text` as it is drawn: NFC, without what no face draws, white space folded."""
    faces = _faces(chain)
    text = unicodedata.normalize("NFC", text)
    return fold("".join(char for char in text if char.isspace() or not _ignored(char)
                        and faces[char] is not None))


@functools.lru_cache(maxsize=8192)
def runs(text: str, chain: Chain = REGULAR) -> tuple[Run, ...]:
    """`drawable(text)` cut into runs, each in one face: a character in the first face of `chain`
    that has it, a space or a combining mark in the face of the run it follows when that face
    has it (so a mark stays with its letter, and a phrase with its spaces)."""
    faces = _faces(chain)
    found: list[tuple[Face, list[str]]] = []
    for char in drawable(text, chain):
        if found and (char == " " or unicodedata.category(char).startswith("M")) and (
                ord(char) in characters(found[-1][0])):
            found[-1][1].append(char)
            continue
        face = faces[char]
        if found and found[-1][0] is face:
            found[-1][1].append(char)
        else:
            found.append((face, [char]))
    return tuple((face, "".join(chars)) for face, chars in found)


# reportlab: the PDF posters.

@cache
def register() -> None:
    """Register every bundled face with reportlab, once per process."""
    for name, face in {face.name: face for face in (*REGULAR, *BOLD, *ADDRESS)}.items():
        pdfmetrics.registerFont(TTFont(name, str(face.path)))


def width(text: str, chain: Chain, size: float) -> float:
    """How wide `drawable(text)` is drawn at `size` points, run by run."""
    return measure(runs(text, chain), size)


def measure(found: tuple[Run, ...], size: float) -> float:
    """How wide these runs are drawn at `size` points, each in its own face."""
    register()
    return sum(pdfmetrics.stringWidth(chunk, face.name, size) for face, chunk in found)


def space(chain: Chain, size: float) -> float:
    """How wide a space between two words is, at `size` points."""
    register()
    return pdfmetrics.stringWidth(" ", chain[0].name, size)


# Pillow: the share picture and the feed icon.

@cache
def pillow_font(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face.path), size)


def pillow_width(text: str, chain: Chain, size: int) -> float:
    """How wide Pillow draws `text` at `size` pixels, run by run."""
    return sum(pillow_font(face, size).getlength(chunk) for face, chunk in runs(text, chain))


def pillow_text(draw: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, chain: Chain, size: int,
                fill: object, *, anchor: str = "la") -> None:
    """Draw `text` run by run, placed as Pillow's `anchor` places one string ("la": the left end
    at the top of the first face's ascenders, "mm": its middle), on the first face's baseline."""
    ascent, descent = pillow_font(chain[0], size).getmetrics()
    x, y = xy
    if anchor[0] == "m":
        x -= pillow_width(text, chain, size) / 2
    baseline = y + ascent if anchor[1] == "a" else y + (ascent - descent) / 2
    for face, chunk in runs(text, chain):
        font = pillow_font(face, size)
        stroke = max(1, round(size * STROKE)) if face.stroke else 0
        draw.text((x, baseline), chunk, font=font, fill=fill, anchor="ls", stroke_width=stroke,
                  stroke_fill=fill if stroke else None)
        x += font.getlength(chunk)
