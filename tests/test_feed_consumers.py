"""The feeds as the programs that consume them read them: the W3C Feed Validator, two independent
Node.js feed readers (rss-parser, @extractus/feed-extractor), feedparser and the JSON Feed schema.

Every reader must link each item to its article (never to the short link, which only redirects),
keep the short link as the item's permanent identity, show titles and summaries exactly as
written, and find a picture for every item: its cover, or the site's share card.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import feedparser
import jsonschema
import lxml.html
import pytest
from conftest import post, run_mkdocs, write_site
from lxml import etree
from PIL import Image

HERE = Path(__file__).parent
DATA = HERE / "data"
NODE = HERE / "node"
FEEDCHECK = HERE / "feedcheck.py"
SITE = "https://xa.example.vn/"
ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
SHARE_CARD = f"{SITE}assets/loaxa/share.png"

HOSTILE_TITLE = "Hỏi đáp: \"căn cước\" & <thẻ> it's &amp; &copy; &#8220;`mã <b>`&#8221; ]]>"
HOSTILE_DESCRIPTION = "Mang \"căn cước\" & điện thoại <đã sạc>, it's &amp; &lt;b&gt; `x < y`."
ENTITY_TITLE = "Tin &quot;mới&quot; &#8220;hôm nay&#8221; &lt;3 &nbsp;"
COVER = "ảnh bìa/Ảnh bìa họp dân.png"   # spaces and diacritics, in a folder beside the post
HOSTILE_BODY = ("Giờ trực: `5 < 6 && \"7\" > 3` & 'tối' &amp; &copy; <b>đậm</b> ]]> hết.\n\n"
                "Đoạn hai.\n")


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# id: (file, title, slug, categories, summary as a reader must show it, cover)
POSTS = {
    1: ("2025/hoi-dap.md", HOSTILE_TITLE, "hoi-dap-can-cuoc", ["Hướng dẫn", "Tin tức"],
        HOSTILE_DESCRIPTION, f"2025/{COVER}"),
    2: ("lich-truc.md", "Lịch \"trực\" & <tối> thứ 7", "lich-truc", ["Thông báo"],
        "Giờ trực: 5 < 6 && \"7\" > 3 & 'tối' & © đậm ]]> hết.", None),
    3: ("video.md", "Video: quét mã QR", "video-quet-ma-qr", ["Video"], "Đoạn mở đầu.", None),
    4: ("tin-moi.md", ENTITY_TITLE, "tin-moi", ["Tin tức"], "Đoạn mở đầu.", None),
}
DATES = {1: "2025-10-01 08:00", 2: "2025-10-03", 3: "2025-10-05", 4: "2025-10-06 17:30"}
CATEGORY_FEEDS = {"Hướng dẫn": "category/huong-dan/feed.xml", "Tin tức": "category/tin-tuc/feed.xml",
                  "Thông báo": "category/thong-bao/feed.xml", "Video": "category/video/feed.xml"}
XML_FEEDS = ["feed.xml", "atom.xml", *CATEGORY_FEEDS.values()]


def _png(size: tuple[int, int] = (800, 420)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 110, 60)).save(buffer, "PNG")
    return buffer.getvalue()


def _posts() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {}
    for id, (name, title, slug, categories, _, cover) in POSTS.items():
        fields = {"slug": slug}
        body = "Đoạn mở đầu.\n\nĐoạn thứ hai.\n"
        if id == 1:
            fields.update(description=_yaml(HOSTILE_DESCRIPTION), tags=_yaml_list(["Q&A <mới>", "it's"]),
                          image=_yaml(COVER))
            body = HOSTILE_BODY
        elif id == 2:
            body = HOSTILE_BODY
        elif id == 3:
            fields["video"] = "https://www.youtube.com/watch?v=mK-vneid-01"
        files[name] = post(id, _yaml(title), DATES[id], _yaml_list(categories), body=body, **fields)
        if cover:
            files[cover] = _png()
    return files


def _yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(_yaml(v) for v in values) + "]"


def article(id: int) -> str:
    return f"{SITE}{POSTS[id][2]}/"


def short(id: int) -> str:
    return f"{SITE}p/{id}/"


def expected_ids(path: str) -> list[int]:
    """The posts a feed lists, newest first."""
    newest = sorted(POSTS, key=lambda id: DATES[id], reverse=True)
    for name, feed_path in CATEGORY_FEEDS.items():
        if path == feed_path:
            return [id for id in newest if name in POSTS[id][3]]
    return newest


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("consumers"), _posts())
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return root / "site"


def test_the_site_publishes_what_the_feeds_point_to(site):
    for id in POSTS:
        assert (site / POSTS[id][2] / "index.html").is_file(), id
        assert (site / f"p/{id}/index.html").is_file(), id
    for path in XML_FEEDS:
        assert (site / path).is_file(), path


# --- The W3C Feed Validator ------------------------------------------------------------------

@pytest.mark.parametrize("path", XML_FEEDS)
def test_w3c_feed_validator_finds_nothing(site, path):
    result = subprocess.run([sys.executable, str(FEEDCHECK), "--base", SITE, "--root", str(site),
                             str(site / path)], capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0 and "0 errors, 0 warnings" in result.stdout, (
        result.stdout + result.stderr)


# --- Two Node.js feed readers ----------------------------------------------------------------

def read_with_node(path: Path) -> dict[str, list[dict[str, str]]]:
    node = shutil.which("node")
    assert node, "Node.js is needed: sh scripts/test.sh installs Debian's nodejs and npm"
    assert (NODE / "node_modules").is_dir(), "the feed readers are missing: sh scripts/test.sh (npm ci)"
    result = subprocess.run([node, str(NODE / "read-feed.mjs"), str(path)], capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("path", XML_FEEDS)
def test_node_readers_link_every_item_to_its_article(site, path):
    readers = read_with_node(site / path)
    assert set(readers) == {"rss-parser", "feed-extractor"}
    ids = expected_ids(path)
    for reader, items in readers.items():
        assert [i["link"] for i in items] == [article(id) for id in ids], reader
        assert [i["id"] for i in items] == [short(id) for id in ids], reader
    if path != "atom.xml":
        # feed-extractor decodes entities a second time ("&amp;" shows as "&"): only
        # rss-parser's titles are compared.
        assert [i["title"] for i in readers["rss-parser"]] == [POSTS[id][1] for id in ids]


def test_node_reader_of_json_feed(site):
    items = read_with_node(site / "feed.json")["feed-extractor"]
    ids = expected_ids("feed.json")
    assert [i["link"] for i in items] == [article(id) for id in ids]
    assert [i["id"] for i in items] == [short(id) for id in ids]
    assert [i["title"] for i in items] == [POSTS[id][1] for id in ids]


# --- feedparser --------------------------------------------------------------------------------

def shown(detail) -> str:
    """What a reader shows of a feedparser text: HTML as its text, anything else as it is."""
    if detail.type in ("text/html", "application/xhtml+xml"):
        return lxml.html.fragment_fromstring(detail.value, create_parent="div").text_content()
    return detail.value


@pytest.mark.parametrize("path", XML_FEEDS)
def test_feedparser_agrees(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    ids = expected_ids(path)
    assert [e.link for e in parsed.entries] == [article(id) for id in ids]
    assert [e.id for e in parsed.entries] == [short(id) for id in ids]
    for entry, id in zip(parsed.entries, ids):
        if path.endswith("feed.xml"):
            # RSS titles are written as the RSS Profile says text is (hexadecimal references for
            # "&" and "<"), which the validator and rss-parser read as text: feedparser gets
            # exactly the characters written, though it labels text holding "&quot;" as HTML.
            assert entry.title_detail.value == POSTS[id][1], id
        else:
            assert shown(entry.title_detail) == POSTS[id][1], id
        assert shown(entry.summary_detail) == POSTS[id][4], id


@pytest.mark.parametrize("path", XML_FEEDS)
def test_every_item_has_a_picture(site, path):
    parsed = feedparser.parse((site / path).read_bytes())
    for entry, id in zip(parsed.entries, expected_ids(path)):
        thumbnails = [t["url"] for t in entry.get("media_thumbnail", [])]
        enclosures = [link.href for link in entry.links if link.rel == "enclosure"]
        cover = POSTS[id][5]
        picture = f"{SITE}posts/{cover}" if cover else SHARE_CARD
        assert thumbnails == [_encoded(picture)] and enclosures[:1] == [_encoded(picture)], id
        published = site / unquote(urlparse(enclosures[0]).path).lstrip("/")
        assert published.is_file(), enclosures[0]


def _encoded(url: str) -> str:
    parts = urlparse(url)
    return parts._replace(path=quote(parts.path)).geturl()


def test_rss_guid_is_the_short_link_and_not_a_permalink(site):
    tree = etree.parse(site / "feed.xml")
    for item, id in zip(tree.iterfind("channel/item"), expected_ids("feed.xml")):
        guid = item.find("guid")
        assert (guid.text, guid.get("isPermaLink")) == (short(id), "false")
        assert item.findtext("link") == article(id)
        enclosure = item.find("enclosure")
        assert enclosure is not None and enclosure.get("type") == "image/png", id
        assert int(enclosure.get("length")) == (site / unquote(urlparse(enclosure.get("url")).path)
                                                .lstrip("/")).stat().st_size
        assert item.find(f"{MEDIA}thumbnail") is not None, id


def test_atom_id_is_the_short_link_and_alternate_the_article(site):
    tree = etree.parse(site / "atom.xml")
    assert tree.findtext(f"{ATOM}icon") == f"{SITE}assets/loaxa/icon.png"
    for entry, id in zip(tree.iterfind(f"{ATOM}entry"), expected_ids("atom.xml")):
        assert entry.findtext(f"{ATOM}id") == short(id)
        links = [(link.get("rel"), link.get("href")) for link in entry.iterfind(f"{ATOM}link")]
        assert links[0] == ("alternate", article(id))
        assert [href for rel, href in links if rel == "alternate"] == [article(id)]
        assert any(rel == "enclosure" for rel, _ in links), id


# --- JSON Feed ---------------------------------------------------------------------------------

def test_json_feed_is_valid_with_square_icons(site):
    schema = json.loads((DATA / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    data = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    for key, size in (("icon", 512), ("favicon", 64)):
        assert data[key].startswith(SITE), key
        with Image.open(site / urlparse(data[key]).path.lstrip("/")) as image:
            assert image.format == "PNG" and image.size == (size, size), key
    ids = expected_ids("feed.json")
    assert [i["id"] for i in data["items"]] == [short(id) for id in ids]
    assert [i["url"] for i in data["items"]] == [article(id) for id in ids]
    for item, id in zip(data["items"], ids):
        assert item["title"] == POSTS[id][1], id
        assert item["summary"] == POSTS[id][4], id
        cover = POSTS[id][5]
        assert item["image"] == _encoded(f"{SITE}posts/{cover}" if cover else SHARE_CARD), id
