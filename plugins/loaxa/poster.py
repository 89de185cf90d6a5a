"""Printable QR posters: one A4 (or A5) page per article, for village notice boards."""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from .dates import VIETNAM, format_date
from .i18n import t
from .markup import markdown_text
from .posts import Post, summary
from .qr import QUIET_ZONE, make_qr

# Bump when the layout changes, so cached posters are drawn again.
RENDERER_VERSION = "2"
FONTS = Path(__file__).parent / "fonts"
REGULAR, BOLD = "LoaxaSans", "LoaxaSans-Bold"
SIZES = {"A4": A4, "A5": A5}
MIN_MODULE_MM = 2.0
ELLIPSIS = "…"


class PosterError(Exception):
    """A poster that cannot be made readable (e.g. a site address too long for the QR code)."""


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
        data = json.dumps([RENDERER_VERSION, asdict(self)], ensure_ascii=False, sort_keys=True)
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
        title=post.title,
        summary=summary(post),
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
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if pdfmetrics.stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        # A word wider than the line (a long address) is cut by characters.
        while pdfmetrics.stringWidth(word, font, size) > width:
            cut = len(word)
            while cut > 1 and pdfmetrics.stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
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
    _register_fonts()
    page_size = SIZES[contents[0].size] if contents else A4
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size, invariant=1, pageCompression=1,
                    lang="vi", initialFontName=REGULAR)
    canvas.setTitle(title or (contents[0].title if contents else ""))
    canvas.setCreator("Loa Xã")
    for content in contents:
        _draw(canvas, content, SIZES[content.size])
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, content: PosterContent, page_size: tuple[float, float]) -> None:
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


def write_cached(folder: Path, jobs: Sequence[tuple[Sequence[PosterContent], str | None]]
                 ) -> list[tuple[Path, bool]]:
    """For each job (the pages of one PDF, its title): the PDF under `folder`, drawn only when no
    cached copy has the same key, and whether it was drawn. Many misses (a first build) are drawn
    on every core; the output is the same either way."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{_job_key(contents, title)}.pdf" for contents, title in jobs]
    missing = {path: job for path, job in zip(paths, jobs) if not path.is_file()}
    workers = min(os.cpu_count() or 1, len(missing) // _JOBS_PER_WORKER)
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_draw_job, missing.keys(), missing.values(),
                          chunksize=max(1, len(missing) // (4 * workers))))
    else:
        for path, job in missing.items():
            _draw_job(path, job)
    return [(path, path in missing) for path in paths]


_JOBS_PER_WORKER = 16


def prune_cache(folder: Path, keep: set[Path]) -> None:
    """Remove cached PDFs this build did not use (edited posts' old posters)."""
    for path in folder.glob("*.pdf"):
        if path not in keep:
            path.unlink(missing_ok=True)


def _job_key(contents: Sequence[PosterContent], title: str | None) -> str:
    parts = [title or "", *(c.key() for c in contents)]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def _draw_job(path: Path, job: tuple[Sequence[PosterContent], str | None]) -> None:
    contents, title = job
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(render_posters(contents, title=title))
    partial.replace(path)


def group_by_month(posts: Sequence[Post]) -> list[tuple[str, list[Post]]]:
    """Posts by month of publication in Vietnam time ("2025-10"), newest month first, each
    month's posts oldest first (the order they were published in)."""
    months: dict[str, list[Post]] = {}
    for post in sorted(posts, key=lambda p: (p.date, p.id)):
        months.setdefault(post.date.astimezone(VIETNAM).strftime("%Y-%m"), []).append(post)
    return sorted(months.items(), reverse=True)


def render_posters_page(months: Sequence[tuple[str, Sequence[Post]]], settings: PosterSettings
                        ) -> str:
    """Markdown of the staff page that lists every poster and monthly batch, by month."""
    lang = settings.lang
    lines = [f"# {t('posters.title', lang)}", "", t("posters.intro", lang, size=settings.size), ""]
    for month, posts in months:
        year, number = month.split("-")
        lines += [f"## {t('posters.month', lang, month=f'{number}/{year}')}", ""]
        lines.append(f"- [{t('posters.batch', lang, count=len(posts))}]({month}.pdf)")
        for post in reversed(posts):
            lines.append(f"- [{markdown_text(post.title)}]({post.id}.pdf) · {format_date(post.date)}")
        lines.append("")
    return "\n".join(lines)
