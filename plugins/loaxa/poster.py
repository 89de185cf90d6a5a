"""Printable QR posters: one A4 (or A5) page per article, for village notice boards."""

from __future__ import annotations

import functools
import hashlib
import io
import json
import os
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.pathobject import PDFPathObject

from .dates import format_date, month_of
from .errors import PosterError
from .i18n import t
from .posts import Post
from .qr import QUIET_ZONE, make_qr
from .store import write_atomic
from .text import summary_text, title_text

# Bump when the layout changes, so cached posters are drawn again.
RENDERER_VERSION = "2"
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = "LoaxaSans", "LoaxaSans-Bold"
SIZES = {"A4": A4, "A5": A5}
MIN_MODULE_MM = 2.0
ELLIPSIS = "…"


@dataclass(frozen=True)
class PosterContent:
    """Everything one poster shows; its hash is the poster's cache key."""

    header: str
    site_label: str
    title: str
    summary: str
    short_url: str
    link_text: str
    link_label: str
    call_to_action: str
    date_line: str
    size: str = "A4"

    def key(self) -> str:
        return _content_key(self)


@functools.lru_cache(maxsize=16384)
def _content_key(content: PosterContent) -> str:
    # Asked for every poster on every build; a preview server rebuilds often.
    data = json.dumps([RENDERER_VERSION, asdict(content)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class PosterSettings:
    """Site-wide poster settings: who speaks in the header, page size, language."""

    commune: str
    site_label: str
    size: str = "A4"
    lang: str = "vi"


def poster_content(post: Post, short_url: str, settings: PosterSettings) -> PosterContent:
    """What the poster of `post` shows, its QR code leading to `short_url`."""
    lang = settings.lang
    cta = "poster.cta_video" if post.video else "poster.cta"
    return PosterContent(
        header=settings.commune,
        site_label=settings.site_label,
        title=title_text(post.title),
        summary=summary_text(post.description, post.body),
        short_url=short_url,
        link_text=short_url.split("://", 1)[-1],
        link_label=t("poster.link_label", lang),
        call_to_action=t(cta, lang),
        date_line=t("poster.date", lang, date=format_date(post.date)),
        size=settings.size,
    )


@cache
def _register_fonts() -> dict[str, frozenset[int]]:
    """Register the bundled Be Vietnam Pro once per process; return each face's characters."""
    covered = {}
    for name, file in ((REGULAR, "BeVietnamPro-Regular.ttf"), (BOLD, "BeVietnamPro-Bold.ttf")):
        font = TTFont(name, str(FONTS / file))
        pdfmetrics.registerFont(font)
        covered[name] = frozenset(font.face.charToGlyph)
    return covered


def _drawable(text: str, font: str) -> str:
    """NFC text (PDF fonts place NFD marks wrongly) without what the font cannot draw (emoji)."""
    covered = _register_fonts()[font]
    text = unicodedata.normalize("NFC", text)
    kept = "".join(ch for ch in text if ord(ch) in covered or ch.isspace())
    return " ".join(kept.split())


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` in lines no wider than `width`, in time linear in its length: a font's widths
    add up character by character, so each word and each character is measured once."""
    lines: list[str] = []
    line, line_width = "", 0.0
    space = pdfmetrics.stringWidth(" ", font, size)
    for word in text.split():
        word_width = pdfmetrics.stringWidth(word, font, size)
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
            char_width = pdfmetrics.stringWidth(char, font, size)
            if line and line_width + char_width > width:
                lines.append(line)
                line, line_width = "", 0.0
            line, line_width = line + char, line_width + char_width
    if line:
        lines.append(line)
    return lines


def _clip(lines: list[str], limit: int, font: str, size: float, width: float) -> list[str]:
    """At most `limit` lines; the last one ends in an ellipsis when text was cut."""
    if len(lines) <= limit:
        return lines
    last = lines[limit - 1]
    while last and pdfmetrics.stringWidth(last + ELLIPSIS, font, size) > width:
        # Drop whole words while the line has several; a lone long word loses characters.
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: limit - 1], last.rstrip(" ,.;:–-") + ELLIPSIS]


def fit_title(title: str, width: float, largest: float, smallest: float) -> tuple[float, list[str]]:
    """The largest size (in points) at which `title` fits in 3 lines; else the smallest, cut."""
    size = largest
    while size > smallest:
        lines = _wrap(title, BOLD, size, width)
        if len(lines) <= 3:
            return size, lines
        size -= 2
    return smallest, _clip(_wrap(title, BOLD, smallest, width), 3, BOLD, smallest, width)


def render_posters(contents: Sequence[PosterContent], *, title: str | None = None) -> bytes:
    """One PDF with a page per poster, in order; byte-identical for the same contents."""
    return _render(contents, title, {})


def _render(contents: Sequence[PosterContent], title: str | None,
            layouts: dict[PosterContent, _Layout]) -> bytes:
    """render_posters, reusing and filling `layouts`: the posters already laid out by the caller
    (a worker draws a month's single posters, then the same posters again as its batch)."""
    _register_fonts()
    page_size = SIZES[contents[0].size] if contents else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1,
                    lang="vi", initialFontName=REGULAR)
    canvas.setTitle(title or (contents[0].title if contents else ""))
    canvas.setCreator("Loa Xã")
    for content in contents:
        layout = layouts.get(content)
        if layout is None:
            layout = _Layout()
            _draw(layout, content, SIZES[content.size])
            layouts[content] = layout
        layout.replay(canvas)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Layout:
    """The canvas calls that draw one poster, recorded to be replayed on any canvas. Wrapping the
    text, encoding the QR code and writing out its few hundred rectangles (most of a page's cost)
    are done once per poster; what depends on the document (font subsets) happens at replay. The
    same calls in the same order as drawing directly, so the PDF is byte for byte the same.
    Its methods are the Canvas methods _draw uses, by the same names."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple]] = []

    def replay(self, canvas: Canvas) -> None:
        for name, args in self.calls:
            getattr(canvas, name)(*args)

    def beginPath(self) -> PDFPathObject:
        return PDFPathObject()  # what Canvas.beginPath returns; it keeps no tie to the canvas

    def setFont(self, font: str, size: float) -> None:
        self.calls.append(("setFont", (font, size)))

    def drawString(self, x: float, y: float, text: str) -> None:
        self.calls.append(("drawString", (x, y, text)))

    def drawCentredString(self, x: float, y: float, text: str) -> None:
        self.calls.append(("drawCentredString", (x, y, text)))

    def setLineWidth(self, width: float) -> None:
        self.calls.append(("setLineWidth", (width,)))

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.calls.append(("line", (x1, y1, x2, y2)))

    def drawPath(self, path: PDFPathObject, stroke: int, fill: int) -> None:
        self.calls.append(("drawPath", (path, stroke, fill)))


def _draw(canvas: Canvas | _Layout, content: PosterContent, page_size: tuple[float, float]) -> None:
    page_w, page_h = page_size
    scale = page_w / A4[0]  # A5 is A4 scaled down; every size and gap follows
    margin = 16 * mm * scale
    width = page_w - 2 * margin
    y = page_h - margin

    def text_line(text: str, font: str, size: float, *, centre: bool = False) -> None:
        nonlocal y
        y -= size
        canvas.setFont(font, size)
        if centre:
            canvas.drawCentredString(page_w / 2, y, text)
        else:
            canvas.drawString(margin, y, text)
        y -= size * 0.32

    # Header: who speaks, then a rule.
    text_line(_drawable(content.header, BOLD), BOLD, 17 * scale)
    text_line(_drawable(content.site_label, REGULAR), REGULAR, 12 * scale)
    y -= 3 * mm * scale
    canvas.setLineWidth(1.2 * scale)
    canvas.line(margin, y, page_w - margin, y)
    y -= 9 * mm * scale

    size, lines = fit_title(_drawable(content.title, BOLD), width, 34 * scale, 20 * scale)
    for line in lines:
        text_line(line, BOLD, size)
    y -= 3 * mm * scale
    summary_size = 14 * scale
    summary = _clip(_wrap(_drawable(content.summary, REGULAR), REGULAR, summary_size, width),
                    4, REGULAR, summary_size, width)
    for line in summary:
        text_line(line, REGULAR, summary_size)

    # What stays below the code: call to action, the address, the date.
    cta_size, link_size, small = 22 * scale, 20 * scale, 12 * scale
    below = (cta_size + link_size + small * 2) * 1.32 + 16 * mm * scale
    code = make_qr(content.short_url)
    available = min(y - margin - below, width * 0.8)
    module = available / code.size_with_quiet_zone
    if module < MIN_MODULE_MM * mm:
        raise PosterError(f"QR module {module / mm:.2f} mm < {MIN_MODULE_MM} mm")
    side = module * code.size_with_quiet_zone
    left = (page_w - side) / 2
    top = y - 2 * mm * scale
    path = canvas.beginPath()
    origin_x, origin_y = left + QUIET_ZONE * module, top - QUIET_ZONE * module
    for row, col, length in code.runs:
        path.rect(origin_x + col * module, origin_y - (row + 1) * module, length * module, module)
    canvas.drawPath(path, stroke=0, fill=1)
    # Vietnamese stacked marks ("ế", "ể") rise well above the cap height: keep them clear.
    y = top - side - 4 * mm * scale

    text_line(_drawable(content.call_to_action, BOLD), BOLD, cta_size, centre=True)
    y -= 2 * mm * scale
    text_line(_drawable(content.link_label, REGULAR), REGULAR, small, centre=True)
    link = _drawable(content.link_text, BOLD)
    while pdfmetrics.stringWidth(link, BOLD, link_size) > width and link_size > 10:
        link_size -= 1
    text_line(link, BOLD, link_size, centre=True)
    y -= 2 * mm * scale
    text_line(_drawable(content.date_line, REGULAR), REGULAR, small, centre=True)


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
