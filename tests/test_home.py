"""The home page a resident understands at a glance: who speaks, the notice in force, a tile per
section, the newest posts as cards with their cover's smallest picture, and a phone to tap; the
pages around it (guides as steps, the page of a wrong address) in the site's language."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urljoin

import lxml.html
import pytest
import yaml
from conftest import copy_sample, post, run_mkdocs, site_config, write_site
from loaxa.dates import VIETNAM
from PIL import Image

NOW = datetime.now(VIETNAM)
HOME = {"index.md": "---\ntitle: Trang chủ\n---\n\n<!-- loaxa:trang-chu -->\n"}


def day(offset: int) -> str:
    return f"{NOW + timedelta(days=offset):%Y-%m-%d}"


def tree(built, url_path: str = "") -> lxml.html.HtmlElement:
    return lxml.html.fromstring(built.page(url_path))


def target(built, page_url: str, href: str) -> Path:
    """The file a link of the page at `page_url` leads to, in the built site."""
    path = unquote(urljoin("https://x/" + page_url, href)[len("https://x/"):]).split("#")[0]
    return built.site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = copy_sample(tmp_path_factory.mktemp("home") / "site")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return built


def test_the_first_screen_says_who_speaks_and_leads_to_every_section(sample):
    page = tree(sample)
    [identity] = page.xpath('//h1[@class="loaxa-identity"]')
    assert "MƯỜNG KIM" in identity.text_content().upper()
    assert "Trang thông tin điện tử" in identity.text_content()
    [tiles] = page.xpath('//nav[@class="loaxa-tiles"]')
    assert tiles.get("aria-label") == "Đi nhanh đến chuyên mục"  # not the menu's "Chuyên mục"
    found = {a.text_content().strip(): a.get("href") for a in tiles.xpath(".//a")}
    assert list(found) == ["Tin tức", "Hướng dẫn", "Video", "Thông báo", "Văn bản"]
    assert found["Tin tức"] == "category/tin-tuc/" and found["Văn bản"] == "van-ban/"
    for label, href in found.items():
        assert target(sample, "", href).is_file(), (label, href)
    # Each tile draws its icon inline: no request for it.
    assert all(a.xpath("./svg[@aria-hidden='true']/path") for a in tiles.xpath(".//a"))
    # The tiles come before the first card.
    html = sample.page("")
    assert html.index('class="loaxa-tiles"') < html.index('class="md-post md-post--excerpt"')


def test_cards_show_the_covers_smallest_picture_lazily_below_the_first(sample):
    page = tree(sample)
    cards = page.xpath('//article[contains(@class, "md-post--excerpt")]')
    assert len(cards) == 8
    pictures = []
    for card in cards:
        [link] = card.xpath('.//h2/a[@class="toclink"]')
        source = target(sample, "", link.get("href")).read_text(encoding="utf-8")
        has_cover = 'class="loaxa-cover"' in source or 'class="loaxa-video"' in source and ".webp" in source
        images = card.xpath('./div[@class="loaxa-thumb"]/img')
        if not images:
            continue
        [image] = images
        pictures.append(image)
        assert has_cover, link.get("href")
        # The cover, 480 px wide, cut to the 2:1 a card shows and compressed harder: no larger
        # than the cover's own 480 px picture.
        assert image.get("src").endswith("-the-480.webp"), image.get("src")
        assert (image.get("width"), image.get("height")) == ("480", "240")
        card = target(sample, "", image.get("src"))
        with Image.open(card) as picture:
            assert (picture.format, picture.size) == ("WEBP", (480, 240))
        cover = card.with_name(card.name.replace("-the-480.webp", "-480.webp"))
        assert cover.is_file() and card.stat().st_size <= cover.stat().st_size
        assert image.get("alt") == ""  # the card's title says what it is
        # The same picture as the cover the article itself shows.
        assert image.get("src").removesuffix("-the-480.webp") in source
    assert len(pictures) >= 3
    # Only the first card may be on the first screen: the others load as the reader scrolls.
    first = cards[0].xpath('./div[@class="loaxa-thumb"]/img')
    assert all(image.get("loading") == "lazy" for image in pictures if image not in first)
    assert all(image.get("loading") is None for image in first)
    category = tree(sample, "category/huong-dan").xpath('//article[contains(@class, "md-post--excerpt")]')
    [eager] = category[0].xpath('./div[@class="loaxa-thumb"]/img')
    assert eager.get("loading") is None and eager.get("src").endswith("-the-480.webp")
    assert all(c.xpath('./div[@class="loaxa-thumb"]/img/@loading') == ["lazy"] for c in category[1:]
               if c.xpath('./div[@class="loaxa-thumb"]'))


def test_a_phone_number_to_tap_the_address_and_the_hours_before_the_footer(sample):
    data = yaml.safe_load((sample.root / "docs/xa.yml").read_text(encoding="utf-8"))
    centre = data["service_centre"]
    html = sample.page("")
    page = lxml.html.fromstring(html)
    [strip] = page.xpath('//aside[@class="loaxa-contact"]')
    assert html.index('class="loaxa-contact"') < html.index('<footer class="md-footer">')
    [call] = strip.xpath('.//a[@class="loaxa-call"]')
    assert call.get("href") == "tel:" + re.sub(r"\D", "", centre["hotline"])
    assert re.fullmatch(r"tel:\+?\d{9,12}", call.get("href"))
    assert centre["hotline"] in call.text_content()
    text = strip.text_content()
    assert centre["address"] in text and all(line in text for line in centre["hours"])
    [more] = strip.xpath('.//a[@class="loaxa-contact__more"]')
    assert more.get("href") == "lien-he/" and target(sample, "", more.get("href")).is_file()
    # Only on the home page: the later pages of the list are lists.
    assert 'class="loaxa-contact"' not in sample.page("page/2")
    assert 'class="loaxa-identity"' not in sample.page("page/2")


def test_the_banner_is_the_newest_notice_in_force(tmp_path):
    posts = {
        "a.md": post(2, "Lịch tiếp dân tháng trước", day(-3), categories="[Thông báo]", expires=day(-1)),
        "b.md": post(1, "Lịch họp thôn tháng này", day(-10), categories="[Thông báo]", expires=day(20)),
        "c.md": post(4, "Tập huấn kỹ năng số", day(-1)),
        "d.md": post(5, "Thông báo cắt điện ngày mai", day(5), categories="[Thông báo]"),  # not yet out
        "e.md": post(3, "Lịch trực Tết", day(-2), categories="[Thông báo]", draft="true"),
    }
    built = run_mkdocs(write_site(tmp_path / "one", posts, docs=HOME))
    assert built.returncode == 0, built.output
    [banner] = tree(built).xpath('//a[@class="loaxa-banner"]')
    assert "Lịch họp thôn tháng này" in banner.text_content()
    assert banner.get("href") == "lich-hop-thon-thang-nay/"
    assert f"hiệu lực đến hết {NOW + timedelta(days=20):%d/%m/%Y}" in banner.text_content()
    assert "tháng trước" not in built.page("").split('class="loaxa-tiles"')[0]

    # With every notice expired there is no banner at all.
    posts["b.md"] = post(1, "Lịch họp thôn tháng này", day(-10), categories="[Thông báo]", expires=day(-5))
    built = run_mkdocs(write_site(tmp_path / "two", posts, docs=HOME))
    assert built.returncode == 0, built.output
    assert tree(built).xpath('//a[@class="loaxa-banner"]') == []
    # Sections with nothing to read have no tile; with no contact data, no strip.
    tiles = [a.text_content().strip() for a in tree(built).xpath('//nav[@class="loaxa-tiles"]//a')]
    assert tiles == ["Tin tức", "Thông báo"]
    assert 'class="loaxa-contact"' not in built.page("")


def test_guides_read_as_big_numbered_steps(sample):
    guide = tree(sample, "huong-dan-cai-dat-va-kich-hoat-ung-dung-vneid")
    steps = guide.xpath('//ol[@class="loaxa-steps"]')
    assert steps and all(len(ol.xpath("./li")) >= 2 for ol in steps)
    assert all(ol.get("role") == "list" for ol in steps)  # still a list to a screen reader
    news = sample.page("muong-kim-phat-dong-phong-trao-binh-dan-hoc-vu-so")
    assert "<ol>" in news and "loaxa-steps" not in news.split("<article")[1]


def test_every_page_a_resident_sees_is_in_vietnamese(sample):
    english = re.compile(r">\s*(Metadata|Made with|Material for MkDocs|404 - Not found)\s*<"
                         r'|aria-label="Tabs"')
    pages = [p for p in sample.site.rglob("*.html") if "admin" not in p.parts and "en" not in p.parts]
    assert len(pages) > 30
    for path in pages:
        found = english.search(path.read_text(encoding="utf-8"))
        assert found is None, (path, found and found[0])
    article = sample.page("muong-kim-phat-dong-phong-trao-binh-dan-hoc-vu-so")
    assert re.search(r'<div class="md-post__title">\s*<span class="md-ellipsis">\s*Thông tin bài viết',
                     article)


def test_the_page_of_a_wrong_address_leads_home_and_to_search(sample):
    html = (sample.site / "404.html").read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert page.xpath("//h1")[0].text_content() == "Không tìm thấy trang này"
    links = {a.text_content(): a.get("href") for a in page.xpath('//p[@class="loaxa-not-found"]/a')}
    # Shown at any address: its links are absolute.
    assert links == {"Về trang chủ": "/", "Tìm bài viết": "/tim-kiem/"}
    # In loaxa's colours, with the search button of every page.
    assert "--md-primary-fg-color: #b71c1c" in html and 'href="/tim-kiem/"' in html.split("</header>")[0]
    assert '<meta name="text-scale" content="scale">' in html


def test_the_contact_strip_follows_the_contact_page_when_it_moves(tmp_path):
    """The home page is carried over between builds only while what it shows is unchanged: the
    page of every contact is part of that."""
    root = copy_sample(tmp_path / "site")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert tree(built).xpath('//a[@class="loaxa-contact__more"]/@href') == ["lien-he/"]
    contact = (root / "docs/lien-he.md").read_text(encoding="utf-8")
    (root / "docs/lien-he.md").write_text(contact.replace("<!-- loaxa:lien-he -->", ""), encoding="utf-8")
    about = (root / "docs/gioi-thieu.md").read_text(encoding="utf-8")
    (root / "docs/gioi-thieu.md").write_text(about + "\n<!-- loaxa:lien-he -->\n", encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert tree(built).xpath('//a[@class="loaxa-contact__more"]/@href') == ["gioi-thieu/"]


def test_the_first_screen_on_the_sites_first_page_when_the_blog_has_its_own_folder(tmp_path):
    config = site_config().replace("blog_dir: .", "blog_dir: tin")
    posts = {"a.md": post(1, "Lịch họp thôn", day(-3), categories="[Thông báo]")}
    built = run_mkdocs(write_site(tmp_path / "site", posts, config, docs={**HOME, "tin/index.md": "# Tin\n"}))
    assert built.returncode == 0, built.output
    page = tree(built)
    assert page.xpath('//h1[@class="loaxa-identity"]')
    [banner] = page.xpath('//a[@class="loaxa-banner"]')
    assert banner.get("href") == "tin/lich-hop-thon/" and target(built, "", banner.get("href")).is_file()
    tiles = page.xpath('//nav[@class="loaxa-tiles"]//a/@href')
    assert tiles == ["tin/category/thong-bao/"] and target(built, "", tiles[0]).is_file()
