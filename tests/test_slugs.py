from pathlib import Path

from loaxa.addresses import reserved_slugs
from loaxa.settings import make_settings
from loaxa.slugs import fold, is_valid_slug, slugify


def test_vietnamese_marks_and_d_stroke():
    assert slugify("Hướng dẫn đăng ký tài khoản định danh điện tử") == (
        "huong-dan-dang-ky-tai-khoan-dinh-danh-dien-tu")
    assert slugify("ĐĂNG KÝ Đất đai") == "dang-ky-dat-dai"


def test_nfd_title_gives_same_slug_as_nfc():
    import unicodedata
    title = "Tập huấn kỹ năng số cho đồng bào dân tộc"
    assert slugify(unicodedata.normalize("NFD", title)) == slugify(title)
    assert slugify(title) == "tap-huan-ky-nang-so-cho-dong-bao-dan-toc"


def test_punctuation_quotes_and_emoji_dropped():
    assert slugify('Thông báo: "Lịch tiếp công dân" & <họp> 📢') == (
        "thong-bao-lich-tiep-cong-dan-hop")


def test_scripts_that_transliterate_to_nothing():
    assert slugify("বাংলা খবর") == ""
    assert slugify("ข่าวสาร") == ""
    assert slugify("📢📱") == ""


def test_cut_on_word_boundary():
    title = "Hướng dẫn " * 20
    slug = slugify(title)
    assert len(slug) <= 60
    assert is_valid_slug(slug)
    assert not slug.endswith("-")
    assert slug.split("-")[-1] in ("huong", "dan")


def test_valid_slug_pattern():
    assert is_valid_slug("huong-dan-vneid")
    assert not is_valid_slug("Huong-dan")
    assert not is_valid_slug("huong--dan")
    assert not is_valid_slug("hướng-dẫn")
    assert not is_valid_slug("-a")


def test_fold_for_comparison():
    assert fold("Tin tức") == fold("tin tuc") == "tin tuc"


def test_reserved_slugs_from_site_pages_and_blog_views():
    settings = make_settings(Path("/site"), {}, {"blog_dir": ".", "post_dir": "{blog}/posts"}, {})
    reserved = reserved_slugs(["gioi-thieu.md", "assets/x.css", "index.md"], settings)
    assert {"gioi-thieu", "assets", "archive", "category", "page", "posts", "p"} <= reserved


def test_heading_ids_keep_d_stroke():
    from loaxa.slugs import heading_id
    assert heading_id("Bước 1: Đăng ký tài khoản", "-") == "buoc-1-dang-ky-tai-khoan"
