"""Every site address loaxa makes, in one place: short links, posters, feeds, search, categories."""

from __future__ import annotations

import functools
import hashlib
import posixpath
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from .settings import Settings
from .slugs import slugify

POSTERS_DIR = "posters"
POSTERS_PAGE = "posters/index.md"          # published at posters/
RSS, ATOM, JSON_FEED = "feed.xml", "atom.xml", "feed.json"
CATEGORY_FEED = RSS                        # beside each category page
SEARCH_PAGE = "tim-kiem.md"                # published at tim-kiem/
SEARCH_URL = "tim-kiem/"
EDITOR_DIR = "admin"                       # the web editor, at admin/
PAGEFIND_DIR = "pagefind"
SHARE_IMAGE = "assets/loaxa/share.png"
FEED_ICON = "assets/loaxa/icon.png"        # square, for feed readers
FEED_FAVICON = "assets/loaxa/favicon.png"
POLYFILL = "assets/loaxa/resize-observer.js"
# A post's 1200×630 share picture when its cover is smaller: its cover on the share card,
# at "assets/loaxa/xem-truoc/<id>.jpg". Named by the post's id, like its short link, so the
# address a share preview took stays the same whatever happens to the title, slug or file.
PREVIEWS_DIR = "assets/loaxa/xem-truoc"
# Top-level names an article slug must never take: loaxa's own folders and pages.
OWN_NAMES = frozenset({"p", POSTERS_DIR, "assets", "search", "feed", "tags",
                       SEARCH_URL.strip("/"), PAGEFIND_DIR, EDITOR_DIR, "en", "van-ban"})


def short_link(post_id: int) -> str:
    """The permanent short link of a post, e.g. "p/12/": what its QR code and feeds carry."""
    return f"p/{post_id}/"


def poster(post_id: int) -> str:
    return f"{POSTERS_DIR}/{post_id}.pdf"


def poster_batch(month: str) -> str:
    """The PDF with every poster of a month ("2025-10")."""
    return f"{POSTERS_DIR}/{month}.pdf"


def blog_path(settings: Settings, relpath: str) -> str:
    """Where a file of the posts folder (a post, a picture, a video) sits among the blog's files,
    relative to docs: where a picture or video is published, and where the blog reads a post."""
    return f"{settings.post_dir}/{relpath}"


def category_slug(name: str, separator: str = "-") -> str:
    """Category addresses are ASCII like article addresses: category/tin-tuc/."""
    slug = slugify(name) or "c-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return slug.replace("-", separator)


def category_page(settings: Settings, name: str) -> str:
    """The site path of a category's first page, e.g. "category/tin-tuc/"."""
    path = settings.categories_url_format.format(slug=category_slug(name, settings.categories_separator))
    return posixpath.join(settings.blog_dir, path).lstrip("./") + "/"


def category_feed(settings: Settings, name: str) -> str:
    return category_page(settings, name) + CATEGORY_FEED


def reserved_slugs(site_paths: Iterable[str], settings: Settings) -> set[str]:
    """Top-level addresses an article must not take: the site's own pages and folders
    (`site_paths`, relative to docs), the blog's views, loaxa's own."""
    reserved = set(OWN_NAMES)
    for path in site_paths:
        head = path.split("/", 1)[0]
        reserved.add(head[:-3] if head.endswith(".md") else head)
    if settings.blog_dir.strip("./") == "":
        formats = [*settings.url_formats, settings.post_dir]
        reserved.update(fmt.strip("/").split("/", 1)[0] for fmt in formats)
    else:
        reserved.add(settings.blog_dir.strip("/").split("/", 1)[0])
    return {name for name in reserved if name and "{" not in name}


def share_preview(post_id: int) -> str:
    """The share picture made for a post whose cover is smaller than 1200×630."""
    return f"{PREVIEWS_DIR}/{post_id}.jpg"


@functools.lru_cache(maxsize=65536)  # every page links to many of the same files
def url_path(site_path: str) -> str:
    """A site path (as on disk) as it is written in a URL: NFC, UTF-8, percent-encoded, e.g.
    "posts/Ảnh họp dân.JPG" → "posts/%E1%BA%A2nh%20h%E1%BB%8Dp%20d%C3%A2n.JPG"."""
    return quote(unicodedata.normalize("NFC", site_path), safe="/")


@functools.lru_cache(maxsize=65536)
def relative_url(target: str, page_url: str) -> str:
    """`target` (a site path as on disk) as a link from the page at `page_url` (a URL, as MkDocs
    gives it), percent-encoded as MkDocs writes links."""
    folder, _, name = page_url.rpartition("/")
    if "." in name:
        page_url = folder
    here = [part for part in page_url.split("/") if part not in ("", ".")]
    there = [part for part in url_path(target).split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(here, there):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(here) - common) + there[common:]) or "."
    return relative + "/" if target.endswith("/") else relative
