"""Build-time benchmark: N generated posts built with loaxa and as a stock Material blog.

    python scripts/bench.py [--posts 1000] [--runs 3] [--big 5000] [--posters 300] [--profile]

Try it small first (a few minutes on two cores):

    python scripts/bench.py --posts 40 --runs 1 --big 80 --posters 10 --profile

Both sites get the same posts with the same front matter; loaxa reads them from posts/, the
stock blog from docs/blog/posts/. Every figure is a median of --runs, printed beside stock
Material's figure measured in the same call, and their ratio:

1. Posters drawn one by one, uncached, in this process (the poster renderer alone).
2. Builds, alternating so that load on the machine hits all alike: loaxa with an empty cache,
   loaxa with the cache of the previous build, loaxa without feeds, stock.
3. Peak memory of each build: the child's own rusage from os.wait4, which Linux gives as the
   larger of the mkdocs process's peak and that of its largest waited-for child (Pagefind runs
   as one): a maximum, never a sum. Pagefind alone is measured too, to tell which one it is.
4. --big N posts (0 skips): loaxa warm (after one uncounted cold build) and stock, alternating,
   and how each grew from the --posts site.
5. --profile: one warm loaxa build and one stock build under cProfile, where the time goes.
6. Live preview (`mkdocs serve` on 127.0.0.1): time to the first page, then for each of three
   edits of the newest post (its body, its title, a new post) the time until its article, the
   home page and its first category page serve the change and the livereload long poll
   reports a new epoch.

Everything happens in a temporary folder, removed at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
import http.client
import os
import pstats
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urljoin

CATEGORIES = ["Tin tức", "Hướng dẫn", "Video", "Thông báo"]
SUBJECTS = ["Tập huấn kỹ năng số", "Hướng dẫn cài đặt VNeID", "Lịch tiếp công dân",
            "Thanh toán không dùng tiền mặt", "Tổ công nghệ số đến bản", "Nộp hồ sơ trực tuyến",
            "An toàn trên mạng", "Quét mã QR tra cứu", "Họp dân bàn việc", "Chợ phiên số"]
PLACES = ["bản Nà Khằn", "bản Hua Pầu", "thôn Noong Quài", "khu dân cư số 2", "bản Tà Mít",
          "trung tâm xã", "trường THCS Mường Kim", "nhà văn hoá bản Phiêng Phát"]
WORDS = ("bà con cán bộ điện thoại ứng dụng hướng dẫn đăng ký tài khoản hồ sơ dịch vụ công thôn "
         "bản người dân gia đình kỹ năng số mạng internet học tập thanh toán an toàn thông tin "
         "tổ công nghệ số phong trào bình dân học vụ").split()
FIRST_DATE = datetime(2024, 1, 1, 8)
# loaxa holds back posts dated in the future and stock Material does not: every generated post
# is dated before this day so that both sites publish all of them, however many.
LAST_DATE = datetime(2025, 12, 31)
STOCK = "stock Material"

POLL = 0.05              # seconds between two looks at the preview server
EDIT_TIMEOUT = 120.0     # seconds an edit may take to show before the run is given up
START_TIMEOUT = 600.0    # the first page waits for a whole first build


# --- Generated posts -------------------------------------------------------------------------


@dataclass(frozen=True)
class GenPost:
    """One generated post, kept as fields so that the preview edits can rewrite it."""

    id: int
    title: str
    date: datetime
    categories: tuple[str, ...]
    tags: tuple[str, str]
    description: str
    body: str

    @property
    def filename(self) -> str:
        return f"{self.id:05d}.md"

    def text(self) -> str:
        return (
            "---\n"
            f"id: {self.id}\n"
            f"title: \"{self.title}\"\n"
            f"date: {self.date:%Y-%m-%d %H:%M:%S}\n"
            f"categories: [{', '.join(self.categories)}]\n"
            f"tags: [{', '.join(self.tags)}]\n"
            f"description: {self.description}\n"
            "---\n\n"
            f"{self.body}\n"
        )


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def make_post(i: int, rng: random.Random, date: datetime) -> GenPost:
    # The draws keep the order of earlier versions of this script, so that the same seed still
    # gives the same posts.
    date += timedelta(minutes=rng.randint(0, 59))
    title = f"{rng.choice(SUBJECTS)} tại {rng.choice(PLACES)} (số {i})"
    cats = tuple(rng.sample(CATEGORIES, rng.choice([1, 1, 2])))
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(4))
    steps = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, 5))
    tags = (rng.choice(WORDS), rng.choice(WORDS))
    return GenPost(id=i, title=title, date=date, categories=cats, tags=tags,
                   description=sentence(rng), body=f"{body}\n\n## Các bước\n\n{steps}")


def generate_posts(count: int) -> list[GenPost]:
    """`count` posts, the same ones for the same count, 17 hours apart (closer for big counts)."""
    rng = random.Random(20251001)
    span_minutes = (LAST_DATE - FIRST_DATE) // timedelta(minutes=1)
    step = min(timedelta(hours=17), timedelta(minutes=span_minutes // max(count, 1)))
    return [make_post(i, rng, FIRST_DATE + step * i) for i in range(1, count + 1)]


def site_yaml(blog_dir: str, with_loaxa: bool, feeds: bool = True) -> str:
    """A loaxa site searches with Pagefind; the stock blog keeps Material's own search."""
    categories = "".join(f"\n        - {c}" for c in CATEGORIES)
    search = "" if with_loaxa else "  - search\n"
    return (
        "site_name: Xã Thử\nsite_url: https://xa.example.vn/\n"
        "site_description: Trang thông tin điện tử của xã.\n"
        "theme:\n  name: material\n  language: vi\n  font: false\n"
        f"plugins:\n{search}  - blog:\n      blog_dir: {blog_dir}\n      authors: false\n"
        f"      categories_allowed:{categories}\n"
        + (("  - loaxa\n" if feeds else "  - loaxa:\n      feeds: false\n") if with_loaxa else "")
    )


def make_sites(root: Path, count: int, *, plain: bool = True) -> tuple[Path, Path]:
    """The loaxa site and the stock site under `root`, and unless `plain` is false, the loaxa
    site without feeds and share meta (root/loaxa-no-feeds), to price them."""
    posts = generate_posts(count)
    loaxa, stock = root / "loaxa", root / "stock"
    for site, posts_dir, blog_dir, with_loaxa in [(loaxa, loaxa / "posts", ".", True),
                                                  (stock, stock / "docs/blog/posts", "blog", False)]:
        posts_dir.mkdir(parents=True)
        (site / "docs").mkdir(exist_ok=True)
        # loaxa's home page as the sample has it: sections, notice, contacts where there are some.
        home = "<!-- loaxa:trang-chu -->\n" if with_loaxa else "# Tin mới\n"
        (site / "docs/index.md").write_text(home, encoding="utf-8")
        if blog_dir == "blog":
            (site / "docs/blog").mkdir(exist_ok=True)
            (site / "docs/blog/index.md").write_text("# Tin mới\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text(site_yaml(blog_dir, with_loaxa), encoding="utf-8")
        for post in posts:
            (posts_dir / post.filename).write_text(post.text(), encoding="utf-8")
    if plain:
        shutil.copytree(loaxa, root / "loaxa-no-feeds")
        (root / "loaxa-no-feeds/mkdocs.yml").write_text(site_yaml(".", True, feeds=False),
                                                        encoding="utf-8")
    return loaxa, stock


# --- Measured child processes ----------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    rss_mib: float   # ru_maxrss of the child as os.wait4 reports it


class BenchError(Exception):
    """A measurement that could not be made; the message says which and why."""


def child_env(root: Path) -> dict[str, str]:
    # mkdocs serve builds into a folder from tempfile: keep it inside our own temporary folder,
    # so that it goes with it even if a server had to be killed.
    tmp = root / "tmp"
    tmp.mkdir(exist_ok=True)
    return {**os.environ, "TMPDIR": str(tmp)}


def run_measured(cmd: Sequence[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run `cmd` to its end; wall time and the peak RSS of that child alone."""
    started = time.perf_counter()
    process = subprocess.Popen(cmd, cwd=cwd, env=env)
    # wait4 on this pid, not getrusage(RUSAGE_CHILDREN): that one is a maximum over every child
    # this script has waited for so far.
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # so that Popen does not wait again
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, list(cmd))
    return Run(seconds, usage.ru_maxrss / 1024)  # Linux counts ru_maxrss in KiB


def build(site: Path, env: dict[str, str], *, cold: bool = False) -> Run:
    if cold:
        shutil.rmtree(site / ".cache", ignore_errors=True)
    return run_measured([sys.executable, "-m", "mkdocs", "build", "-q"], site, env)


def pagefind(site: Path, env: dict[str, str]) -> Run:
    """Pagefind as loaxa runs it at the end of a build, on the built site."""
    return run_measured([sys.executable, "-m", "pagefind", "--site", "site", "--output-subdir",
                         "pagefind", "--silent"], site, env)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio(value: float, base: float) -> str:
    return f"{value / base:5.2f}" if base and base == base and value == value else "  n/a"


# --- 1. Posters ------------------------------------------------------------------------------


def poster_times(site: Path, count: int) -> list[float]:
    """Milliseconds to draw each of `count` posters, uncached, one after another in this process."""
    from loaxa.poster import PosterSettings, poster_content, render_posters
    from loaxa.posts import load_posts

    posts = load_posts(site / "posts", categories=CATEGORIES)[:count]
    settings = PosterSettings(commune="Xã Thử", site_label="Trang thông tin điện tử")
    contents = [poster_content(p, f"https://xa.example.vn/p/{p.id}/", settings) for p in posts]
    render_posters(contents[:1])  # registering the font is paid once per process
    times = []
    for content in contents:
        started = time.perf_counter()
        render_posters([content])
        times.append(1000 * (time.perf_counter() - started))
    return times


# --- 2, 3. Builds and their memory -----------------------------------------------------------


def measure_builds(modes: dict[str, tuple[Path, bool]], runs: int, env: dict[str, str],
                   label: str = "") -> dict[str, list[Run]]:
    """`runs` rounds of one build of each mode in turn (site, cold cache?)."""
    results: dict[str, list[Run]] = {name: [] for name in modes}
    for run in range(runs):
        for name, (site, cold) in modes.items():
            result = build(site, env, cold=cold)
            results[name].append(result)
            print(f"{label}run {run + 1}: {name:18} {result.seconds:7.2f} s {result.rss_mib:6.0f} MiB",
                  flush=True)
    return results


def print_builds(title: str, results: dict[str, list[Run]]) -> None:
    stock_s = median([r.seconds for r in results[STOCK]])
    stock_mib = median([r.rss_mib for r in results[STOCK]])
    print(f"\n{title}")
    print(f"  {'':18} {'time':>9} {'÷ stock':>8} {'peak RSS':>10} {'÷ stock':>8}")
    for name, runs in results.items():
        seconds, mib = median([r.seconds for r in runs]), median([r.rss_mib for r in runs])
        print(f"  {name:18} {seconds:7.2f} s {ratio(seconds, stock_s):>8} {mib:6.0f} MiB "
              f"{ratio(mib, stock_mib):>8}")


def print_pagefind(pagefind_runs: list[Run], results: dict[str, list[Run]]) -> None:
    """What the peak RSS figures cover, and Pagefind's share of a loaxa build."""
    mib = median([r.rss_mib for r in pagefind_runs])
    seconds = median([r.seconds for r in pagefind_runs])
    warm = median([r.seconds for r in results["loaxa, warm cache"]])
    print("  peak RSS: ru_maxrss of each `mkdocs build` child from os.wait4, which is the larger of "
          "the\n  mkdocs process's own peak and that of its largest waited-for child (Pagefind, a "
          "grandchild\n  of this script), never their sum. Pagefind alone on the same site: "
          f"{mib:.0f} MiB, so a loaxa\n  figure above that is the mkdocs process's own.")
    print(f"  Pagefind alone: {seconds:.2f} s, {100 * seconds / warm:.0f}% of the warm loaxa build, "
          f"{ratio(seconds, median([r.seconds for r in results[STOCK]])).strip()} × the stock build",
          flush=True)


# --- 4. A bigger site ------------------------------------------------------------------------


def measure_big(root: Path, count: int, runs: int, env: dict[str, str]) -> dict[str, list[Run]]:
    loaxa, stock = make_sites(root, count, plain=False)
    print(f"\nbig site, {count} posts: one cold loaxa build to fill the cache (not counted)", flush=True)
    build(loaxa, env, cold=True)
    return measure_builds({"loaxa, warm cache": (loaxa, False), STOCK: (stock, False)}, runs, env,
                          label=f"{count} posts, ")


def print_growth(base: dict[str, list[Run]], big: dict[str, list[Run]], base_count: int,
                 big_count: int) -> None:
    factor = big_count / base_count
    print(f"  growth from {base_count} to {big_count} posts (×{factor:.1f} the posts; target for "
          f"loaxa ≤ ×{1.1 * factor:.1f}, i.e. ≤ 5.5 for 5× the posts):")
    for name in ("loaxa, warm cache", STOCK):
        grown = median([r.seconds for r in big[name]]) / median([r.seconds for r in base[name]])
        mib = median([r.rss_mib for r in big[name]]) / median([r.rss_mib for r in base[name]])
        verdict = "" if name == STOCK else ("  (target met)" if grown <= 1.1 * factor
                                            else "  (target MISSED)")
        print(f"  {name:18} time ×{grown:.2f}   peak RSS ×{mib:.2f}{verdict}")


# --- 5. Profile ------------------------------------------------------------------------------

Func = tuple[str, int, str]   # pstats' key: file, line, function name
PLUGIN_COLLECTION = "mkdocs/plugins.py"
BUILD_MODULE = "mkdocs/commands/build.py"
FILES_MODULE = "mkdocs/structure/files.py"
# The steps of mkdocs.commands.build.build() that take time, in order: label, file and name of
# the function build() calls, and the hooks whose events run inside it.
STAGES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("on_config events", PLUGIN_COLLECTION, "on_config", ("on_config",)),
    ("emptying the site folder", "mkdocs/utils/__init__.py", "clean_directory", ()),
    ("listing theme files (add_files_from_theme)", FILES_MODULE, "add_files_from_theme", ()),
    ("on_files events", PLUGIN_COLLECTION, "on_files", ("on_files",)),
    ("on_nav events", PLUGIN_COLLECTION, "on_nav", ("on_nav",)),
    ("reading Markdown pages (_populate_page)", BUILD_MODULE, "_populate_page",
     ("on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content")),
    ("copying static files (copy_static_files)", FILES_MODULE, "copy_static_files", ()),
    ("theme templates (_build_theme_template)", BUILD_MODULE, "_build_theme_template",
     ("on_pre_template", "on_template_context", "on_post_template")),
    ("rendering templates (_build_page)", BUILD_MODULE, "_build_page",
     ("on_page_context", "on_post_page")),
    ("on_post_build events", PLUGIN_COLLECTION, "on_post_build", ("on_post_build",)),
]
BLOG = "material/plugins/blog/"
SEARCH = "material/plugins/search/"


def is_file(func: Func, suffix: str) -> bool:
    return func[0].replace(os.sep, "/").endswith(suffix)


def is_in(func: Func, folder: str) -> bool:
    return folder in func[0].replace(os.sep, "/")


def named(suffix: str, name: str) -> Callable[[Func], bool]:
    """Matches the functions called `name` in the file whose path ends with `suffix`."""
    return lambda func: is_file(func, suffix) and func[2] == name


class Profile:
    """Cumulative times from one cProfile file, counted so that nested calls count once."""

    def __init__(self, path: Path) -> None:
        self.stats: dict[Func, tuple] = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
        self.total = sum(entry[2] for entry in self.stats.values())

    def calls(self, caller: Callable[[Func], bool], callee: Callable[[Func], bool]) -> float:
        """Seconds inside calls that a matching function made to a matching function."""
        return sum(edge[3] for func, entry in self.stats.items() if callee(func)
                   for who, edge in entry[4].items() if caller(who))

    def inside(self, member: Callable[[Func], bool]) -> float:
        """Seconds inside a group of functions, entered from outside it.

        Calls between members are inside another member's time already. A member called back
        by a C function (re.sub, sorted) is inside whoever called that function, so those
        calls are not entries either, except exec, which runs each module's import."""
        def outside(who: Func) -> bool:
            return not member(who) and (who[0] != "~" or "builtins.exec" in who[2])
        roots = sum(entry[3] for func, entry in self.stats.items() if member(func) and not entry[4])
        return roots + self.calls(outside, member)

    def handlers(self) -> dict[Func, float]:
        """Each plugin event handler that MkDocs ran, with its seconds."""
        run_event = named(PLUGIN_COLLECTION, "run_event")
        return {func: sum(edge[3] for who, edge in entry[4].items() if run_event(who))
                for func, entry in self.stats.items()
                # BasePlugin's own do-nothing events live in the same file as run_event.
                if not is_file(func, PLUGIN_COLLECTION) and any(map(run_event, entry[4]))}


def profile_build(site: Path, out: Path, env: dict[str, str]) -> Run:
    return run_measured([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build",
                         "-q"], site, env)


def loaxa_dir() -> str:
    import loaxa
    return str(Path(loaxa.__file__).resolve().parent) + os.sep


def combined_event_hooks() -> dict[str, str]:
    """Hook name of each method that loaxa's plugin registers through a CombinedEvent, whose
    name says nothing of the hook it runs for."""
    from importlib.metadata import entry_points

    from mkdocs.plugins import CombinedEvent
    hooks = {}
    for entry in entry_points(group="mkdocs.plugins", name="loaxa"):
        for cls in entry.load().__mro__:
            for hook, attr in vars(cls).items():
                if isinstance(attr, CombinedEvent):
                    hooks.update({method.__name__: hook for method in attr.methods})
    return hooks


@dataclass
class Row:
    depth: int
    label: str
    values: list[float | None]   # seconds in each profile; None where it does not apply


def owner(func: Func, loaxa: str) -> str:
    if func[0].startswith(loaxa):
        return "loaxa"
    if is_in(func, BLOG):
        return "Material blog"
    if is_in(func, SEARCH):
        return "Material search"
    return Path(func[0]).parent.name


def stage_rows(profiles: list[Profile], loaxa: str, hooks: dict[str, str]) -> list[Row]:
    """The build step by step; each row's time includes the rows indented below it."""
    handlers = [p.handlers() for p in profiles]
    build_run = named(BUILD_MODULE, "build")
    rows = [Row(0, "whole `mkdocs build` process, profiled", [p.total for p in profiles]),
            Row(1, "imports and config (load_config; plugins are imported here)",
                [p.inside(named("mkdocs/config/base.py", "load_config")) for p in profiles])]
    steps = [named(suffix, name) for _, suffix, name, _ in STAGES]
    for (label, suffix, name, stage_hooks), step in zip(STAGES, steps):
        # Wherever called: a plugin may route one of build()'s steps through its own function.
        rows.append(Row(1, label, [p.inside(step) for p in profiles]))
        if stage_hooks and suffix == BUILD_MODULE:
            rows.append(Row(2, "minus plugin events", [
                p.inside(step) - p.calls(step, lambda f: is_file(f, PLUGIN_COLLECTION))
                for p in profiles]))
        rows += handler_rows(profiles, handlers, loaxa, hooks, stage_hooks)
    rows += replacement_rows(profiles, loaxa, build_run, steps)
    staged = [sum(r.values[i] or 0 for r in rows if r.depth == 1) for i in range(len(profiles))]
    rows.append(Row(1, "everything else (MkDocs's imports, listing docs/, sitemap…)",
                    [p.total - s for p, s in zip(profiles, staged)]))
    return rows


def handler_rows(profiles: list[Profile], handlers: list[dict[Func, float]], loaxa: str,
                 hooks: dict[str, str], stage_hooks: tuple[str, ...]) -> list[Row]:
    """One row per plugin event handler of these hooks, by plugin and function name."""
    def hook_of(func: Func) -> str:
        return func[2] if func[2].startswith("on_") else hooks.get(func[2], "?")

    rows = []
    for who, func_name in sorted({(owner(f, loaxa), f[2]) for found in handlers for f in found
                                  if hook_of(f) in stage_hooks}):
        def handler(f: Func, who: str = who, func_name: str = func_name) -> bool:
            return owner(f, loaxa) == who and f[2] == func_name
        values = [sum(s for f, s in found.items() if handler(f)) if any(map(handler, found))
                  else None for found in handlers]
        note = " (reading posts)" if (who, func_name) == ("Material blog", "on_files") else ""
        rows.append(Row(2, f"{who} {func_name}{note}", values))
        rows += excerpt_rows(profiles, who, func_name, handler)
    return rows


def replacement_rows(profiles: list[Profile], loaxa: str, build_run: Callable[[Func], bool],
                     steps: list[Callable[[Func], bool]]) -> list[Row]:
    """loaxa's functions that build() calls in place of its own (loaxa reroutes MkDocs'
    _build_page to carry unchanged pages over), less the steps above that run inside them:
    those that loaxa's code calls, which pstats cannot follow further up than one call."""
    def any_step(func: Func) -> bool:
        return any(step(func) for step in steps)

    def in_loaxa(func: Func) -> bool:
        return func[0].startswith(loaxa)
    rows = []
    for func in sorted({f for p in profiles for f, entry in p.stats.items()
                        if in_loaxa(f) and any(map(build_run, entry[4]))}):
        def this(f: Func, func: Func = func) -> bool:
            return f == func
        rows.append(Row(1, f"loaxa {func[2]} ({Path(func[0]).name}) in build(), less the above",
                        [p.calls(build_run, this) - p.calls(in_loaxa, any_step) or None
                         for p in profiles]))
    return rows


def excerpt_rows(profiles: list[Profile], who: str, func_name: str,
                 handler: Callable[[Func], bool]) -> list[Row]:
    """Material's blog excerpts: made in on_page_markdown, rendered in on_page_context."""
    if (who, func_name) == ("Material blog", "on_page_markdown"):
        excerpt = named(BLOG + "structure/__init__.py", "__init__")
        return [Row(3, "excerpts: Excerpt.__init__",
                    [p.calls(handler, excerpt) or None for p in profiles])]
    if (who, func_name) == ("Material blog", "on_page_context"):
        render = named(BLOG + "plugin.py", "_render")
        return [Row(3, "excerpts: _render (Excerpt.render)",
                    [p.inside(render) or None for p in profiles])]
    return []


def module_rows(profiles: list[Profile], loaxa: str, pagefind_s: float) -> list[Row]:
    """Time inside each loaxa module and each plugin, wherever it was called from."""
    def under(folder: str) -> Callable[[Func], bool]:
        return lambda f: f[0].startswith(folder) if folder == loaxa else is_in(f, folder)

    def loaxa_file(name: str) -> Callable[[Func], bool]:
        return lambda f: f[0] == loaxa + name

    rows = [Row(1, "loaxa, all of plugins/loaxa/ (imports included)",
                [p.inside(under(loaxa)) or None for p in profiles])]
    files = sorted({f[0][len(loaxa):] for p in profiles for f in p.stats if f[0].startswith(loaxa)})
    found = [(name, [p.inside(loaxa_file(name)) for p in profiles]) for name in files]
    small = 0.0
    for name, values in sorted(found, key=lambda item: -max(item[1])):
        if values[0] < 0.01 * profiles[0].total:
            small += values[0]
            continue
        note = " (waits for the Pagefind subprocess)" if name == "search.py" else ""
        rows.append(Row(2, f"{name}{note}", [v or None for v in values]))
    rows.append(Row(2, "the other files, each under 1%", [small, None]))
    rows.append(Row(1, "Material blog plugin, all", [p.inside(under(BLOG)) for p in profiles]))
    rows.append(Row(1, "Material search plugin, all (imports included)",
                    [p.inside(under(SEARCH)) or None for p in profiles]))
    rows.append(Row(1, "Pagefind alone, timed outside cProfile (median of runs)", [pagefind_s, None]))
    return rows


def print_profile(loaxa_prof: Path, stock_prof: Path, pagefind_s: float) -> None:
    profiles = [Profile(loaxa_prof), Profile(stock_prof)]
    loaxa = loaxa_dir()
    try:
        hooks = combined_event_hooks()
    except Exception as error:  # a plugin mid-refactor must not cost the other tables
        print(f"  (loaxa's combined events unknown: {error})")
        hooks = {}
    print("\nprofile: one warm loaxa build and one stock build under cProfile (wall time, with "
          "its overhead)")
    header = f"  {'':66} {'loaxa':>15} {'stock':>15}"
    print(header + "\n  where the build goes (each row includes the rows indented below it)")
    for row in stage_rows(profiles, loaxa, hooks):
        print_row(row, profiles)
    print("  by plugin and module, wherever called (overlaps the rows above)")
    for row in module_rows(profiles, loaxa, pagefind_s):
        print_row(row, profiles)


def print_row(row: Row, profiles: list[Profile]) -> None:
    label = ("  " * row.depth + row.label)[:66]
    cells = []
    for value, profile in zip(row.values, profiles):
        cells.append(f"{'—':>15}" if value is None else
                     f"{value:7.3f} s {100 * value / profile.total:4.0f}%")
    print(f"  {label:66} {' '.join(cells)}")


# --- 6. Live preview -------------------------------------------------------------------------

LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\)")
LINK = re.compile(r"<a\b[^>]*?\bhref=\"([^\"]*)\"[^>]*>(.*?)</a>", re.S)
TAG = re.compile(r"<[^>]+>")
EDIT_KINDS = ("body text", "title", "new post")


@dataclass
class PreviewSite:
    """A site served by `mkdocs serve`, with the posts the edits rewrite."""

    name: str
    folder: Path
    posts_dir: Path
    home: str                 # path of the page listing the newest posts
    posts: dict[int, GenPost]

    def newest(self) -> GenPost:
        return max(self.posts.values(), key=lambda p: (p.date, p.id))

    def write(self, post: GenPost) -> None:
        self.posts[post.id] = post
        (self.posts_dir / post.filename).write_text(post.text(), encoding="utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 90) -> tuple[int, str, str] | None:
    """Status, content type and text of `url`; None while nothing listens."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return (response.status, response.headers.get("Content-Type", ""),
                    response.read().decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return error.code, "", ""
    except (urllib.error.URLError, http.client.HTTPException, ConnectionError, TimeoutError):
        return None


class Server:
    """One `mkdocs serve` child on a free port of 127.0.0.1, its output kept in a log file."""

    def __init__(self, site: PreviewSite, env: dict[str, str], log: Path) -> None:
        self.site, self.log = site, log
        self.url = f"http://127.0.0.1:{free_port()}"
        self.started = time.perf_counter()
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-a", self.url.removeprefix("http://")],
                cwd=site.folder, env=env, stdout=out, stderr=subprocess.STDOUT)

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            tail = self.log.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            raise BenchError(f"{self.site.name}: mkdocs serve exited ({self.process.returncode}):\n"
                             + "\n".join(tail))

    def get(self, path: str) -> tuple[int, str, str] | None:
        return fetch(urljoin(self.url, path))

    def stop(self) -> None:
        # Ctrl-C is what mkdocs serve expects: it then removes its build folder. Terminate and
        # kill only if it does not stop.
        for stop, grace in ((lambda: self.process.send_signal(signal.SIGINT), 20),
                            (self.process.terminate, 10), (self.process.kill, None)):
            if self.process.poll() is not None:
                return
            stop()
            try:
                self.process.wait(grace)
                return
            except subprocess.TimeoutExpired:
                continue


@contextmanager
def serving(site: PreviewSite, env: dict[str, str], log: Path) -> Iterator[Server]:
    server = Server(site, env, log)
    try:
        yield server
    finally:
        server.stop()


def time_to_first_page(server: Server) -> float:
    """Seconds from starting the server until its home page answers 200 with HTML."""
    deadline = server.started + START_TIMEOUT
    while time.perf_counter() < deadline:
        server.check_alive()
        answer = server.get(server.site.home)
        if answer and answer[0] == 200 and "text/html" in answer[1]:
            return time.perf_counter() - server.started
        time.sleep(POLL)
    raise BenchError(f"{server.site.name}: no home page after {START_TIMEOUT:.0f} s")


class EpochWatch(threading.Thread):
    """The long poll of MkDocs' livereload script: GET /livereload/<epoch>/<request id> answers
    once a build newer than `epoch` is served (or after a minute, with the same epoch)."""

    def __init__(self, server: Server, page_html: str) -> None:
        super().__init__(daemon=True)
        found = LIVERELOAD.search(page_html)
        if found is None:
            raise BenchError(f"{server.site.name}: no livereload script in {server.site.home}")
        self.epoch, self.request_id = int(found[1]), int(found[2])
        self.url = f"{server.url}/livereload/{self.epoch}/{self.request_id}"
        self.seen_at: float | None = None
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            answer = fetch(self.url, timeout=75)
            if answer and answer[0] == 200 and float(answer[2] or 0) > self.epoch:
                self.seen_at = time.perf_counter()
                return
            # As the browser script: ask again at once after an answer, after 3 s after an error.
            self.done.wait(0 if answer and answer[0] == 200 else 3)


def edited(site: PreviewSite, kind: str, marker: str) -> GenPost:
    """The newest post with `marker` in its body or title, or a new post carrying it."""
    newest = site.newest()
    if kind == "body text":
        # The first paragraph is the excerpt, so the home and category pages show it too.
        return dataclasses.replace(newest, body=f"{marker} {newest.body}")
    if kind == "title":
        return dataclasses.replace(newest, title=f"{newest.title} {marker}")
    rng = random.Random(marker)
    post = make_post(max(site.posts) + 1, rng, newest.date + timedelta(hours=1))
    return dataclasses.replace(post, title=f"{post.title} {marker}", body=f"{marker} {post.body}")


def link_to(page_html: str, text: str, base: str, within: str = "") -> str | None:
    """The address of the first link whose text is `text` (and whose href contains `within`)."""
    wanted = unicodedata.normalize("NFC", text).strip()
    for href, inner in LINK.findall(page_html):
        label = unicodedata.normalize("NFC", html.unescape(TAG.sub("", inner))).strip()
        if label == wanted and within in href:
            return urljoin(base, html.unescape(href))
    return None


def time_edit(server: Server, post: GenPost, marker: str) -> float:
    """Seconds from writing `post` until the article, the home page and the post's first
    category page serve `marker` and the livereload long poll reports a newer epoch."""
    site = server.site
    before = server.get(site.home)
    if not before or before[0] != 200:
        raise BenchError(f"{site.name}: home page unavailable before the edit")
    watch = EpochWatch(server, before[2])
    watch.start()
    started = time.perf_counter()
    site.write(post)
    home_url = urljoin(server.url, site.home)
    seen: dict[str, float] = {}
    deadline = started + EDIT_TIMEOUT
    try:
        while time.perf_counter() < deadline:
            server.check_alive()
            check_pages(post, marker, home_url, seen, deadline)
            if watch.seen_at is not None:
                seen.setdefault("new epoch", watch.seen_at)
            if len(seen) == 4:
                return max(seen.values()) - started
            time.sleep(POLL)
    finally:
        watch.done.set()
    missing = sorted({"home page", "article", "category page", "new epoch"} - set(seen))
    raise BenchError(f"{site.name}: edit ({marker}) not served after {EDIT_TIMEOUT:.0f} s; "
                     f"still waiting for: {', '.join(missing)}")


def check_pages(post: GenPost, marker: str, home_url: str, seen: dict[str, float],
                deadline: float) -> None:
    """Note in `seen` when each page first serves `marker`. The article's and the category's
    addresses are read from the home page, where the article is listed first: a new title is
    a new address, and Material keeps the marks in category addresses where loaxa folds them."""
    # The server holds requests while it rebuilds; never past the edit's deadline.
    home = fetch(home_url, timeout=max(deadline - time.perf_counter(), POLL))
    if not home or home[0] != 200 or marker not in home[2]:
        return
    seen.setdefault("home page", time.perf_counter())
    for name, url in (("article", link_to(home[2], post.title, home_url)),
                      ("category page", link_to(home[2], post.categories[0], home_url, "category/"))):
        if name in seen or url is None:
            continue
        page = fetch(url, timeout=max(deadline - time.perf_counter(), POLL))
        if page and page[0] == 200 and marker in page[2]:
            seen[name] = time.perf_counter()


def preview_sites(loaxa: Path, stock: Path, root: Path, count: int) -> list[PreviewSite]:
    """Copies of the built sites (loaxa's with its warm cache), so edits touch nothing else."""
    sites = []
    for name, source, posts, home in (("loaxa", loaxa, "posts", "/"),
                                      (STOCK, stock, "docs/blog/posts", "/blog/")):
        folder = root / f"serve-{source.name}"
        shutil.copytree(source, folder, ignore=lambda at, names: ["site"] if at == str(source) else [])
        sites.append(PreviewSite(name, folder, folder / posts, home,
                                 {p.id: p for p in generate_posts(count)}))
    return sites


def measure_preview(sites: list[PreviewSite], runs: int, env: dict[str, str],
                    logs: Path) -> dict[str, dict[str, list[float]]]:
    """Per site and figure, the seconds of each run; a run that fails is reported and skipped."""
    figures = ("first page", *EDIT_KINDS)
    results = {site.name: {figure: [] for figure in figures} for site in sites}
    for run in range(1, runs + 1):
        for site in sites:
            times = results[site.name]
            try:
                with serving(site, env, logs / f"serve-{run}-{site.folder.name}.log") as server:
                    times["first page"].append(time_to_first_page(server))
                    for kind in EDIT_KINDS:
                        marker = f"zqbench{kind[:3]}{run:03d}x"   # a word found nowhere else
                        times[kind].append(time_edit(server, edited(site, kind, marker), marker))
            except BenchError as error:
                print(f"preview run {run}, {site.name}: FAILED: {error}", flush=True)
                continue
            print(f"preview run {run}: {site.name:15} " + "  ".join(
                f"{figure} {values[-1]:.2f} s" for figure, values in times.items()), flush=True)
    return results


def print_preview(results: dict[str, dict[str, list[float]]], count: int, runs: int) -> None:
    loaxa, stock = results["loaxa"], results[STOCK]
    print(f"\nlive preview, mkdocs serve, {count} posts, medians of up to {runs} runs "
          "(home page: / for loaxa, /blog/ for stock)")
    print(f"  {'':58} {'loaxa':>9} {'stock':>9} {'÷ stock':>8}")
    labels = {"first page": "start → home page answers 200 with HTML",
              "body text": "edit body text → served everywhere + new epoch",
              "title": "edit title → served everywhere + new epoch",
              "new post": "add a post → served everywhere + new epoch"}
    for figure, label in labels.items():
        mine, theirs = median(loaxa[figure]), median(stock[figure])
        counts = f" (n={len(loaxa[figure])}/{len(stock[figure])})" if min(
            len(loaxa[figure]), len(stock[figure])) < runs else ""
        print(f"  {label:58} {mine:7.2f} s {theirs:7.2f} s {ratio(mine, theirs):>8}{counts}")
    print("  'everywhere': the article, the home page and the post's first category page, over "
          "HTTP; the\n  article's address is read from the home page link whose text is the "
          "post's title.")


# --- Main ------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=1000,
                        help="posts of the base sites, also served for the preview (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of every measurement (default 3)")
    parser.add_argument("--big", type=int, default=5000,
                        help="posts of the big sites; 0 skips them (default 5000)")
    parser.add_argument("--posters", type=int, default=300,
                        help="posters to time one by one (default 300)")
    parser.add_argument("--profile", action="store_true",
                        help="also profile one warm loaxa build and one stock build")
    parser.add_argument("--only", action="append", choices=("builds", "big", "profile", "preview"),
                        help="measure only this part (repeatable); the sites are built once first")
    args = parser.parse_args()
    wanted = set(args.only or ("builds", "big", "preview") + (("profile",) if args.profile else ()))
    root = Path(tempfile.mkdtemp(prefix="loaxa-bench-"))
    try:
        env = child_env(root)
        loaxa, stock = make_sites(root, args.posts)
        times = poster_times(loaxa, min(args.posters, args.posts))
        print(f"poster drawing, {len(times)} posters uncached: median {median(times):.1f} ms"
              f" (min {min(times):.1f}, max {max(times):.1f})", flush=True)

        modes = {"loaxa, cold cache": (loaxa, True), "loaxa, warm cache": (loaxa, False),
                 "loaxa, no feeds": (root / "loaxa-no-feeds", False), STOCK: (stock, False)}
        if "builds" in wanted or "big" in wanted:
            base = measure_builds(modes, args.runs, env)
            for path in ("feed.xml", "atom.xml", "feed.json"):
                print(f"{path}: {(loaxa / 'site' / path).stat().st_size / 1024:.0f} KB", flush=True)
            pagefind_runs = [pagefind(loaxa, env) for _ in range(args.runs)]
            print_builds(f"builds, {args.posts} posts, medians of {args.runs} runs", base)
            print_pagefind(pagefind_runs, base)
        else:  # the preview and the profile start from built sites with a warm cache
            measure_builds({"loaxa, warm cache": (loaxa, False), STOCK: (stock, False)}, 1, env)
            pagefind_runs = [pagefind(loaxa, env)]

        if args.big and "big" in wanted:
            big = measure_big(root / "big", args.big, args.runs, env)
            print_builds(f"builds, {args.big} posts, medians of {args.runs} runs", big)
            print_growth(base, big, args.posts, args.big)
            shutil.rmtree(root / "big", ignore_errors=True)

        if "profile" in wanted:
            profile_build(loaxa, root / "loaxa.prof", env)
            profile_build(stock, root / "stock.prof", env)
            print_profile(root / "loaxa.prof", root / "stock.prof",
                          median([r.seconds for r in pagefind_runs]))

        if "preview" in wanted:
            sites = preview_sites(loaxa, stock, root, args.posts)
            print_preview(measure_preview(sites, args.runs, env, root), args.posts, args.runs)
    except BenchError as error:
        sys.exit(f"bench: {error}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
