"""Official documents ("Văn bản"): a post whose `document:` block says what the document is, with
its PDF beside it, and the registry that lists them all at /van-ban/.

    document:
      number: 611/KH-UBND          # number and symbol, as printed on the document
      type: Kế hoạch               # one of TYPES
      issuer: Ủy ban nhân dân xã Mường Kim
      signer: Chủ tịch UBND xã      # optional
      signed: 2025-08-08
      effective: 2025-08-08        # optional, not before `signed`
      expires: 2026-12-31          # optional, after `effective` (or `signed`)
      file: 2025-08-08-ke-hoach-611.pdf
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from .dates import VIETNAM, DateError, format_date, parse_date
from .i18n import t
from .slugs import slugify

TYPES = ("Quyết định", "Kế hoạch", "Thông báo", "Công văn", "Báo cáo", "Chỉ thị", "Nghị quyết",
         "Hướng dẫn", "Chương trình", "Quy chế", "Tờ trình", "Giấy mời")
REGISTRY = "van-ban"  # the registry's address, its pages by year and by type below it
# "611/KH-UBND", "04-KH/ĐU", "37/QĐ-UBND", "42/2022/NĐ-CP": a number, then letters and hyphens.
NUMBER = re.compile(r"^[0-9]{1,5}[a-z]?(/[0-9]{4})?[/-][A-ZĐ0-9]+([/-][A-ZĐa-zđ0-9.]+)*$")  # 15/CT-TTg
FIELDS = ("number", "type", "issuer", "signer", "signed", "effective", "expires", "file")
REQUIRED = ("number", "type", "issuer", "signed", "file")


@dataclass(frozen=True)
class Document:
    number: str
    kind: str
    issuer: str
    signed: datetime
    file: str                       # inside the posts folder, '/'-separated
    size: int                       # bytes of the file
    signer: str | None = None
    effective: datetime | None = None
    expires: datetime | None = None


Report = Callable[..., None]  # report(line, field, message key, **values)


def read_document(value: object, line: int, *, report: Report,
                  file_of: Callable[[str, int], tuple[str, int] | None]) -> Document | None:
    """The `document:` block at `line`, checked; every problem through `report`. `file_of(text,
    line)` gives the file's path inside the posts folder and its size, or reports and gives None."""
    if not isinstance(value, Mapping):
        report(line, "document", "documents.not_block")
        return None
    lines = {name: line + 1 + at for at, name in enumerate(value)}  # one field a line, in order
    for name in value:
        if name not in FIELDS:
            report(lines[name], f"document.{name}", "documents.unknown", name=name,
                   fields=", ".join(f"`{f}`" for f in FIELDS))
    values: dict[str, object] = {}
    ok = True
    for name, item in value.items():
        if isinstance(item, (Mapping, list)):
            report(lines[name], f"document.{name}", "documents.not_text", name=name)
            return None
    for name in REQUIRED:
        if value.get(name) in (None, ""):
            report(line, f"document.{name}", "documents.missing", name=name)
            ok = False
    number = _text(value.get("number"))
    if number and not NUMBER.match(number):
        report(lines["number"], "document.number", "documents.bad_number", value=number)
        ok = False
    kind = _text(value.get("type"))
    if kind and kind not in TYPES:
        close = next((k for k in TYPES if slugify(k) == slugify(kind)), None)
        report(lines["type"], "document.type", "documents.bad_type", value=kind,
               allowed=close or ", ".join(TYPES))
        ok = False
    for name in ("signed", "effective", "expires"):
        if value.get(name) in (None, ""):
            continue
        try:
            values[name] = parse_date(value[name]).astimezone(VIETNAM)
        except DateError as error:
            report(lines[name], f"document.{name}", "documents.bad_date", value=error.value)
            ok = False
    start = values.get("effective") or values.get("signed")
    if "effective" in values and "signed" in values and values["effective"] < values["signed"]:
        report(lines["effective"], "document.effective", "documents.effective_before_signed",
               date=format_date(values["signed"]))
        ok = False
    if "expires" in values and start is not None and values["expires"] <= start:
        report(lines["expires"], "document.expires", "documents.expires_before", date=format_date(start))
        ok = False
    found = file_of(_text(value.get("file")), lines.get("file", line)) if value.get("file") else None
    if found is None or not ok:
        return None
    path, size = found
    return Document(number=number, kind=kind, issuer=_text(value["issuer"]), signed=values["signed"],
                    file=path, size=size, signer=_text(value.get("signer")) or None,
                    effective=values.get("effective"), expires=values.get("expires"))


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def size_text(size: int) -> str:
    """"245 KB", "1,2 MB": as Vietnamese writes sizes."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def render_block(document: Document, file_url: str, lang: str) -> str:
    """What a document's page shows above its text: its fields, and the file to download."""
    rows = [("documents.label.number", document.number), ("documents.label.type", document.kind),
            ("documents.label.issuer", document.issuer), ("documents.label.signer", document.signer),
            ("documents.label.signed", format_date(document.signed)),
            ("documents.label.effective", document.effective and format_date(document.effective)),
            ("documents.label.expires", document.expires and format_date(document.expires))]
    items = "".join(f"<dt>{t(key, lang)}</dt><dd>{html.escape(value)}</dd>" for key, value in rows if value)
    link = t("documents.download", lang, size=size_text(document.size))
    return (f'<dl class="loaxa-document">{items}</dl>\n'
            f'<p class="loaxa-download"><a href="{html.escape(file_url)}" download>{link}</a></p>\n')


@dataclass(frozen=True)
class Listed:
    """A published document as the registry lists it."""

    document: Document
    title: str
    url: str       # the article's site path, e.g. "ke-hoach-611/"
    file_url: str  # the file's site path


def registry_pages(listed: Sequence[Listed], lang: str) -> dict[str, str]:
    """The registry: every document newest first, then one page per year and one per type."""
    listed = sorted(listed, key=lambda item: (item.document.signed, item.document.number), reverse=True)
    pages = {f"{REGISTRY}/index.md": _page(t("documents.registry_title", lang), listed, REGISTRY, lang,
                                           listed)}
    for year in sorted({item.document.signed.year for item in listed}, reverse=True):
        chosen = [item for item in listed if item.document.signed.year == year]
        title = t("documents.registry_year", lang, year=year)
        pages[f"{REGISTRY}/{year}/index.md"] = _page(title, chosen, f"{REGISTRY}/{year}", lang, listed)
    for kind in sorted({item.document.kind for item in listed}):
        chosen = [item for item in listed if item.document.kind == kind]
        title = t("documents.registry_type", lang, type=kind)
        pages[f"{REGISTRY}/{slugify(kind)}/index.md"] = _page(title, chosen, f"{REGISTRY}/{slugify(kind)}",
                                                              lang, listed)
    return pages


def _page(title: str, chosen: Sequence[Listed], here: str, lang: str, every: Sequence[Listed]) -> str:
    def link(target: str) -> str:
        depth = here.count("/") + 1
        return "../" * depth + target

    years = sorted({item.document.signed.year for item in every}, reverse=True)
    kinds = sorted({item.document.kind for item in every})
    views = " · ".join([f'<a href="{link(REGISTRY + "/")}">{t("documents.all", lang)}</a>',
                        *(f'<a href="{link(f"{REGISTRY}/{y}/")}">{y}</a>' for y in years),
                        *(f'<a href="{link(f"{REGISTRY}/{slugify(k)}/")}">{html.escape(k)}</a>'
                          for k in kinds)])
    head = "".join(f'<th scope="col">{t(key, lang)}</th>' for key in (
        "documents.label.number", "documents.label.title", "documents.label.type", "documents.label.issuer",
        "documents.label.signed", "documents.label.file"))
    rows = []
    for item in chosen:
        d = item.document
        rows.append(
            f'<tr><td>{html.escape(d.number)}</td>'
            f'<td><a href="{link(item.url)}">{html.escape(item.title)}</a></td>'
            f"<td>{html.escape(d.kind)}</td><td>{html.escape(d.issuer)}</td>"
            f'<td><time datetime="{d.signed:%Y-%m-%d}">{format_date(d.signed)}</time></td>'
            f'<td><a href="{link(item.file_url)}" download>PDF, {size_text(d.size)}</a></td></tr>')
    label = t("documents.filter", lang)
    return (f"# {title}\n\n"
            f'<p class="loaxa-registry-views">{views}</p>\n\n'
            f'<p class="loaxa-registry-filter" hidden><label for="loc-van-ban">{label}</label> '
            f'<input id="loc-van-ban" type="search" autocomplete="off"></p>\n\n'
            f'<div class="loaxa-registry" role="region" tabindex="0" aria-label="{html.escape(title)}">'
            f'<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table></div>\n\n" + _FILTER)


# The filter works on the table already in the page, in the browser, offline; without JavaScript
# the full table is there and the filter stays hidden.
_FILTER = """<script>
(function () {
  var box = document.getElementById("loc-van-ban");
  if (!box) { return; }
  box.parentElement.hidden = false;
  function fold(text) {
    return text.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  box.addEventListener("input", function () {
    var wanted = fold(box.value.trim());
    document.querySelectorAll(".loaxa-registry tbody tr").forEach(function (row) {
      row.hidden = wanted !== "" && fold(row.textContent).indexOf(wanted) < 0;
    });
  });
})();
</script>
"""
