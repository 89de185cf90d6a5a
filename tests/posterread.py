"""Reading posters back for tests: rasterise with PDFium, decode with zxing-cpp, text with pypdf."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import zxingcpp

DPI = 150
MM_PER_PX = 25.4 / DPI


@dataclass
class ReadQr:
    text: str
    ec_level: str
    module_mm: float
    quiet_zone_white: bool


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
    return ReadQr(code.text, code.ec_level, module_px * MM_PER_PX, white)


def page_count(pdf: Path) -> int:
    return len(pypdf.PdfReader(pdf).pages)


def page_text(pdf: Path, page: int = 0) -> str:
    """The page's text, NFC, white space folded."""
    text = pypdf.PdfReader(pdf).pages[page].extract_text()
    return " ".join(unicodedata.normalize("NFC", text).split())


def page_size_mm(pdf: Path, page: int = 0) -> tuple[float, float]:
    box = pypdf.PdfReader(pdf).pages[page].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)
