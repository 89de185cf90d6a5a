"""What `loaxa check` finds, for the command line and for the web editor's problem list."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .advice import advise
from .build import Build
from .dates import VIETNAM
from .editor import status_report
from .errors import LoaxaError, PostError, Problem
from .i18n import t
from .inventory import site_files
from .settings import Settings


@dataclass
class Findings:
    """What `loaxa check` reports."""

    build: Build | None          # None when the posts could not be read
    problems: list[Problem]      # everything that stops `mkdocs build --strict`
    advice: list[str]            # what does not
    next_id: int | None = None
    failure: str | None = None   # a problem with the site itself: no posts folder, a damaged record


def docs_of(config: Settings) -> list[str]:
    """The site's own files, relative to docs/, as MkDocs lists them."""
    return site_files(config.docs_dir) if config.docs_dir.is_dir() else []


def findings(config: Settings, *, provisional: bool = False) -> Findings:
    """Check the posts as the publishing build does. `provisional`: a post without an id yet is
    not a problem (the publish workflow numbers it)."""
    lang = config.lang
    if not config.posts_dir.is_dir():
        return Findings(None, [], [], failure=t("config.no_posts_dir", lang, path=config.posts_label))
    build = Build(config, now=datetime.now(VIETNAM), provisional=provisional)
    try:
        build.load(docs_of(config))
    except PostError as error:
        return Findings(None, list(error.problems), [], error.next_id)
    except LoaxaError as error:
        return Findings(None, [], [], failure=str(error))
    posts = [article.post for article in build.articles.values()]
    problems = sorted([*build.warnings, *build.inspect()], key=lambda p: (p.source, p.line))
    advice = advise(posts, config.posts_dir, lang, datetime.now(VIETNAM)) + build.advice()
    return Findings(build, problems, [str(item) for item in advice], build.next_id())


def status_of(config: Settings, found: Findings, checked: str) -> dict:
    """The problem list the web editor shows, from what `loaxa check` found."""
    problems = found.problems
    if found.failure:
        problems = [Problem("mkdocs.yml", 0, t("field.file", config.lang), found.failure)]
    return status_report(problems, found.advice, posts_dir=config.posts_label, checked=checked)


def checked_commit(root: Path) -> str:
    """The commit of the site's folder that was checked ("" outside a git repository)."""
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True,
                              encoding="utf-8", timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""
