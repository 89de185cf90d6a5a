"""Build-time benchmark: N generated posts built with loaxa and as a stock Material blog.

    python scripts/bench.py [--posts 1000] [--runs 3]

Both sites get the same posts with the same front matter; loaxa reads them from posts/, the
stock blog from docs/blog/posts/. Builds alternate (loaxa with an empty cache, loaxa with the
cache of the previous build, stock, …) so that load on the machine hits all alike; the medians
and their ratios to stock are printed. First, posters are drawn one by one, uncached, to time
the poster renderer alone.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

CATEGORIES = ["Tin tức", "Hướng dẫn", "Video", "Thông báo"]
SUBJECTS = ["Tập huấn kỹ năng số", "Hướng dẫn cài đặt VNeID", "Lịch tiếp công dân",
            "Thanh toán không dùng tiền mặt", "Tổ công nghệ số đến bản", "Nộp hồ sơ trực tuyến",
            "An toàn trên mạng", "Quét mã QR tra cứu", "Họp dân bàn việc", "Chợ phiên số"]
PLACES = ["bản Nà Khằn", "bản Hua Pầu", "thôn Noong Quài", "khu dân cư số 2", "bản Tà Mít",
          "trung tâm xã", "trường THCS Mường Kim", "nhà văn hoá bản Phiêng Phát"]
WORDS = ("bà con cán bộ điện thoại ứng dụng hướng dẫn đăng ký tài khoản hồ sơ dịch vụ công thôn "
         "bản người dân gia đình kỹ năng số mạng internet học tập thanh toán an toàn thông tin "
         "tổ công nghệ số phong trào bình dân học vụ").split()


def sentence(rng: random.Random) -> str:
    words = rng.choices(WORDS, k=rng.randint(8, 18))
    return " ".join(words).capitalize() + "."


def post_text(i: int, rng: random.Random, start: datetime) -> str:
    date = start + timedelta(hours=17 * i, minutes=rng.randint(0, 59))
    title = f"{rng.choice(SUBJECTS)} tại {rng.choice(PLACES)} (số {i})"
    cats = rng.sample(CATEGORIES, rng.choice([1, 1, 2]))
    body = "\n\n".join(" ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(4))
    steps = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, 5))
    return (
        "---\n"
        f"id: {i}\n"
        f"title: \"{title}\"\n"
        f"date: {date:%Y-%m-%d %H:%M:%S}\n"
        f"categories: [{', '.join(cats)}]\n"
        f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\n"
        f"description: {sentence(rng)}\n"
        "---\n\n"
        f"{body}\n\n## Các bước\n\n{steps}\n"
    )


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


def make_sites(root: Path, count: int) -> tuple[Path, Path]:
    rng = random.Random(20251001)
    start = datetime(2024, 1, 1, 8)
    texts = [post_text(i, rng, start) for i in range(1, count + 1)]
    loaxa, stock = root / "loaxa", root / "stock"
    for site, posts, blog_dir, with_loaxa in [(loaxa, loaxa / "posts", ".", True),
                                              (stock, stock / "docs/blog/posts", "blog", False)]:
        posts.mkdir(parents=True)
        (site / "docs").mkdir(exist_ok=True)
        (site / "docs/index.md").write_text("# Tin mới\n", encoding="utf-8")
        if blog_dir == "blog":
            (site / "docs/blog").mkdir(exist_ok=True)
            (site / "docs/blog/index.md").write_text("# Tin mới\n", encoding="utf-8")
        (site / "mkdocs.yml").write_text(site_yaml(blog_dir, with_loaxa), encoding="utf-8")
        for i, text in enumerate(texts, 1):
            (posts / f"{i:05d}.md").write_text(text, encoding="utf-8")
    # The same loaxa site without feeds and share meta, to price them.
    plain = root / "loaxa-no-feeds"
    shutil.copytree(loaxa, plain)
    (plain / "mkdocs.yml").write_text(site_yaml(".", True, feeds=False), encoding="utf-8")
    return loaxa, stock


def build(site: Path, *, cold: bool = False) -> float:
    if cold:
        shutil.rmtree(site / ".cache", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, check=True)
    return time.perf_counter() - started


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--posters", type=int, default=300, help="posters to time one by one")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loaxa-bench-"))
    try:
        loaxa, stock = make_sites(root, args.posts)
        times = poster_times(loaxa, min(args.posters, args.posts))
        print(f"poster drawing, {len(times)} posters uncached: median {statistics.median(times):.1f} ms"
              f" (min {min(times):.1f}, max {max(times):.1f})", flush=True)
        modes = {"loaxa, cold cache": (loaxa, True), "loaxa, warm cache": (loaxa, False),
                 "loaxa, no feeds": (root / "loaxa-no-feeds", False),
                 "stock Material": (stock, False)}
        results: dict[str, list[float]] = {name: [] for name in modes}
        for run in range(args.runs):
            for name, (site, cold) in modes.items():
                results[name].append(build(site, cold=cold))
                print(f"run {run + 1}: {name:18} {results[name][-1]:7.2f} s", flush=True)
        for path in ("feed.xml", "atom.xml", "feed.json"):
            size = (loaxa / "site" / path).stat().st_size
            print(f"{path}: {size / 1024:.0f} KB", flush=True)
        stock_median = statistics.median(results["stock Material"])
        print(f"\nposts: {args.posts}, runs: {args.runs} (medians)")
        for name, values in results.items():
            median = statistics.median(values)
            print(f"{name:18} {median:7.2f} s   ratio to stock {median / stock_median:5.2f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
