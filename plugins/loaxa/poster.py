"""Printable QR posters: one A4 (or A5) page per article, for village notice boards.

A poster reads like the commune's own notice: its header in centred bold capitals over a short rule,
as Vietnamese administrative documents set it, the emblem at its left; then the campaign, the title,
a summary and the cover; at the bottom the QR code, the same size on every poster of a paper size,
with the address to type and the date. What lies above the code fits around it: the title shrinks,
the summary and the cover give way, and the title is never cut.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import re
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, ImageOps
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from . import fonts
from .dates import format_date, month_of
from .errors import PosterError
from .fonts import ADDRESS, BOLD, REGULAR, Chain
from .i18n import t
from .posts import Post
from .qr import QUIET_ZONE, make_qr
from .slugs import fold
from .store import write_atomic
from .text import summary_text, title_text

# Bump when the layout changes, so cached posters are drawn again.
RENDERER_VERSION = "3"
MIN_MODULE_MM = 2.0
MIN_TEXT = 10.0     # points: nothing on a poster is printed smaller
ELLIPSIS = "…"      # ends a summary cut inside a sentence; a title is never cut
LEADING = 1.3       # a line's height, as a share of its size: room for stacked marks ("Ễ") above
DESCENT = 0.28      # how far below a line's baseline its box ends, as a share of its size
TITLE_LEADING = 1.16
PICTURE_DPI = 150   # a cover is printed in grey at this resolution; the emblem at twice it
# Streams as binary: reportlab's default spells them out in ASCII85, a quarter larger. Only posters
# are drawn with reportlab.
rl_config.useA85 = 0


@dataclass(frozen=True)
class Paper:
    """The layout of one paper size, designed for it (A5 is not A4 scaled down); lengths in points.
    The code's side is fixed: its modules stay at least MIN_MODULE_MM wide up to the version
    `qr_largest`, and every code is drawn at version `qr_version` at least, whose modules set the
    white kept around it."""

    size: tuple[float, float]
    margin: float
    gap: float            # between the parts of the page
    qr_side: float        # the code's dark square, the same on every poster of this size
    qr_version: int
    header: float         # the header's capitals
    small: float          # the site label, the link label, the date
    campaign: float
    emblem: float         # the emblem's height
    title: float          # the title's largest size ...
    title_floor: float    # ... and the smallest it takes on its own: never under the call to action
    summary: float
    call_to_action: float
    link: float
    cover: float          # a cover is left out rather than drawn lower than this
    rule: float           # the width of the rule under the header
    title_lines: int = 3  # a title shrinks before it takes more lines ...
    floor_lines: int = 5  # ... but at the floor size it may take up to these
    summary_lines: int = 3

    @property
    def width(self) -> float:
        return self.size[0] - 2 * self.margin

    @property
    def quiet(self) -> float:
        """The white kept on each side of the code: four of its largest modules."""
        return QUIET_ZONE * self.qr_side / (17 + 4 * self.qr_version)


PAPERS = {
    "A4": Paper(A4, margin=14 * mm, gap=4 * mm, qr_side=95 * mm, qr_version=4, header=16, small=11,
                campaign=14, emblem=22 * mm, title=34, title_floor=20, summary=14, call_to_action=18,
                link=24, cover=28 * mm, rule=0.8),
    "A5": Paper(A5, margin=9 * mm, gap=2.8 * mm, qr_side=68 * mm, qr_version=3, header=12, small=10,
                campaign=11, emblem=15 * mm, title=24, title_floor=14, summary=11, call_to_action=13,
                link=17, cover=20 * mm, rule=0.6, floor_lines=4),
}
# A short link "https://<domain>/p/<id>/" fits in version 7 of an A4 code (86 characters) and version
# 4 of an A5 one (46); a longer site address is refused (posters.unreadable).


@dataclass(frozen=True)
class Picture:
    """A picture a poster shows: its file, read when the poster is drawn, and the SHA-256 of its bytes,
    which keys the poster's cache (where the file lies does not)."""

    path: str
    digest: str


def picture(path: Path) -> Picture:
    """The picture in the file at `path` (which must be readable)."""
    return Picture(str(path), hashlib.sha256(path.read_bytes()).hexdigest()[:24])


@dataclass(frozen=True)
class PosterContent:
    """Everything one poster shows; its hash is the poster's cache key."""

    header: tuple[str, ...]
    site_label: str
    title: str
    summary: str
    short_url: str
    link_text: str
    link_label: str
    call_to_action: str
    date_line: str
    size: str = "A4"
    campaign: str = ""
    emblem: Picture | None = None
    cover: Picture | None = None

    def __post_init__(self) -> None:
        if isinstance(self.header, str):  # a header of one line
            object.__setattr__(self, "header", (self.header,))

    def key(self) -> str:
        return _content_key(self)


@functools.lru_cache(maxsize=16384)
def _content_key(content: PosterContent) -> str:
    # Asked for every poster on every build; a preview server rebuilds often.
    data = asdict(content)
    for name in ("emblem", "cover"):
        data[name] = data[name] and data[name]["digest"]
    text = json.dumps([RENDERER_VERSION, fonts.manifest().decode("ascii"), data], ensure_ascii=False,
                      sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class PosterSettings:
    """Site-wide poster settings: who speaks in the header (and under which emblem and campaign),
    page size, language."""

    commune: str
    site_label: str
    size: str = "A4"
    lang: str = "vi"
    header_lines: tuple[str, ...] = ()  # default: the commune's name in capitals
    campaign: str = ""
    emblem: Picture | None = None


def upper(text: str) -> str:
    """Capitals as Vietnamese writes them, from NFC text: "Mường" gives "MƯỜNG", one letter each."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


def default_header(commune: str, province: str, lang: str) -> tuple[str, ...]:
    """The header of the commune's notices: "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM" over "TỈNH LAI CHÂU"
    (a name that already says so is not said twice)."""
    commune, province = " ".join(commune.split()), " ".join(province.split())
    lines = [upper(commune) if fold(commune).startswith(("uy ban", "ubnd")) else
             t("poster.header_committee", lang, commune=upper(commune))]
    if province:
        named = fold(province)
        if named.startswith(("tp. ", "tp ")):  # "TP. Hồ Chí Minh": the city's name, said in full
            province, named = province.split(" ", 1)[1], named.split(" ", 1)[1]
        if named.startswith(("tinh ", "thanh pho ")):
            lines.append(upper(province))
        elif named in _CITIES:
            lines.append(t("poster.header_city", lang, city=upper(province)))
        else:
            lines.append(t("poster.header_province", lang, province=upper(province)))
    return tuple(lines)


# The cities run by the centre, which a commune's header names "THÀNH PHỐ …", not "TỈNH …".
_CITIES = frozenset({"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"})


def poster_content(post: Post, short_url: str, settings: PosterSettings,
                   cover: Picture | None = None) -> PosterContent:
    """What the poster of `post` shows, its QR code leading to `short_url`; `cover`: its cover
    picture (as published), if it is to be shown."""
    lang = settings.lang
    cta = "poster.cta_video" if post.video else "poster.cta"
    return PosterContent(
        header=settings.header_lines or (upper(settings.commune),),
        site_label=settings.site_label,
        title=title_text(post.poster_title or post.title),
        summary=summary_text(post.description, post.body),
        short_url=short_url,
        link_text=short_url.split("://", 1)[-1],
        link_label=t("poster.link_label", lang),
        call_to_action=t(cta, lang),
        date_line=t("poster.date", lang, date=format_date(post.date)),
        size=settings.size,
        campaign=settings.campaign,
        emblem=settings.emblem,
        cover=cover,
    )


# Measuring and wrapping. A font's widths grow with the size: each word is measured once, at 1 pt.

@functools.lru_cache(maxsize=4096)
def _words(text: str, chain: Chain) -> tuple[tuple[str, float], ...]:
    return tuple((word, fonts.width(word, chain, 1)) for word in text.split())


def _wrap(text: str, chain: Chain, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width`, in time linear in its length."""
    lines: list[str] = []
    line, line_width = "", 0.0
    space = fonts.space(chain, size)
    for word, unit in _words(text, chain):
        word_width = unit * size
        if line and line_width + space + word_width <= width:
            line, line_width = f"{line} {word}", line_width + space + word_width
            continue
        if line:
            lines.append(line)
        if word_width <= width:
            line, line_width = word, word_width
            continue
        # A word wider than the line (a long address) is cut by characters.
        line, line_width = "", 0.0
        for char in word:
            char_width = fonts.width(char, chain, size)
            if line and line_width + char_width > width:
                lines.append(line)
                line, line_width = "", 0.0
            line, line_width = line + char, line_width + char_width
    if line:
        lines.append(line)
    return lines


def _clip(lines: list[str], limit: int, chain: Chain, size: float, width: float) -> list[str]:
    """At most `limit` lines; the last one cut at a word and ended with an ellipsis."""
    if len(lines) <= limit:
        return lines
    last = lines[limit - 1]
    while last and fonts.width(last + ELLIPSIS, chain, size) > width:
        # Drop whole words while the line has several; a lone long word loses characters.
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: limit - 1], last.rstrip(" ,.;:–-") + ELLIPSIS]


def _fitted(text: str, chain: Chain, size: float, width: float) -> float:
    """`size`, or the largest smaller size (not under MIN_TEXT) at which `text` fits in `width`."""
    natural = fonts.width(text, chain, 1)
    return size if natural * size <= width else max(MIN_TEXT, min(size, width / natural if natural else size))


@dataclass(frozen=True)
class TitleFit:
    """How a poster's title is drawn."""

    size: float
    lines: tuple[str, ...]
    whole: bool   # it fits at the floor size or larger; else it is drawn smaller, alone with the code
    limit: int    # when not: about how many characters fit at the floor size


def fit_title(title: str, paper: Paper, height: float) -> TitleFit:
    """The largest size (in points, down to the paper's floor) at which the whole `title` fits in
    `paper.title_lines` lines (at the floor, `paper.floor_lines`) and `height`; else the largest
    smaller one (not under MIN_TEXT) at which it fits in `height` in as many lines as it takes.
    Never cut."""
    width = paper.width
    size = paper.title
    while size >= paper.title_floor:
        lines = _wrap(title, BOLD, size, width)
        most = paper.floor_lines if size == paper.title_floor else paper.title_lines
        if len(lines) <= most and len(lines) * size * TITLE_LEADING <= height:
            return TitleFit(size, tuple(lines), True, 0)
        size -= 1
    while True:
        lines = _wrap(title, BOLD, size, width)
        # A title too long even at MIN_TEXT (thousands of characters) is drawn as far as it fits.
        if len(lines) * size * TITLE_LEADING <= height or size <= MIN_TEXT:
            limit = _title_limit(title, paper, height)
            return TitleFit(size, tuple(lines[:max(1, int(height // (size * TITLE_LEADING)))]), False, limit)
        size -= 1


def _title_limit(title: str, paper: Paper, height: float) -> int:
    """About how many characters of a title fit at the paper's floor size: the longest beginning
    of it that does."""
    lines = min(paper.floor_lines, max(1, int(height // (paper.title_floor * TITLE_LEADING))))
    low, high = 0, len(title)
    while low < high:
        middle = (low + high + 1) // 2
        if len(_wrap(title[:middle], BOLD, paper.title_floor, paper.width)) <= lines:
            low = middle
        else:
            high = middle - 1
    return low


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _summary_lines(summary: str, paper: Paper, height: float) -> list[str]:
    """The summary in the lines `height` has room for (at most the paper's summary lines): whole,
    else its first whole sentences, else cut at a word with an ellipsis; none when not a line fits."""
    size, width = paper.summary, paper.width
    room = min(paper.summary_lines, int(height // (size * LEADING)))
    if room <= 0 or not summary:
        return []
    lines = _wrap(summary, REGULAR, size, width)
    if len(lines) <= room:
        return lines
    kept = ""
    for sentence in _SENTENCE_END.split(summary):
        longer = f"{kept} {sentence}".strip()
        if len(_wrap(longer, REGULAR, size, width)) > room:
            break
        kept = longer
    return _wrap(kept, REGULAR, size, width) if kept else _clip(lines, room, REGULAR, size, width)


@dataclass(frozen=True)
class _Frame:
    """Where the fixed parts of a poster go (y upwards from the page's foot, in points), and the
    room left between them for the title, the summary and the cover."""

    header: tuple[tuple[str, float, float], ...]  # each header line, its size and baseline
    rule: tuple[float, float, float]               # the rule under the header: left, right, y
    label: float                                   # the site label's baseline
    emblem: tuple[float, float, float, float] | None  # its box: left, bottom, width, height
    campaign: tuple[float, float] | None           # its size and baseline
    top: float                                     # the room for the title: from here ...
    bottom: float                                  # ... down to here
    call_to_action: float                          # baselines below
    qr_top: float
    link_label: float
    link: float
    link_size: float
    date: float


def _box(top: float, size: float) -> tuple[float, float]:
    """The baseline of a line of `size` whose box starts at `top`, and where its box ends."""
    return top - size * (LEADING - DESCENT), top - size * LEADING


def _frame(content: PosterContent) -> _Frame:
    """The header from the page's top down, the code and what goes with it from its foot up; the
    title, summary and cover then have what is left between them."""
    paper = PAPERS[content.size]
    page_w, page_h = paper.size
    emblem = _emblem_size(content.emblem, paper)
    # The header is centred on the page: it keeps clear of the emblem on both sides.
    room = paper.width - (2 * (emblem[0] + paper.gap) if emblem else 0)
    top = page_h - paper.margin
    header = []
    for text in (fonts.drawable(line, BOLD) for line in content.header):
        size = _fitted(text, BOLD, paper.header, room)
        baseline, top = _box(top, size)
        header.append((text, size, baseline))
    widest = max((fonts.width(text, BOLD, size) for text, size, _ in header), default=paper.width / 3)
    rule_y = top - paper.gap / 3
    half = max(widest / 3, 12 * mm) / 2
    label, top = _box(rule_y - paper.gap / 3, paper.small)
    box = None
    if emblem:
        height = min(emblem[1], page_h - paper.margin - top)
        box = (paper.margin, page_h - paper.margin - height, emblem[0] * height / emblem[1], height)
        top = min(top, box[1])
    campaign = None
    if content.campaign:
        size = _fitted(fonts.drawable(content.campaign, BOLD), BOLD, paper.campaign, paper.width)
        baseline, top = _box(top - paper.gap, size)
        campaign = (size, baseline)
    # From the foot up: the date, the address, its label, the code in its white, the call to action.
    y = paper.margin
    date = y + paper.small * DESCENT
    y += paper.small * LEADING + paper.gap / 2
    link_size = _fitted(fonts.drawable(content.link_text, ADDRESS), ADDRESS, paper.link, paper.width)
    link = y + link_size * DESCENT + (paper.link - link_size) * LEADING / 2  # a smaller one centred
    y += paper.link * LEADING
    link_label = y + paper.small * DESCENT
    qr_top = y + paper.small * LEADING + paper.quiet + paper.qr_side
    y = qr_top + paper.quiet
    call_to_action = y + paper.call_to_action * DESCENT
    y += paper.call_to_action * LEADING + paper.gap
    return _Frame(tuple(header), (page_w / 2 - half, page_w / 2 + half, rule_y), label, box, campaign,
                  top - paper.gap, y, call_to_action, qr_top, link_label, link, link_size, date)


def title_fit(content: PosterContent) -> TitleFit:
    """How the poster of `content` draws its title (without drawing it): `whole` is false when it
    only fits smaller than the paper's floor size."""
    frame = _frame(content)
    return fit_title(fonts.drawable(content.title, BOLD), PAPERS[content.size], frame.top - frame.bottom)


def render_posters(contents: Sequence[PosterContent], *, title: str | None = None) -> bytes:
    """One PDF with a page per poster, in order; byte-identical for the same contents."""
    return _render(contents, title, {})


def _render(contents: Sequence[PosterContent], title: str | None,
            layouts: dict[PosterContent, _Layout]) -> bytes:
    """render_posters, reusing and filling `layouts`: the posters already laid out by the caller
    (a worker draws a month's single posters, then the same posters again as its batch)."""
    fonts.register()
    page_size = PAPERS[contents[0].size].size if contents else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1,
                    lang="vi", initialFontName=fonts.REGULAR[0].name)
    canvas.setTitle(title or (contents[0].title if contents else ""))
    canvas.setCreator("Loa Xã")
    for content in contents:
        layout = layouts.get(content)
        if layout is None:
            layout = _Layout()
            _draw(layout, content)
            layouts[content] = layout
        layout.replay(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Layout:
    """The canvas calls that draw one poster, recorded to be replayed on any canvas. Wrapping the
    text, encoding the QR code, writing out its few hundred rectangles (most of a page's cost) and
    preparing the pictures are done once per poster; what depends on the document (font subsets)
    happens at replay. The same calls in the same order as drawing directly, so the PDF is byte for
    byte the same. Its methods are the Canvas methods _draw uses, by the same names, and drawRuns."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def replay(self, canvas: Canvas) -> None:
        for name, args in self.calls:
            if name == "drawRuns":
                _draw_runs(canvas, *args)
            else:
                getattr(canvas, name)(*args)

    def beginPath(self) -> PDFPathObject:
        return PDFPathObject()  # what Canvas.beginPath returns; it keeps no tie to the canvas

    def drawRuns(self, x: float, y: float, size: float, runs: tuple[tuple[str, bool, str], ...]) -> None:
        self.calls.append(("drawRuns", (x, y, size, runs)))

    def setLineWidth(self, width: float) -> None:
        self.calls.append(("setLineWidth", (width,)))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.calls.append(("line", (x1, y1, x2, y2)))

    def drawPath(self, path: PDFPathObject, stroke: int, fill: int) -> None:
        self.calls.append(("drawPath", (path, stroke, fill)))

    def drawImage(self, image: ImageReader, x: float, y: float, width: float, height: float) -> None:
        self.calls.append(("drawImage", (image, x, y, width, height)))


def _draw_runs(canvas: Canvas, x: float, y: float, size: float,
               runs: tuple[tuple[str, bool, str], ...]) -> None:
    """One line of text in one text object, a font per run; a stand-in bold is filled and outlined."""
    if any(stroke for _, stroke, _ in runs):
        canvas.setLineWidth(size * fonts.STROKE)
    text = canvas.beginText(x, y)
    mode = 0
    for name, stroke, chunk in runs:
        text.setFont(name, size)
        if mode != (2 if stroke else 0):
            mode = 2 if stroke else 0
            text.setTextRenderMode(mode)
        text.textOut(chunk)
    canvas.drawText(text)


def _draw(canvas: _Layout, content: PosterContent) -> None:
    paper = PAPERS[content.size]
    page_w = paper.size[0]
    frame = _frame(content)

    def text_line(text: str, chain: Chain, size: float, baseline: float) -> None:
        runs = fonts.runs(text, chain)
        left = (page_w - fonts.measure(runs, size)) / 2
        canvas.drawRuns(left, baseline, size, tuple((face.name, face.stroke, chunk) for face, chunk in runs))

    # Header: who speaks, in capitals over a short rule; the site; the campaign.
    for text, size, baseline in frame.header:
        text_line(text, BOLD, size, baseline)
    left, right, y = frame.rule
    canvas.setLineWidth(paper.rule)
    canvas.line(left, y, right, y)
    text_line(content.site_label, REGULAR, paper.small, frame.label)
    if frame.emblem and content.emblem:
        _draw_picture(canvas, content.emblem, frame.emblem, contrast=False)
    if frame.campaign:
        text_line(content.campaign, BOLD, *frame.campaign)

    # The title, whole; the summary and the cover in what room is left; the three centred between
    # the header and the code.
    height = frame.top - frame.bottom
    fit = fit_title(fonts.drawable(content.title, BOLD), paper, height)
    title_height = len(fit.lines) * fit.size * TITLE_LEADING
    summary, cover = [], None
    if fit.whole:
        summary = _summary_lines(fonts.drawable(content.summary, REGULAR), paper,
                                 height - title_height - paper.gap)
        room = height - title_height - (paper.gap + len(summary) * paper.summary * LEADING if summary else 0)
        cover = _cover_size(content.cover, paper, room - paper.gap)
    used = title_height + (paper.gap + len(summary) * paper.summary * LEADING if summary else 0) + (
        paper.gap + cover[1] if cover else 0)
    top = frame.top - (height - used) / 2
    for line in fit.lines:
        baseline = top - fit.size * (TITLE_LEADING - DESCENT + 0.02)
        text_line(line, BOLD, fit.size, baseline)
        top -= fit.size * TITLE_LEADING
    if summary:
        top -= paper.gap
        for line in summary:
            baseline, top = _box(top, paper.summary)
            text_line(line, REGULAR, paper.summary, baseline)
    if cover and content.cover:
        top -= paper.gap
        _draw_picture(canvas, content.cover, ((page_w - cover[0]) / 2, top - cover[1], *cover), contrast=True)

    # What the reader scans: the call to action, the code, the address to type, the date.
    text_line(content.call_to_action, BOLD, paper.call_to_action, frame.call_to_action)
    code = make_qr(content.short_url, paper.qr_version)
    module = paper.qr_side / code.size
    if module < MIN_MODULE_MM * mm:
        raise PosterError(f"QR module {module / mm:.2f} mm < {MIN_MODULE_MM} mm")
    path = canvas.beginPath()
    origin_x = (page_w - paper.qr_side) / 2
    for row, col, length in code.runs:
        path.rect(origin_x + col * module, frame.qr_top - (row + 1) * module, length * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    text_line(content.link_label, REGULAR, paper.small, frame.link_label)
    text_line(fonts.drawable(content.link_text, ADDRESS), ADDRESS, frame.link_size, frame.link)
    text_line(content.date_line, REGULAR, paper.small, frame.date)


# Pictures: the emblem at the header's left, the cover under the title, both in grey so that a black
# and white printer gives what the poster was drawn with.

@functools.lru_cache(maxsize=64)
def _picture_size(picture: Picture) -> tuple[int, int] | None:
    """A picture's width and height in pixels, read from its header; None if it cannot be read."""
    try:
        with Image.open(picture.path) as image:
            turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # drawn upright, as EXIF says
            return image.size[::-1] if turned else image.size
    except Exception:  # a picture gone or damaged since it was checked: the poster goes without it
        return None


def _emblem_size(emblem: Picture | None, paper: Paper) -> tuple[float, float] | None:
    size = _picture_size(emblem) if emblem else None
    if not size:
        return None
    width = min(paper.emblem * size[0] / size[1], paper.emblem * 1.4)
    return width, width * size[1] / size[0]


def _cover_size(cover: Picture | None, paper: Paper, height: float) -> tuple[float, float] | None:
    """The cover's width and height as large as fits in the page's width and `height`; None when
    that is lower than the paper's smallest cover."""
    size = _picture_size(cover) if cover else None
    if not size or height < paper.cover:
        return None
    scale = min(paper.width / size[0], height / size[1])
    return (size[0] * scale, size[1] * scale) if size[1] * scale >= paper.cover else None


def _draw_picture(canvas: _Layout, picture: Picture, box: tuple[float, float, float, float], *,
                  contrast: bool) -> None:
    left, bottom, width, height = box
    image = _grey(picture, round(width / 72 * PICTURE_DPI), round(height / 72 * PICTURE_DPI), contrast)
    if image is not None:
        canvas.drawImage(image, left, bottom, width, height)


@functools.lru_cache(maxsize=32)
def _grey(picture: Picture, width: int, height: int, contrast: bool) -> ImageReader | None:
    """The picture in grey at `width`×`height` pixels, transparent parts white. A photo (`contrast`)
    is stretched to black and white (the darkest and lightest 1 % cut) and kept as JPEG, which PDF
    holds as it is; the emblem, drawn at twice the resolution, is kept without loss."""
    size = (width, height) if contrast else (width * 2, height * 2)
    try:
        with Image.open(picture.path) as opened:
            opened.draft("L", size)  # a large JPEG is decoded at a fraction of its size
            image = ImageOps.exif_transpose(opened).convert("RGBA")
    except Exception:  # gone or damaged since it was checked: the poster goes without it
        return None
    white = Image.new("RGBA", image.size, "white")
    image = Image.alpha_composite(white, image).convert("L").resize(size, Image.Resampling.LANCZOS)
    if not contrast:
        return ImageReader(image)
    image = ImageOps.autocontrast(image, cutoff=1)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return ImageReader(io.BytesIO(buffer.getvalue()))


PosterJob = tuple[Sequence[PosterContent], str | None]
"""The pages of one PDF and its title (None: the first page's title)."""


def write_cached(folder: Path, jobs: Sequence[PosterJob], *,
                 on_repair: Callable[[Path], None] | None = None) -> list[tuple[Path, bool]]:
    """For each job: the PDF under `folder`, drawn only when no intact cached copy has the same
    key, and whether it was drawn. Blocks until every PDF is there: a little drawing is done in
    this process, more on every core. A cached PDF whose bytes no longer match the hash recorded
    when it was written is drawn again, and `on_repair` is given its path first."""
    plan = _plan(folder, jobs, on_repair)
    if len(plan.groups) <= 1 or sum(map(_cost, plan.groups)) <= _INLINE_MS:
        for group in plan.groups:
            _draw_group(group)
        return list(zip(plan.paths, plan.drawn))
    return _start(plan, _cores()).wait()


def start_cached(folder: Path, jobs: Sequence[PosterJob], *, workers: int | None = None,
                 on_repair: Callable[[Path], None] | None = None) -> PendingPosters:
    """write_cached without waiting: the PDFs still to draw are drawn by other processes while the
    caller goes on, and `.wait()` returns once all are written. Cached PDFs are checked (and
    `on_repair` called) before this returns; with nothing to draw no process is started.

    `workers` processes draw while the caller goes on (default 1), and every core once it waits.
    Measured on 2 cores, 500 posts drawn from nothing (3.6 s of CPU) beside a build that needs
    1.5 s / 6 s of CPU before it waits, everything was done after: 1 worker throughout 4.2 s /
    6.1 s (a core idles once the build waits), 2 from the start 3.8 s / 7.6 s (three processes
    on two cores slow the build), 1 then 2 (the default) 2.9 s / 6.2 s. An edit draws 2 PDFs,
    in 1 process.
    """
    plan = _plan(folder, jobs, on_repair)
    return _start(plan, 1 if workers is None else max(1, workers))


class PendingPosters:
    """Posters being drawn by other processes (see start_cached). Call wait() or cancel(), or use
    it as a context manager (which cancels what was not waited for): either ends the processes,
    and so does dropping the object (an error in the build) once it is collected."""

    def __init__(self, paths: list[Path], drawn: list[bool], feeder: _Feeder | None) -> None:
        self.paths = paths
        """Each job's PDF, in order: where it is, or will be once wait() has returned."""
        self.drawn = drawn
        """For each job, whether it is drawn (not cached, or its cached copy was broken)."""
        self._feeder = feeder
        self._closer = weakref.finalize(self, feeder.close, wait=False) if feeder else None

    def done(self) -> bool:
        """Whether drawing is over, so that wait() will not block."""
        return self._feeder is None or self._feeder.done()

    def wait(self) -> list[tuple[Path, bool]]:
        """Block until every PDF is written, drawing on every core meanwhile; each job's (path,
        drawn). Raises what drawing raised (PosterError for a poster that cannot be made
        readable), after the processes have ended."""
        if self._feeder is not None:
            try:
                self._feeder.finish()
            finally:
                self.cancel()  # after an error: draw no more; else only ends the processes
        return list(zip(self.paths, self.drawn))

    def cancel(self) -> None:
        """Draw nothing more and end the processes, waiting for the PDFs being written (so none
        is left half-written under a temporary name). What was drawn stays in the cache."""
        if self._closer is not None and self._closer.detach() is not None:
            self._feeder.close(wait=True)

    def __enter__(self) -> PendingPosters:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


class _Feeder:
    """Hands the groups to a pool of every core, only `background` at a time until finish() is
    called, then all: the pool's processes are all started at once (forking once threads run
    is unsafe), and an idle one costs nothing. Holds no reference to its PendingPosters, so
    dropping that closes the pool."""

    def __init__(self, groups: list[list[_Task]], background: int) -> None:
        self._groups = groups
        self._waiting = list(range(len(groups)))[::-1]  # popped from the end: biggest first
        self._futures: list[Future | None] = [None] * len(groups)
        self._lock = threading.RLock()  # a callback may run at once, in the submitting thread
        self._limit = background
        self._running = 0
        self._closed = False
        # The platform's way to start processes: on Linux before Python 3.14 fork, ~7 ms a worker
        # (it inherits the loaded fonts); spawn or forkserver import the package first, ~140 ms.
        self._executor = ProcessPoolExecutor(min(max(_cores(), background), len(groups)))
        with self._lock:
            self._feed()

    def _feed(self) -> None:
        while self._waiting and self._running < self._limit and not self._closed:
            index = self._waiting.pop()
            try:
                future = self._executor.submit(_draw_group, self._groups[index])
            except RuntimeError:  # the pool is shut down or broken, or Python is exiting
                self._closed = True
                return
            self._futures[index] = future
            self._running += 1
            future.add_done_callback(self._finished)

    def _finished(self, future: Future) -> None:
        with self._lock:
            self._running -= 1
            if future.cancelled() or future.exception() is not None:
                self._closed = True  # a poster failed: wait() raises it, nothing more to draw
            self._feed()

    def done(self) -> bool:
        with self._lock:
            return self._running == 0 and (self._closed or not self._waiting)

    def finish(self) -> None:
        """Draw the rest on every core and wait; raise the first group's error, if any."""
        with self._lock:
            self._limit = len(self._groups)
            self._feed()
            futures = [future for future in self._futures if future is not None]
            unsent = bool(self._waiting)
        for future in futures:
            future.result()
        if unsent:
            raise RuntimeError("posters left undrawn: the drawing was cancelled")

    def close(self, *, wait: bool) -> None:
        with self._lock:
            self._closed = True
        self._executor.shutdown(wait=wait, cancel_futures=True)


# A task: where to write, the pages, the PDF's title.
_Task = tuple[Path, Sequence[PosterContent], str | None]


@dataclass
class _Plan:
    paths: list[Path]
    drawn: list[bool]
    groups: list[list[_Task]]


def _plan(folder: Path, jobs: Sequence[PosterJob],
          on_repair: Callable[[Path], None] | None) -> _Plan:
    """Each job's path, which to draw, and the drawing in groups, biggest first: a month's single
    posters with its batch (each poster laid out once, drawn twice), other singles a few at a
    time."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{_job_key(contents, title)}.pdf" for contents, title in jobs]
    todo: dict[Path, PosterJob] = {}
    checked: set[Path] = set()
    for path, job in zip(paths, jobs):
        if path in checked:
            continue
        checked.add(path)
        state = _cached_state(path)
        if state == "broken" and on_repair is not None:
            on_repair(path)
        if state != "intact":
            todo[path] = job
    singles = {contents[0]: path for path, (contents, _) in todo.items() if len(contents) == 1}
    groups: list[list[_Task]] = []
    for path, (contents, title) in todo.items():
        if len(contents) != 1:
            # A month of many posts is cut, so that it is not all left to one process.
            mine = [(single, *todo[single]) for single in
                    filter(None, (singles.pop(content, None) for content in contents))]
            cut = max(0, (len(mine) - 1) // _SINGLES_PER_GROUP * _SINGLES_PER_GROUP)
            groups += _chunks(mine[:cut])
            groups.append([*mine[cut:], (path, contents, title)])
    grouped = {task[0] for group in groups for task in group}
    groups += _chunks([(path, *job) for path, job in todo.items() if path not in grouped])
    groups.sort(key=_cost, reverse=True)
    return _Plan(paths, [path in todo for path in paths], groups)


def _cores() -> int:
    """The cores this process may use (a container's or CI's share, not the host's)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _chunks(tasks: list[_Task]) -> list[list[_Task]]:
    return [tasks[i:i + _SINGLES_PER_GROUP] for i in range(0, len(tasks), _SINGLES_PER_GROUP)]


def _start(plan: _Plan, background: int) -> PendingPosters:
    if not plan.groups:
        return PendingPosters(plan.paths, plan.drawn, None)
    return PendingPosters(plan.paths, plan.drawn, _Feeder(plan.groups, background))


def _cost(group: Sequence[_Task]) -> float:
    """About how many milliseconds of CPU a group takes (measured with rl_accel on 2 cores): a
    poster alone ~7 ms, a page of a batch ~4 ms, or ~0.5 ms when the group drew it before."""
    seen: set[PosterContent] = set()
    total = 0.0
    for _, contents, _ in group:
        for content in contents:
            total += 0.5 if content in seen else 7.0 if len(contents) == 1 else 4.0
            seen.add(content)
    return total


# write_cached draws less than this itself (an edit's poster and batch): a worker costs ~7 ms to
# fork, ~140 ms to spawn (macOS, Python 3.14), and the wait would be no shorter.
_INLINE_MS = 100.0
_SINGLES_PER_GROUP = 64  # a group takes up to ~0.5 s


def _draw_group(group: Sequence[_Task]) -> None:
    """Draw and write a group's PDFs (in a worker process, or inline), laying each poster out
    once for the whole group."""
    layouts: dict[PosterContent, _Layout] = {}
    for path, contents, title in group:
        _write_verified(path, _render(contents, title, layouts))


def _job_key(contents: Sequence[PosterContent], title: str | None) -> str:
    parts = [title or "", *(c.key() for c in contents)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def _sidecar(path: Path) -> Path:
    """Where the SHA-256 of a cached PDF's bytes is kept, written with it: `<key>.sha256`."""
    return path.with_suffix(".sha256")


def _cached_state(path: Path) -> str:
    """"intact": the PDF's bytes hash to what was recorded when it was written; "missing": no PDF,
    or no record to check it against (a cache from before records: drawn again, not reported);
    "broken": the bytes differ (a truncated or damaged file), drawn again and reported."""
    try:
        stamp = _stamp(path), _stamp(_sidecar(path))
        if _VERIFIED.get(path) == stamp:
            return "intact"
        data = path.read_bytes()
        recorded = _sidecar(path).read_bytes()
    except FileNotFoundError:
        return "missing"
    digest = hashlib.sha256(data).hexdigest().encode("ascii")
    if recorded.strip() != digest:
        return "broken"
    _VERIFIED[path] = stamp
    return "intact"


# Files this process has hashed, by size, time and inode: a preview server's rebuilds do not
# read every poster again; any write to a file changes its stamp and it is hashed anew.
_VERIFIED: dict[Path, tuple[tuple[int, int, int], tuple[int, int, int]]] = {}


def _stamp(path: Path) -> tuple[int, int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns, stat.st_ino


def _write_verified(path: Path, data: bytes) -> None:
    """Write the PDF and its hash, each to a temporary file renamed over the final name: a killed
    build leaves either the old file or the new one, never part of one. The hash goes first, so
    a PDF under its final name always has its record (a PDF with a stale one is found broken)."""
    write_atomic(_sidecar(path), hashlib.sha256(data).hexdigest().encode("ascii") + b"\n")
    write_atomic(path, data)



def prune_cache(folder: Path, keep: set[Path]) -> None:
    """Remove cached PDFs this build did not use (edited posts' old posters) and their hashes,
    and temporary files a killed build left (an hour old: a build running beside may be writing
    newer ones)."""
    for path in folder.glob("*.pdf"):
        if path not in keep:
            path.unlink(missing_ok=True)
    for path in folder.glob("*.sha256"):
        if path.with_suffix(".pdf") not in keep:
            path.unlink(missing_ok=True)
    stale = time.time() - 3600
    for path in folder.glob("*.tmp"):
        try:
            if path.stat().st_mtime < stale:
                path.unlink()
        except FileNotFoundError:
            pass


def group_by_month(posts: Sequence[Post]) -> list[tuple[str, list[Post]]]:
    """Posts by month of publication in Vietnam time ("2025-10"), newest month first, each
    month's posts oldest first (the order they were published in)."""
    months: dict[str, list[Post]] = {}
    for post in sorted(posts, key=lambda p: (p.date, p.id)):
        months.setdefault(month_of(post.date), []).append(post)
    return sorted(months.items(), reverse=True)
