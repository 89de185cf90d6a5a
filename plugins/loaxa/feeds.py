"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest posts, for readers and cross-posting."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin

import lxml.html
from feedgen.feed import FeedGenerator
from lxml import etree

from . import __version__
from .addresses import ATOM, JSON_FEED, RSS
from .media import Media
from .posts import Post
from .text import summary_text, title_text

ATOM_NS = "http://www.w3.org/2005/Atom"
MEDIA = "http://search.yahoo.com/mrss/"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
DEFAULT_LIMIT = 30
# A feed with no item still needs a date; a fixed one keeps rebuilds identical.
_NO_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)
_URL_ATTRIBUTES = ("href", "src", "poster", "cite", "action", "data")


@dataclass(frozen=True)
class FeedItem:
    post: Post
    url: str                 # the article, absolute
    short_url: str           # the permanent short link: guid and id
    content_html: str        # the rendered article, every URL absolute
    image: Media | None = None
    video: Media | None = None      # a video file published beside the post
    video_url: str | None = None    # a video page elsewhere (YouTube, Facebook)


@dataclass(frozen=True)
class Channel:
    title: str
    site_url: str
    description: str
    language: str
    author: str
    image_url: str | None = None    # the share card (1200×630): RSS image, Atom logo
    icon_url: str | None = None     # a square icon (512×512): Atom icon, JSON Feed icon
    favicon_url: str | None = None  # a small square icon (64×64): JSON Feed favicon


def absolute_html(html: str, base_url: str) -> str:
    """`html` with every href, src (and srcset) resolved against `base_url`."""
    if not html.strip():
        return html
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for comment in root.xpath("//comment()"):  # the excerpt mark, among others
        comment.drop_tree()
    for element in root.iter(etree.Element):
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, urljoin(base_url, value.strip()))
        srcset = element.get("srcset")
        if srcset:
            element.set("srcset", ", ".join(
                " ".join([urljoin(base_url, part.split()[0]), *part.split()[1:]])
                for part in srcset.split(",") if part.strip()
            ))
    inner = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode", method="html") for child in root
    )
    return inner


def feed_posts(posts: Sequence[Post], limit: int = DEFAULT_LIMIT) -> list[Post]:
    """The posts some feed shows: the newest `limit`, and the newest `limit` of each category."""
    newest = sorted(posts, key=lambda p: (p.date, p.id), reverse=True)
    chosen = {p.id: p for p in newest[:limit]}
    for category in {c for p in posts for c in p.categories}:
        chosen.update((p.id, p) for p in [p for p in newest if category in p.categories][:limit])
    return sorted(chosen.values(), key=lambda p: (p.date, p.id), reverse=True)


def build_feeds(channel: Channel, items: Sequence[FeedItem], *,
                categories: Mapping[str, str] | None = None,
                limit: int = DEFAULT_LIMIT) -> dict[str, bytes]:
    """Every feed file, by site-relative path: RSS, Atom, JSON Feed and one RSS per category at
    `categories[name]`. Items are the newest `limit`, newest first."""
    newest = sorted(items, key=lambda i: (i.post.date, i.post.id), reverse=True)
    feeds = {
        RSS: _rss(channel, newest[:limit], RSS, channel.title),
        ATOM: _atom(channel, newest[:limit], ATOM),
        JSON_FEED: _json_feed(channel, newest[:limit], JSON_FEED),
    }
    for name, path in sorted((categories or {}).items()):
        chosen = [i for i in newest if name in i.post.categories][:limit]
        feeds[path] = _rss(channel, chosen, path,
                                        f"{channel.title} – {name}")
    return feeds


def _generator(channel: Channel, items: Sequence[FeedItem], self_url: str, title: str
               ) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("media", atom=True, rss=True)
    fg.id(channel.site_url)
    fg.title(title)
    fg.description(channel.description or channel.title)
    fg.subtitle(channel.description or channel.title)
    fg.language(channel.language)
    fg.author({"name": channel.author})
    # feedgen takes the RSS channel link from the last link given.
    fg.link(href=self_url, rel="self")
    fg.link(href=channel.site_url, rel="alternate", type="text/html")
    fg.generator("Loa Xã", version=__version__)
    if channel.image_url:
        fg.image(channel.image_url, title=title, link=channel.site_url)
        fg.logo(channel.image_url)
    if channel.icon_url:
        fg.icon(channel.icon_url)
    # feedgen defaults both to now(): the newest item's date keeps rebuilds identical.
    dates = [i.post.updated or i.post.date for i in items]
    fg.lastBuildDate(max(dates, default=_NO_DATE))
    for item in items:
        _entry(fg, item)
    return fg


def _entry(fg: FeedGenerator, item: FeedItem) -> None:
    post = item.post
    entry = fg.add_entry(order="append")  # feedgen prepends by default
    entry.id(item.short_url)
    # The short link is the item's permanent identity, not its address: readers that take a
    # permalink guid for the link would open the redirect page instead of the article.
    entry.guid(item.short_url, permalink=False)
    entry.title(title_text(post.title))
    entry.link(href=item.url, rel="alternate", type="text/html")
    entry.published(post.date)
    entry.updated(post.updated or post.date)
    text = summary_text(post.description, post.body)
    if text:  # a post of pictures only has no summary, rather than an empty one
        entry.summary(text)
    # RSS readers read a description as HTML: escaped, "<b>" shows as "<b>", not as bold.
    # (The content set below replaces what this also sets as Atom's content.)
    entry.description(html.escape(text, quote=False) if text else None)
    # Escaped, not CDATA: an article may itself contain "]]>".
    entry.content(item.content_html, type="html")
    for name in (*post.categories, *post.tags):
        entry.category(term=name, label=name)
    if item.image:
        entry.enclosure(item.image.url, str(item.image.length), item.image.mime)
        image = {"url": item.image.url, "type": item.image.mime, "medium": "image",
                 "fileSize": str(item.image.length)}
        if item.image.width and item.image.height:
            image.update(width=str(item.image.width), height=str(item.image.height))
        entry.media.content(image, group=None)
        entry.media.thumbnail({"url": item.image.url, **{k: image[k] for k in ("width", "height")
                                                          if k in image}}, group=None)
    if item.video:
        entry.media.content({"url": item.video.url, "type": item.video.mime, "medium": "video",
                             "fileSize": str(item.video.length)}, group=None)


def _rss(channel: Channel, items: Sequence[FeedItem], path: str, title: str) -> bytes:
    fg = _generator(channel, items, channel.site_url + path, title)
    players = [item.video_url for item in items]
    if not any(players):
        return _plain_text(fg.rss_str(pretty=True))
    # A video on YouTube or Facebook is a page to open, which Media RSS calls a player.
    tree = etree.fromstring(fg.rss_str(pretty=False))
    for element, url in zip(tree.iterfind("channel/item"), players):
        if url:
            etree.SubElement(element, f"{{{MEDIA}}}player", {"url": url})
    etree.indent(tree, space="  ")
    return _plain_text(etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True))


_TEXT_ELEMENT = re.compile(rb"(<(title|description)>)(.*?)(</\2>)", re.S)


def _plain_text(rss: bytes) -> bytes:
    """RSS titles and descriptions with "&" and "<" as hexadecimal character references: the
    RSS Profile's sign that they are text, so a reader shows "&amp;" or "</b>" in a title as
    written instead of reading it as markup."""
    def encode(match: re.Match) -> bytes:
        text = match[3].replace(b"&amp;", b"&#x26;").replace(b"&lt;", b"&#x3C;")
        return match[1] + text + match[4]
    return _TEXT_ELEMENT.sub(encode, rss)


def _atom(channel: Channel, items: Sequence[FeedItem], path: str) -> bytes:
    fg = _generator(channel, items, channel.site_url + path, channel.title)
    tree = etree.fromstring(fg.atom_str(pretty=False))
    # feedgen writes an entry's links with their href only (its issues #135, #143), which
    # makes the enclosure a second "alternate" link; write each entry's links ourselves.
    # Text that may look like markup ("</b>", "&amp;") is declared HTML and escaped once, so
    # every reader shows it as written.
    for text in (*tree.iterfind(f"{{{ATOM_NS}}}title"), *tree.iterfind(f"{{{ATOM_NS}}}subtitle"),
                 *tree.iterfind(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}title"),
                 *tree.iterfind(f"{{{ATOM_NS}}}entry/{{{ATOM_NS}}}summary")):
        text.set("type", "html")
        text.text = html.escape(text.text or "", quote=False)
    for element, item in zip(tree.iterfind(f"{{{ATOM_NS}}}entry"), items):
        for link in element.findall(f"{{{ATOM_NS}}}link"):
            element.remove(link)
        links = [{"rel": "alternate", "type": "text/html", "href": item.url}]
        if item.image:
            links.append({"rel": "enclosure", "type": item.image.mime, "href": item.image.url,
                          "length": str(item.image.length)})
        if item.video:
            links.append({"rel": "enclosure", "type": item.video.mime, "href": item.video.url,
                          "length": str(item.video.length)})
        elif item.video_url:
            links.append({"rel": "related", "type": "text/html", "href": item.video_url})
        for attributes in links:
            etree.SubElement(element, f"{{{ATOM_NS}}}link", attributes)
    etree.indent(tree, space="  ")
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _json_feed(channel: Channel, items: Sequence[FeedItem], path: str) -> bytes:
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.site_url,
        "feed_url": channel.site_url + path,
        "description": channel.description or channel.title,
        "language": channel.language,
        "authors": [{"name": channel.author}],
    }
    # JSON Feed's icon and favicon are square; the share card is not.
    if channel.icon_url:
        feed["icon"] = channel.icon_url
    if channel.favicon_url:
        feed["favicon"] = channel.favicon_url
    feed["items"] = [_json_item(item) for item in items]
    return (json.dumps(feed, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _json_item(item: FeedItem) -> dict[str, object]:
    post = item.post
    data: dict[str, object] = {
        "id": item.short_url,
        "url": item.url,
        "title": title_text(post.title),
        "content_html": item.content_html,
        "summary": summary_text(post.description, post.body),
        "date_published": post.date.isoformat(),
    }
    if not data["summary"]:
        del data["summary"]
    if post.updated:
        data["date_modified"] = post.updated.isoformat()
    if post.categories or post.tags:
        data["tags"] = [*post.categories, *post.tags]
    if item.image:
        data["image"] = item.image.url
    attachments = []
    if item.video:
        attachments.append({"url": item.video.url, "mime_type": item.video.mime,
                            "size_in_bytes": item.video.length})
    if item.video_url:
        data["external_url"] = item.video_url
    if attachments:
        data["attachments"] = attachments
    return data
