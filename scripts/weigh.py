"""Page weight and scores: the same pages built with loaxa and as a stock Material blog.

    python scripts/weigh.py --sitecheck ../shared/tools/sitecheck.py [--posts 1000] [--runs 3]

Builds four sites in a temporary folder: the sample site with loaxa, the same posts as a stock
Material blog (`docs/blog/posts/`, Material's own search, `font: false`), and the same pair for
N generated posts (every 10th with a cover photo, every 7th a video post). Then runs sitecheck
(Lighthouse mobile, axe-core, bytes and requests of a first visit, gzip on) on the home page,
an article with a cover, a text article, a video post, a category page, the search page and the
page of a wrong address of each, and prints one table. sitecheck needs Debian's chromium and its
npm tools (sitecheck-setup.sh).
"""

from __future__ import annotations

import argparse
import io
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
import bench  # noqa: E402
from loaxa.settings import read_settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def stock_config(site_name: str, categories: list[str]) -> str:
    return yaml.safe_dump({
        "site_name": site_name,
        "site_url": "https://xa.example.vn/",
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": ["search", {"blog": {"blog_dir": "blog", "authors": False,
                                        "post_url_format": "{slug}",
                                        "categories_allowed": categories}}],
    }, allow_unicode=True)


def make_stock(loaxa_site: Path, target: Path, categories: list[str]) -> None:
    """The posts of a built loaxa site, as Material reads them, in a stock Material blog."""
    posts = target / "docs/blog/posts"
    shutil.copytree(loaxa_site / "posts", posts)
    for copy in (loaxa_site / ".cache/loaxa/blog").rglob("*.md"):
        (posts / copy.relative_to(loaxa_site / ".cache/loaxa/blog")).write_bytes(copy.read_bytes())
    (target / "docs/index.md").write_text("# Tin mới\n", encoding="utf-8")
    (target / "docs/blog/index.md").write_text("# Tin mới\n", encoding="utf-8")
    (target / "mkdocs.yml").write_text(stock_config("Xã Thử", categories), encoding="utf-8")


def photo(seed: int) -> bytes:
    rng = random.Random(seed)
    image = Image.effect_noise((2400, 1600), 25).convert("RGB")
    image.paste((rng.randrange(256), rng.randrange(256), 90), (0, 0, 1200, 800))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def make_generated(root: Path, count: int) -> Path:
    site, _ = bench.make_sites(root, count)
    for path in sorted((site / "posts").glob("*.md")):
        number = int(path.stem)
        text = path.read_text(encoding="utf-8")
        extra = ""
        if number % 10 == 0:
            (site / "posts" / f"{path.stem}.jpg").write_bytes(photo(number))
            extra += f"image: {path.stem}.jpg\n"
        if number % 7 == 0:
            extra += "video: https://www.youtube.com/watch?v=mK-vneid-01\n"
        if extra:
            path.write_text(text.replace("\n---\n\n", f"\n{extra}---\n\n", 1), encoding="utf-8")
    return site


def build(site: Path) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site, check=True)


def pages_of(site: Path, stock: bool) -> dict[str, str]:
    """Which page of the built site plays each part, by front matter, as URL paths."""
    from loaxa.posts import load_posts
    twin = site.parent / "loaxa-twin"
    posts = load_posts(twin / "posts", categories=read_settings(twin / "mkdocs.yml").categories)
    prefix = "/blog/" if stock else "/"
    cover = next(p for p in posts if p.image and not p.video)
    text = next(p for p in posts if not p.image and not p.video)
    video = next(p for p in posts if p.video)
    category = "category/hướng-dẫn/" if stock else "category/huong-dan/"  # Material keeps marks
    pages = {"home": prefix, "article with cover": f"{prefix}{cover.slug}/",
             "text article": f"{prefix}{text.slug}/", "video post": f"{prefix}{video.slug}/",
             "category": f"{prefix}{category}"}
    if not stock:  # Material's own search is a dialog on every page, not a page
        pages["search"] = "/tim-kiem/"
    pages["404"] = "/404.html"
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sitecheck", required=True)
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", help="measure only the sites whose name contains this")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="loaxa-weigh-"))
    sample = root / "sample" / "loaxa-twin"
    shutil.copytree(ROOT / "posts", sample / "posts")
    shutil.copytree(ROOT / "docs", sample / "docs")
    shutil.copy(ROOT / "mkdocs.yml", sample)
    build(sample)
    generated = make_generated(root / "generated", args.posts)
    generated = generated.rename(generated.parent / "loaxa-twin")
    build(generated)
    sites = {}
    for name, loaxa_site in (("sample", sample), (f"{args.posts} posts", generated)):
        stock = loaxa_site.parent / "material"
        make_stock(loaxa_site, stock, list(read_settings(loaxa_site / "mkdocs.yml").categories))
        build(stock)
        sites[f"{name}, loaxa"] = (loaxa_site / "site", pages_of(loaxa_site, stock=False))
        sites[f"{name}, stock Material"] = (stock / "site", pages_of(stock, stock=True))
    rows = []
    for name, (site, pages) in sites.items():
        if args.only and args.only not in name:
            continue
        out = root / f"{name.replace(' ', '-').replace(',', '')}.json"
        subprocess.run([sys.executable, args.sitecheck, str(site), "--runs", str(args.runs),
                        "--pages", *pages.values(), "--json", str(out)], check=False)
        data = json.loads(out.read_text(encoding="utf-8"))
        results = data["pages"] if isinstance(data, dict) else data
        for part, result in zip(pages, results):
            scores = (result.get("lighthouse") or {}).get("scores") or {}
            probe = result.get("probe") or {}
            requests = probe.get("requests") or []
            outside = set(probe.get("third_party_hosts") or [])
            rows.append((name, part, scores.get("performance"), scores.get("accessibility"),
                         len((probe.get("axe") or {}).get("violations") or []),
                         round((probe.get("bytes_browser") or 0) / 1024),
                         len(requests), ", ".join(sorted(outside)) or "-"))
    print(f"{'site':24} {'page':20} {'perf':>5} {'a11y':>5} {'axe':>4} {'KB':>5} {'req':>4}  3rd-party")
    for row in rows:
        print(f"{row[0]:24} {row[1]:20} {row[2]!s:>5} {row[3]!s:>5} {row[4]:>4} {row[5]:>5} "
              f"{row[6]:>4}  {row[7]}")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
