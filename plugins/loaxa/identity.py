"""The commune's identity on its posters, from the `loaxa` options in mkdocs.yml: the header, the
emblem, the campaign. A mistake there is told as a problem of mkdocs.yml, at the option's line, with
what to write; the posters are drawn without what is wrong."""

from __future__ import annotations

import re
import warnings
from dataclasses import replace
from pathlib import Path

from PIL import Image

from .errors import Problem
from .i18n import t
from .poster import Picture, PosterSettings, picture
from .settings import Settings

CONFIG = "mkdocs.yml"
_EMBLEM_FORMATS = ("PNG", "JPEG")
_EMBLEM_PIXELS = 25_000_000  # a logo needs far fewer; a larger file is refused before it is decoded


def poster_settings(settings: Settings) -> tuple[PosterSettings, list[Problem]]:
    """The posters' settings with the emblem read, and what is wrong with the options."""
    problems = []
    lang = settings.lang
    if settings.poster_header is not None and not 1 <= len(settings.poster_header) <= 3:
        problems.append(_problem(settings, "poster_header", t("posters.header_lines", lang)))
    emblem = None
    if settings.poster_emblem:
        emblem, message = read_emblem(settings.docs_dir, settings.poster_emblem, lang)
        if message:
            problems.append(_problem(settings, "poster_emblem", message))
    return replace(settings.posters, emblem=emblem), problems


def read_emblem(docs_dir: Path, written: str, lang: str) -> tuple[Picture | None, str]:
    """The emblem named `written` (inside `docs_dir`): a PNG or JPEG picture; else why not."""
    docs = docs_dir.resolve()
    path = (docs / written.replace("\\", "/")).resolve()
    if not path.is_relative_to(docs) or not path.is_file():
        return None, t("posters.emblem_missing", lang, path=written, docs=docs_dir.name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                if image.format not in _EMBLEM_FORMATS or image.width * image.height > _EMBLEM_PIXELS:
                    raise ValueError(image.format)
                image.load()
        return picture(path), ""
    except Exception:  # not a picture, damaged, unreadable, another format: told, never raised
        return None, t("posters.emblem_unreadable", lang, path=written)


def _problem(settings: Settings, option: str, message: str) -> Problem:
    return Problem(CONFIG, option_line(settings.root / CONFIG, option), option, message)


def option_line(config: Path, option: str) -> int:
    """The line of mkdocs.yml where `option` is written (1 when it cannot be found)."""
    try:
        text = config.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 1
    match = re.search(rf"^[ \t-]*{re.escape(option)}[ \t]*:", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1
