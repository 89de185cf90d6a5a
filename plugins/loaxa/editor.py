"""The web editor at admin/: Decap CMS, configured from the site's own contract.

Staff write posts in a form in the browser; the editor saves the same Markdown files into the
same repository (GitHub on the published site, the local folder through `loaxa editor`). Its
configuration is made here, at every build, from what the validator accepts: the categories of
mkdocs.yml, the fields of a post, the date format, where pictures go. Nothing here reaches any
page but admin/.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from .addresses import EDITOR_DIR
from .errors import LoaxaError, Problem
from .i18n import t
from .settings import Settings

VENDOR = Path(__file__).resolve().parent / "vendor" / "decap-cms"
SCRIPT = Path(__file__).resolve().parent / "assets" / "loaxa-editor.js"
STYLE = Path(__file__).resolve().parent / "assets" / "loaxa-editor.css"
DATE_FORMAT = "YYYY-MM-DD HH:mm"  # what `loaxa new` writes and the validator reads, Vietnam time
MAX_PHOTO_SIDE = 2048             # pixels: a phone photo is resized to this before it is saved
STATUS_BRANCH = "trang-thai"      # where the publish workflow leaves its problem list
STATUS_FILE = "trang-thai.json"
# As `loaxa new` names a post: posts/<year>/<date>-<slug>.md, the date as written (Vietnam time).
# Decap fills {{year}} with the UTC year: a post dated in the first seven hours of 1 January goes
# in the previous year's folder, which changes nothing but where the file sits.
POST_PATH = "{{year}}/{{slug}}"
FILE_NAME = "{{fields.date | date('YYYY-MM-DD')}}-{{slug}}"
VIDEO_PATTERN = r"^(https?://\S+|[^/\s]+\.(mp4|webm|MP4|WEBM))$"


def version() -> str:
    """The release of Decap CMS kept in the package."""
    return (VENDOR / "MANIFEST").read_text(encoding="utf-8").split("\n", 1)[0].split()[-1]


def vendored_files(lang: str) -> dict[str, Path]:
    """The editor's files by site path (under admin/decap-cms-<version>/), each checked against
    the SHA-256 in the MANIFEST: a file changed since it was fetched is never published."""
    manifest = (VENDOR / "MANIFEST").read_text(encoding="utf-8").splitlines()
    folder = f"{EDITOR_DIR}/decap-cms-{manifest[0].split()[-1]}"
    files = {f"{folder}/LICENSE": VENDOR / "LICENSE"}
    for line in manifest[1:]:
        digest, name = line.split("  ", 1)
        path = VENDOR / name
        if _sha256(path) != digest:
            raise LoaxaError(t("editor.vendor_changed", lang, path=path))
        files[f"{folder}/{name}"] = path
    return files


def _sha256(path: Path) -> str:
    try:
        stat = path.stat()
    except OSError:
        return ""
    return _digest(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=256)
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def editor_files(settings: Settings) -> dict[str, Path]:
    """Every static file of admin/: Decap CMS and loaxa's own script and style."""
    return {**vendored_files(settings.lang), f"{EDITOR_DIR}/loaxa-editor.js": SCRIPT,
            f"{EDITOR_DIR}/loaxa-editor.css": STYLE}


def editor_pages(settings: Settings, pages: Iterable[tuple[str, str]], *,
                 local_api: str | None = None, preview_url: str | None = None) -> dict[str, bytes]:
    """admin/index.html and admin/config.yml. `pages`: the site's own pages staff may edit, as
    (path inside docs, title). `local_api`: the address of `loaxa editor`'s backend, which then
    replaces GitHub; `preview_url`: its live preview."""
    config = editor_config(settings, pages, local_api=local_api)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)
    return {f"{EDITOR_DIR}/index.html": admin_page(settings, local_api=local_api,
                                                   preview_url=preview_url).encode("utf-8"),
            f"{EDITOR_DIR}/config.yml": text.encode("utf-8")}


def site_pages(settings: Settings, site_paths: Iterable[str]) -> list[tuple[str, str]]:
    """The pages of docs/ staff edit in the browser: the top-level Markdown pages, each with
    the title of its first heading."""
    found = []
    for path in sorted(site_paths):
        if "/" in path or not path.endswith(".md"):
            continue
        title = path[:-3]
        try:
            # Only a plain file is opened: a link or a pipe named `.md` is the build's to refuse.
            if not stat.S_ISREG(os.lstat(settings.docs_dir / path).st_mode):
                continue
            with open(settings.docs_dir / path, encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("# "):
                        title = line[2:].strip()
                        break
        except (OSError, UnicodeDecodeError):
            continue
        found.append((path, title))
    return found


def editor_config(settings: Settings, pages: Iterable[tuple[str, str]], *,
                  local_api: str | None = None) -> dict:
    """Decap CMS's configuration: every field of a post with the validator's own rules."""
    lang = settings.lang

    def field(name: str, widget: str, **options: object) -> dict:
        entry = {"label": t(f"editor.field.{name}", lang), "name": name, "widget": widget}
        hint = t(f"editor.hint.{name}", lang)
        if hint:
            entry["hint"] = hint
        entry.update(options)
        return entry

    categories = list(settings.categories)
    category = (field("categories", "select", multiple=True, min=1, options=categories,
                      default=categories[:1]) if categories else
                field("categories", "list", min=1, default=[t("editor.default_category", lang)]))
    required = t("editor.required", lang)
    fields = [
        field("title", "string", pattern=[r"\S", required]),
        field("date", "datetime", format=DATE_FORMAT, date_format="DD/MM/YYYY", time_format="HH:mm",
              picker_utc=False, default="{{now}}"),
        category,
        field("image", "image", required=False, choose_url=False),
        field("description", "text", required=False),
        field("poster_title", "string", required=False),  # a shorter title, when the title won't fit
        field("video", "string", required=False, pattern=[VIDEO_PATTERN, t("editor.bad_video", lang)]),
        field("tags", "list", required=False, default=[]),
        # Blank unless set: Decap fills a date with today by default.
        field("expires", "datetime", required=False, default="", format="YYYY-MM-DD",
              date_format="DD/MM/YYYY", time_format=False, picker_utc=False),
        field("draft", "boolean", required=False, default=False),
        field("body", "markdown", modes=["rich_text", "raw"]),
    ]
    posts_dir = settings.posts_label.strip("/")
    collections = [{
        "name": "posts",
        "label": t("editor.posts", lang),
        "label_singular": t("editor.post", lang),
        "description": t("editor.posts_description", lang),
        "folder": posts_dir,
        "path": POST_PATH,
        "slug": FILE_NAME,
        "extension": "md",
        "format": "frontmatter",
        "create": True,
        "delete": False,  # a published address must keep answering: `loaxa remove` takes a post down
        "media_folder": "",
        "public_folder": "",
        "identifier_field": "title",
        "summary": "{{title}} · {{date | date('DD/MM/YYYY')}}",
        "sortable_fields": ["date", "title"],
        "view_filters": [{"label": c, "field": "categories", "pattern": c} for c in categories],
        "fields": fields,
    }]
    pages = list(pages)
    if pages:
        docs = settings.docs_dir.name
        collections.append({
            "name": "pages",
            "label": t("editor.pages", lang),
            "description": t("editor.pages_description", lang),
            "delete": False,
            "files": [{"name": path[:-3].replace("/", "-"), "label": title, "file": f"{docs}/{path}",
                       "media_folder": "", "public_folder": "",
                       # Markdown first: a page's tables, notes and HTML are kept as they are.
                       "fields": [field("body", "markdown", modes=["raw", "rich_text"])]}
                      for path, title in pages],
        })
    backend: dict[str, object] = {"name": "github", "repo": settings.editor_repo or "",
                                  "branch": settings.editor_branch,
                                  "commit_messages": {kind: t(f"editor.commit.{kind}", lang)
                                                      for kind in _COMMITS}}
    if settings.editor_auth_url:
        backend["base_url"] = settings.editor_auth_url
    config: dict[str, object] = {"backend": backend}
    if local_api:
        config["local_backend"] = {"url": local_api, "allowed_hosts": ["127.0.0.1", "localhost"]}
    config.update({
        "locale": lang,
        "publish_mode": "simple",
        "media_folder": posts_dir,
        "public_folder": "",
        "omit_empty_optional_fields": True,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    })
    if settings.site_url:
        config["site_url"] = config["display_url"] = settings.site_url
    return config


def admin_page(settings: Settings, *, local_api: str | None = None, preview_url: str | None = None) -> str:
    """The editor's page: Decap CMS, loaxa's photo cleaner and the problem list."""
    lang = settings.lang
    folder = f"decap-cms-{version()}"
    if local_api:
        status = {"kind": "local", "url": local_api.rsplit("/v1", 1)[0] + "/status"}
    elif settings.editor_repo:
        status = {"kind": "github", "repo": settings.editor_repo, "branch": STATUS_BRANCH,
                  "file": STATUS_FILE}
    else:
        return _not_set_up(settings)
    options = {
        "status": status,
        "preview": preview_url or settings.site_url or "",
        "maxSide": MAX_PHOTO_SIDE,
        "tokenSignIn": bool(settings.editor_repo) and not local_api,
        # Placeholders the script fills in: left as they are.
        "messages": {key: t(f"editor.ui.{key}", lang, count="{count}", line="{line}", name="{name}")
                     for key in _UI},
    }
    data = json.dumps(options, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")
    title = html.escape(t("editor.title", lang, site=settings.site_name))
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n<link rel="icon" href="data:,">\n'
        f"<title>{title}</title>\n"
        '<link rel="cms-config-url" type="text/yaml" href="config.yml">\n'
        '<link rel="stylesheet" href="loaxa-editor.css">\n'
        "</head>\n<body>\n"
        f'<script type="application/json" id="loaxa-editor">{data}</script>\n'
        '<script>window.CMS_MANUAL_INIT = true;</script>\n'
        f'<script src="{folder}/decap-cms.js"></script>\n'
        '<script src="loaxa-editor.js"></script>\n'
        "</body>\n</html>\n"
    )


def _not_set_up(settings: Settings) -> str:
    """The editor's page on a site that has not said where its repository is."""
    lang = settings.lang
    title = html.escape(t("editor.title", lang, site=settings.site_name))
    return (f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="robots" content="noindex">\n<title>{title}</title>\n'
            '<link rel="stylesheet" href="loaxa-editor.css">\n</head>\n<body>\n'
            f'<main id="loaxa-not-set-up">\n<h1>{title}</h1>\n'
            f'<p>{html.escape(t("editor.not_set_up", lang))}</p>\n</main>\n</body>\n</html>\n')


_UI = ("status_title", "status_checking", "status_unreachable", "edit", "close", "show", "line",
       "preview", "photo_busy", "photo_unreadable", "photo_failed", "token_title", "token_label",
       "token_help", "token_button")
_FIELDS = ("title", "date", "categories", "image", "description", "poster_title", "video", "tags", "expires",
           "draft", "body")
_COMMITS = ("create", "update", "delete", "uploadMedia", "deleteMedia")


def message_keys() -> set[str]:
    """The message keys this module makes from names."""
    return ({f"editor.field.{name}" for name in _FIELDS} | {f"editor.hint.{name}" for name in _FIELDS}
            | {f"editor.commit.{kind}" for kind in _COMMITS} | {f"editor.ui.{key}" for key in _UI})


def status_report(problems: Iterable[Problem], advice: Iterable[object], *, posts_dir: str,
                  checked: str, ok: bool | None = None) -> dict:
    """The problem list the editor shows its author: every problem with the editor's address
    of the file it is in, then the advice. `checked`: what was checked (a commit, a time)."""
    problems = list(problems)
    items = []
    for problem in problems:
        entry = _entry_of(problem.source, posts_dir)
        items.append({"file": problem.source, "line": problem.line, "field": problem.field,
                      "message": problem.message, "entry": entry})
    return {"ok": (not problems) if ok is None else ok, "checked": checked, "problems": items,
            "advice": [str(a) for a in advice]}


def _entry_of(source: str, posts_dir: str) -> str | None:
    """The editor's address (after "#/") of the post or page `source`, if it edits it."""
    prefix = posts_dir.strip("/") + "/"
    if source.startswith(prefix) and source.endswith(".md") and source.count("/") <= 2:
        return f"/collections/posts/entries/{source[len(prefix):-3]}"
    return None


def write_status(path: Path, report: Mapping[str, object]) -> None:
    """The status file, in a fixed order, ending in a newline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
