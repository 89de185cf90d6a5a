"""One build of the site: the posts in, every loaxa output out as `{site path: bytes or file}`."""

from __future__ import annotations

import functools
import hashlib
import html
import logging
import os
import posixpath
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from . import addresses, fonts, social
from .addresses import SHARE_IMAGE
from .advice import missing_alt_text, poster_text, poster_title_fit, template_text
from .blogsource import write_blog_source
from .commune import (
    ENGLISH_PAGE,
    MARKERS,
    ORGANISATION,
    PROCEDURES,
    Commune,
    duties,
    english_page,
    load_commune,
    render_marker,
)
from .dates import format_date
from .documents import REGISTRY, Listed, registry_pages, render_block
from .editor import editor_files, editor_pages, site_pages
from .errors import LoaxaError, PosterError, PostError, Problem
from .feeds import Channel, FeedItem, absolute_html, build_feeds, feed_posts
from .home import MARKER as HOME_MARKER
from .home import (
    Banner,
    Contact,
    Thumb,
    Tile,
    add_thumbnails,
    as_steps,
    render_contact,
    render_top,
    section_kind,
)
from .i18n import t
from .identity import poster_settings
from .images import (
    DECODE_ERRORS,
    ImageError,
    PublishedPicture,
    card_picture,
    describe_error,
    is_picture,
    process_image,
    render_picture,
    rewrite_images,
)
from .inventory import Inventory, scan, screen_site_files
from .links import relink
from .media import Media, describe
from .photos import has_location, inspect_picture
from .poster import (
    PendingPosters,
    Picture,
    PosterContent,
    group_by_month,
    poster_content,
    prune_cache,
    render_posters,
    start_cached,
)
from .posterspage import render_posters_page
from .posts import Post, VideoFile, VideoLink, backdated, load_posts, summary
from .qr import qr_svg
from .record import NAME as RECORD_NAME
from .record import Record, RecordError, read_record, record_published, save_record
from .references import SiteFiles, check_references
from .search import render_search_page
from .settings import Settings
from .shortlinks import Preview, render_redirect, render_removed, render_short_link
from .social import (
    FAVICON_SIZE,
    ICON_SIZE,
    PREVIEW_VERSION,
    ShareInfo,
    draw_feed_icon,
    draw_share_image,
    draw_share_preview,
    render_feed_links,
    render_share_control,
    render_social_meta,
    small_for_sharing,
)
from .store import write_atomic
from .text import title_text
from .theme import (
    ARTICLE,
    EVERY_PAGE,
    EXCERPT_ACTION,
    HOME,
    NOT_FOUND,
    POLYFILL_SOURCE,
    POST,
    SEARCHABLE,
    TEXT_SCALE,
    Bundle,
    PatchCounts,
    back_to_top,
    before_footer,
    head_tags,
    metadata_title,
    not_found_body,
    patch_bundle,
    search_button,
    search_dialog_name,
    sidebar_name,
    stylesheet,
    tabs_name,
)
from .video import render_video
from .videos import clean_video, is_video
from .videos import has_location as has_video_location

Output = bytes | Path  # a Path is a finished file (in the cache) published as it is


@dataclass
class Article:
    """One valid post and what the build made of it."""

    post: Post
    published: bool
    expired: bool = False       # a notice no longer in force: readable, no longer announced
    url: str | None = None      # site path of its page ("slug/"), once the blog has placed it
    html: str | None = None     # its rendered body, once rendered


class Build:
    """Everything loaxa makes in one build. A new build starts with a new `Build`; what a later
    build may reuse lives in content-keyed caches under `settings.cache_dir`, never here."""

    def __init__(self, settings: Settings, *, now: datetime, material_search: bool = False,
                 notice: Callable[[str], None] = lambda message: None, preview: bool = False,
                 provisional: bool = False) -> None:
        self.settings = settings
        self.now = now
        self.preview = preview        # a preview shows drafts and scheduled posts too
        self.provisional = provisional or preview  # posts without an id are numbered for now
        self.inventory = Inventory()
        self.used: dict[str, Path] = {}   # media files published, by path inside the posts folder
        self.unused: list[str] = []       # media no post shows, by path inside the posts folder
        self.waiting: set[str] = set()    # media of posts not published yet
        self.outside: list[str] = []      # files in docs/ that are links leading out of the site
        self.record = Record()            # every article address published, from the repository
        self._reserved: set[str] = set()
        self._site_paths: list[str] = []
        self.commune = Commune()         # the commune's organisation, contacts and procedures
        self.material_search = material_search
        self.notice = notice
        self.articles: dict[int, Article] = {}
        self.warnings: list[Problem] = []
        self.media: dict[str, Path] = {}                 # site path → file to publish
        self.pictures: dict[str, PublishedPicture] = {}  # site path of a picture → its variants
        self.patches = PatchCounts()
        self.bundle: Bundle | None = None
        self._posters: PendingPosters | None = None
        self._poster_paths: dict[str, Path] = {}
        self._described: dict[tuple[Path, str], Media] = {}
        self._share_path: Path | None = None
        self._card: bytes | None = None
        self._previews: dict[int, str] = {}  # post id → its share picture, when its cover is small
        self._css = stylesheet()
        self._list_css = stylesheet(lists=True)
        self.poster_settings = settings.posters  # with the emblem once load() has read it
        self._thumbs: dict[str, Thumb] | None = None  # by article address, once all are placed
        self._card_files: dict[str, Path] = {}          # the cards' pictures, by site path
        self._home_pages: set[str] = set()  # where the home page's first screen was put

    @property
    def published(self) -> list[Post]:
        """Published posts, newest first."""
        return [a.post for a in self.articles.values() if a.published]

    def url(self, path: str) -> str:
        return (self.settings.site_url or "/") + path

    def use_theme(self, theme_dirs: Iterable[str]) -> None:
        """Find Material's bundle among the theme's folders and patch it."""
        self.bundle = patch_bundle(theme_dirs, urlsplit(self.settings.site_url or "/").path, self.patches)

    def load(self, site_paths: Iterable[str]) -> None:
        """Read and validate every post (raises `PostError` listing every problem) and note what
        stops a strict build without stopping a preview (`warnings`). `site_paths`: the site's
        own files, relative to docs; posts among them, where the blog would read them
        unchecked, are reported."""
        s = self.settings
        if not s.posts_dir.is_dir():
            raise LoaxaError(t("config.no_posts_dir", s.lang, path=s.posts_label))
        site_paths = self._site_paths = list(site_paths)
        stray = [f"{s.docs_dir.name}/{path}" for path in site_paths
                 if path.startswith(s.post_dir + "/") and path.endswith(".md")]
        self.inventory = scan(s.posts_dir, s.posts_label, s.lang, allowed_roots=(s.docs_dir,))
        try:
            self.record = read_record(s.posts_dir)
        except RecordError as error:
            source = f"{s.posts_label}/{RECORD_NAME}"
            raise LoaxaError(str(Problem(source, error.line, t("field.file", s.lang),
                                         t("record.damaged", s.lang, path=source)))) from None
        reserved = self._reserved = addresses.reserved_slugs(site_paths, s)
        posts = load_posts(s.posts_dir, categories=s.categories, lang=s.lang, label=s.posts_label,
                           reserved=reserved, stray=stray, files=self.inventory.posts,
                           problems=self.inventory.errors, claimed=self._claimed(),
                           retired=self.record.removed, provisional=self.provisional,
                           frozen={i: a[:-1] for i in self.record.addresses if (a := self.record.latest(i))})
        self.articles = {p.id: Article(p, p.is_published(self.now), p.is_expired(self.now)) for p in posts}
        self.warnings = list(self.inventory.refused)
        self._check_addresses(reserved)
        shown = [a.post for a in self.articles.values() if a.published or self.preview]
        self.poster_settings, problems = poster_settings(s)
        self.warnings += problems
        for post in self.published:
            self.warnings += missing_alt_text(post, s.lang)
            self.warnings += template_text(post, s.lang)
            self.warnings += poster_text(post, self.poster_content(post, cover=False), s.lang)
        for post, newer in backdated(self.published):
            self.warnings.append(Problem(post.source, post.lines.get("date", 1), "date", t(
                "post.backdated", s.lang, date=format_date(post.date), other=newer.source,
                other_date=format_date(newer.date), days=(newer.date - post.date).days)))
        # Links may lead to the site's own files, to the media and to the posts shown.
        files = SiteFiles({*site_paths, *(addresses.blog_path(s, path) for path in self.inventory.media),
                           *(addresses.blog_path(s, post.relpath) for post in shown)})
        used: set[str] = set()
        shown_ids = {post.id for post in shown}
        for post in sorted(posts, key=lambda p: p.source):
            problems, files_used = check_references(post, self.inventory, files, s)
            if post.id in shown_ids:
                self.warnings += problems
                used |= files_used
            else:
                self.waiting |= files_used
        self.used = {path: self.inventory.media[path] for path in sorted(used)}
        self.unused = [path for path in self.inventory.media if path not in used | self.waiting]
        # MkDocs follows links in docs/ and reads whatever it finds: a link leading out of the
        # site's folders, a special file or a page it cannot decode is never read nor published.
        problems, self.outside = screen_site_files(s.docs_dir, site_paths, (s.docs_dir, s.posts_dir), s.lang)
        self.warnings += problems
        self.commune = load_commune(s.docs_dir, s.lang)
        self.warnings += self.commune.problems
        if s.review_days:
            documents = sum(1 for post in self.published if post.document is not None)
            self.warnings += duties(self.commune, self.now, s.review_days, s.docs_dir.name, s.lang,
                                    documents=documents)

    def _claimed(self) -> dict[str, int]:
        """Every slug once published, with the id of the post it belongs to; a removed post's
        addresses stay its own."""
        return {address[:-1]: post_id for address, post_id in self.record.owners().items()}

    def _check_addresses(self, reserved: set[str]) -> None:
        """Every address in the record must still answer: a published article, a redirect to
        one, or the page of a post removed on purpose. An article no longer published stops the
        build (a preview only warns); a removed post's id cannot come back."""
        s = self.settings
        record_source = f"{s.posts_label}/{RECORD_NAME}"
        errors: list[Problem] = []
        for post_id, found in sorted(self.record.addresses.items()):
            article = self.articles.get(post_id)
            if post_id in self.record.removed:
                continue  # its id cannot come back (load_posts refuses it)
            if article is None:
                errors.append(Problem(record_source, self.record.line_of(post_id), t("field.file", s.lang), t(
                    "record.post_gone", s.lang, id=post_id, address=found[-1])))
            elif not article.published:
                post = article.post
                line, name = (post.lines.get("draft", 1), "draft") if post.draft else (
                    post.lines.get("date", 1), "date")
                problem = Problem(post.source, line, name, t(
                    "record.unpublished", s.lang, id=post_id, address=found[-1]))
                (self.warnings if self.preview else errors).append(problem)
            for address in found:
                if address[:-1] in reserved:
                    self.warnings.append(Problem(record_source, self.record.line_of(post_id),
                                                 t("field.file", s.lang), t(
                        "record.address_taken", s.lang, id=post_id, address=address)))
        if errors:
            raise PostError(errors, self._next_id(), s.lang)

    def _next_id(self) -> int:
        given = [post_id for post_id, article in self.articles.items() if not article.post.provisional]
        return 1 + max([*given, *self.record.addresses, *self.record.removed], default=0)

    def published_now(self, *, publishing: bool) -> None:
        """After a build that publishes the site (the publish workflow's, never a preview nor a
        staff member's own build): the record gains the addresses published now, so they keep
        answering whatever later happens to their post. Raises LoaxaError if it cannot be written."""
        if self.preview or not publishing:
            return
        record_published(self.record, [(a.post.id, f"{a.post.slug}/")
                                       for a in self.articles.values() if a.published])
        try:
            save_record(self.settings.posts_dir, self.record)
        except OSError as error:
            path = f"{self.settings.posts_label}/{RECORD_NAME}"
            raise LoaxaError(t("record.unwritable", self.settings.lang, path=path,
                               error=error.strerror)) from None

    def _address(self, slug: str) -> str:
        """The site path of the article page whose slug is `slug`, as the blog places pages."""
        for article in self.articles.values():
            url, own = article.url, article.post.slug
            if url is not None and own in url:
                at = url.rindex(own)
                return url[:at] + slug + url[at + len(own):]
        return f"{slug}/"

    def record_slugs(self) -> list[str]:
        """Every slug ever published: a new post must not take one."""
        return list(self._claimed())

    def next_id(self) -> int:
        """The next id never given: past every post, every recorded address and every removal."""
        return self._next_id()

    def blog_sources(self) -> dict[str, tuple[int, Path]]:
        """The normalised copy of each post that the blog reads, and the post's id, by the path
        where the blog looks for it (relative to docs)."""
        folder = self.settings.cache_dir / "blog"
        return {addresses.blog_path(self.settings, a.post.relpath):
                (a.post.id, write_blog_source(folder, a.post, draft=not a.published))
                for a in self.articles.values()}

    def place(self, post_id: int, url: str) -> None:
        """Record where the blog published an article ("slug/")."""
        self.articles[post_id].url = url

    def process_media(self) -> None:
        """Every file beside the posts, pictures resized and stripped of their metadata."""
        broken = []
        for relpath, source in self.used.items():
            site_path = addresses.blog_path(self.settings, relpath)
            if is_video(relpath):
                self.media[site_path] = self._without_location(relpath, source)
                continue
            if not is_picture(relpath):
                self.media[site_path] = source
                continue
            # The original never reaches a reader: its address serves a resized copy.
            try:
                image = process_image(source, self.settings.cache_dir / "images",
                                      on_repair=self._repaired)
            except ImageError as error:
                broken.append(describe_error(error, f"{self.settings.posts_label}/{relpath}",
                                             self.settings.lang))
                continue
            self.media[site_path] = image.fallback
            stem = posixpath.splitext(site_path)[0]
            srcset = []
            for variant in image.variants:
                variant_path = f"{stem}-{variant.width}{variant.suffix}"
                self.media[variant_path] = variant.path
                srcset.append((variant_path, variant.width))
            self.pictures[site_path] = PublishedPicture(image.width, image.height, tuple(srcset))
        if broken:
            raise LoaxaError("\n".join(broken))
        # A cover smaller than a large share preview is shared on the share card, at 1200×630.
        for post in self.published:
            cover = addresses.blog_path(self.settings, post.image) if post.image else None
            picture = self.pictures.get(cover) if cover else None
            if picture is not None and small_for_sharing(picture.width, picture.height):
                self._previews[post.id] = addresses.share_preview(post.id)
                self.media[self._previews[post.id]] = self._share_preview(self.media[cover])

    def _share_preview(self, cover: Path) -> Path:
        """The share picture of a small cover (the picture as published), made once per content
        of the cover and of the share card, under the cache."""
        if self._card is None:  # read once per build, not once per post
            self._card = self._share_image().read_bytes()
        card, data = self._card, cover.read_bytes()
        version = f"{PREVIEW_VERSION} {_drawing()}".encode()
        key = hashlib.sha256(b"\0".join([version, card, data])).hexdigest()[:20]
        path = self.settings.cache_dir / "previews" / f"{key}.jpg"
        if not (path.is_file() and _is_jpeg(path)):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, draw_share_preview(card, data))
        return path

    def inspect(self) -> list[Problem]:
        """What the rest of the build would refuse, found without building (for `loaxa check`):
        posters that cannot carry the site's address, and pictures that are damaged, too large
        or of an unknown kind."""
        s = self.settings
        found = []
        if not s.site_url:
            found.append(Problem("mkdocs.yml", 1, "site_url", t("posters.no_site_url", s.lang)))
        elif self.published:
            newest = max(self.published, key=lambda p: p.id)
            try:
                render_posters([self.poster_content(newest, cover=False)])
            except PosterError:
                found.append(Problem("mkdocs.yml", 1, "site_url", t(
                    "posters.unreadable", s.lang, url=s.site_url, size=s.poster_size)))
        for relpath, path in self.used.items():
            if not is_picture(relpath):
                continue
            try:
                inspect_picture(path)
            except ImageError as error:
                found.append(self._file_problem(relpath, describe_error(error, "", self.settings.lang)))
        return found

    def advice(self) -> list[Problem]:
        """For `loaxa check`: photos in the posts folder that still carry a location (the site
        never publishes it, but the repository keeps it), and files no post shows."""
        s = self.settings
        found = []
        for relpath, path in self.inventory.media.items():
            if is_picture(relpath) and _has_location(path) or is_video(relpath) and _has_video_location(path):
                found.append(self._file_problem(relpath, t(
                    "photos.location", s.lang, command=f'loaxa clean-photos "{s.posts_label}/{relpath}"')))
        found += [self._file_problem(relpath, t("files.unused_one", s.lang)) for relpath in self.unused]
        for post in self.published:
            found += poster_title_fit(post, self.poster_content(post, cover=False), s.lang)
        return found

    def _file_problem(self, relpath: str, message: str) -> Problem:
        return Problem(f"{self.settings.posts_label}/{relpath}", 1, t("field.file", self.settings.lang),
                       message.removeprefix(": "))

    def _without_location(self, relpath: str, video: Path) -> Path:
        """`video`, or when it holds the place where it was recorded, a copy without it (made
        once per file version, under the cache)."""
        try:
            if not has_video_location(video):
                return video
            stat = video.stat()
            key = hashlib.sha256(f"{video}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()[:20]
            clean = self.settings.cache_dir / "videos" / f"{key}{video.suffix.lower()}"
            if clean.is_file() and clean.stat().st_size == stat.st_size and not has_video_location(clean):
                return clean
            clean.parent.mkdir(parents=True, exist_ok=True)
            clean_video(video, clean)
            return clean
        except OSError as error:
            raise LoaxaError(str(self._file_problem(relpath, t("files.unreadable", self.settings.lang)))
                             ) from error

    def assets(self) -> dict[str, Path]:
        """loaxa's own static files, the web editor's among them."""
        return {SHARE_IMAGE: self._share_image(), addresses.POLYFILL: POLYFILL_SOURCE,
                addresses.FEED_ICON: self._feed_icon(ICON_SIZE),
                addresses.FEED_FAVICON: self._feed_icon(FAVICON_SIZE), **editor_files(self.settings)}

    def expired_sources(self) -> list[str]:
        """The blog sources of the published notices no longer in force, which the home page no
        longer lists."""
        return sorted(addresses.blog_path(self.settings, a.post.relpath)
                      for a in self.articles.values() if a.published and a.expired)

    def unpublished(self) -> list[str]:
        """Theme files replaced by loaxa's own (Material's bundle and its source map), and the
        site's files that lead out of its folders."""
        bundle = [] if self.bundle is None else [self.bundle.old_path, self.bundle.old_path + ".map"]
        data = [name for name in (ORGANISATION, PROCEDURES) if name in self._site_paths]  # sources only
        return bundle + self.outside + data

    def pages(self) -> dict[str, str]:
        """Markdown pages loaxa adds to the site: the posters page, the search page."""
        pages = {addresses.POSTERS_PAGE: render_posters_page(group_by_month(self.published),
                                                              self.settings.posters)}
        if self.settings.search:
            pages[addresses.SEARCH_PAGE] = render_search_page(self.settings.lang)
        if self.commune.organisation is not None:
            pages[ENGLISH_PAGE] = english_page(self.commune, self.settings.site_name)
        listed = [Listed(doc, a.post.title, a.url, addresses.blog_path(self.settings, doc.file))
                  for a in self.articles.values()
                  if a.published and a.url and (doc := a.post.document) is not None]
        if listed:
            pages.update(registry_pages(listed, self.settings.lang))
        return pages

    def start_posters(self) -> None:
        """Start drawing the posters that are not cached yet, in the background."""
        s = self.settings
        if not s.site_url:
            raise LoaxaError(t("posters.no_site_url", s.lang))
        published = sorted(self.published, key=lambda p: (p.date, p.id))
        contents = {p.id: self.poster_content(p) for p in published}
        months = group_by_month(published)
        targets = [addresses.poster(p.id) for p in published]
        targets += [addresses.poster_batch(month) for month, _ in months]
        jobs = [([contents[p.id]], p.title) for p in published]
        jobs += [([contents[p.id] for p in posts], month) for month, posts in months]
        self._posters = start_cached(s.cache_dir / "posters", jobs, on_repair=self._repaired)
        self._poster_paths = dict(zip(targets, self._posters.paths))

    def poster_content(self, post: Post, *, cover: bool = True) -> PosterContent:
        """What the poster of `post` shows; its cover left out unless `cover`."""
        url = (self.settings.site_url or "/") + addresses.short_link(post.id)
        return poster_content(post, url, self.poster_settings, self._poster_cover(post) if cover else None)

    def _poster_cover(self, post: Post) -> Picture | None:
        """The post's cover as published (upright, at most 1440 pixels wide, known by the hash of
        its source), made now if this build has not (`loaxa posters`); None without one."""
        if not post.image or not is_picture(post.image):
            return None
        published = self.media.get(addresses.blog_path(self.settings, post.image))
        if published is None:
            try:
                published = process_image(self.settings.posts_dir / post.image,
                                          self.settings.cache_dir / "images").fallback
            except ImageError:  # a damaged cover is reported where the post uses it
                return None
        return Picture(str(published), published.parent.name + published.suffix)

    def _share_image(self) -> Path:
        if self._share_path is not None:
            return self._share_path
        settings = self.settings.posters
        key = hashlib.sha256(f"{settings} {_drawing()}".encode()).hexdigest()[:16]
        path = self.settings.cache_dir / f"share-{key}.png"
        data = draw_share_image(settings.commune, settings.site_label, settings.lang) if not (
            path.is_file() and _is_png(path)) else None
        if data is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, data)
        self._share_path = path
        return path

    def _feed_icon(self, size: int) -> Path:
        """The square icon of the feeds, `size` pixels wide, drawn once into the cache."""
        commune = self.settings.commune
        key = hashlib.sha256(f"icon {size} {commune} {_drawing()}".encode()).hexdigest()[:16]
        path = self.settings.cache_dir / f"icon-{key}.png"
        if not (path.is_file() and _is_png(path)):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, draw_feed_icon(commune, size))
        return path

    def _repaired(self, path: Path) -> None:
        self.notice(t("cache.repaired", self.settings.lang, path=path))

    def article_body(self, post_id: int | None, body: str, page_url: str) -> str:
        """The rendered body of an article as published: cover or video above, pictures sized,
        share and poster links below. The body itself (its raw HTML addresses made to lead from
        the page) is kept for the feeds. Any other page
        (`post_id` None, a draft) as it is."""
        article = self.articles.get(post_id) if post_id is not None else None
        if article is None or not article.published:
            return self._with_commune(body, page_url) if post_id is None else body
        post = article.post
        # Addresses in raw HTML are as written, from the post's file: made to lead from the page,
        # here and (through `article.html`) in the feeds.
        folder = posixpath.dirname(addresses.blog_path(self.settings, post.relpath))
        body = article.html = relink(body, page_url, folder, self.media)
        body = self._media_block(post, page_url) + rewrite_images(body, page_url, self.pictures)
        if any(section_kind(name) == "guide" for name in post.categories):
            body = as_steps(body)
        if post.document is not None:
            file_path = addresses.blog_path(self.settings, post.document.file)
            file_url = addresses.relative_url(file_path, page_url)
            body = render_block(post.document, file_url, self.settings.lang) + body
        if article.expired:
            since = t("notice.expired", self.settings.lang, date=format_date(post.expires))
            body = f'<p class="loaxa-expired" role="note">{since}</p>\n{body}'

        href = addresses.relative_url(addresses.poster(post.id), page_url)
        lang = self.settings.lang
        print_button = (f'<button type="button" class="loaxa-print-button" onclick="print()">'
                        f'{t("print.button", lang)}</button>')
        poster_link = (f'<p class="loaxa-poster" data-pagefind-ignore><a href="{href}">'
                       f'{t("poster.link", lang)}</a> {print_button}</p>')
        body = self._print_head(post) + body + self._print_foot(post)
        if not self.settings.feeds:
            return f"{body}\n{poster_link}"
        share = render_share_control(self._article_url(article), post.title, lang)
        return f"{body}\n{share}\n{poster_link}"

    def _with_commune(self, body: str, page_url: str) -> str:
        """A page of docs/ with the commune's information where it asks for it, and the home
        page's first screen where it says `<!-- loaxa:trang-chu -->`."""
        if HOME_MARKER in body:  # the site's first page or the list's; Material titles the later ones
            home = page_url.removesuffix("index.html") in ("", self._home_url())
            top = render_top(self._identity(), self.settings.site_label, self._banner(), self._tiles(),
                             page_url, self.settings.lang) if home else ""
            if home:
                self._home_pages.add(page_url)
            body = body.replace(HOME_MARKER, top)
        for name in MARKERS:
            marker = f"<!-- loaxa:{name} -->"
            if marker in body:
                body = body.replace(marker, render_marker(name, self.commune, self.settings.lang,
                                                          self.settings.site_url))
        return body

    def _home_url(self) -> str:
        """The address of the first page of the list of posts: the home page when the blog is
        the site's root."""
        folder = self.settings.blog_dir.strip("/")
        return "" if folder in ("", ".") else folder + "/"

    def _identity(self) -> tuple[str, ...]:
        """Who speaks on the home page: the posters' header lines."""
        return self.poster_settings.header_lines or (self.settings.commune,)

    def _banner(self) -> Banner | None:
        """The newest published notice still in force."""
        notices = [a for a in self.articles.values() if a.published and not a.expired and a.url is not None
                   and any(section_kind(name) == "notice" for name in a.post.categories)]
        if not notices:
            return None
        newest = max(notices, key=lambda a: (a.post.date, a.post.id))
        post, lang, until = newest.post, self.settings.lang, ""
        if post.expires is not None:  # the moment it ends: a midnight ends the day before
            if post.expires.time() == datetime.min.time():
                until = t("home.until", lang, date=format_date(post.expires - timedelta(days=1)))
            else:
                until = t("home.until_time", lang, time=f"{post.expires:%H:%M}",
                          date=format_date(post.expires))
        return Banner(title_text(post.title), newest.url, format_date(post.date), until)

    def _tiles(self) -> list[Tile]:
        """A tile for each section with something to read: the categories in their configured
        order, documents leading to their registry."""
        s = self.settings
        shown = [a.post for a in self.articles.values() if a.published and a.url is not None]
        used = {name for post in shown for name in post.categories}
        documents = any(post.document is not None for post in shown)
        tiles = []
        for name in s.categories or sorted(used):
            kind = section_kind(name)
            if kind == "document" and documents:
                tiles.append(Tile(name, f"{REGISTRY}/", kind))
            elif name in used:
                tiles.append(Tile(name, addresses.category_page(s, name), kind))
        return tiles

    def _contact(self) -> Contact | None:
        """The home page's contact strip: the service centre's hotline and hours when the
        commune has one, else the committee's phone."""
        centre, organisation = self.commune.centre, self.commune.organisation
        page = self._contact_page_path
        if centre is not None and (centre.text("hotline") or centre.text("phone")):
            hours = centre.values.get("hours") or []
            hours = tuple(str(line) for line in (hours if isinstance(hours, list) else [hours]) if line)
            return Contact(centre.text("name"), centre.text("hotline") or centre.text("phone"),
                           centre.text("address"), hours, page)
        if organisation is not None and organisation.text("phone"):
            return Contact(organisation.text("name"), organisation.text("phone"),
                           organisation.text("address"), (), page)
        return None

    @functools.cached_property
    def _contact_page_path(self) -> str | None:
        """The site path of the page of docs/ that shows every contact ("lien-he/")."""
        marker = re.compile(r"^[ \t]*<!-- loaxa:lien-he -->[ \t]*$", re.M)  # a line of its own, not a mention
        for path in sorted(self._site_paths):
            source = self.settings.docs_dir / path
            # Only the pages MkDocs reads: not a pipe or device (reading it would wait forever), nor
            # a link leading out of the site's folders.
            if (not path.endswith(".md") or path.startswith(self.settings.post_dir + "/")
                    or path in self.outside or not source.is_file()):
                continue
            try:
                text = source.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if marker.search(text):
                stem = path[:-3]
                return stem[:-5] if stem == "index" or stem.endswith("/index") else stem + "/"
        return None

    def page_inputs(self) -> list[object]:
        """What pages show besides their own content and the site's files: the home page's
        contact strip links to the page of docs/ that shows every contact."""
        return [self._contact_page_path]

    def _thumb_map(self) -> dict[str, Thumb]:
        """Each placed article's card picture (made from its cover, published beside it as
        "<cover>-the-480.webp"), by the article's address."""
        if self._thumbs is None:
            self._thumbs, self._card_files = {}, {}
            for article in self.articles.values():
                post = article.post
                cover = addresses.blog_path(self.settings, post.image) if post.image else None
                picture = self.pictures.get(cover) if cover else None
                largest = self.media.get(picture.srcset[-1][0]) if picture else None
                if article.url is None or largest is None:
                    continue
                try:
                    made, width, height = card_picture(largest, self.settings.cache_dir / "cards")
                except DECODE_ERRORS:  # a damaged cache file: the card goes without its picture
                    continue
                site_path = f"{posixpath.splitext(cover)[0]}-the-{width}.webp"
                if site_path in self.media:  # a file of the posts folder has that name
                    continue
                self._card_files[site_path] = made
                self._thumbs[article.url] = Thumb(site_path, width, height, video=bool(post.video))
        return self._thumbs

    def _print_head(self, post: Post) -> str:
        """What a printed article carries around its title: whose page it is (above it, by the
        print style) and the day it was published."""
        s = self.settings
        hidden = 'aria-hidden="true" data-pagefind-ignore'
        return (f'<p class="loaxa-print-only loaxa-print-site" {hidden}>'
                f'{html.escape(s.commune)} · {html.escape(s.site_label)}</p>\n'
                f'<p class="loaxa-print-only loaxa-print-date" {hidden}>'
                f'{t("print.date", s.lang, date=format_date(post.date))}</p>\n')

    def _print_foot(self, post: Post) -> str:
        """What a printed article carries below its text: its short link, typed and as a QR."""
        if not self.settings.site_url:
            return ""
        url = self.settings.site_url + addresses.short_link(post.id)
        words = t("print.read_online", self.settings.lang)
        return (f'\n<div class="loaxa-print-only loaxa-print-link" aria-hidden="true" data-pagefind-ignore>'
                f'{qr_svg(url)}'
                f'<p>{words}<br><strong>{html.escape(url)}</strong></p></div>')

    def _media_block(self, post: Post, page_url: str) -> str:
        """The cover above the article, or for a video post the video behind its still."""
        cover = addresses.blog_path(self.settings, post.image) if post.image else None
        if cover is not None and cover in self.pictures:
            still = render_picture(self.pictures[cover], addresses.relative_url(cover, page_url), page_url)
        elif post.video:
            still = (f'<img src="{addresses.relative_url(SHARE_IMAGE, page_url)}" alt="" '
                     'width="1200" height="630">')
        else:
            return ""
        if not post.video:
            return f'<figure class="loaxa-cover">{still}</figure>\n'
        label = t("video.watch", self.settings.lang, title=post.title)
        if isinstance(post.video, VideoLink):
            return render_video(post.video.url, still, label) + "\n"
        video = addresses.blog_path(self.settings, post.video.path)
        poster = addresses.relative_url(cover, page_url) if cover else None
        return render_video(post.video.path, still, label, file_url=addresses.relative_url(video, page_url),
                            poster_url=poster) + "\n"

    def finish_page(self, page_html: str, page_url: str, *, post_id: int | None = None,
                    view: bool = False) -> str:
        """A page as Material wrote it, with loaxa's head tags and Material's output patched."""
        s = self.settings
        kinds = [EVERY_PAGE]
        tags = self._style(lists=view)
        if s.feeds:
            tags += "\n" + render_feed_links(self.url(""), s.site_name, s.lang)
            article = self.articles.get(post_id) if post_id is not None else None
            if article is not None and article.html is not None:
                tags += "\n" + render_social_meta(self._share_info(article))
        if post_id is not None:
            kinds.append(POST)
            page_html = self.patches.apply(metadata_title(t("page.post_sidebar", s.lang)), page_html, kinds)
        if view:
            page_html = add_thumbnails(page_html, page_url, self._thumb_map())
        if page_url in self._home_pages and (contact := self._contact()) is not None:
            kinds.append(HOME)
            block = render_contact(contact, page_url, s.lang)
            page_html = self.patches.apply(before_footer(block), page_html, kinds)
        page_html = self.patches.apply(head_tags(tags), page_html, kinds)
        if s.search:
            label = t("search.label", s.lang)
            href = addresses.relative_url(addresses.SEARCH_URL, page_url)
            page_html = self.patches.apply(search_button(href, label), page_html, kinds)
            if not view and page_url != addresses.SEARCH_URL:
                page_html = self.patches.apply(SEARCHABLE, page_html, [*kinds, ARTICLE])
        return self.fix_template(page_html, kinds)

    def finish_template(self, name: str, page_html: str) -> str:
        """A page MkDocs writes from a template alone: the page of a wrong address in the site's
        language and style, leading home and to search (by absolute addresses: it is shown at
        any address)."""
        if name != "404.html":
            return self.fix_template(page_html)
        s = self.settings
        root = urlsplit(s.site_url).path if s.site_url else "/"
        kinds = [EVERY_PAGE, NOT_FOUND]
        links = [f'<a class="md-button md-button--primary" href="{html.escape(root, quote=True)}">'
                 f'{html.escape(t("page.home", s.lang))}</a>']
        if s.search:
            search = root + addresses.SEARCH_URL
            links.append(f'<a class="md-button" href="{html.escape(search, quote=True)}">'
                         f'{html.escape(t("page.search", s.lang))}</a>')
            page_html = self.patches.apply(search_button(search, t("search.label", s.lang)), page_html, kinds)
        block = (f'<h1>{html.escape(t("page.not_found_title", s.lang))}</h1>\n'
                 f'<p>{html.escape(t("page.not_found_text", s.lang))}</p>\n'
                 f'<p class="loaxa-not-found">{" ".join(links)}</p>')
        page_html = self.patches.apply(not_found_body(block), page_html, kinds)
        tags = head_tags(self._style())
        page_html = self.patches.apply(tags, page_html, kinds)
        return self.fix_template(page_html, kinds)

    def _style(self, *, lists: bool = False) -> str:
        """loaxa's style inlined in a page's head (the lists' part on pages that list posts)."""
        return f"{TEXT_SCALE}\n<style>{self._css}{self._list_css if lists else ''}</style>"

    def fix_template(self, page_html: str, kinds: Iterable[str] = (EVERY_PAGE,)) -> str:
        """Accessible names Material leaves out, and its bundle's patched address."""
        page_html = self.patches.apply(tabs_name(t("page.tabs", self.settings.lang)), page_html, kinds)
        page_html = self.patches.apply(back_to_top(t("page.top", self.settings.lang)), page_html, kinds)
        page_html = self.patches.apply(sidebar_name(t("page.post_sidebar", self.settings.lang)),
                                       page_html, kinds)
        if self.material_search:
            page_html = self.patches.apply(search_dialog_name(t("search.label", self.settings.lang)),
                                           page_html, kinds)
        page_html = self.patches.apply(EXCERPT_ACTION, page_html, kinds)
        if self.bundle is not None:
            page_html = page_html.replace(self.bundle.old_path, self.bundle.new_path)
        return page_html

    def _share_info(self, article: Article) -> ShareInfo:
        post = article.post
        if post.id in self._previews:  # a small cover: shared on the share card, at 1200×630
            preview = self._previews[post.id]
            image = self._describe(self.media[preview], preview)
        elif post.image:
            cover = addresses.blog_path(self.settings, post.image)
            image = self._describe(self.media.get(cover, self.settings.posts_dir / post.image), cover)
        else:
            image = self._describe(self._share_image(), SHARE_IMAGE)
        return ShareInfo(
            title=title_text(post.title), description=summary(post), url=self._article_url(article),
            image_url=image.url, image_width=image.width or 0, image_height=image.height or 0,
            image_alt=title_text(post.title), site_name=self.settings.site_name, lang=self.settings.lang,
            published=post.date, modified=post.updated,
            section=post.categories[0] if post.categories else None, tags=post.tags,
        )

    def _preview(self, article: Article) -> Preview:
        """What a shared short link or former address previews: the article's own tags."""
        info = self._share_info(article)
        return Preview(title=info.title, description=info.description, url=info.url,
                       image_url=info.image_url, image_width=info.image_width,
                       image_height=info.image_height, site_name=info.site_name)

    def _describe(self, path: Path, site_path: str) -> Media:
        key = (path, site_path)  # files are cached by content: one may stand at two addresses
        if key not in self._described:
            # A file name may have spaces and diacritics: its address has them percent-encoded.
            self._described[key] = describe(path, self.url(addresses.url_path(site_path)))
        return self._described[key]

    def _article_url(self, article: Article) -> str:
        return self.url(article.url or f"{article.post.slug}/")

    def outputs(self) -> dict[str, Output]:
        """Short links, feeds, posters, the cards' pictures and the patched bundle, by site path."""
        s = self.settings
        self._thumb_map()  # the list pages that show them may all have been carried over
        out: dict[str, Output] = dict(self._card_files)
        for article in self.articles.values():
            if article.published and article.url is not None:
                post, preview = article.post, self._preview(article)
                out[addresses.short_link(post.id) + "index.html"] = render_short_link(
                    post.title, article.url, s.site_url, s.lang, preview).encode("utf-8")
                for slug in self.record.addresses.get(post.id, []):
                    address = self._address(slug[:-1])
                    if address != article.url and slug[:-1] not in self._reserved:
                        out[_page_file(address)] = render_redirect(
                            post.title, article.url, address, s.site_url, s.lang, preview).encode("utf-8")
        for post_id in sorted(self.record.removed):
            found = [self._address(slug[:-1]) for slug in self.record.addresses.get(post_id, [])
                     if slug[:-1] not in self._reserved]
            for address in [addresses.short_link(post_id), *found]:
                out[_page_file(address)] = render_removed(address, s.lang).encode("utf-8")
        if s.feeds:
            out.update(self._feeds())
        out.update(editor_pages(s, site_pages(s, self._site_paths)))
        if self._posters is not None:
            try:
                self._posters.wait()
            except PosterError:
                raise LoaxaError(t("posters.unreadable", s.lang, url=s.site_url,
                                   size=s.poster_size)) from None
            prune_cache(s.cache_dir / "posters", set(self._poster_paths.values()))
            out.update(self._poster_paths)
        if self.bundle is not None:
            out[self.bundle.new_path] = self.bundle.text.encode("utf-8")
        return out

    def notes(self) -> list[tuple[int, str]]:
        """What the finished build tells: the posters it drew (info), and the patches of
        Material's output that found nothing where they must (warnings: Material changed)."""
        drawn = self._posters.drawn if self._posters is not None else []
        singles = len(self.published)
        lang = self.settings.lang
        notes = [(logging.WARNING, str(problem)) for problem in self.warnings]
        notes += [(logging.INFO, t("posters.log", lang, posters=singles, drawn=sum(drawn[:singles]),
                                  batches=len(drawn) - singles, drawn_batches=sum(drawn[singles:])))]
        notes += [(logging.WARNING, t("build.patch_missing", lang, patch=name))
                  for name in self.patches.missing()]
        if self.unused:
            notes.append((logging.INFO, t("files.unused", lang, count=len(self.unused),
                                          files=", ".join(self.unused[:5]))))
        return notes

    def _feeds(self) -> dict[str, bytes]:
        s = self.settings
        items = []
        # A notice no longer in force leaves every feed: nothing re-announces it.
        current = [a.post for a in self.articles.values() if a.published and not a.expired]
        for post in feed_posts(current, s.feed_items):
            article = self.articles[post.id]
            if article.html is None:
                continue
            url = self._article_url(article)
            image = video = None
            if post.image:
                site_path = addresses.blog_path(s, post.image)
                image = self._describe(self.media.get(site_path, s.posts_dir / post.image), site_path)
            else:  # the share card, as its og:image
                image = self._describe(self._share_image(), SHARE_IMAGE)
            if isinstance(post.video, VideoFile):
                site_path = addresses.blog_path(s, post.video.path)
                video = self._describe(s.posts_dir / post.video.path, site_path)
            items.append(FeedItem(
                post=post, url=url, short_url=self.url(addresses.short_link(post.id)),
                content_html=absolute_html(article.html, url), image=image, video=video,
                video_url=post.video.url if isinstance(post.video, VideoLink) else None,
            ))
        channel = Channel(title=s.site_name, site_url=self.url(""), description=s.site_description,
                          language=s.lang, author=s.commune, image_url=self.url(SHARE_IMAGE),
                          icon_url=self.url(addresses.FEED_ICON),
                          favicon_url=self.url(addresses.FEED_FAVICON))
        categories = {name: addresses.category_feed(s, name)
                      for name in sorted({c for post in self.published for c in post.categories})}
        return build_feeds(channel, items, categories=categories, limit=s.feed_items)

    def close(self) -> None:
        """Stop background work of a build that failed."""
        if self._posters is not None:
            self._posters.cancel()


def write_outputs(site_dir: Path, outputs: Mapping[str, Output]) -> None:
    """The one place loaxa writes into the built site."""
    made: set[str] = set()
    for path, data in sorted(outputs.items()):
        target = os.path.join(site_dir, path)
        folder = os.path.dirname(target)
        if folder not in made:  # a thousand short links: one mkdir each is a tenth of a second
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        if isinstance(data, Path):
            _link_or_copy(data, Path(target))
        else:
            with open(target, "wb") as handle:
                handle.write(data)


def _link_or_copy(source: Path, target: Path) -> None:
    """Cached files are replaced whole, never changed in place: the site may share them. A
    build over the existing site (--dirty) may find the same file there already."""
    if target.exists():
        if os.path.samefile(source, target):
            return
        target.unlink()
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)



def _has_location(path: Path) -> bool:
    try:
        return has_location(path)
    except ImageError:  # a damaged picture is reported where a post uses it
        return False


@functools.cache
def _drawing() -> str:
    """What draws loaxa's pictures (the share card, the feed icon, previews): a changed drawing
    makes its cached pictures again."""
    code = b"".join(Path(module.__file__).read_bytes() for module in (social, fonts))
    return hashlib.sha256(code + fonts.manifest()).hexdigest()[:16]


def _page_file(address: str) -> str:
    """The file a page address is served from: "a/" from "a/index.html", "a.html" as it is."""
    return address + "index.html" if address.endswith("/") or not address else address


def _has_video_location(path: Path) -> bool:
    try:
        return has_video_location(path)
    except OSError:
        return False


def _is_png(path: Path) -> bool:
    """A whole PNG: signature first, IEND chunk last (a killed write leaves neither)."""
    with open(path, "rb") as handle:
        head = handle.read(8)
        handle.seek(-12, os.SEEK_END)
        tail = handle.read(12)
    return head == b"\x89PNG\r\n\x1a\n" and tail[4:8] == b"IEND"


def _is_jpeg(path: Path) -> bool:
    """A whole JPEG: start marker first, end marker last (a killed write leaves neither)."""
    with open(path, "rb") as handle:
        head = handle.read(2)
        handle.seek(-2, os.SEEK_END)
        tail = handle.read(2)
    return head == b"\xff\xd8" and tail == b"\xff\xd9"
