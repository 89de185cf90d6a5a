"""QR codes for posters: the dark modules of a short link, as rectangles to draw."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import segno

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks


@dataclass(frozen=True)
class QrCode:
    """Row-runs of dark modules: (row, first column, length), in modules from the top left."""

    size: int  # modules per side, without the quiet zone
    runs: tuple[tuple[int, int, int], ...]
    version: int

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE


@lru_cache(maxsize=512)
def make_qr(data: str, min_version: int = 1) -> QrCode:
    """Error correction Q exactly: enough to survive a torn or dirty notice-board poster, and
    never raised behind the caller's back (which would shrink the modules). At least version
    `min_version`: a poster draws every code the same size, and keeps the same white around it.

    Remembered for the last 512 addresses of the process (a code is immutable, ~20 kB): encoding
    (~3 ms, mostly segno choosing the mask) is most of a poster's cost, and a process that draws
    a post's poster draws it again in its month's batch, and again when a post is edited."""
    code = segno.make(data, error="q", boost_error=False, micro=False)
    if code.version < min_version:
        code = segno.make(data, error="q", boost_error=False, micro=False, version=min_version)
    matrix = code.matrix
    runs = []
    for row, line in enumerate(matrix):
        col = 0
        while col < len(line):
            if line[col]:
                start = col
                while col < len(line) and line[col]:
                    col += 1
                runs.append((row, start, col - start))
            else:
                col += 1
    return QrCode(len(matrix), tuple(runs), code.version)


def qr_svg(data: str) -> str:
    """The code as a small inline SVG (one stroke per run of dark modules, quiet zone included),
    for pages printed on paper."""
    code = make_qr(data)
    side = code.size_with_quiet_zone
    path = "".join(f"M{col + QUIET_ZONE} {row + QUIET_ZONE + 0.5}h{length}" for row, col, length in code.runs)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" aria-hidden="true">'
            f'<rect width="{side}" height="{side}" fill="#fff"/>'
            f'<path stroke="#000" d="{path}"/></svg>')
