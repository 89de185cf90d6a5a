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

from PIL import Image, ImageDraw, ImageFont

from .addresses import ATOM, JSON_FEED, RSS
from .i18n import t
from .poster import FONTS

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
        f'data-title="{html.escape(title)}">'
        f'<p><a href="{html.escape(facebook)}" target="_blank" rel="noopener noreferrer">'
        f'{t("share.facebook", lang)}</a> · '
        f'<a class="loaxa-copy" href="{html.escape(url)}">{t("share.copy", lang)}</a></p></div>'
        + _SHARE_SCRIPT.replace("SHARE", _js(t("share.button", lang)))
        .replace("COPIED", _js(t("share.copied", lang)))
    )


def _js(text: str) -> str:
    return json.dumps(text).replace("<", "\\u003c")


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
    bold = ImageFont.truetype(str(FONTS / "BeVietnamPro-Bold.ttf"), size)
    while draw.textlength(commune, font=bold) > width - 160 and size > 40:
        size -= 4
        bold = ImageFont.truetype(str(FONTS / "BeVietnamPro-Bold.ttf"), size)
    regular = ImageFont.truetype(str(FONTS / "BeVietnamPro-Regular.ttf"), 48)
    draw.text((80, 150), commune, font=bold, fill="white")
    draw.text((84, 285), label, font=regular, fill=(255, 235, 235))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
