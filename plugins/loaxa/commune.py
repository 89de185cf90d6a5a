"""The commune's own information, from two data files in docs/, checked like posts.

`docs/xa.yml` holds the organisation (the People's Committee, its offices and their functions,
its leaders by role, the Public Administration Service Centre) and how to reach each;
`docs/thu-tuc.yml` the common administrative procedures, each with its page on the national
public-service portal. Staff write them once and review them; loaxa renders them where a page
of docs/ says `<!-- loaxa:gioi-thieu -->`, `<!-- loaxa:lien-he -->` or `<!-- loaxa:thu-tuc -->`,
as schema.org `GovernmentOrganization` data, and as the English page `/en/`. With
`review_days` set, a site missing any of it, a contact without a phone, or information not
reviewed for longer, stops the strict build, as a commune's information page must carry them
(Decree 42/2022/NĐ-CP).
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .dates import VIETNAM, DateError, format_date, parse_date
from .errors import Problem
from .i18n import t

ORGANISATION = "xa.yml"
PROCEDURES = "thu-tuc.yml"
MARKERS = ("gioi-thieu", "lien-he", "thu-tuc")
ENGLISH_PAGE = "en/index.md"
_PHONE = re.compile(r"^(\+84|0)[0-9]{9,10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


@dataclass
class Entry:
    """One mapping of a data file: its values as written (text) and the line of each."""

    values: dict[str, object]
    lines: dict[str, int]
    line: int

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value).strip()


@dataclass
class Commune:
    """What the two files say, once checked."""

    organisation: Entry | None = None
    offices: list[Entry] = field(default_factory=list)
    leaders: list[Entry] = field(default_factory=list)
    centre: Entry | None = None
    procedures: list[Entry] = field(default_factory=list)
    reviewed: datetime | None = None
    problems: list[Problem] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # the files there are

    def phones(self) -> list[str]:
        entries = [self.organisation, self.centre, *self.offices, *self.leaders]
        return [number for entry in entries if entry is not None
                for number in (entry.text("phone"), entry.text("hotline")) if number]


class _Reader:
    def __init__(self, docs_label: str, lang: str) -> None:
        self.label, self.lang = docs_label, lang
        self.problems: list[Problem] = []

    def problem(self, file: str, line: int, field_name: str, key: str, /, **values: object) -> None:
        self.problems.append(Problem(f"{self.label}/{file}", line, field_name, t(key, self.lang, **values)))


def load_commune(docs_dir: Path, lang: str) -> Commune:
    """Both files read and checked; every problem with its file, line and field."""
    commune = Commune()
    reader = _Reader(docs_dir.name, lang)
    organisation = _load(docs_dir / ORGANISATION, reader)
    if organisation is not None:
        commune.found.add(ORGANISATION)
        commune.organisation = _section(organisation, "organisation", reader, ORGANISATION,
                                        required=("name", "address"))
        commune.centre = _section(organisation, "service_centre", reader, ORGANISATION,
                                  required=("name", "address", "hours"))
        commune.offices = _list(organisation, "offices", reader, ORGANISATION, required=("name", "functions"))
        commune.leaders = _list(organisation, "leaders", reader, ORGANISATION, required=("role",))
        commune.reviewed = _date(organisation, "reviewed", reader, ORGANISATION)
    procedures = _load(docs_dir / PROCEDURES, reader)
    if procedures is not None:
        commune.found.add(PROCEDURES)
        commune.procedures = _list(procedures, "procedures", reader, PROCEDURES, required=("name", "url"))
        for entry in commune.procedures:
            url = entry.text("url")
            parts = urlsplit(url)
            if url and not (parts.scheme == "https" and (parts.hostname or "").endswith(".gov.vn")):
                reader.problem(PROCEDURES, entry.lines.get("url", entry.line), "url", "commune.bad_portal",
                               value=url)
    commune.problems = reader.problems
    return commune


def _load(path: Path, reader: _Reader) -> Entry | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        reader.problem(path.name, 1, t("field.file", reader.lang), "commune.unreadable")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        reader.problem(path.name, line, t("field.file", reader.lang), "commune.yaml", detail=getattr(
            error, "problem", "") or "")
        return None
    if not isinstance(node, yaml.MappingNode):
        reader.problem(path.name, 1, t("field.file", reader.lang), "commune.not_mapping")
        return None
    return _entry(node)


def _entry(node: yaml.MappingNode) -> Entry:
    values: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key, value in node.value:
        name = str(key.value)
        lines[name] = key.start_mark.line + 1
        if isinstance(value, yaml.MappingNode):
            values[name] = _entry(value)
        elif isinstance(value, yaml.SequenceNode):
            values[name] = [_entry(item) if isinstance(item, yaml.MappingNode) else
                            item.value if isinstance(item, yaml.ScalarNode) else None
                            for item in value.value]
        else:
            values[name] = None if value.tag.endswith(":null") else value.value
    return Entry(values, lines, node.start_mark.line + 1)


def _section(parent: Entry, name: str, reader: _Reader, source: str, *,
             required: tuple[str, ...]) -> Entry | None:
    value = parent.values.get(name)
    if value is None:
        return None
    if not isinstance(value, Entry):
        reader.problem(source, parent.lines.get(name, 1), name, "commune.not_section", name=name)
        return None
    _check(value, reader, source, required)
    return value


def _list(parent: Entry, name: str, reader: _Reader, source: str, *,
          required: tuple[str, ...]) -> list[Entry]:
    value = parent.values.get(name)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, Entry) for item in value):
        reader.problem(source, parent.lines.get(name, 1), name, "commune.not_list", name=name)
        return []
    for item in value:
        _check(item, reader, source, required)
    return value


_LISTS = ("hours", "hours_en")  # the only fields that are lists of lines


def _check(entry: Entry, reader: _Reader, source: str, required: tuple[str, ...]) -> None:
    for name, value in list(entry.values.items()):
        lines = value if name in _LISTS and isinstance(value, list) else [value]
        if any(isinstance(item, (Entry, list)) for item in lines):
            reader.problem(source, entry.lines[name], name, "commune.not_text", name=name)
            entry.values[name] = None
    for name in required:
        if not entry.values.get(name):
            reader.problem(source, entry.lines.get(name, entry.line), name, "commune.required", name=name)
    for name in ("phone", "hotline"):
        number = entry.text(name)
        if number and not _PHONE.match(re.sub(r"[\s.()-]", "", number)):
            reader.problem(source, entry.lines[name], name, "commune.bad_phone", value=number)
    email = entry.text("email")
    if email and not _EMAIL.match(email):
        reader.problem(source, entry.lines["email"], "email", "commune.bad_email", value=email)


def _date(parent: Entry, name: str, reader: _Reader, source: str) -> datetime | None:
    text = parent.text(name)
    if not text:
        return None
    try:
        return parse_date(text).astimezone(VIETNAM)
    except DateError:
        reader.problem(source, parent.lines[name], name, "commune.bad_date", value=text)
        return None


def duties(commune: Commune, now: datetime, review_days: int, docs_label: str, lang: str, *,
           documents: int) -> list[Problem]:
    """What a commune's information page must carry and does not: each with what to add, where."""
    found: list[Problem] = []

    def missing(file: str, key: str, /, **values: object) -> None:
        found.append(Problem(f"{docs_label}/{file}", 1, t("field.file", lang), t(key, lang, **values)))

    if ORGANISATION not in commune.found:
        missing(ORGANISATION, "commune.no_organisation_file", path=f"{docs_label}/{ORGANISATION}")
    else:
        if commune.organisation is None:
            missing(ORGANISATION, "commune.no_section", name="organisation")
        if commune.centre is None:
            missing(ORGANISATION, "commune.no_section", name="service_centre")
        if not commune.leaders:
            missing(ORGANISATION, "commune.no_section", name="leaders")
        if not commune.phones():
            missing(ORGANISATION, "commune.no_phone")
        if commune.reviewed is None:
            missing(ORGANISATION, "commune.never_reviewed", days=review_days)
        elif (now - commune.reviewed).days > review_days:
            missing(ORGANISATION, "commune.stale", date=format_date(commune.reviewed), days=review_days)
    if PROCEDURES not in commune.found or not commune.procedures:
        missing(PROCEDURES, "commune.no_procedures", path=f"{docs_label}/{PROCEDURES}")
    if not documents:
        found.append(Problem("mkdocs.yml", 1, "categories_allowed", t("commune.no_documents", lang)))
    return found


# Rendering --------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text))


def _phone(number: str) -> str:
    digits = re.sub(r"[^\d+]", "", number)
    return f'<a href="tel:{digits}">{_e(number)}</a>'


def _email(address: str) -> str:
    return f'<a href="mailto:{_e(address)}">{_e(address)}</a>'


def _reach(entry: Entry, lang: str, english: bool = False) -> list[str]:
    """Definition-list rows: how to reach `entry`."""
    rows = []
    for name, key in (("phone", "commune.phone"), ("hotline", "commune.hotline"), ("email", "commune.email")):
        value = entry.text(name)
        if value:
            link = _email(value) if name == "email" else _phone(value)
            rows.append(f"<dt>{t(key, 'en' if english else lang)}</dt><dd>{link}</dd>")
    return rows


def _local(entry: Entry, name: str, english: bool) -> str:
    return (entry.text(f"{name}_en") or entry.text(name)) if english else entry.text(name)


def render_marker(name: str, commune: Commune, lang: str, site_url: str | None) -> str:
    """The HTML a page of docs/ shows where it says `<!-- loaxa:<name> -->`."""
    if name == "thu-tuc":
        return render_procedures(commune, lang)
    if name == "lien-he":
        return render_contacts(commune, lang) + json_ld(commune, site_url)
    return render_organisation(commune, lang)


def render_organisation(commune: Commune, lang: str, english: bool = False) -> str:
    parts = []
    organisation = commune.organisation
    if organisation is not None and _local(organisation, "functions", english):
        parts.append(f"<p>{_e(_local(organisation, 'functions', english))}</p>")
    if commune.offices:
        parts.append(f'<h2>{t("commune.offices", "en" if english else lang)}</h2>')
        for office in commune.offices:
            rows = [f"<dt>{t('commune.functions', 'en' if english else lang)}</dt>"
                    f"<dd>{_e(_local(office, 'functions', english))}</dd>", *_reach(office, lang, english)]
            parts.append(f"<h3>{_e(_local(office, 'name', english))}</h3>\n<dl>{''.join(rows)}</dl>")
    return '<div class="loaxa-commune">\n' + "\n".join(parts) + "\n</div>\n"


def render_contacts(commune: Commune, lang: str, english: bool = False) -> str:
    words = "en" if english else lang
    parts = []
    organisation, centre = commune.organisation, commune.centre
    if organisation is not None:
        address = _e(_local(organisation, "address", english))
        rows = [f"<dt>{t('commune.address', words)}</dt><dd>{address}</dd>",
                *_reach(organisation, lang, english)]
        parts.append(f"<h2>{_e(_local(organisation, 'name', english))}</h2>\n<dl>{''.join(rows)}</dl>")
    if centre is not None:
        hours = centre.values.get("hours_en" if english and centre.values.get("hours_en") else "hours") or []
        hours = hours if isinstance(hours, list) else [hours]
        rows = [f"<dt>{t('commune.address', words)}</dt><dd>{_e(_local(centre, 'address', english))}</dd>",
                f"<dt>{t('commune.hours', words)}</dt><dd>{'<br>'.join(_e(h) for h in hours if h)}</dd>",
                *_reach(centre, lang, english)]
        parts.append(f"<h2>{_e(_local(centre, 'name', english))}</h2>\n<dl>{''.join(rows)}</dl>")
    if commune.leaders:
        parts.append(f"<h2>{t('commune.leaders', words)}</h2>")
        for leader in commune.leaders:
            rows = _reach(leader, lang, english)
            parts.append(f"<h3>{_e(_local(leader, 'role', english))}</h3>\n<dl>{''.join(rows)}</dl>")
    if commune.reviewed is not None:
        reviewed = t("commune.reviewed", words, date=format_date(commune.reviewed))
        parts.append(f'<p class="loaxa-reviewed">{reviewed}</p>')
    return '<div class="loaxa-commune">\n' + "\n".join(parts) + "\n</div>\n"


def render_procedures(commune: Commune, lang: str) -> str:
    items = []
    for procedure in commune.procedures:
        where = procedure.text("where")
        note = f"<br><small>{_e(where)}</small>" if where else ""
        items.append(f'<li><a href="{_e(procedure.text("url"))}">{_e(procedure.text("name"))}</a>{note}</li>')
    return ('<div class="loaxa-commune">\n<ul class="loaxa-procedures">\n' + "\n".join(items)
            + f'\n</ul>\n<p>{t("commune.portal_note", lang)}</p>\n</div>\n')


def json_ld(commune: Commune, site_url: str | None) -> str:
    """schema.org data for search engines and maps: the organisation and how to reach it."""
    organisation = commune.organisation
    if organisation is None:
        return ""
    data: dict[str, object] = {"@context": "https://schema.org", "@type": "GovernmentOrganization",
                               "name": organisation.text("name")}
    if organisation.text("name_en"):
        data["alternateName"] = organisation.text("name_en")
    if site_url:
        data["url"] = site_url
    data["address"] = {"@type": "PostalAddress", "streetAddress": organisation.text("address"),
                       "addressCountry": "VN"}
    if organisation.text("phone"):
        data["telephone"] = organisation.text("phone")
    if organisation.text("email"):
        data["email"] = organisation.text("email")
    points = []
    people = [(person, None) for person in commune.leaders]
    for entry, kind in [(commune.centre, "customer service"), *people]:
        if entry is None:
            continue
        point: dict[str, object] = {"@type": "ContactPoint",
                                    "contactType": kind or entry.text("role_en") or entry.text("role")}
        for name, key in (("phone", "telephone"), ("hotline", "telephone"), ("email", "email")):
            if entry.text(name):
                point[key] = entry.text(name)
        if len(point) > 2:
            points.append(point)
    if points:
        data["contactPoint"] = points
    text = json.dumps(data, ensure_ascii=False, indent=1).replace("<", "\\u003c")
    return f'<script type="application/ld+json">\n{text}\n</script>\n'


def english_page(commune: Commune, site_name: str) -> str:
    """/en/: the organisation and its contacts, for visitors and investors."""
    organisation = commune.organisation
    title = _local(organisation, "name", True) if organisation is not None else site_name
    return (f'---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n'
            f'<div lang="en">\n<h1>{_e(title)}</h1>\n'
            + render_organisation(commune, "en", english=True)
            + render_contacts(commune, "en", english=True)
            + "</div>\n")
