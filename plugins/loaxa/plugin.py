"""MkDocs adapter: hands the posts to Material's blog plugin and writes loaxa's own pages."""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from material.plugins.blog.structure import View
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from .advice import missing_alt_text
from .blogsource import write_blog_source
from .dates import VIETNAM, format_date
from .feeds import DEFAULT_LIMIT, Channel, FeedItem, absolute_html, build_feeds, feed_posts
from .i18n import language_of, t
from .images import ImageError, PublishedPicture, is_picture, process_image, render_picture, rewrite_images
from .media import Media, describe
from .poster import (
    PosterError,
    PosterSettings,
    group_by_month,
    poster_content,
    prune_cache,
    render_posters_page,
    write_cached,
)
from .posts import Post, PostError, backdated, find_media_files, load_posts, summary
from .search import (
    SEARCH_PAGE,
    SearchError,
    add_search_button,
    index_site,
    mark_searchable,
    render_search_page,
)
from .shortlinks import short_path, write_short_links
from .siteconfig import read_site_config
from .slugs import reserved_slugs, slugify
from .social import (
    ShareInfo,
    draw_share_image,
    insert_into_head,
    render_feed_links,
    render_share_control,
    render_social_meta,
)
from .themefix import ASSETS, POLYFILL_PATH, find_bundle, fix_page, stylesheet
from .video import render_video

log = get_plugin_logger(__name__)
SHARE_IMAGE = "assets/loaxa/share.png"


class _PluginConfig(base.Config):
    posts_dir = c.Type(str, default="posts")
    cache_dir = c.Type(str, default=".cache/loaxa")
    commune = c.Optional(c.Type(str))      # poster header; default: site_name
    site_label = c.Optional(c.Type(str))   # default: "Trang thông tin điện tử"
    poster_size = c.Choice(("A4", "A5"), default="A4")
    feed_items = c.Type(int, default=DEFAULT_LIMIT)
    feeds = c.Type(bool, default=True)  # feeds, share meta and share control
    search = c.Type(bool, default=True)  # Pagefind search page and header button


class LoaxaPlugin(BasePlugin[_PluginConfig]):
    def __init__(self) -> None:
        self.posts: list[Post] = []
        self.published: list[Post] = []
        self.article_paths: dict[int, str] = {}
        self.poster_of: dict[str, str] = {}
        self.post_of: dict[str, Post] = {}
        self.rendered: dict[int, str] = {}
        self.described: dict[Path, Media] = {}
        self.pictures: dict[str, PublishedPicture] = {}
        self.published_files: dict[str, Path] = {}
        self.is_serve = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.lang = language_of(config.theme["language"])
        self.blog = config.plugins.get("material/blog")
        if self.blog is None or not self.blog.config.enabled:
            raise PluginError(t("config.no_blog", self.lang))
        # Article addresses are <slug>/ under the blog; the slug is always loaxa's own.
        self.blog.config.post_url_format = "{slug}"
        self.blog.config.categories_slugify = _category_slug
        root = Path(config.config_file_path or ".").resolve().parent
        self.posts_dir = root / self.config.posts_dir
        if not self.posts_dir.is_dir():
            raise PluginError(t("config.no_posts_dir", self.lang, path=self.config.posts_dir))
        self.cache_dir = root / self.config.cache_dir
        # `mkdocs serve` points site_url at the preview server; a poster printed from a preview
        # must still carry the real address.
        site_url = config.site_url
        if self.is_serve and config.config_file_path:
            site_url = read_site_config(Path(config.config_file_path)).site_url
        if not site_url:
            raise PluginError(t("posters.no_site_url", self.lang))
        self.site_url = str(site_url).rstrip("/") + "/"
        # Material prints site and page descriptions raw inside a quoted attribute.
        self.site_description = config.site_description or ""
        if config.site_description:
            config.site_description = html.escape(config.site_description, quote=True)
        self.css = stylesheet()
        self.bundle = find_bundle(list(config.theme.dirs), urlsplit(self.site_url).path)
        self.poster_settings = PosterSettings(
            commune=self.config.commune or config.site_name,
            site_label=self.config.site_label or t("poster.site_label", self.lang),
            size=self.config.poster_size,
            lang=self.lang,
        )
        return config

    def _inject_posts(self, files: Files, config: MkDocsConfig) -> Files:
        blog = self.blog.config
        self.post_dir = posixpath.normpath(blog.post_dir.format(blog=blog.blog_dir))
        stray = [f.src_uri for f in files.documentation_pages()
                 if f.src_uri.startswith(self.post_dir + "/")]
        try:
            self.posts = load_posts(
                self.posts_dir,
                categories=blog.categories_allowed,
                reserved=reserved_slugs(
                    [f.src_uri for f in files], blog.blog_dir,
                    [blog.archive_url_format, blog.categories_url_format,
                     blog.pagination_url_format, self.post_dir],
                ),
                lang=self.lang,
                label=self.config.posts_dir,
                stray=[posixpath.join(os.path.basename(config.docs_dir), s) for s in stray],
            )
        except PostError as error:
            raise PluginError(error.report()) from None
        now = datetime.now(VIETNAM)
        self.published = [post for post in self.posts if post.is_published(now)]
        published_ids = {post.id for post in self.published}
        for post in self.published:
            for problem in missing_alt_text(post, self.lang):
                log.warning(str(problem))
        for post, newer in backdated(self.published):
            log.warning(f"{post.source}:{post.lines.get('date', 1)}: date: " + t(
                "post.backdated", self.lang, date=format_date(post.date), other=newer.source,
                other_date=format_date(newer.date), days=(newer.date - post.date).days))

        docs_post_dir = Path(config.docs_dir, self.post_dir)
        self.created_post_dir = None if docs_post_dir.exists() else docs_post_dir
        self.post_files: dict[int, File] = {}
        for post in self.posts:
            copy = write_blog_source(self.cache_dir / "blog", post,
                                     draft=post.id not in published_ids)
            file = File.generated(config, f"{self.post_dir}/{post.relpath}", abs_src_path=str(copy))
            files.append(file)
            self.post_files[post.id] = file
            self.post_of[file.src_uri] = post
        return files

    @event_priority(-60)
    def _add_post_media(self, files: Files, config: MkDocsConfig) -> Files:
        # Added after the blog's own on_files, which would rewrite their paths by string
        # replacement; published under the same path as in posts/, beside nothing else.
        self.pictures, self.published_files = {}, {}
        broken = []
        for relpath in find_media_files(self.posts_dir):
            site_path = f"{self.post_dir}/{relpath}"
            if not is_picture(relpath):
                files.append(File.generated(config, site_path,
                                            abs_src_path=str(self.posts_dir / relpath)))
                continue
            # The original never reaches a reader: its address serves a resized copy.
            try:
                image = process_image(self.posts_dir / relpath, self.cache_dir / "images")
            except ImageError:
                broken.append(t("image.broken", self.lang,
                                path=f"{self.config.posts_dir}/{relpath}"))
                continue
            files.append(File.generated(config, site_path, abs_src_path=str(image.fallback)))
            self.published_files[site_path] = image.fallback
            stem = posixpath.splitext(site_path)[0]
            srcset = []
            for variant in image.variants:
                variant_path = f"{stem}-{variant.width}{variant.suffix}"
                files.append(File.generated(config, variant_path, abs_src_path=str(variant.path)))
                srcset.append((variant_path, variant.width))
            self.pictures[site_path] = PublishedPicture(image.width, image.height, tuple(srcset))
        if broken:
            raise PluginError("\n".join(broken))
        self.article_paths = {post.id: self.post_files[post.id].url for post in self.published}
        self._add_posters(files, config)
        self._add_share_image(files, config)
        files.append(File.generated(config, POLYFILL_PATH,
                                    abs_src_path=str(ASSETS / "resize-observer.js")))
        if self.config.search:
            self.search_page = File.generated(config, SEARCH_PAGE,
                                              content=render_search_page(self.lang),
                                              inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(self.search_page)
        return files

    on_files = CombinedEvent(_inject_posts, _add_post_media)

    def _add_posters(self, files: Files, config: MkDocsConfig) -> None:
        settings = self.poster_settings
        contents = {post.id: poster_content(post, self.site_url + short_path(post.id), settings)
                    for post in self.published}
        months = group_by_month(self.published)
        targets = [f"posters/{post.id}.pdf" for post in self.published]
        targets += [f"posters/{month}.pdf" for month, _ in months]
        jobs = [([contents[post.id]], post.title) for post in self.published]
        jobs += [([contents[p.id] for p in posts], month) for month, posts in months]
        try:
            results = write_cached(self.cache_dir / "posters", jobs)
        except PosterError:
            raise PluginError(t("posters.unreadable", self.lang, url=self.site_url,
                                size=settings.size)) from None
        prune_cache(self.cache_dir / "posters", {path for path, _ in results})
        for target, (path, _) in zip(targets, results):
            files.append(File.generated(config, target, abs_src_path=str(path)))
        for post, target in zip(self.published, targets):
            self.poster_of[self.post_files[post.id].src_uri] = target
        files.append(File.generated(config, "posters/index.md",
                                    content=render_posters_page(months, settings),
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        singles = len(self.published)
        log.info(t("posters.log", self.lang, posters=singles,
                   drawn=sum(new for _, new in results[:singles]), batches=len(months),
                   drawn_batches=sum(new for _, new in results[singles:])))

    def _add_share_image(self, files: Files, config: MkDocsConfig) -> None:
        settings = self.poster_settings
        key = hashlib.sha256(f"{settings}".encode()).hexdigest()[:16]
        path = self.cache_dir / f"share-{key}.png"
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(draw_share_image(settings.commune, settings.site_label, self.lang))
        self.share_image = path
        files.append(File.generated(config, SHARE_IMAGE, abs_src_path=str(path)))

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        post = self.post_of.get(page.file.src_uri)
        poster = self.poster_of.get(page.file.src_uri)
        if post is None or poster is None:
            return html
        self.rendered[post.id] = html
        html = self._media_block(post, page) + rewrite_images(html, page.url, self.pictures)
        href = get_relative_url(poster, page.url)
        label = t("poster.link", self.lang)
        poster_link = f'<p class="loaxa-poster" data-pagefind-ignore><a href="{href}">{label}</a></p>'
        if not self.config.feeds:
            return f"{html}\n{poster_link}"
        share = render_share_control(self._url(self.article_paths[post.id]), post.title, self.lang)
        return f"{html}\n{share}\n{poster_link}"

    def _media_block(self, post: Post, page: Page) -> str:
        """The cover above the article, or for a video post the video behind its still."""
        cover = f"{self.post_dir}/{post.image}" if post.image else None
        if cover is not None and cover in self.pictures:
            still = render_picture(self.pictures[cover], get_relative_url(cover, page.url), page.url)
        elif post.video:
            still = f'<img src="{get_relative_url(SHARE_IMAGE, page.url)}" alt="" width="1200" height="630">'
        else:
            return ""
        if not post.video:
            return f'<figure class="loaxa-cover">{still}</figure>\n'
        label = t("video.watch", self.lang, title=post.title)
        if "://" in post.video:
            return render_video(post.video, still, label) + "\n"
        video_path = f"{self.post_dir}/{post.video}"
        poster = get_relative_url(cover, page.url) if cover else None
        return render_video(post.video, still, label, file_url=get_relative_url(video_path, page.url),
                            poster_url=poster) + "\n"

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if isinstance(page.meta.get("description"), str):
            page.meta["description"] = html.escape(page.meta["description"], quote=True)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.config.search:
            label = t("search.label", self.lang)
            output = add_search_button(output, get_relative_url("tim-kiem/", page.url), label)
            if not isinstance(page, View) and page.file.src_uri != SEARCH_PAGE:
                output = mark_searchable(output)
        tags = f"<style>{self.css}</style>"
        if self.config.feeds:
            tags += "\n" + render_feed_links(self.site_url, config.site_name, self.lang)
            post = self.post_of.get(page.file.src_uri)
            if post is not None and post.id in self.rendered:
                tags += "\n" + render_social_meta(self._share_info(post, config))
        return self._fix(insert_into_head(output, tags))

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        return self._fix(output) if template_name.endswith(".html") else output

    def _fix(self, output: str) -> str:
        if self.bundle is not None:
            output = output.replace(self.bundle[0], self.bundle[1])
        return fix_page(output, t("search.label", self.lang), t("page.post_sidebar", self.lang))

    def _share_info(self, post: Post, config: MkDocsConfig) -> ShareInfo:
        if post.image:
            cover = f"{self.post_dir}/{post.image}"
            image = self._describe(self.published_files.get(cover, self.posts_dir / post.image), cover)
        else:
            image = self._describe(self.share_image, SHARE_IMAGE)
        return ShareInfo(
            title=post.title, description=summary(post), url=self._article_url(post),
            image_url=image.url, image_width=image.width or 0, image_height=image.height or 0,
            image_alt=post.title, site_name=config.site_name, lang=self.lang,
            published=post.date, modified=post.updated,
            section=post.categories[0] if post.categories else None, tags=post.tags,
        )

    def _describe(self, path: Path, site_path: str) -> Media:
        if path not in self.described:
            self.described[path] = describe(path, self._url(site_path))
        return self.described[path]

    def _url(self, path: str) -> str:
        return self.site_url + path

    def _article_url(self, post: Post) -> str:
        return self._url(self.article_paths[post.id])

    def on_post_build(self, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        write_short_links(site_dir, self.published, self.article_paths, self.site_url, self.lang)
        if self.config.feeds:
            self._write_feeds(site_dir, config)
        if self.config.search:
            try:
                index_site(site_dir)
            except SearchError as error:
                raise PluginError(t("search.failed", self.lang, problem=error)) from None
        if self.bundle is not None:
            old, new, text = self.bundle
            (site_dir / new).write_text(text, encoding="utf-8")
            if new != old:
                (site_dir / old).unlink(missing_ok=True)
                (site_dir / f"{old}.map").unlink(missing_ok=True)
        # Material's blog creates docs/<post_dir> on every build; posts live in posts/.
        if self.created_post_dir is not None:
            _remove_if_empty(self.created_post_dir)

    def _write_feeds(self, site_dir: Path, config: MkDocsConfig) -> None:
        items = []
        for post in feed_posts(self.published, self.config.feed_items):
            if post.id not in self.rendered:
                continue
            url = self._article_url(post)
            image = video = None
            if post.image:
                image = describe(site_dir / self.post_dir / post.image,
                                 self._url(f"{self.post_dir}/{post.image}"))
            if post.video and "://" not in post.video:
                video = describe(site_dir / self.post_dir / post.video,
                                 self._url(f"{self.post_dir}/{post.video}"))
            items.append(FeedItem(
                post=post, url=url, short_url=self._url(short_path(post.id)),
                content_html=absolute_html(self.rendered[post.id], url), image=image, video=video,
                video_url=post.video if post.video and "://" in post.video else None,
            ))
        channel = Channel(
            title=config.site_name, site_url=self.site_url, description=self.site_description,
            language=self.lang, author=self.poster_settings.commune,
            image_url=self._url(SHARE_IMAGE),
        )
        blog = self.blog.config
        categories = {
            name: posixpath.join(blog.blog_dir, blog.categories_url_format.format(
                slug=_category_slug(name, blog.categories_slugify_separator))).lstrip("./") + "/"
            for name in sorted({c for post in self.published for c in post.categories})
        }
        for path, data in build_feeds(channel, items, categories=categories,
                                      limit=self.config.feed_items).items():
            target = site_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    def on_serve(self, server, config: MkDocsConfig, builder):
        server.watch(str(self.posts_dir))
        return server


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:
        pass


def _category_slug(name: str, separator: str) -> str:
    # Category addresses are ASCII like article addresses: category/tin-tuc/.
    slug = slugify(name) or "c-" + hashlib.sha1(name.encode()).hexdigest()[:8]
    return slug.replace("-", separator)
