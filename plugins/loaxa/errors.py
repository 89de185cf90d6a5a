"""Every error loaxa reports, under one base class, and the `Problem` that errors and warnings share."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .i18n import t


class LoaxaError(Exception):
    """A mistake or a failure told to staff as a message, never as a traceback."""


@dataclass(frozen=True)
class Problem:
    """One mistake or piece of advice: where it is, which field, what is wrong and what to write."""

    source: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}:{self.line}: {self.field}: {self.message}"


class PostError(LoaxaError):
    """Every problem found in the posts of one build, reported together."""

    def __init__(self, problems: Sequence[Problem], next_id: int, lang: str) -> None:
        self.problems = sorted(problems, key=lambda p: (p.source, p.line, p.field))
        self.next_id = next_id
        self.lang = lang
        super().__init__(self.report())

    def report(self, header: str = "post.problems_header") -> str:
        """The problems under `header` (the build's; `loaxa check` says it did not build)."""
        lines = [t(header, self.lang, count=len(self.problems))]
        lines += [f"  {problem}" for problem in self.problems]
        lines.append(t("post.next_id", self.lang, next_id=self.next_id))
        return "\n".join(lines)


class SettingsError(LoaxaError):
    """mkdocs.yml is missing, unreadable, or lacks what loaxa needs."""


class DateError(LoaxaError, ValueError):
    """A date that cannot be read; `impossible` when it reads but does not exist."""

    def __init__(self, value: str, impossible: bool) -> None:
        super().__init__(value)
        self.value = value
        self.impossible = impossible


class FrontMatterError(LoaxaError):
    """A post whose front matter cannot be read at all: `kind` names the i18n message."""

    def __init__(self, kind: str, line: int, **details: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.line = line
        self.details = details


class PosterError(LoaxaError):
    """A poster that cannot be made readable (e.g. a site address too long for the QR code)."""


class ImageError(LoaxaError):
    """A picture file that cannot be read or is refused: `reason` is "unreadable", "too_big",
    "too_many_pixels" or "unsupported", `details` fill its message."""

    def __init__(self, path: Path, reason: str = "unreadable", **details: object) -> None:
        super().__init__(str(path))
        self.path = path
        self.reason = reason
        self.details = details


class SearchError(LoaxaError):
    """Pagefind could not index the site."""


class NewPostError(LoaxaError):
    """What stops `loaxa new`, as a message for staff."""


class BuildLockedError(LoaxaError):
    """Another build is writing the same site folder right now."""
