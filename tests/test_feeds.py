"""Feeds and share previews of a real build: parsed, validated against their schemas."""

from __future__ import annotations

import html as std_html
import json
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import jsonschema
import pytest
from conftest import post, run_mkdocs, site_config, write_site
from htmlparse import attrs
from lxml import etree, html

DATA = Path(__file__).parent / "data"
SITE = "https://xa.example.vn/"
ATOM = "{http://www.w3.org/2005/Atom}"
TRICKY_TITLE = 'Họp "khẩn" & <quan trọng> về VNeID'
TRICKY_TAG = "Q&A <mới>"
TRICKY_DESCRIPTION = 'Bà con mang "căn cước" & điện thoại <đã sạc>.'
BODY = ("Mở đầu có [liên kết](../b.md) và ảnh.\n\n![Ảnh minh hoạ bước một](anh/buoc.png)\n\n"
        "[Tệp hướng dẫn](anh/huong-dan.pdf) và [trang giới thiệu](../../gioi-thieu.md).\n")


def posts() -> dict[str, str | bytes]:
    return {
        "2025/a.md": post(1, f"'{TRICKY_TITLE}'", "2025-10-01 08:00", "Hướng dẫn",
                          tags=f"['{TRICKY_TAG}', VNeID]", description=f"'{TRICKY_DESCRIPTION}'",
                          image="anh/bia.png", body=BODY),
        "2025/anh/bia.png": _png(),
        "2025/anh/buoc.png": _png(),
        "2025/anh/huong-dan.pdf": b"%PDF-1.4 tai lieu",
        "b.md": post(2, '"Video: quét mã QR"', "2025-10-03", "Video",
                     video="https://www.youtube.com/watch?v=mK-vneid-01"),
        "c.md": post(3, "Tin thứ ba", "2025-10-05 17:30"),
        "d.md": post(4, "Bài nháp", "2025-10-06", draft="true"),
        "e.md": post(5, "Bài hẹn giờ", "2099-10-06"),
    }


def _png() -> bytes:
    import io

    from PIL import Image
    buffer = io.BytesIO()
    Image.new("RGB", (800, 420), (200, 40, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("feeds"), posts(),
                      docs={"gioi-thieu.md": "# Giới thiệu\n"})
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return root


def feed(site: Path, path: str = "feed.xml"):
    parsed = feedparser.parse((site / "site" / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


def test_rss_items_newest_first_without_drafts_or_scheduled(site):
    parsed = feed(site)
    assert [e.id for e in parsed.entries] == [f"{SITE}p/{n}/" for n in (3, 2, 1)]
    channel = parsed.feed
    assert channel.language == "vi"
    assert channel.link == SITE
    assert channel.title == "Xã Thử"
    assert channel.image.href == f"{SITE}assets/loaxa/share.png"
    tree = etree.parse(site / "site/feed.xml")
    [self_link] = tree.findall(f"channel/{ATOM}link")
    assert (self_link.get("rel"), self_link.get("href")) == ("self", f"{SITE}feed.xml")
    assert tree.findtext("channel/lastBuildDate") == "Sun, 05 Oct 2025 17:30:00 +0700"


def test_rss_item_fields(site):
    tree = etree.parse(site / "site/feed.xml")
    item = tree.find("channel/item[guid='https://xa.example.vn/p/1/']")
    assert item.find("guid").get("isPermaLink") == "false"
    assert item.findtext("title") == TRICKY_TITLE
    assert item.findtext("link") == f"{SITE}hop-khan-quan-trong-ve-vneid/"
    # Read as HTML by readers: the text escaped once.
    assert item.findtext("description") == std_html.escape(TRICKY_DESCRIPTION, quote=False)
    assert item.findtext("pubDate") == "Wed, 01 Oct 2025 08:00:00 +0700"
    assert [c.text for c in item.findall("category")] == ["Hướng dẫn", TRICKY_TAG, "VNeID"]
    enclosure = item.find("enclosure")
    published = site / "site/posts/2025/anh/bia.png"
    assert enclosure.get("url") == f"{SITE}posts/2025/anh/bia.png"
    assert int(enclosure.get("length")) == published.stat().st_size
    assert enclosure.get("type") == "image/png"
    media = "{http://search.yahoo.com/mrss/}"
    content = item.find(f"{media}content")
    assert (content.get("url"), content.get("medium"), content.get("width"),
            content.get("height")) == (f"{SITE}posts/2025/anh/bia.png", "image", "800", "420")
    assert item.find(f"{media}thumbnail").get("url") == f"{SITE}posts/2025/anh/bia.png"
    video = tree.find("channel/item[guid='https://xa.example.vn/p/2/']")
    assert video.find(f"{media}player").get("url") == "https://www.youtube.com/watch?v=mK-vneid-01"


def urls_in(fragment: str) -> list[str]:
    root = html.fragment_fromstring(fragment, create_parent="div")
    return [value for element in root.iter(etree.Element)
            for name, value in element.attrib.items() if name in ("href", "src")]


@pytest.mark.parametrize("path", ["feed.xml", "atom.xml"])
def test_full_content_has_only_absolute_urls(site, path):
    parsed = feed(site, path)
    entry = next(e for e in parsed.entries if e.id == f"{SITE}p/1/")
    urls = urls_in(entry.content[0].value)
    assert len(urls) >= 4
    assert all(urlparse(u).scheme == "https" for u in urls), urls
    assert f"{SITE}posts/2025/anh/buoc.png" in urls
    assert f"{SITE}posts/2025/anh/huong-dan.pdf" in urls
    assert f"{SITE}video-quet-ma-qr/" in urls
    assert f"{SITE}gioi-thieu/" in urls
    for url in urls:
        path_part = urlparse(url).path.lstrip("/")
        target = site / "site" / path_part
        assert target.is_file() or (target / "index.html").is_file(), url


def test_atom_is_valid_rfc4287(site):
    schema = etree.RelaxNG(etree.parse(DATA / "atom.rng"))
    tree = etree.parse(site / "site/atom.xml")
    assert schema.validate(tree), schema.error_log
    entry = next(e for e in tree.iterfind(f"{ATOM}entry")
                 if e.findtext(f"{ATOM}id") == f"{SITE}p/1/")
    links = {link.get("rel"): link.attrib for link in entry.iterfind(f"{ATOM}link")}
    assert links["alternate"]["href"] == f"{SITE}hop-khan-quan-trong-ve-vneid/"
    size = (site / "site/posts/2025/anh/bia.png").stat().st_size
    assert (links["enclosure"]["type"], links["enclosure"]["length"]) == ("image/png", str(size))
    assert tree.findtext(f"{ATOM}updated") == "2025-10-05T17:30:00+07:00"
    assert tree.find(f"{ATOM}author/{ATOM}name").text == "Xã Thử"
    parsed = feed(site, "atom.xml")
    assert [e.id for e in parsed.entries] == [f"{SITE}p/{n}/" for n in (3, 2, 1)]
    # Declared HTML and escaped once: every reader shows the text as written.
    assert parsed.entries[2].title_detail.type == "text/html"
    assert std_html.unescape(parsed.entries[2].title) == TRICKY_TITLE
    assert std_html.unescape(parsed.entries[2].summary) == TRICKY_DESCRIPTION


def test_json_feed_is_valid_1_1(site):
    schema = json.loads((DATA / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "site/feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert data["feed_url"] == f"{SITE}feed.json" and data["language"] == "vi"
    [first] = [i for i in data["items"] if i["id"] == f"{SITE}p/1/"]
    assert first["title"] == TRICKY_TITLE
    assert first["summary"] == TRICKY_DESCRIPTION
    assert first["tags"] == ["Hướng dẫn", TRICKY_TAG, "VNeID"]
    assert first["date_published"] == "2025-10-01T08:00:00+07:00"
    assert first["image"] == f"{SITE}posts/2025/anh/bia.png"
    assert all(urlparse(u).scheme == "https" for u in urls_in(first["content_html"]))
    [video] = [i for i in data["items"] if i["id"] == f"{SITE}p/2/"]
    assert video["external_url"] == "https://www.youtube.com/watch?v=mK-vneid-01"


def test_category_feeds(site):
    guides = feed(site, "category/huong-dan/feed.xml")
    assert [e.id for e in guides.entries] == [f"{SITE}p/1/"]
    assert guides.feed.title == "Xã Thử – Hướng dẫn"
    assert [e.id for e in feed(site, "category/video/feed.xml").entries] == [f"{SITE}p/2/"]


def test_every_page_links_its_feeds(site):
    for page in ["index.html", "gioi-thieu/index.html", "hop-khan-quan-trong-ve-vneid/index.html",
                 "category/video/index.html"]:
        text = (site / "site" / page).read_text(encoding="utf-8")
        found = {(a["type"], a["href"]) for a in attrs(text, "link", rel="alternate")}
        assert found == {("application/rss+xml", f"{SITE}feed.xml"),
                         ("application/atom+xml", f"{SITE}atom.xml"),
                         ("application/feed+json", f"{SITE}feed.json")}, page


def test_open_graph_values_exactly_as_written(site):
    text = (site / "site/hop-khan-quan-trong-ve-vneid/index.html").read_text(encoding="utf-8")
    og = {a["property"]: a["content"] for a in attrs(text, "meta") if "property" in a}
    assert og["og:type"] == "article"
    assert og["og:title"] == TRICKY_TITLE
    assert og["og:description"] == TRICKY_DESCRIPTION
    assert og["og:url"] == f"{SITE}hop-khan-quan-trong-ve-vneid/"
    # The 800×420 cover is smaller than a large preview: shared on the share card.
    assert (og["og:image"], og["og:image:width"], og["og:image:height"]) == (
        f"{SITE}assets/loaxa/xem-truoc/1.jpg", "1200", "630")
    assert og["og:locale"] == "vi_VN" and og["og:site_name"] == "Xã Thử"
    assert og["article:published_time"] == "2025-10-01T08:00:00+07:00"
    assert [a["content"] for a in attrs(text, "meta", property="article:tag")] == [TRICKY_TAG, "VNeID"]
    twitter = {a["name"]: a["content"] for a in attrs(text, "meta") if "name" in a}
    assert twitter["twitter:card"] == "summary_large_image"
    assert twitter["twitter:title"] == TRICKY_TITLE
    assert twitter["description"] == TRICKY_DESCRIPTION
    [canonical] = attrs(text, "link", rel="canonical")
    assert canonical["href"] == og["og:url"]


def test_post_without_cover_shares_the_default_image(site):
    from PIL import Image
    text = (site / "site/tin-thu-ba/index.html").read_text(encoding="utf-8")
    og = {a["property"]: a["content"] for a in attrs(text, "meta") if "property" in a}
    assert og["og:image"] == f"{SITE}assets/loaxa/share.png"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")
    with Image.open(site / "site/assets/loaxa/share.png") as image:
        assert image.size == (1200, 630)


def test_share_control_loads_nothing_from_a_third_party(site):
    text = (site / "site/tin-thu-ba/index.html").read_text(encoding="utf-8")
    share = [a for a in attrs(text, "a") if "facebook.com" in a.get("href", "")]
    assert share and share[0]["href"] == (
        "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fxa.example.vn%2Ftin-thu-ba%2F")
    assert [a["href"] for a in attrs(text, "a", **{"class": "loaxa-copy"})] == [f"{SITE}tin-thu-ba/"]
    for tag, attribute in [("script", "src"), ("iframe", "src"), ("img", "src"), ("link", "href")]:
        for found in attrs(text, tag):
            url = found.get(attribute, "")
            if tag == "link" and found.get("rel") in ("alternate", "canonical"):
                continue
            assert not urlparse(url).netloc or url.startswith(SITE), (tag, url)


def test_site_description_with_quotes_is_escaped(tmp_path):
    config = site_config().replace(
        "site_url:", 'site_description: Trang "Bình dân học vụ số" & tin\nsite_url:')
    root = write_site(tmp_path, {"a.md": post(1, "Tin")}, config=config)
    assert run_mkdocs(root).returncode == 0
    text = (root / "site/index.html").read_text(encoding="utf-8")
    assert [a["content"] for a in attrs(text, "meta", name="description")] == [
        'Trang "Bình dân học vụ số" & tin']
    assert feed(root).feed.description == 'Trang "Bình dân học vụ số" & tin'


def test_guid_survives_title_and_slug_change_and_rebuilds_are_identical(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin gốc", "2025-10-01"),
                                 "b.md": post(2, "Tin hai", "2025-10-02")})
    assert run_mkdocs(root).returncode == 0
    before = {p: (root / "site" / p).read_bytes() for p in ("feed.xml", "atom.xml", "feed.json")}
    assert run_mkdocs(root).returncode == 0
    assert {p: (root / "site" / p).read_bytes() for p in before} == before

    (root / "posts/a.md").write_text(post(1, "Tin đã sửa tiêu đề", "2025-10-01", slug="tin-moi"),
                                     encoding="utf-8")
    assert run_mkdocs(root).returncode == 0
    entry = next(e for e in feed(root).entries if e.title == "Tin đã sửa tiêu đề")
    assert entry.id == f"{SITE}p/1/" and entry.link == f"{SITE}tin-moi/"
    assert next(e for e in feed(root, "atom.xml").entries if e.link == f"{SITE}tin-moi/").id == (
        f"{SITE}p/1/")


def test_a_new_post_changes_only_what_it_must(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin một", "2025-10-01"),
                                 "b.md": post(2, "Tin hai", "2025-10-02")})
    assert run_mkdocs(root).returncode == 0
    old = etree.parse(root / "site/feed.xml")
    (root / "posts/c.md").write_text(post(3, "Tin ba", "2025-10-03"), encoding="utf-8")
    assert run_mkdocs(root).returncode == 0
    new = etree.parse(root / "site/feed.xml")
    items = {i.findtext("guid"): etree.tostring(i) for i in new.iterfind("channel/item")}
    for item in old.iterfind("channel/item"):
        assert items[item.findtext("guid")] == etree.tostring(item)
    assert list(items)[0] == f"{SITE}p/3/"
    assert new.findtext("channel/lastBuildDate") == "Fri, 03 Oct 2025 00:00:00 +0700"


def test_feed_keeps_the_newest_n(tmp_path):
    config = site_config().replace("  - loaxa\n", "  - loaxa:\n      feed_items: 2\n")
    root = write_site(tmp_path, {f"{n}.md": post(n, f"Tin {n}", f"2025-10-0{n}") for n in range(1, 6)},
                      config=config)
    assert run_mkdocs(root).returncode == 0
    assert [e.id for e in feed(root).entries] == [f"{SITE}p/5/", f"{SITE}p/4/"]


def test_backdated_post_is_warned_about(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin một", "2025-10-10"),
                                 "b.md": post(2, "Tin hai", "2025-10-01")})
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root,
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0
    assert ("WARNING -  loaxa: posts/b.md:4: date: bài đề ngày 01/10/2025, sớm hơn 9 ngày so với bài đã "
            "đăng posts/a.md (10/10/2025) → dịch vụ tự đăng lên Facebook, Zalo có thể bỏ qua bài "
            "này; nếu là bài mới, ghi ngày hôm nay") in result.stderr
