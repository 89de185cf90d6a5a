"""Reading posters back for tests: rasterise with PDFium, decode with zxing-cpp, text with pypdf."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import zxingcpp
from pypdf.generic import ContentStream

DPI = 150
MM_PER_PX = 25.4 / DPI


@dataclass
class ReadQr:
    text: str
    ec_level: str
    module_mm: float
    quiet_zone_white: bool
    side_mm: float = 0.0    # the code's dark square, as drawn
    version: int = 0


def read_qr(pdf: Path, page: int = 0) -> ReadQr:
    """Decode the page's one QR code; measure its module size and check its 4-module margin."""
    image = pdfium.PdfDocument(pdf)[page].render(scale=DPI / 72).to_pil().convert("L")
    [code] = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    modules = 17 + 4 * int(code.extra["Version"])
    p = code.position
    left, right = min(p.top_left.x, p.bottom_left.x), max(p.top_right.x, p.bottom_right.x)
    top, bottom = min(p.top_left.y, p.top_right.y), max(p.bottom_left.y, p.bottom_right.y)
    module_px = (right - left) / modules
    quiet = round(4 * module_px)
    pixels = image.load()
    band = [(x, y) for x in range(left - quiet, right + quiet + 1)
            for y in range(top - quiet, bottom + quiet + 1)
            if not (left - 2 <= x <= right + 2 and top - 2 <= y <= bottom + 2)]
    white = all(pixels[x, y] > 200 for x, y in band)
    return ReadQr(code.text, code.ec_level, module_px * MM_PER_PX, white, (right - left) * MM_PER_PX,
                  int(code.extra["Version"]))


def page_count(pdf: Path) -> int:
    return len(pypdf.PdfReader(pdf).pages)


def page_text(pdf: Path, page: int = 0) -> str:
    """The page's text, NFC, white space folded."""
    text = pypdf.PdfReader(pdf).pages[page].extract_text()
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_size_mm(pdf: Path, page: int = 0) -> tuple[float, float]:
    box = pypdf.PdfReader(pdf).pages[page].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


@dataclass
class Span:
    text: str
    font: str      # the PDF's BaseFont, without its subset prefix: "BeVietnamPro-Bold"
    size: float    # in points
    x: float
    y: float


def text_spans(pdf: Path, page: int = 0) -> list[Span]:
    """Every piece of text the page draws, with its font and size, as pypdf reads them."""
    spans = []

    def visit(text, cm, tm, font, size):
        if text.strip() and font is not None:
            scale = abs(tm[3] * cm[3]) or 1.0
            name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
            spans.append(Span(unicodedata.normalize("NFC", text), name, size * scale, tm[4], tm[5]))

    pypdf.PdfReader(pdf).pages[page].extract_text(visitor_text=visit)
    return spans


@dataclass
class Drawn:
    """A picture the page draws: where (in points from the page's foot), and how it is kept."""

    x: float
    y: float
    width: float
    height: float
    colour_space: str
    filter: str


def drawn_images(pdf: Path, page: int = 0) -> list[Drawn]:
    """The pictures the page draws, from its content stream: each `cm` followed by a `Do`."""
    reader = pypdf.PdfReader(pdf)
    page_object = reader.pages[page]
    objects = page_object["/Resources"].get("/XObject", {})
    found, matrix = [], None
    for operands, operator in ContentStream(page_object.get_contents(), reader).operations:
        if operator == b"cm":
            matrix = [float(value) for value in operands]
        elif operator == b"Do" and matrix is not None:
            image = objects[operands[0]].get_object()
            found.append(Drawn(matrix[4], matrix[5], matrix[0], matrix[3], str(image.get("/ColorSpace")),
                               str(image.get("/Filter"))))
    return found
