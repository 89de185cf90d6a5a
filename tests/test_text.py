"""Every reader sees a post's title and summary exactly as written: pages, share previews, each
feed, the poster and the posters page, read back from a real build."""

from __future__ import annotations

import html
import io
import json
import unicodedata
from pathlib import Path

import feedparser
import lxml.html
import pytest
from conftest import post, run_mkdocs, write_site
from htmlparse import attrs, h1, texts
from loaxa.i18n import t
from loaxa.posts import Post, summary
from loaxa.text import (
    body_summary,
    html_blocks,
    html_text,
    render_markdown,
    summary_text,
    title_html,
    title_text,
)
from lxml import etree
from posterread import page_text

SITE = "https://xa.example.vn/"
ATOM = "{http://www.w3.org/2005/Atom}"
NFD = unicodedata.normalize("NFD", "Nà Khằn")
assert NFD != "Nà Khằn"


def visible(text: str) -> str:
    """What a reader sees of text written as plain text: NFC, white space folded."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# Plain text in the front matter: every character is itself, entities included.
TITLE_1 = """Họp  "khẩn" & <quan trọng> 'ngay' &amp; &nbsp; &lt;b&gt;"""
DESCRIPTION_1 = f"""Giá 5 < 7 & 8 > 6: <b>đậm</b> &amp; &nbsp; &lt;b&gt; ‹bản {NFD}> 'đơn' "kép\""""
TITLE_2 = "Giá 5 < 7 & 8 > 6"
# Markdown in the body: entities decoded, code kept as its text, "<" followed by a space is text.
BODY_2 = (f"""Giá 5 < 7 & 8 > 6, &amp; &nbsp; &lt;b&gt; `<tag>` ‹bản {NFD}>  'đơn' "kép"\n"""
          "dòng *hai*.\n\nĐoạn thứ hai.\n")
SUMMARY_2 = """Giá 5 < 7 & 8 > 6, & <b> <tag> ‹bản Nà Khằn> 'đơn' "kép" dòng hai."""
TITLE_3 = f"‹bản {NFD}>"
BODY_3 = "- một `a < b`\n- hai &amp; ba\n\nSau.\n"
SUMMARY_3 = "một a < b hai & ba"
SLUGS = {1: "hop-khan-quan-trong-ngay-amp-nbsp-lt-b-gt", 2: "gia-5-7-8-6", 3: "ban-na-khan"}


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


POSTS = {
    "a.md": post(1, _yaml(TITLE_1), "2025-10-01", description=_yaml(DESCRIPTION_1)),
    "b.md": post(2, _yaml(TITLE_2), "2025-10-02", body=BODY_2),
    "c.md": post(3, _yaml(TITLE_3), "2025-10-03", body=BODY_3),
}
TITLES = {1: visible(TITLE_1), 2: TITLE_2, 3: "‹bản Nà Khằn>"}
SUMMARIES = {1: visible(DESCRIPTION_1), 2: SUMMARY_2, 3: SUMMARY_3}
EXCERPTS = {1: "Đoạn mở đầu.", 2: SUMMARY_2, 3: SUMMARY_3}  # as Material shows the body
assert TITLES[1] == """Họp "khẩn" & <quan trọng> 'ngay' &amp; &nbsp; &lt;b&gt;"""
assert SUMMARIES[1] == """Giá 5 < 7 & 8 > 6: <b>đậm</b> &amp; &nbsp; &lt;b&gt; ‹bản Nà Khằn> 'đơn' "kép\""""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("text"), POSTS)
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def listing(page: str) -> list[tuple[str, str]]:
    """Each post of a blog index page: its title and its excerpt, as the reader sees them."""
    found = []
    for content in lxml.html.fromstring(page).find_class("md-post__content"):
        [title] = content.xpath("./h2")
        excerpt = [child.text_content() for child in content
                   if child is not title and "md-post__action" not in (child.get("class") or "")]
        found.append((visible(title.text_content()), visible(" ".join(excerpt))))
    return found


def shown_as_html(fragment: str) -> str:
    """The text a browser (or feed reader) shows for an HTML fragment."""
    return visible(lxml.html.fragment_fromstring(f"<div>{fragment}</div>").text_content())


@pytest.mark.parametrize("post_id", [1, 2, 3])
def test_article_page_title_and_heading(site, post_id):
    page = read(site, f"{SLUGS[post_id]}/index.html")
    assert texts(page, "title") == [f"{TITLES[post_id]} - Xã Thử"]
    assert h1(page) == [TITLES[post_id]]
    [share] = attrs(page, "div", **{"class": "loaxa-share"})
    assert share["data-title"] == TITLES[post_id]


@pytest.mark.parametrize("path", ["index.html", "category/tin-tuc/index.html", "archive/2025/index.html"])
def test_blog_index_titles_and_excerpts(site, path):
    assert listing(read(site, path)) == [(TITLES[n], EXCERPTS[n]) for n in (3, 2, 1)]


@pytest.mark.parametrize("post_id", [1, 2, 3])
def test_share_preview(site, post_id):
    page = read(site, f"{SLUGS[post_id]}/index.html")
    og = {a["property"]: a["content"] for a in attrs(page, "meta") if "property" in a}
    named = {a["name"]: a["content"] for a in attrs(page, "meta") if "name" in a}
    assert (og["og:title"], og["og:image:alt"], named["twitter:title"], named["twitter:image:alt"]) == (
        (TITLES[post_id],) * 4)
    assert (og["og:description"], named["twitter:description"]) == (SUMMARIES[post_id],) * 2


@pytest.mark.parametrize("path", ["feed.xml", "category/tin-tuc/feed.xml"])
def test_rss_item_title_and_description(site, path):
    items = etree.parse(site / path).findall("channel/item")
    assert [item.findtext("guid") for item in items] == [f"{SITE}p/{n}/" for n in (3, 2, 1)]
    for item, n in zip(items, (3, 2, 1)):
        assert item.findtext("title") == TITLES[n]
        description = item.findtext("description")
        # Readers take a description as HTML: it holds the text escaped once, and shows it.
        assert html.unescape(description) == SUMMARIES[n]
        assert "<" not in description and ">" not in description
        assert shown_as_html(description) == SUMMARIES[n]
    parsed = feedparser.parse((site / path).read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    for entry, n in zip(parsed.entries, (3, 2, 1)):
        assert (entry.title, entry.title_detail.type) == (TITLES[n], "text/plain")
        assert entry.summary_detail.type == "text/html"
        assert html.unescape(entry.summary) == SUMMARIES[n]
        assert shown_as_html(entry.summary) == SUMMARIES[n]


def test_atom_entry_title_and_summary(site):
    entries = etree.parse(site / "atom.xml").findall(f"{ATOM}entry")
    for entry, n in zip(entries, (3, 2, 1), strict=True):
        # Declared HTML and escaped once, so no reader takes "</b>" or "&amp;" for markup.
        assert entry.find(f"{ATOM}title").get("type") == "html"
        assert html.unescape(entry.findtext(f"{ATOM}title")) == TITLES[n]
        summary_element = entry.find(f"{ATOM}summary")
        assert summary_element.get("type") == "html"
        assert html.unescape(summary_element.text) == SUMMARIES[n]
    parsed = feedparser.parse((site / "atom.xml").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    for entry, n in zip(parsed.entries, (3, 2, 1), strict=True):
        assert (html.unescape(entry.title), entry.title_detail.type) == (TITLES[n], "text/html")
        assert (html.unescape(entry.summary), entry.summary_detail.type) == (SUMMARIES[n], "text/html")


def test_json_feed_title_and_summary(site):
    items = json.loads(read(site, "feed.json"))["items"]
    assert [(i["id"], i["title"], i["summary"]) for i in items] == [
        (f"{SITE}p/{n}/", TITLES[n], SUMMARIES[n]) for n in (3, 2, 1)]


@pytest.mark.parametrize("post_id", [1, 2, 3])
def test_poster_text(site, post_id):
    date = t("poster.date", "vi", date=f"0{post_id}/10/2025")
    assert page_text(site / f"posters/{post_id}.pdf") == (
        f"ỦY BAN NHÂN DÂN XÃ THỬ {t('poster.site_label', 'vi')} {TITLES[post_id]} {SUMMARIES[post_id]} "
        f"{t('poster.cta', 'vi')} {t('poster.link_label', 'vi')} xa.example.vn/p/{post_id}/ {date}")


def test_posters_page_link_text(site):
    page = lxml.html.fromstring(read(site, "posters/index.html"))
    links = [(a.get("href"), a.text_content()) for a in page.iter("a")
             if a.get("href", "").endswith(".pdf") and a.get("href")[0].isdigit()]
    assert links == [("2025-10.pdf", t("posters.batch", "vi", count=3)),
                     *((f"{n}.pdf", TITLES[n]) for n in (3, 2, 1))]


# The rules themselves, without a build.

def test_title_as_text_and_as_html():
    assert title_text(f"  ‹bản\t{NFD}>\n &amp; ") == "‹bản Nà Khằn> &amp;"
    assert title_html(f"""Họp "khẩn" & <b>'x'</b> {NFD}""") == (
        "Họp &quot;khẩn&quot; &amp; &lt;b&gt;&#x27;x&#x27;&lt;/b&gt; Nà Khằn")
    assert html.unescape(title_html(TITLE_1)) == TITLES[1]


def test_description_is_the_summary_as_written():
    assert summary_text(f" <b>x</b>  &amp; {NFD} ", "Thân bài.") == "<b>x</b> &amp; Nà Khằn"
    assert summary_text(None, BODY_2) == SUMMARY_2
    assert summary_text("", BODY_2) == SUMMARY_2
    fields = dict(source="posts/a.md", relpath="a.md", id=1, title="T", date=None,
                  categories=("Tin tức",), slug="t")
    assert summary(Post(**fields, body=BODY_3)) == SUMMARY_3
    assert summary(Post(**fields, body=BODY_3, description="Mô tả")) == "Mô tả"


@pytest.mark.parametrize("body, expected", [
    ("Giá 5 < 7 & 8 > 6\n", "Giá 5 < 7 & 8 > 6"),
    ("a&nbsp;b &copy; &#7871; &#x1EBF; &amp;amp;\n", "a b © ế ế &amp;"),
    ("Dùng `<b>` và ``a ` b``, <kbd>Ctrl</kbd>.\n", "Dùng <b> và a ` b, Ctrl."),
    ("# Tiêu đề\n\n## Mục\n\nĐoạn **một** [liên kết](x.md) ![ảnh](a.png).\n", "Đoạn một liên kết ."),
    ("![ảnh](a.png){ width=300 }\n\nSau ảnh.\n", "Sau ảnh."),
    ('!!! note "Chú ý"\n    Trong hộp.\n\nNgoài hộp.\n', "Ngoài hộp."),
    ("??? note\n\n    Ẩn.\n\nHiện.\n", "Hiện."),
    ("```\nmã\n\n\nvẫn mã\n```\n\nSau mã.\n", "Sau mã."),
    ("| a | b |\n|---|---|\n| 1 | 2 |\n\nSau bảng.\n", "Sau bảng."),
    ("Dòng một  \ndòng hai<br>dòng ba\n", "Dòng một dòng hai dòng ba"),
    ("> Trích <dẫn>\n> tiếp\n", "Trích tiếp"),
    ("1. một\n2. hai\n", "một hai"),
    ("Xem [văn bản][vb].\n\n" + "Đoạn.\n\n" * 20 + "[vb]: https://x.vn/\n", "Xem văn bản."),
    ("Có <!-- more --> chú thích<script>bad()</script><style>p{}</style>.\n", "Có chú thích."),
    ("# Chỉ tiêu đề\n", ""),
    ("", ""),
])
def test_summary_from_the_body(body, expected):
    assert body_summary(body) == expected


def test_long_body_summary_is_the_whole_body_rendering():
    """Rendering only the first blocks of a long body finds what rendering it all finds."""
    bodies = [
        "# A\n\n```\n" + "x\n\n" * 10 + "```\n\n" + "## B\n\n" * 6
        + "- list\n\n- more\n\n    continued\n\nafter\n",
        "## A\n\n" * 5 + "Đoạn\ncòn tiếp\n\n    mã\n\nsau\n",
        "<div>\n\nthô\n\n</div>\n\n" + "## A\n\n" * 4 + "Đoạn.\n",
    ]
    for body in bodies:
        blocks = html_blocks(render_markdown(body))
        first = next(text for tag, text in blocks if tag in ("p", "ul", "ol", "blockquote") and text)
        assert body_summary(body) == first


def test_html_text():
    assert html_text("<p>a &lt;b&gt;</p><p>c<br>d</p><ul><li>e</li><li>f</li></ul>") == "a <b> c d e f"
    assert html_text("x <span>y</span>z &nbsp; <img alt='ảnh'>") == "x yz"


def test_rss_description_carries_escaped_text(tmp_path):
    from datetime import datetime, timezone

    from loaxa.feeds import Channel, FeedItem, build_feeds
    written = "<b>đậm</b> & &amp; ]]> ‹bản>"
    item = FeedItem(post=Post(source="posts/a.md", relpath="a.md", id=1, title="<i>T</i> & co",
                              date=datetime(2025, 10, 1, tzinfo=timezone.utc), categories=("Tin",),
                              slug="t", body="", description=written),
                    url=f"{SITE}t/", short_url=f"{SITE}p/1/", content_html="<p>x</p>")
    feeds = build_feeds(Channel("Xã", SITE, "", "vi", "Xã"), [item])
    rss = etree.parse(io.BytesIO(feeds["feed.xml"]))
    assert rss.findtext("channel/item/description") == html.escape(written, quote=False)
    assert rss.findtext("channel/item/title") == "<i>T</i> & co"
    atom = etree.parse(io.BytesIO(feeds["atom.xml"]))
    assert html.unescape(atom.findtext(f"{ATOM}entry/{ATOM}summary")) == written
    assert atom.findtext(f"{ATOM}entry/{ATOM}content") == "<p>x</p>"
    assert json.loads(feeds["feed.json"])["items"][0]["summary"] == written


def test_a_post_of_pictures_only_has_no_empty_summary(tmp_path):
    from datetime import datetime, timezone

    from loaxa.feeds import Channel, FeedItem, build_feeds
    item = FeedItem(post=Post(source="posts/a.md", relpath="a.md", id=1, title="Ảnh họp dân",
                              date=datetime(2025, 10, 1, tzinfo=timezone.utc), categories=("Tin",),
                              slug="t", body="![Bà con họp](hop.jpg)\n"),
                    url=f"{SITE}t/", short_url=f"{SITE}p/1/", content_html="<p><img src='x'></p>")
    feeds = build_feeds(Channel("Xã", SITE, "", "vi", "Xã"), [item])
    atom = etree.parse(io.BytesIO(feeds["atom.xml"]))
    assert atom.find(f"{ATOM}entry/{ATOM}summary") is None
    assert etree.parse(io.BytesIO(feeds["feed.xml"])).findtext("channel/item/description") != ""
    assert "summary" not in json.loads(feeds["feed.json"])["items"][0]


def test_search_index_holds_titles_and_text_as_written(site):
    """Pagefind's index (what the search page finds and shows) reads the built pages."""
    import gzip

    found = {}
    for fragment in (site / "pagefind/fragment").iterdir():
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        found[record["meta"]["title"]] = record["content"]
    for n in (1, 2, 3):
        assert TITLES[n] in found, sorted(found)
    content = found[TITLES[3]]  # Pagefind ends each block with a full stop
    assert "một a < b." in content and "hai & ba." in content and "&lt;" not in content
