"""The plugin's options as MkDocs checks them in mkdocs.yml (the names and defaults of
`loaxa.settings.DEFAULTS`, which reads them without MkDocs)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..settings import DEFAULTS


class PluginConfig(base.Config):
    posts_dir = c.Type(str, default=DEFAULTS["posts_dir"])
    cache_dir = c.Type(str, default=DEFAULTS["cache_dir"])
    commune = c.Optional(c.Type(str))
    site_label = c.Optional(c.Type(str))
    province = c.Optional(c.Type(str))
    poster_header = c.Optional(c.Type(object))  # 1 to 3 lines; loaxa says in Vietnamese what is wrong
    poster_emblem = c.Optional(c.Type(str))
    poster_campaign = c.Optional(c.Type(str))
    poster_size = c.Choice(("A4", "A5"), default=DEFAULTS["poster_size"])
    feed_items = c.Type(int, default=DEFAULTS["feed_items"])
    feeds = c.Type(bool, default=DEFAULTS["feeds"])
    search = c.Type(bool, default=DEFAULTS["search"])
    editor = c.Type(dict, default={})  # repo, branch, auth_url of the web editor at admin/
    review_days = c.Type(int, default=DEFAULTS["review_days"])
