"""A preview whose last rebuild failed shows, on every page, what is wrong; the next good build
reloads the open page to the real one."""

from __future__ import annotations

import logging
from collections.abc import Callable

from mkdocs.exceptions import PluginError

from ..errorpage import render
from ..i18n import t

log = logging.getLogger("mkdocs.plugins.loaxa")

# What MkDocs' preview server offers that the error page relies on.
_SERVER_PARTS = ("_serve_request", "_epoch_cond", "_visible_epoch", "_wanted_epoch",
                 "_inject_js_into_html", "mount_path")


class _Records(logging.Handler):
    """The warnings and errors logged while one build runs (not the server's own request log)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):
            self.records.append(record)


class ErrorPreview:
    """Wraps the server's build and its answer to page requests."""

    def __init__(self, server, before_build: Callable[[], None], lang: Callable[[], str]) -> None:
        self.server, self.lang = server, lang
        self.problems: list[str] | None = None  # what the last build logged, None once it succeeded
        self._build, server.builder = server.builder, self.build
        self._before_build = before_build
        if all(hasattr(server, name) for name in _SERVER_PARTS):
            self._serve, server._serve_request = server._serve_request, self.serve

    def build(self, config=None) -> None:
        """Never raises: MkDocs makes the new site visible only once its build returns, and a page
        asked for meanwhile waits for that."""
        records = _Records()
        logging.getLogger("mkdocs").addHandler(records)
        failure = None
        try:
            # Before MkDocs reads the configuration again: the blog plugin's settings are reset
            # then, and the last build's background pages still use them.
            self._before_build()
            self._build() if config is None else self._build(config)
        except (Exception, SystemExit) as error:  # MkDocs' Abort is a SystemExit
            failure = error
            if not isinstance(error, SystemExit | PluginError):
                log.error(t("preview.unexpected", self.lang(), error=f"{type(error).__name__}: {error}"))
        finally:
            logging.getLogger("mkdocs").removeHandler(records)
        self.problems = None if failure is None else self._explain(records.records, failure)

    def _explain(self, records: list[logging.LogRecord], failure: BaseException) -> list[str]:
        try:
            lang = self.lang()
            kept = t("build.kept", lang, site="\0").split("\0")
            found = [(record.levelno, _text(record)) for record in records]
            # The site left in place is the preview's own folder: nothing staff can act on.
            found = [(level, text) for level, text in found
                     if not (text.startswith(kept[0]) and text.endswith(kept[-1]))]
            messages = list(dict.fromkeys(text for _, text in found))
            if isinstance(failure, SystemExit) and messages and all(
                    level < logging.ERROR for level, _ in found):
                messages.insert(0, t("preview.strict", lang))
            return messages or [str(failure) or t("preview.unexpected", lang, error=type(failure).__name__)]
        except Exception:  # the page must still tell that the build failed
            return [t("preview.unexpected", "vi", error=f"{type(failure).__name__}: {failure}")]

    def serve(self, environ, start_response):
        """A page (not a picture, style sheet or script) while the last build failed: the list of
        problems, with MkDocs' reload script so a good build brings the page back."""
        server = self.server
        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        if not ((path + "/").startswith(server.mount_path) and path.endswith(("/", ".html"))):
            return self._serve(environ, start_response)
        with server._epoch_cond:
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch)
            epoch, problems = server._visible_epoch, self.problems
        if problems is None:
            return self._serve(environ, start_response)
        page = server._inject_js_into_html(render(problems, self.lang()).encode("utf-8"), epoch)
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                  ("Content-Length", str(len(page))), ("Cache-Control", "no-store")])
        return [page]


def _text(record: logging.LogRecord) -> str:
    """The message as staff read it in the terminal, without a plugin's name in front."""
    text = record.getMessage()
    if record.name.startswith("mkdocs.plugins."):
        prefix = record.name.split(".")[2] + ": "
        text = text.removeprefix(prefix)
    return text


def show_errors(server, before_build: Callable[[], None], lang: Callable[[], str]):
    ErrorPreview(server, before_build, lang)
    return server
