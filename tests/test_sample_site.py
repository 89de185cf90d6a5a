"""The Mường Kim sample site in the repository builds cleanly and has what a newcomer expects."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, Build
from htmlparse import attrs, h1
from loaxa.dates import VIETNAM
from loaxa.posts import load_posts
from loaxa.settings import read_settings

CATEGORIES = read_settings(ROOT / "mkdocs.yml").categories  # the sample's, with "Văn bản"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Build:
    root = tmp_path_factory.mktemp("muongkim")
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copytree(ROOT / "posts", root / "posts")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=root,
                            capture_output=True, text=True, encoding="utf-8")
    return Build(root, result.returncode, result.stdout + result.stderr)


def test_builds_strict_without_a_warning(sample):
    assert sample.returncode == 0, sample.output
    assert "WARNING" not in sample.output
    assert "end of life" not in sample.output


def test_every_post_has_its_page_and_short_link(sample):
    posts = load_posts(sample.root / "posts", categories=CATEGORIES)
    assert len(posts) >= 12
    assert sum(1 for p in posts if p.video) >= 2
    assert {c for p in posts for c in p.categories} == {"Tin tức", "Hướng dẫn", "Video", "Thông báo",
                                                        "Văn bản"}
    for post in posts:
        assert h1(sample.page(post.slug)) == [post.title]
        short = (sample.site / "p" / str(post.id) / "index.html").read_text(encoding="utf-8")
        [refresh] = attrs(short, "meta", http_equiv="refresh")
        assert refresh["content"] == f"0; url=../../{post.slug}/"
        if post.image:
            assert (sample.site / "posts" / post.image).stat().st_size > 0


def current(posts):
    """The posts still in force: the sample's June reception schedule has expired."""
    now = datetime.now(VIETNAM)
    expired = [p for p in posts if p.is_expired(now)]
    assert [p.slug for p in expired] == ["lich-tiep-cong-dan-thang-6-2026"]
    return [p for p in posts if p not in expired]


def test_home_page_lists_the_newest_posts(sample):
    posts = current(load_posts(sample.root / "posts", categories=CATEGORIES))
    home = sample.page("")
    linked = {a["href"] for a in attrs(home, "a") if "href" in a}
    assert {f"{p.slug}/" for p in posts[:8]} <= linked
    assert "lich-tiep-cong-dan-thang-6-2026/" not in linked
    assert (sample.site / "page/2/index.html").is_file()


def test_static_pages_exist(sample):
    for page, title in [("gioi-thieu", "Giới thiệu xã Mường Kim"), ("lien-he", "Liên hệ"),
                        ("chien-dich", 'Phong trào "Bình dân học vụ số"')]:
        assert h1(sample.page(page)) == [title]


def test_sample_covers_are_generated_images(sample):
    from PIL import Image
    covers = sorted(Path(sample.root / "posts").rglob("*.jpg"))
    assert len(covers) >= 12
    for cover in covers:
        with Image.open(cover) as image:
            assert image.size == (1200, 630)
            assert not image.getexif()


def test_every_post_has_its_poster_and_every_month_its_batch(sample):
    from loaxa.poster import group_by_month
    from posterread import page_count, read_qr
    posts = load_posts(sample.root / "posts", categories=CATEGORIES)
    for post in posts:
        qr = read_qr(sample.site / "posters" / f"{post.id}.pdf")
        assert qr.text == f"https://muongkim.laichau.gov.vn/p/{post.id}/"
        assert qr.module_mm >= 2.0 and qr.quiet_zone_white
    for month, month_posts in group_by_month(posts):
        assert page_count(sample.site / "posters" / f"{month}.pdf") == len(month_posts)


def test_feeds_of_the_sample_site_are_valid(sample):
    import json

    import feedparser
    import jsonschema
    from lxml import etree

    data = Path(__file__).parent / "data"
    posts = current(load_posts(sample.root / "posts", categories=CATEGORIES))
    for path in ["feed.xml", "atom.xml", "category/huong-dan/feed.xml", "category/video/feed.xml"]:
        parsed = feedparser.parse((sample.site / path).read_bytes())
        assert not parsed.bozo, (path, parsed.bozo_exception)
    parsed = feedparser.parse((sample.site / "feed.xml").read_bytes())
    assert [e.id for e in parsed.entries] == [
        f"https://muongkim.laichau.gov.vn/p/{p.id}/" for p in posts[:30]]
    schema = etree.RelaxNG(etree.parse(data / "atom.rng"))
    assert schema.validate(etree.parse(sample.site / "atom.xml")), schema.error_log
    feed = json.loads((sample.site / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(feed, json.loads((data / "jsonfeed-1.1.schema.json").read_text()),
                        format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    videos = [i for i in feed["items"] if "external_url" in i]
    assert len(videos) >= 2
