"""What a post's body points at (pictures, files, pages) and what it must not hold.

The body is read as staff wrote it, outside fenced code blocks and code spans, as Python-Markdown
reads them: Markdown images and links, link definitions, raw HTML tags and their addresses, and
attribute lists. It guards the site against what staff paste by mistake (a video's embed code,
a script, a picture as text); the people who write posts also hold the site's configuration.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
import unicodedata
from collections.abc import Mapping, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from .errors import Problem
from .i18n import t

if TYPE_CHECKING:
    from .inventory import Inventory
    from .posts import Post
    from .settings import Settings

# Python-Markdown's fences start at the margin; a backtick fence's info holds no backtick.
_FENCE = re.compile(r"^(`{3,}(?=[^`]*$)|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1)[^\n])+?\1")
_URL = r"<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))+"
_TEXT = r"\[(?:[^\[\]\\]|\\.|\[(?:[^\[\]\\]|\\.)*\](?:\([^()]*\))?)*\]"
_INLINE = re.compile(rf"(!?){_TEXT}\(\s*({_URL})(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_DEFINITION = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_TAG = re.compile(r"""<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>?""")
_ATTRIBUTE = re.compile(r"""(?:^|[\s/"'])([a-zA-Z:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_HANDLER = re.compile(r"""(?:^|[\s/"'{])on[a-zA-Z]+\s*=""")
_ATTR_LIST = re.compile(r"\{[^{}\n]*\}")
_SNIPPET = re.compile(r"^[ \t]*;*-+8<-+")
MAX_LINE = 20_000  # characters: longer lines are pasted data, and slow every Markdown reader
# Elements that run code or load another site inside the page.
UNSAFE_TAGS = frozenset({"script", "iframe", "object", "embed", "frame", "frameset", "applet",
                         "base", "meta", "link", "form", "set", "animate", "handler", "portal"})
_ADDRESSES = frozenset({"src", "href", "poster", "xlink:href", "action", "formaction", "data",
                        "to", "values", "from", "background", "srcset"})
_PICTURE_TAGS = frozenset({"img", "source", "image"})


@dataclass(frozen=True)
class Reference:
    """One address in the body: `target` as written (decoded), on `line`; `image` when it is
    shown as a picture (Markdown image, `<img>`, `<video poster>`)."""

    line: int
    target: str
    image: bool


@dataclass(frozen=True)
class Hazard:
    """Something the body must not hold: `kind` is "snippet", "tag", "handler", "script_url",
    "data_url" or "long_line"; `detail` what was found."""

    line: int
    kind: str
    detail: str


@lru_cache(maxsize=4096)  # a preview's rebuild reads the same bodies again
def scan_body(body: str, first_line: int) -> tuple[tuple[Reference, ...], tuple[Hazard, ...]]:
    """Every reference and every hazard in `body`, whose first line is `first_line`."""
    hazards: list[Hazard] = []
    lines = body.split("\n")
    for number, line in enumerate(lines, start=first_line):
        # Snippets are expanded before code blocks are read: inside a block too.
        if _SNIPPET.match(line):
            hazards.append(Hazard(number, "snippet", line.strip()[:60]))
        if len(line) > MAX_LINE:
            hazards.append(Hazard(number, "long_line", str(len(line))))
    prose = _prose(lines)
    starts = [0] + [i + 1 for i, ch in enumerate(prose) if ch == "\n"]

    def line_of(offset: int) -> int:
        return first_line + bisect.bisect_right(starts, offset) - 1

    references: list[Reference] = []
    for match in _INLINE.finditer(prose):
        references.append(Reference(line_of(match.start()), _target(match[2]), bool(match[1])))
        inner = _INLINE.search(match[0], 1)  # a picture that is itself a link
        if inner is not None:
            references.append(Reference(line_of(match.start() + inner.start()), _target(inner[2]),
                                        bool(inner[1])))
    for match in _DEFINITION.finditer(prose):
        references.append(Reference(line_of(match.start()), _target(match[1]), False))
    for tag in _TAG.finditer(prose):
        name, line = tag[1].lower(), line_of(tag.start())
        if name in UNSAFE_TAGS:
            hazards.append(Hazard(line, "tag", f"<{name}>"))
        handler = _HANDLER.search(tag[2])
        if handler:
            hazards.append(Hazard(line_of(tag.start(2) + handler.end()), "handler", _handler(handler)))
        for attribute in _ATTRIBUTE.finditer(tag[2]):
            key = attribute[1].lower()
            if key not in _ADDRESSES:
                continue
            value = html.unescape(attribute[2].strip("\"'"))
            if key == "srcset":
                targets = [part.split()[0] for part in value.split(",") if part.split()]
            else:
                targets = [value]
            picture = name in _PICTURE_TAGS or key == "poster"
            references += [Reference(line, _target(target), picture) for target in targets]
    for block in _ATTR_LIST.finditer(prose):
        handler = _HANDLER.search(block[0])
        if handler:
            hazards.append(Hazard(line_of(block.start()), "handler", _handler(handler)))
    for reference in references:
        scheme = _scheme(reference.target)
        if scheme in ("javascript", "vbscript"):
            hazards.append(Hazard(reference.line, "script_url", scheme + ":"))
        elif scheme == "data":
            hazards.append(Hazard(reference.line, "data_url", reference.target[:30]))
    return (tuple(sorted(references, key=lambda r: r.line)),
            tuple(sorted(set(hazards), key=lambda h: (h.line, h.kind, h.detail))))


def _handler(match: re.Match) -> str:
    return match[0].strip().lstrip("/\"'{").strip()


def _scheme(target: str) -> str:
    """The scheme of an address as a browser reads it: entities decoded, blanks and controls
    inside it ignored ("jav&#x61;script:", "java script:")."""
    text = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(target)).lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", text)
    return match[1] if match else ""


def _prose(lines: list[str]) -> str:
    """The body with fenced code blocks and code spans blanked (lines and offsets kept)."""
    kept = list(lines)
    index = 0
    while index < len(kept):
        opened = _FENCE.match(kept[index])
        if opened:
            fence = opened[1]
            close = next((j for j in range(index + 1, len(kept))
                          if re.match(rf"^{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$", kept[j])), None)
            if close is not None:  # an unclosed fence is no code block
                for j in range(index, close + 1):
                    kept[j] = ""
                index = close + 1
                continue
        if len(kept[index]) > MAX_LINE:
            kept[index] = ""
        index += 1
    text = "\n".join(kept)
    text = text.replace("\\`", "  ")  # an escaped backtick opens no code span
    return _CODE_SPAN.sub(lambda m: " " * len(m[0]), text)


def local_path(target: str) -> str | None:
    """The file path a reference names inside the site ("anh.jpg", "../2025/x.md"), or None
    for another site, an e-mail, an anchor or an address from the site's root."""
    if not target or target.startswith(("#", "/", "\\")) or "://" in target:
        return None
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target):   # mailto:, tel:, data:, zalo:
        return None
    path = target.split("#", 1)[0].split("?", 1)[0]
    return unicodedata.normalize("NFC", unquote(path)) or None


def resolve(folder: str, path: str) -> str:
    """`path`, relative to `folder` ('/'-separated), as a path from the root ('..' kept when it
    leaves)."""
    return posixpath.normpath(posixpath.join(folder, path)) if folder else posixpath.normpath(path)


def _target(text: str) -> str:
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    return text.strip()


class SiteFiles:
    """Every file of the site by its path relative to docs, and by that path folded (letter
    case and Unicode form), to name the file a reference meant. Made once per build."""

    def __init__(self, paths: Set[str]) -> None:
        self.paths = frozenset(paths)
        self.folded: Mapping[str, str] = {_fold(path): path for path in sorted(self.paths)}


def check_references(post: Post, inventory: Inventory, files: SiteFiles,
                     settings: Settings) -> tuple[list[Problem], set[str]]:
    """The references of `post` that lead nowhere, as problems (with the name that exists when
    one differs only in letter case), and the media files (paths inside the posts folder) the
    post shows."""
    lang = settings.lang
    prefix = settings.post_dir + "/"
    own = (post.image, getattr(post.video, "path", None), getattr(post.document, "file", None))
    used = {path for path in own if path in inventory.media}
    problems = []
    folder = posixpath.dirname(prefix + post.relpath)
    root = posixpath.join("/", _site_path(settings)).rstrip("/") + "/"
    for reference in scan_body(post.body, post.body_line)[0]:
        if reference.target.startswith(root) and not reference.target.startswith("//"):
            # From the site's root: not checked by the build, but what it shows is published.
            path = local_path(reference.target[len(root):])
            if path is not None and resolve("", path).startswith(prefix):
                relpath = resolve("", path)[len(prefix):]
                if relpath in inventory.media:
                    used.add(relpath)
            continue
        path = local_path(reference.target)
        if path is None:
            continue
        target = resolve(folder, path)
        if target in files.paths:
            if target.startswith(prefix) and target[len(prefix):] in inventory.media:
                used.add(target[len(prefix):])
            continue
        if not posixpath.splitext(target)[1]:
            continue  # "lien-he/": an address, not a file; the site's own pages are checked there
        same = files.folded.get(_fold(target))
        if same is not None:
            message = t("post.reference_case", lang, value=path,
                        name=posixpath.relpath(same, folder or "."))
        elif target.startswith(prefix) and (settings.posts_dir / target[len(prefix):]).exists():
            message = t("post.reference_refused", lang, value=path)
        else:
            message = t("post.reference_missing", lang, value=path, folder=posixpath.dirname(
                settings.posts_label + "/" + post.relpath))
        problems.append(Problem(post.source, reference.line, t("field.body", lang), message))
    return problems, used


def _site_path(settings: Settings) -> str:
    """The path the site is served under ("" at a domain's root, "xa/" below it)."""
    return urlsplit(settings.site_url or "/").path.strip("/")


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()
