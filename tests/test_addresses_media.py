"""Every address a build publishes for a post's pictures and files leads to a published file:
raw HTML in the body, names with spaces and diacritics, share previews of small covers."""

from __future__ import annotations

import io
import json
import posixpath
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from conftest import post, run_mkdocs, write_site
from htmlparse import attrs
from lxml import etree
from PIL import Image

SITE = "https://xa.example.vn/"
COVER = "Ảnh họp dân.JPG"


def picture(width: int, height: int, kind: str = "PNG", colour=(30, 120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, kind)
    return buffer.getvalue()


def noisy_jpeg(width: int, height: int) -> bytes:
    """A photo-like JPEG: large enough that its WebP variants are smaller than JPEG ones."""
    buffer = io.BytesIO()
    Image.effect_noise((width, height), 20).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def on_disk(site: Path, page: str, url: str) -> Path:
    """The published file `url` (as written on the page at `page`, a site path) leads to."""
    absolute = urljoin(SITE + page, url)
    assert absolute.startswith(SITE), absolute
    return site / unquote(urlsplit(absolute).path.removeprefix("/"))


def published_file(site: Path, url: str) -> Path:
    """The file an absolute URL of the site leads to, checked to be written percent-encoded."""
    assert url.startswith(SITE), url
    assert url.isascii() and " " not in url, url
    path = site / unquote(urlsplit(url).path.removeprefix("/"))
    assert path.is_file(), url
    return path


def srcset_urls(srcset: str) -> list[str]:
    """The candidate URLs of a srcset, as a browser splits it: a URL ends at white space, and a
    candidate at the comma after its width."""
    urls = []
    for candidate in srcset.split(", "):
        parts = candidate.split(" ")
        assert len(parts) == 2 and parts[1].endswith("w") and parts[1][:-1].isdigit(), candidate
        assert "," not in parts[0], candidate
        urls.append(parts[0])
    return urls


def meta(page: str, name: str) -> str:
    found = attrs(page, "meta", property=name) or attrs(page, "meta", name=name)
    [tag] = found
    return tag["content"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    body = ('Mở đầu.\n\n<p><img src="anh/so-do.png" alt="Sơ đồ điểm họp"></p>\n\n'
            '<p><a href="tai-lieu.pdf">Tải biên bản</a> · <a href="tai-lieu.pdf#page=2">trang 2</a> · '
            '<a href="anh/Bản đồ xã.png">Bản đồ</a></p>\n\n'
            "![Sơ đồ, bản Markdown](anh/so-do.png)\n")
    root = write_site(tmp_path_factory.mktemp("addresses"), {
        "2025/hop-dan.md": post(1, "Họp dân tháng mười", image=COVER, body=body),
        f"2025/{COVER}": noisy_jpeg(2000, 1200),
        "2025/anh/so-do.png": picture(300, 200),
        "2025/anh/Bản đồ xã.png": picture(320, 240, colour=(200, 30, 30)),
        "2025/tai-lieu.pdf": b"%PDF bien ban",
        "nho.md": post(2, "Tin ảnh nhỏ", "2025-10-02", image="nho.png"),
        "nho.png": picture(400, 300),
    })
    result = run_mkdocs(root)
    assert result.returncode == 0, result.output
    return root


def test_raw_html_addresses_lead_to_published_files_on_the_page(built):
    site = built / "site"
    page = (site / "hop-dan-thang-muoi/index.html").read_text(encoding="utf-8")
    [img] = attrs(page, "img", alt="Sơ đồ điểm họp")
    with Image.open(on_disk(site, "hop-dan-thang-muoi/", img["src"])) as shown:
        assert shown.size == (300, 200)
    # Sized like a Markdown picture: its srcset leads to published files too.
    assert all(on_disk(site, "hop-dan-thang-muoi/", url).is_file() for url in srcset_urls(img["srcset"]))
    links = {a.get("href") for a in attrs(page, "a")}
    documents = [h for h in links if h and "tai-lieu.pdf" in h]
    assert len(documents) == 2 and any(h.endswith("#page=2") for h in documents)
    for href in documents:
        assert on_disk(site, "hop-dan-thang-muoi/", href.split("#")[0]).read_bytes() == b"%PDF bien ban"
    [map_link] = [h for h in links if h and "B%E1%BA%A3n" in h]
    assert map_link.isascii() and " " not in map_link
    assert on_disk(site, "hop-dan-thang-muoi/", map_link).is_file()
    # The Markdown picture, which MkDocs placed already, is left as it was.
    [markdown] = attrs(page, "img", alt="Sơ đồ, bản Markdown")
    assert markdown["src"] == img["src"]


def test_raw_html_addresses_are_absolute_and_published_in_every_feed(built):
    site = built / "site"
    rss = etree.parse(str(site / "feed.xml"))
    atom = etree.parse(str(site / "atom.xml"))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    contents = [rss.find("channel/item[title='Họp dân tháng mười']/{*}encoded"),
                atom.find("{*}entry[{*}title='Họp dân tháng mười']/{*}content")]
    bodies = [element.text for element in contents if element is not None]
    bodies += [item["content_html"] for item in feed["items"] if item["title"] == "Họp dân tháng mười"]
    assert len(bodies) >= 2
    for body in bodies:
        addresses = [a["href"] for a in attrs(body, "a") if a.get("href")]
        addresses += [img["src"] for img in attrs(body, "img")]
        assert any("tai-lieu.pdf" in url for url in addresses), body
        for url in addresses:
            if url.startswith(SITE + "posts/"):
                published_file(site, url.split("#")[0])
        assert not [url for url in addresses if "/hop-dan-thang-muoi/anh/" in url
                    or url.endswith("hop-dan-thang-muoi/tai-lieu.pdf")], addresses


def test_a_cover_named_with_spaces_and_diacritics_has_working_addresses(built):
    site = built / "site"
    page = (site / "hop-dan-thang-muoi/index.html").read_text(encoding="utf-8")
    [figure_img] = [img for img in attrs(page, "img") if "%E1%BA%A2nh" in img.get("src", "")]
    assert " " not in figure_img["src"] and figure_img["src"].isascii()
    assert on_disk(site, "hop-dan-thang-muoi/", figure_img["src"]).is_file()
    urls = srcset_urls(figure_img["srcset"])
    assert len(urls) >= 2
    files = [on_disk(site, "hop-dan-thang-muoi/", url) for url in urls]
    assert all(path.is_file() for path in files), urls
    # What a browser that shows WebP picks: a WebP variant, published.
    assert any(path.suffix == ".webp" for path in files), urls
    for name in ("og:image", "twitter:image"):
        with Image.open(published_file(site, meta(page, name))) as shared:
            assert shared.size == (int(meta(page, "og:image:width")), int(meta(page, "og:image:height")))
    assert unquote(meta(page, "og:image")).endswith(COVER)

    rss = etree.parse(str(site / "feed.xml"))
    item = rss.find("channel/item[title='Họp dân tháng mười']")
    enclosure = item.find("enclosure")
    assert published_file(site, enclosure.get("url")).stat().st_size == int(enclosure.get("length"))
    for element in item.iter("{http://search.yahoo.com/mrss/}content",
                             "{http://search.yahoo.com/mrss/}thumbnail"):
        published_file(site, element.get("url"))
    atom = etree.parse(str(site / "atom.xml"))
    entry = atom.find("{*}entry[{*}title='Họp dân tháng mười']")
    [link] = [link for link in entry.iterfind("{*}link") if link.get("rel") == "enclosure"]
    published_file(site, link.get("href"))
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    [json_item] = [i for i in feed["items"] if i["title"] == "Họp dân tháng mười"]
    published_file(site, json_item["image"])


def test_a_small_cover_is_shared_at_1200_by_630(built):
    site = built / "site"
    page = (site / "tin-anh-nho/index.html").read_text(encoding="utf-8")
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == ("1200", "630")
    for name in ("og:image", "twitter:image"):
        path = published_file(site, meta(page, name))
        with Image.open(path) as shared:
            assert shared.size == (1200, 630) and shared.format == "JPEG"
    assert meta(page, "og:image") == f"{SITE}assets/loaxa/xem-truoc/2.jpg"
    # The cover itself is still what the article shows.
    assert any(unquote(img.get("src", "")).endswith("nho.png") for img in attrs(page, "img"))


def test_the_share_preview_is_the_same_bytes_when_built_again(built, tmp_path):
    first = (built / "site/assets/loaxa/xem-truoc/2.jpg").read_bytes()
    again = write_site(tmp_path / "again", {"nho.md": post(2, "Tin ảnh nhỏ", "2025-10-02", image="nho.png"),
                                            "nho.png": picture(400, 300)})
    result = run_mkdocs(again)
    assert result.returncode == 0, result.output
    assert (again / "site/assets/loaxa/xem-truoc/2.jpg").read_bytes() == first


@pytest.mark.parametrize(("language", "expected"), [
    ("vi", "posts/nho.md:6: image: ảnh bìa `nho.png` khi đăng chỉ 400×300 điểm ảnh, nhỏ hơn cỡ "
           "1200×630 mà Facebook khuyên dùng"),
    ("en", "posts/nho.md:6: image: cover `nho.png` is published at only 400×300 px, smaller than "
           "the 1200×630 Facebook recommends"),
])
def test_check_advises_on_a_small_cover(tmp_path, language, expected):
    from conftest import site_config
    root = write_site(tmp_path, {"nho.md": post(2, "Tin ảnh nhỏ", image="nho.png"),
                                 "nho.png": picture(400, 300),
                                 "lon.md": post(3, "Tin ảnh lớn", image="lon.png"),
                                 "lon.png": picture(1600, 900)},
                      config=site_config(language=language))
    checked = subprocess.run([sys.executable, "-m", "loaxa.cli", "check"], cwd=root,
                             capture_output=True, text=True, encoding="utf-8")
    assert checked.returncode == 0, checked.stderr
    lines = [line.strip() for line in checked.stdout.splitlines()]
    assert [line for line in lines if line.startswith(expected)], checked.stdout
    assert "600×315" in checked.stdout
    assert not [line for line in lines if line.startswith("posts/lon.md")], checked.stdout


def test_addresses_of_the_share_preview_are_by_post_id():
    from loaxa import addresses
    assert addresses.share_preview(12) == "assets/loaxa/xem-truoc/12.jpg"
    assert addresses.relative_url("posts/Ảnh họp dân.JPG", "tin/") == (
        "../posts/%E1%BA%A2nh%20h%E1%BB%8Dp%20d%C3%A2n.JPG")
    assert posixpath.basename(addresses.url_path("a/b c,d.png")) == "b%20c%2Cd.png"
