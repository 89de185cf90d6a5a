"""Fetch the fallback fonts from the npm registry, check them, cut them down and keep them in the package.

    .venv/bin/pip install fonttools && .venv/bin/python scripts/vendor_fonts.py

Be Vietnam Pro draws Vietnamese but not the Thái (Tai Viet) script of Lai Châu, nor the arrows,
check marks and stars staff paste into titles. Those come from Noto fonts, taken from the Fontsource
packages on the npm registry (fetched with `npm pack`, the ordinary client), each pinned by version and
by the registry's own SHA-512 of its archive. Each face is turned from WOFF into TrueType (what
reportlab and Pillow read) and subset to the characters a commune needs, without hinting (reportlab
ignores it; the sizes drawn are large). The files and their SHA-256 are listed in
`plugins/loaxa/fonts/MANIFEST`; a test checks them. Run this only to move to other releases: change a
version and its integrity together, from `npm view <package>@<version> dist.integrity`.
The same inputs give the same bytes (no time stamp is written).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

TARGET = Path(__file__).resolve().parent.parent / "plugins" / "loaxa" / "fonts"
# Each package: its version, and the registry's SHA-512 of its archive.
PACKAGES = {
    "@fontsource/noto-sans-tai-viet": "5.3.0",
    "@fontsource/noto-sans-symbols": "5.3.0",
    "@fontsource/noto-sans-symbols-2": "5.3.0",
    "@fontsource/noto-sans-math": "5.3.0",
    "@fontsource/noto-sans": "5.3.0",
    "@fontsource/atkinson-hyperlegible": "5.3.0",
}
INTEGRITY = {
    "@fontsource/noto-sans-tai-viet":
        "sha512-dbXv/4eUHR8xBG58zo/CFoYN9RkjnwXCvdBzWwqbV3evu7l4nqFvDDkUQViHvMVXM8puIB9jiQKwmtaLUeDxmg==",
    "@fontsource/noto-sans-symbols":
        "sha512-Al5jMC2ivI5JkBP3RpcEhkY3zel9CyS199TfKC/B1SAFVj8BJghUNX0tMif0CuhVLpVwZMacM/lHJx3wxdJZBQ==",
    "@fontsource/noto-sans-symbols-2":
        "sha512-hFnEnIXOIgLLJ61SO9icRXKoS+LSWoq7ZqKJQ/NaQR7ptdC6+7yW4ci6EuXgsS1S9JmWpciX6w0AFZkU1DKn1A==",
    "@fontsource/noto-sans-math":
        "sha512-CzodkZ4R2VC73rqbNbVpiI94fXZJLFEMNBTAM3DFadjAKrjLQ2Fr+s2yM2c5uS+frBZ2IM+LyMo6COhAzV7hCA==",
    "@fontsource/noto-sans":
        "sha512-fBCog2PY7DiVVTEEqtI/Qdinx/knobHYfoGpjFXdfBX5RoJaBp1Prw2G75p0OIsdlMZg3cLo0c+YbIUYOxnQJw==",
    "@fontsource/atkinson-hyperlegible":
        "sha512-Sp8Ve8+rQmENY2Lv02VH7sLpntzTTvnncnJMTbRE7DX6TLxGraN4ykZfzaUWIoCFmaomwkvNiqmlPkrKBuDoSA==",
}
SPACES = [(0x20, 0x20), (0xA0, 0xA0)]  # every face draws the spaces inside its own runs
# Whole blocks where staff find their symbols (arrows, shapes, check marks, stars, the telephone,
# the envelope); of the others, what a notice uses: ① to ⑳, ⌚, ⏰, ∞, √, ≤.
ARROWS, GEOMETRIC = (0x2190, 0x21FF), (0x25A0, 0x25FF)
MISC_SYMBOLS, DINGBATS = (0x2600, 0x26FF), (0x2700, 0x27BF)
OPERATORS, PRIMES = (0x2200, 0x2265), (0x2032, 0x2037)
TECHNICAL = [(0x2302, 0x2302), (0x2318, 0x231B), (0x2328, 0x2328), (0x23CE, 0x23CF), (0x23E9, 0x23FA)]
ENCLOSED = [(0x2460, 0x2473), (0x24EA, 0x24FF)]
MORE_ARROWS, STARS = (0x2B00, 0x2B2F), (0x2B50, 0x2B59)
# Output file, package, file in its archive, characters kept, whether to keep the shaping tables
# (Tai Viet's marks are placed by them where a renderer reads them).
SYMBOLS = [*TECHNICAL, *ENCLOSED, MISC_SYMBOLS, DINGBATS]
FONTS = [
    ("NotoSansTaiViet-Regular.ttf", "@fontsource/noto-sans-tai-viet",
     "files/noto-sans-tai-viet-tai-viet-400-normal.woff", [(0xAA80, 0xAADF)], True),
    ("NotoSansSymbols-Regular.ttf", "@fontsource/noto-sans-symbols",
     "files/noto-sans-symbols-symbols-400-normal.woff", SYMBOLS, False),
    ("NotoSansSymbols-Bold.ttf", "@fontsource/noto-sans-symbols",
     "files/noto-sans-symbols-symbols-700-normal.woff", SYMBOLS, False),
    ("NotoSansSymbols2-Regular.ttf", "@fontsource/noto-sans-symbols-2",
     "files/noto-sans-symbols-2-symbols-400-normal.woff",
     [*TECHNICAL, GEOMETRIC, MISC_SYMBOLS, DINGBATS, MORE_ARROWS, STARS], False),
    ("NotoSansMath-Regular.ttf", "@fontsource/noto-sans-math",
     "files/noto-sans-math-latin-400-normal.woff", [ARROWS, OPERATORS, PRIMES], False),
    ("NotoSans-Regular.ttf", "@fontsource/noto-sans",
     "files/noto-sans-cyrillic-400-normal.woff", [(0x2116, 0x2116)], False),
    ("NotoSans-Bold.ttf", "@fontsource/noto-sans",
     "files/noto-sans-cyrillic-700-normal.woff", [(0x2116, 0x2116)], False),
    # The printed short address: l, I and 1, 0 and O told apart at a glance.
    ("AtkinsonHyperlegible-Bold.ttf", "@fontsource/atkinson-hyperlegible",
     "files/atkinson-hyperlegible-latin-700-normal.woff", [(0x21, 0x7E)], False),
]
LICENCES = {
    "@fontsource/noto-sans-tai-viet": "OFL-NotoSansTaiViet.txt",
    "@fontsource/noto-sans-symbols": "OFL-NotoSansSymbols.txt",
    "@fontsource/noto-sans-symbols-2": "OFL-NotoSansSymbols2.txt",
    "@fontsource/noto-sans-math": "OFL-NotoSansMath.txt",
    "@fontsource/noto-sans": "OFL-NotoSans.txt",
    "@fontsource/atkinson-hyperlegible": "OFL-AtkinsonHyperlegible.txt",
}


def fetch(package: str, folder: Path) -> dict[str, bytes]:
    """The files of the pinned release of `package`, by their path in its archive, after checking
    the archive against the pinned SHA-512."""
    version, integrity = PACKAGES[package], INTEGRITY[package]
    command = ["npm", "pack", f"{package}@{version}", "--json", "--pack-destination", str(folder)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    archive = (folder / json.loads(done.stdout)[0]["filename"]).read_bytes()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode()
    if digest != integrity:
        raise SystemExit(f"The archive of {package} {version} is not the one pinned: {digest}")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        return {member.name.removeprefix("package/"): tar.extractfile(member).read()
                for member in tar.getmembers() if member.isfile()}


def cut(data: bytes, ranges: list[tuple[int, int]], layout: bool) -> bytes:
    """The WOFF font `data` as TrueType, with only the characters in `ranges` (and the spaces)."""
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    options = subset.Options()
    options.layout_features = ["*"] if layout else []
    options.hinting = False
    options.name_IDs = ["*"]  # the copyright and licence lines stay in the font
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for low, high in [*ranges, *SPACES] for code in range(low, high + 1)])
    subsetter.subset(font)
    font.flavor = None
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    lines = []
    with tempfile.TemporaryDirectory() as temporary:
        archives = {package: fetch(package, Path(temporary)) for package in PACKAGES}
    for package, name in LICENCES.items():
        (TARGET / name).write_bytes(archives[package]["LICENSE"])
    total = 0
    for name, package, member, ranges, layout in FONTS:
        data = cut(archives[package][member], ranges, layout)
        (TARGET / name).write_bytes(data)
        total += len(data)
        covered = len(TTFont(io.BytesIO(data)).getBestCmap())
        lines.append(f"{hashlib.sha256(data).hexdigest()}  {name}  {package}@{PACKAGES[package]}")
        print(f"{name}: {len(data) / 1024:.1f} kB, {covered} characters")
    (TARGET / "MANIFEST").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"{len(FONTS)} fonts, {total / 1024:.1f} kB in {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
