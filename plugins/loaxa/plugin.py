"""MkDocs adapter: each event hands its page or files to the core `Build`."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import adapters
from .adapters.material import View
from .adapters.options import PluginConfig
from .build import Build, write_outputs
from .dates import VIETNAM
from .i18n import t
from .record import publishing
from .staging import Staging
from .theme import escape_description

log = get_plugin_logger(__name__)


class LoaxaPlugin(BasePlugin[PluginConfig]):
    is_serve = is_dirty = False
    staging = caches = created_post_dir = None  # what one build made, until the next

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve, self.is_dirty = command == "serve", dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        adapters.wait_for_background()
        self.blog = adapters.material.blog_of(config)
        settings = adapters.settings_of(config, self.config, self.blog, is_serve=self.is_serve)
        config.site_description = config.site_description and escape_description(config.site_description)
        self.build = Build(settings, now=datetime.now(VIETNAM), notice=log.info,
                           preview=self.is_serve, material_search="material/search" in config.plugins)
        self.build.use_theme(config.theme.dirs)
        with adapters.reported():
            self.staging = Staging(Path(config.site_dir), settings.lang, in_place=self.is_dirty)
        self.warnings = adapters.WarningCount()
        self.caches = adapters.Caches(settings, config, previous_site=None if self.is_dirty else
                                      self.staging.site_dir, is_serve=self.is_serve, notice=log.info)
        config.site_dir = str(self.staging.folder)
        return config

    def _add_posts(self, files: Files, config: MkDocsConfig) -> Files:
        # Kept for the whole session: a preview would see the folder come and go and rebuild again.
        self.created_post_dir = self.created_post_dir or adapters.folder_to_remove(
            Path(config.docs_dir, self.build.settings.post_dir))
        with adapters.reported():
            self.build.load([f.src_uri for f in files])
        self.post_ids = adapters.add_sources(files, config, self.build.blog_sources())
        return files

    @event_priority(-60)
    def _add_outputs(self, files: Files, config: MkDocsConfig) -> Files:
        # After the blog's own on_files, which placed the posts and would rewrite media paths.
        for file in files:
            if file.src_uri in self.post_ids:
                self.build.place(self.post_ids[file.src_uri], file.url)
        adapters.unpublish(files, self.build.unpublished())
        with adapters.reported():
            self.build.process_media()
            self.build.start_posters()
        for path, source in {**self.build.media, **self.build.assets()}.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        for path, text in self.build.pages().items():
            files.append(File.generated(config, path, content=text, inclusion=InclusionLevel.NOT_IN_NAV))
        self.caches.use_files(files, self.build.media, self.blog, self.build.page_inputs())
        return files

    on_files = CombinedEvent(_add_posts, _add_outputs)

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files) -> None:
        self.nav = nav

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> None:
        self.caches.render_from_store(page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.build.article_body(self.post_ids.get(page.file.src_uri), html, page.url)

    @event_priority(-100)  # after Material's blog has attached its posts to its views
    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        self.caches.plan(env, files, self.nav, self.blog, self.build.expired_sources())

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if isinstance(page.meta.get("description"), str):  # Material prints it raw
            page.meta["description"] = escape_description(page.meta["description"])

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        return self.build.finish_page(output, page.url, post_id=self.post_ids.get(page.file.src_uri),
                                      view=isinstance(page, View))

    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str:
        html_page = template_name.endswith(".html")
        return self.build.finish_template(template_name, output) if html_page else output

    def on_post_build(self, config: MkDocsConfig) -> None:
        site, staged = self.staging.site_dir, Path(config.site_dir)
        with adapters.reported():
            write_outputs(staged, self.build.outputs())
            adapters.index_search(self.build.settings, site, staged, is_serve=self.is_serve)
        for level, message in [*self.build.notes(), (logging.DEBUG, self.caches.summary())]:
            log.log(level, message)
        if self.warnings.stop() and config.strict:
            return  # MkDocs aborts the build next; on_build_error keeps the previous site
        self.staging.publish(clean_up_later=self.is_serve)
        self.build.published_now(publishing=publishing())
        self.caches.finish(success=True, site=site)
        self.staging, config.site_dir = None, str(site)
        adapters.index_search(self.build.settings, site, None, is_serve=self.is_serve)

    def on_build_error(self, *, error: Exception) -> None:
        if self.staging is None:
            return
        self.warnings.stop()
        self.build.close()
        if self.caches is not None:
            self.caches.finish(success=False)
        if self.staging.discard():
            log.error(t("build.kept", self.build.settings.lang, site=self.staging.site_dir))
        self.staging = None

    def on_shutdown(self) -> None:
        adapters.remove_if_empty(self.created_post_dir)

    def on_serve(self, server, config: MkDocsConfig, builder):
        adapters.watch_posts(server, self.build.settings.posts_dir)
        return adapters.keep_preview_on_error(server, lambda: self.build.settings.lang)
