"""The home page a resident understands at a glance, and the cards every list of posts shows.

The first screen of a phone says whose page it is, shows the notice in force (if any), and
leads to each section with a large tile; below come the newest posts as cards with their
cover's smallest picture, and the commune's phone, address and hours before the footer.
Everything here is HTML from plain values: the MkDocs adapter decides where it goes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin

from .addresses import relative_url
from .i18n import t
from .slugs import slugify

MARKER = "<!-- loaxa:trang-chu -->"

# Icons from Material Design Icons (Pictogrammers, Apache License 2.0), as Material for MkDocs
# ships them: drawn inline, so a tile costs no request.
_ICONS = {
    "news": "M20 5v14H4V5zm0-2H4c-1.11 0-2 .89-2 2v14c0 1.11.89 2 2 2h16c1.11 0 2-.89 "
           "2-2V5c0-1.11-.89-2-2-2m-2 12H6v2h12zm-8-8H6v6h4zm2 2h6V7h-6zm6 2h-6v2h6z",
    "guide": "m19 1-5 5v11l5-4.5zm2 4v13.5c-1.1-.35-2.3-.5-3.5-.5-1.7 0-4.15.65-5.5 "
            "1.5V6c-1.45-1.1-3.55-1.5-5.5-1.5S2.45 4.9 1 6v14.65c0 .25.25.5.5.5.1 0 "
            ".15-.05.25-.05C3.1 20.45 5.05 20 6.5 20c1.95 0 4.05.4 5.5 1.5 1.35-.85 3.8-1.5 "
            "5.5-1.5 1.65 0 3.35.3 4.75 1.05.1.05.15.05.25.05.25 0 "
            ".5-.25.5-.5V6c-.6-.45-1.25-.75-2-1M10 18.41C8.75 18.09 7.5 18 6.5 18c-1.06 "
            "0-2.32.19-3.5.5V7.13c.91-.4 2.14-.63 3.5-.63s2.59.23 3.5.63z",
    "video": "M19 19H5V5h14m0-2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V5a2 2 0 0 "
            "0-2-2m-9 5v8l5-4z",
    "notice": "M12 8H4a2 2 0 0 0-2 2v4a2 2 0 0 0 2 2h1v4a1 1 0 0 0 1 1h2a1 1 0 0 0 1-1v-4h3l5 "
             "4V4zm3 7.6L13 14H4v-4h9l2-1.6zm6.5-3.6c0 1.71-.96 3.26-2.5 4V8c1.53.75 2.5 2.3 2.5 4",
    "document": "M6 2a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8l-6-6zm0 2h7v5h5v11H6zm2 "
               "8v2h8v-2zm0 4v2h5v-2z",
    "folder": "M20 18H4V8h16m0-2h-8l-2-2H4c-1.11 0-2 .89-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V8a2 "
             "2 0 0 0-2-2",
    "phone": "M6.62 10.79c1.44 2.83 3.76 5.15 6.59 6.59l2.2-2.2c.28-.28.67-.36 1.02-.25 1.12.37 "
            "2.32.57 3.57.57a1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1"
            " 0 0 1 1 1c0 1.25.2 2.45.57 3.57.11.35.03.74-.25 1.02z",
    "place": "M12 6.5A2.5 2.5 0 0 1 14.5 9a2.5 2.5 0 0 1-2.5 2.5A2.5 2.5 0 0 1 9.5 9 2.5 2.5 0 0 1"
            " 12 6.5M12 2a7 7 0 0 1 7 7c0 5.25-7 13-7 13S5 14.25 5 9a7 7 0 0 1 7-7m0 2a5 5 0 0 "
            "0-5 5c0 1 0 3 5 9.71C17 12 17 10 17 9a5 5 0 0 0-5-5",
    "hours": "M12 20a8 8 0 0 0 8-8 8 8 0 0 0-8-8 8 8 0 0 0-8 8 8 8 0 0 0 8 8m0-18a10 10 0 0 1 10 "
            "10 10 10 0 0 1-10 10C6.47 22 2 17.5 2 12A10 10 0 0 1 12 2m.5 5v5.25l4.5 2.67-.75 "
            "1.23L11 13V7z",
}

# Sections by the names a commune gives them: which icon each tile shows. Any other category
# gets a folder.
_SECTION_ICONS = {"tin-tuc": "news", "news": "news", "huong-dan": "guide", "guides": "guide",
                  "video": "video", "videos": "video", "thong-bao": "notice", "notices": "notice",
                  "van-ban": "document", "documents": "document"}


def icon(name: str) -> str:
    return (f'<svg class="loaxa-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
            f'<path d="{_ICONS[name]}"/></svg>')


def section_kind(category: str) -> str:
    """What a category is by its name ("Thông báo" → "notice"), ignoring case and diacritics."""
    return _SECTION_ICONS.get(slugify(category), "folder")


@dataclass(frozen=True)
class Tile:
    label: str
    url: str    # site path, "category/tin-tuc/"
    kind: str   # an icon name


@dataclass(frozen=True)
class Banner:
    """The newest notice in force."""

    title: str
    url: str        # site path of the article
    date: str       # as shown, "12/05/2026"
    until: str = ""  # until when it is in force, as shown, when it says


@dataclass(frozen=True)
class Thumb:
    """The smallest picture of a post's cover, as a card shows it."""

    src: str      # site path
    width: int
    height: int
    video: bool = False


@dataclass(frozen=True)
class Contact:
    """How a resident reaches the commune, from docs/xa.yml."""

    name: str
    phone: str
    address: str = ""
    hours: tuple[str, ...] = ()
    page: str | None = None  # site path of the page with every contact


def _e(text: str) -> str:
    return html.escape(unicodedata.normalize("NFC", text), quote=True)


def _href(target: str, page_url: str) -> str:
    return _e(relative_url(target, page_url))


def render_top(identity: Sequence[str], label: str, banner: Banner | None, tiles: Sequence[Tile],
               page_url: str, lang: str) -> str:
    """The first screen: who speaks, the notice in force, the sections; then the list's heading."""
    lines = "".join(f'<span class="loaxa-identity__line">{_e(line)}</span>' for line in identity)
    parts = [f'<h1 class="loaxa-identity">{lines}<span class="loaxa-identity__label">{_e(label)}</span></h1>']
    if banner is not None:
        until = f" · {_e(banner.until)}" if banner.until else ""
        parts.append(
            f'<a class="loaxa-banner" href="{_href(banner.url, page_url)}">'
            f'<span class="loaxa-banner__label">{icon("notice")}{_e(t("home.notice", lang))}</span>'
            f'<span class="loaxa-banner__title">{_e(banner.title)}</span>'
            f'<span class="loaxa-banner__date">{_e(banner.date)}{until}</span></a>')
    if tiles:
        items = "".join(f'<li><a href="{_href(tile.url, page_url)}">{icon(tile.kind)}'
                        f'<span>{_e(tile.label)}</span></a></li>' for tile in tiles)
        parts.append(f'<nav class="loaxa-tiles" aria-label="{_e(t("home.sections", lang))}">'
                     f'<ul>{items}</ul></nav>')
    parts.append(f'<h2 class="loaxa-latest">{_e(t("home.latest", lang))}</h2>')
    return '<div class="loaxa-home">\n' + "\n".join(parts) + "\n</div>\n"


def render_contact(contact: Contact, page_url: str, lang: str) -> str:
    """The strip before the footer: the phone to tap, the address, the hours."""
    digits = re.sub(r"[^\d+]", "", contact.phone)
    rows = [f'<p><a class="loaxa-call" href="tel:{_e(digits)}">{icon("phone")}'
            f'<span>{_e(t("home.call", lang, phone=contact.phone))}</span></a></p>']
    if contact.address:
        rows.append(f'<p class="loaxa-contact__row">{icon("place")}<span>{_e(contact.address)}</span></p>')
    if contact.hours:
        hours = "<br>".join(_e(line) for line in contact.hours)
        rows.append(f'<p class="loaxa-contact__row">{icon("hours")}<span>{hours}</span></p>')
    if contact.page is not None:
        rows.append(f'<p><a class="loaxa-contact__more" href="{_href(contact.page, page_url)}">'
                    f'{_e(t("home.all_contacts", lang))}</a></p>')
    heading = _e(contact.name or t("home.contact", lang))
    return (f'<aside class="loaxa-contact" aria-label="{_e(t("home.contact", lang))}">'
            f'<div class="md-grid"><h2>{heading}</h2>{"".join(rows)}</div></aside>\n')


# Each excerpt of a list page, and the address its title links to.
_EXCERPT = re.compile(r'(<article class="md-post md-post--excerpt">)(.*?)(</article>)', re.S)
_TITLE_LINK = re.compile(r'<h2 id="[^"]*"><a class="toclink" href="([^"]+)">')


def add_thumbnails(page_html: str, page_url: str, thumbs: Mapping[str, Thumb]) -> str:
    """Each excerpt of a list page whose post has a cover starts with the cover's smallest
    picture (`thumbs`, by the site path of the post's page). The first card's loads at once (it
    may be on the first screen); the others when the reader scrolls near them."""
    cards = 0

    def card(match: re.Match) -> str:
        nonlocal cards
        cards += 1
        link = _TITLE_LINK.search(match[2])
        if link is None:
            return match[0]
        target = urljoin("https://x/" + page_url, html.unescape(link[1]))[len("https://x/"):]
        thumb = thumbs.get(target.split("#")[0])
        if thumb is None:
            return match[0]
        lazy = "" if cards == 1 else ' loading="lazy"'
        play = '<span class="loaxa-play" aria-hidden="true"></span>' if thumb.video else ""
        image = (f'<div class="loaxa-thumb"><img src="{_href(thumb.src, page_url)}" alt="" '
                 f'width="{thumb.width}" height="{thumb.height}" decoding="async"{lazy}>{play}</div>')
        return f"{match[1]}{image}{match[2]}{match[3]}"

    return _EXCERPT.sub(card, page_html)


_OL = re.compile(r"<ol(?P<attrs>(?:\s[^>]*)?)>")


def as_steps(body: str) -> str:
    """A guide's numbered lists drawn as big numbered steps (the numbers stay in the list: a
    screen reader reads them as before)."""
    def step(match: re.Match) -> str:
        attrs = match["attrs"] or ""
        start = re.search(r'\sstart="(\d+)"', attrs)
        counter = f' style="counter-reset: loaxa-step {int(start[1]) - 1}"' if start else ""
        # role="list": Safari leaves a list without bullets out of the accessibility tree otherwise
        return f'<ol class="loaxa-steps" role="list"{attrs}{counter}>' if "class=" not in attrs else match[0]
    return _OL.sub(step, body)
