"""What a page puts in its <head> for sharing: feed links, Open Graph and Twitter meta."""

from __future__ import annotations

import html
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from PIL import Image, ImageDraw, ImageFilter

from . import fonts
from .addresses import ATOM, JSON_FEED, RSS
from .fonts import BOLD, REGULAR
from .i18n import t
from .text import title_html

SHARE_SIZE = (1200, 630)
_LOCALES = {"vi": "vi_VN", "en": "en_US"}


@dataclass(frozen=True)
class ShareInfo:
    """An article as a share preview shows it; every value exactly as written."""

    title: str
    description: str
    url: str
    image_url: str
    image_width: int
    image_height: int
    image_alt: str
    site_name: str
    lang: str
    published: datetime
    modified: datetime | None = None
    section: str | None = None
    tags: Sequence[str] = ()


def _meta(attribute: str, name: str, value: str) -> str:
    return f'<meta {attribute}="{name}" content="{html.escape(value, quote=True)}">'


def render_social_meta(info: ShareInfo) -> str:
    """Open Graph and Twitter card tags of an article page."""
    tags = [
        ("property", "og:type", "article"),
        ("property", "og:site_name", info.site_name),
        ("property", "og:locale", _LOCALES.get(info.lang, "vi_VN")),
        ("property", "og:title", info.title),
        ("property", "og:description", info.description),
        ("property", "og:url", info.url),
        ("property", "og:image", info.image_url),
        ("property", "og:image:width", str(info.image_width)),
        ("property", "og:image:height", str(info.image_height)),
        ("property", "og:image:alt", info.image_alt),
        ("property", "article:published_time", info.published.isoformat()),
    ]
    if info.modified:
        tags.append(("property", "article:modified_time", info.modified.isoformat()))
    if info.section:
        tags.append(("property", "article:section", info.section))
    tags += [("property", "article:tag", tag) for tag in info.tags]
    tags += [
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", info.title),
        ("name", "twitter:description", info.description),
        ("name", "twitter:image", info.image_url),
        ("name", "twitter:image:alt", info.image_alt),
    ]
    return "\n".join(_meta(*tag) for tag in tags)


def render_feed_links(site_url: str, site_name: str, lang: str) -> str:
    """Feed autodiscovery links, for every page."""
    feeds = [("application/rss+xml", RSS, "RSS"), ("application/atom+xml", ATOM, "Atom"),
             ("application/feed+json", JSON_FEED, "JSON Feed")]
    return "\n".join(
        f'<link rel="alternate" type="{kind}" title="{html.escape(f"{site_name} ({label})")}" '
        f'href="{html.escape(site_url + path)}">'
        for kind, path, label in feeds
    )


# Runs right after the share links it replaces: the share sheet where there is one, else the
# copy link copies instead of opening.
_SHARE_SCRIPT = (
    "<script>(function(){var d=document.currentScript.previousElementSibling;"
    "if(navigator.share){var b=document.createElement('button');b.type='button';"
    "b.className='md-button md-button--primary';b.textContent=SHARE;"
    "b.onclick=function(){navigator.share({title:d.dataset.title,url:d.dataset.url})"
    ".catch(function(){})};d.replaceChildren(b)}"
    "else{var c=d.querySelector('.loaxa-copy');c.onclick=function(e){if(navigator.clipboard){"
    "e.preventDefault();navigator.clipboard.writeText(d.dataset.url).then(function(){"
    "c.textContent=COPIED})}}}})()</script>"
)


def render_share_control(url: str, title: str, lang: str) -> str:
    """Share buttons that load nothing from anyone: the phone's own share sheet (which reaches
    the Zalo and Facebook apps) where the browser has one, else plain links."""
    facebook = "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe="")
    return (
        f'<div class="loaxa-share" data-pagefind-ignore data-url="{html.escape(url)}" '
        f'data-title="{title_html(title)}">'
        f'<p><a href="{html.escape(facebook)}" target="_blank" rel="noopener noreferrer">'
        f'{t("share.facebook", lang)}</a> · '
        f'<a class="loaxa-copy" href="{html.escape(url)}">{t("share.copy", lang)}</a></p></div>'
        + _SHARE_SCRIPT.replace("SHARE", _js(t("share.button", lang)))
        .replace("COPIED", _js(t("share.copied", lang)))
    )


def _js(text: str) -> str:
    return json.dumps(text).replace("<", "\\u003c")


# Bump when the drawing of `draw_share_preview` changes, so cached previews are made again.
PREVIEW_VERSION = "1"


def small_for_sharing(width: int, height: int) -> bool:
    """Whether a cover published at `width`×`height` is smaller than the share size Facebook
    recommends (1200×630; it shows a large preview from 600×315): the post is then shared with
    `draw_share_preview`'s picture instead."""
    return width < SHARE_SIZE[0] or height < SHARE_SIZE[1]


def draw_share_preview(card: bytes, cover: bytes) -> bytes:
    """A post's 1200×630 share picture when its cover is smaller: the site's share card (`card`,
    as `draw_share_image` gives it) softened, the cover (`cover`, the picture as published) over
    it as large as fits, in a white frame; as JPEG. The same inputs give the same bytes."""
    width, height = SHARE_SIZE
    with Image.open(io.BytesIO(card)) as opened:
        image = opened.convert("RGB").resize(SHARE_SIZE, Image.Resampling.LANCZOS)
    # Softened, the card's words behind the cover read as its colours, not as cut-off letters.
    image = image.filter(ImageFilter.GaussianBlur(24))
    with Image.open(io.BytesIO(cover)) as opened:
        picture = opened.convert("RGBA")
    if picture.getchannel("A").getextrema()[0] < 255:  # transparent parts on white, as a page shows them
        picture = Image.alpha_composite(Image.new("RGBA", picture.size, "white"), picture)
    picture = picture.convert("RGB")
    margin, frame = 48, 8
    room = (width - 2 * (margin + frame), height - 2 * (margin + frame))
    scale = min(room[0] / picture.width, room[1] / picture.height)
    size = (max(1, round(picture.width * scale)), max(1, round(picture.height * scale)))
    picture = picture.resize(size, Image.Resampling.LANCZOS)
    left, top = (width - size[0]) // 2, (height - size[1]) // 2
    ImageDraw.Draw(image).rectangle((left - frame, top - frame, left + size[0] + frame - 1,
                                     top + size[1] + frame - 1), fill="white")
    image.paste(picture, (left, top))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def draw_share_image(commune: str, site_label: str | None = None, lang: str = "vi") -> bytes:
    """The site's default 1200×630 share picture: the commune's name over the hills, as PNG."""
    image = Image.new("RGB", SHARE_SIZE, (198, 40, 40))
    draw = ImageDraw.Draw(image)
    width, height = SHARE_SIZE
    draw.polygon([(0, height), (0, 470), (180, 380), (360, 450), (560, 340), (760, 440),
                  (980, 360), (width, 430), (width, height)], fill=(160, 27, 27))
    draw.polygon([(0, height), (0, 540), (240, 480), (520, 560), (820, 490), (width, 550),
                  (width, height)], fill=(120, 18, 18))
    commune = unicodedata.normalize("NFC", commune)
    label = unicodedata.normalize("NFC", site_label or t("poster.site_label", lang))
    size = 96
    while fonts.pillow_width(commune, BOLD, size) > width - 160 and size > 40:
        size -= 4
    # Run by run, each in the bundled face that has its characters (a Thái name, a symbol).
    fonts.pillow_text(draw, (80, 150), commune, BOLD, size, "white")
    fonts.pillow_text(draw, (84, 285), label, REGULAR, 48, (255, 235, 235))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


ICON_SIZE = 512     # JSON Feed's icon
FAVICON_SIZE = 64   # JSON Feed's favicon


def draw_feed_icon(commune: str, size: int = ICON_SIZE) -> bytes:
    """The site's square icon, as PNG: the share picture's colour and hills, with the commune's
    name above them when there is room for it (not on a favicon)."""
    image = Image.new("RGB", (size, size), (198, 40, 40))
    draw = ImageDraw.Draw(image)
    hills = [(0, 1), (0, .74), (.15, .66), (.30, .72), (.47, .62), (.63, .71), (.82, .64), (1, .70), (1, 1)]
    near = [(0, 1), (0, .84), (.20, .79), (.43, .86), (.68, .80), (1, .85), (1, 1)]
    draw.polygon([(x * size, y * size) for x, y in hills], fill=(160, 27, 27))
    draw.polygon([(x * size, y * size) for x, y in near], fill=(120, 18, 18))
    words = fonts.drawable(commune, BOLD).split()
    if size >= 128 and words:
        width, top, bottom = size * .84, size * .08, size * .60
        font_size = int(size * .17)
        while True:
            lines = [words[0]]
            for word in words[1:]:
                if fonts.pillow_width(f"{lines[-1]} {word}", BOLD, font_size) <= width:
                    lines[-1] += f" {word}"
                else:
                    lines.append(word)
            step = font_size * 1.2
            fits = all(fonts.pillow_width(line, BOLD, font_size) <= width for line in lines)
            if (fits and len(lines) * step <= bottom - top) or font_size <= size // 20:
                break
            font_size -= 2
        y = top + (bottom - top - len(lines) * step) / 2
        for line in lines:
            fonts.pillow_text(draw, (size / 2, y + step / 2), line, BOLD, font_size, "white", anchor="mm")
            y += step
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
