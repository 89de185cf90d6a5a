"""Posters with the commune's identity, read back from real PDFs: the header and campaign, the emblem
and the cover in grey, a QR code of one size per paper, titles whole in every script a face draws,
and `loaxa check` and the build telling staff what a poster cannot print."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from conftest import post, run_mkdocs, site_config, write_site
from loaxa import fonts
from loaxa.poster import PAPERS, PosterContent, PosterError, render_posters
from PIL import Image, ImageDraw
from posterread import drawn_images, page_text, read_qr, text_spans

SITE = "https://xa.example.vn/"
TAI_DAM = "ꪼꪕꪒꪾ"  # "Tai Dam", the Black Thái's name for themselves, in their Tai Viet script
CAMPAIGN = 'Phong trào "Bình dân học vụ số"'
LONG = ("Thông báo về việc tổ chức các lớp tập huấn kỹ năng số cho người cao tuổi, người nghèo và đồng "
        "bào dân tộc thiểu số tại các thôn, bản vùng cao của xã trong tháng mười năm hai nghìn không "
        "trăm hai mươi lăm, mời bà con đăng ký sớm với trưởng thôn hoặc tổ công nghệ số cộng đồng để "
        "được xếp lớp gần nhà, mang theo điện thoại thông minh, căn cước công dân và sổ hộ khẩu; lớp "
        "học miễn phí, có cán bộ hướng dẫn từng bước cài đặt VNeID và ứng dụng ngân hàng")


def identity_config(extra: str = "", language: str = "vi") -> str:
    options = f"      province: Lai Châu\n      poster_campaign: '{CAMPAIGN}'\n{extra}"
    return site_config(language).replace("  - loaxa\n", "  - loaxa:\n" + options)


def loaxa(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


def build(root: Path, *, strict: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else [])],
                          cwd=root, capture_output=True, text=True, encoding="utf-8")


def emblem_png(path: Path) -> None:
    """A plain logo in colour, with transparent corners: a ring and a bar, no real emblem."""
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 290, 290), outline=(200, 30, 30), width=30)
    draw.rectangle((120, 60, 180, 240), fill=(30, 90, 200))
    image.save(path)


def dull_cover(path: Path) -> None:
    """A photo in colour with little contrast (every value between 90 and 170)."""
    image = Image.new("RGB", (1200, 700), (150, 120, 100))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 400, 1200, 700), fill=(90, 110, 95))
    draw.ellipse((500, 100, 700, 300), fill=(170, 165, 120))
    image.save(path, "JPEG", quality=90)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    posts = {
        "a.md": post(1, "Lịch tiếp công dân tháng 10", "2025-10-01", image="bia.jpg",
                     description="Chủ tịch UBND xã tiếp công dân sáng thứ Năm."),
        "b.md": post(2, f"Lớp học chữ Thái {TAI_DAM} cho bà con bản Nà Khằn", "2025-10-02"),
        "c.md": post(3, f'"{LONG}"', "2025-10-03", poster_title="Tập huấn kỹ năng số cho bà con vùng cao"),
        "d.md": post(123456789, "Tin ngắn", "2025-10-04"),
    }
    root = write_site(tmp_path_factory.mktemp("identity"), posts,
                      config=identity_config("      poster_emblem: anh/logo.png\n"))
    emblem_png(root / "docs/anh/logo.png")
    dull_cover(root / "posts/bia.jpg")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    return root


def test_header_lines_campaign_and_site_label(site):
    text = page_text(site / "site/posters/1.pdf")
    for expected in ["ỦY BAN NHÂN DÂN XÃ THỬ", "TỈNH LAI CHÂU", "Trang thông tin điện tử", CAMPAIGN]:
        assert expected in text, expected
    spans = {span.text: span for span in text_spans(site / "site/posters/1.pdf")}
    header = spans["ỦY BAN NHÂN DÂN XÃ THỬ"]
    assert header.font == "BeVietnamPro-Bold"
    assert header.y > spans["TỈNH LAI CHÂU"].y > spans["Trang thông tin điện tử"].y > spans[CAMPAIGN].y
    # Centred on the page, as a notice's header is.
    drawn = fonts.width(header.text, fonts.BOLD, header.size)
    assert abs(header.x + drawn / 2 - PAPERS["A4"].size[0] / 2) < 1


def test_emblem_at_the_headers_left_and_cover_in_grey(site):
    images = drawn_images(site / "site/posters/1.pdf")
    assert len(images) == 2
    emblem, cover = sorted(images, key=lambda image: -image.y)
    width, height = PAPERS["A4"].size
    assert emblem.x < width / 4 and emblem.y > height * 0.85  # top left
    assert emblem.colour_space == cover.colour_space == "/DeviceGray"
    assert "/DCTDecode" in cover.filter  # a photo, kept as JPEG
    # The cover was stretched to black and white: a grey printer gives what was drawn.
    reader = pypdf.PdfReader(site / "site/posters/1.pdf")
    pictures = {image.image.size: image.image for image in reader.pages[0].images}
    photo = max(pictures.values(), key=lambda image: image.width / image.height)
    assert photo.mode == "L"
    low, high = photo.getextrema()
    assert low <= 8 and high >= 247
    # A post without a cover has the emblem only.
    assert len(drawn_images(site / "site/posters/2.pdf")) == 1


def test_tai_viet_title_is_printed_in_its_script(site):
    text = page_text(site / "site/posters/2.pdf")
    assert f"Lớp học chữ Thái {TAI_DAM} cho bà con bản Nà Khằn" in text
    assert {span.font for span in text_spans(site / "site/posters/2.pdf") if TAI_DAM in span.text} == {
        "NotoSansTaiViet-Regular"}


def test_poster_title_replaces_a_long_title_on_the_poster(site):
    text = page_text(site / "site/posters/3.pdf")
    assert "Tập huấn kỹ năng số cho bà con vùng cao" in text and "Thông báo về việc" not in text


def test_address_in_a_face_that_tells_l_i_1_and_0_o_apart(site):
    [address] = [span for span in text_spans(site / "site/posters/123456789.pdf")
                 if span.text == "xa.example.vn/p/123456789/"]
    assert address.font == "AtkinsonHyperlegible-Bold"
    assert read_qr(site / "site/posters/123456789.pdf").text == f"{SITE}p/123456789/"


def test_the_build_is_deterministic(site):
    first = {path.name: path.read_bytes() for path in (site / "site/posters").glob("*.pdf")}
    for cached in (site / ".cache/loaxa/posters").iterdir():
        cached.unlink()
    built = run_mkdocs(site)
    assert built.returncode == 0, built.output
    assert {path.name: path.read_bytes() for path in (site / "site/posters").glob("*.pdf")} == first


def content(size: str, title: str, url: str) -> PosterContent:
    return PosterContent(
        header=("ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", "TỈNH LAI CHÂU"), site_label="Trang thông tin điện tử",
        title=title, summary="Bà con mang theo căn cước. Buổi họp bắt đầu lúc 8 giờ tại nhà văn hoá.",
        short_url=url, link_text=url.split("://", 1)[1], link_label="Hoặc gõ địa chỉ:",
        call_to_action="Quét mã QR để xem chi tiết", date_line="Ngày đăng: 01/10/2025", size=size,
        campaign=CAMPAIGN)


URLS = {"A4": ["https://a.vn/p/1/", "https://xa.example.vn/p/22/",
               "https://muongkim.laichau.gov.vn/p/123456789/",
               "https://xa-muong-kim.huyen-tan-uyen.laichau.gov.vn/p/123456789/"],
        "A5": ["https://a.vn/p/1/", "https://xa.example.vn/p/22/",
               "https://muongkim.laichau.gov.vn/p/123456789/"]}
TITLES = ["Họp dân", f"Lớp học chữ Thái {TAI_DAM}", LONG[:180], LONG]


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_every_poster_of_a_size_has_the_same_qr_side(tmp_path, size):
    sides, versions = [], set()
    for number, url in enumerate(URLS[size]):
        for title in TITLES:
            pdf = tmp_path / f"{number}-{len(title)}.pdf"
            pdf.write_bytes(render_posters([content(size, title, url)]))
            qr = read_qr(pdf)
            assert qr.text == url and qr.module_mm >= 2.0 and qr.quiet_zone_white
            sides.append(qr.side_mm)
            versions.add(qr.version)
    assert len(versions) >= 2  # different versions, one side
    expected = PAPERS[size].qr_side / 72 * 25.4
    assert all(abs(side - expected) <= 0.5 for side in sides), (expected, sides)


@pytest.mark.parametrize("size", ["A4", "A5"])
def test_titles_are_never_cut_and_nothing_is_under_10_points(tmp_path, size):
    for title in TITLES:
        pdf = tmp_path / f"{len(title)}.pdf"
        pdf.write_bytes(render_posters([content(size, title, SITE + "p/7/")]))
        assert title in page_text(pdf) and "…" not in page_text(pdf)
        spans = text_spans(pdf)
        assert min(span.size for span in spans) >= 10
        [cta] = [span for span in spans if span.text == "Quét mã QR để xem chi tiết"]
        title_sizes = {span.size for span in spans if span.text.strip() in title}
        if title != LONG:  # the longest only fits smaller, and the check says so
            assert min(title_sizes) >= cta.size


def test_a_title_too_long_for_the_page_is_drawn_whole_and_the_check_advises_poster_title(tmp_path):
    root = write_site(tmp_path, {"x.md": post(4, f'"{LONG} {LONG}"', "2025-10-01")})
    checked = loaxa(root, "check")
    # Advice, not a mistake: the article is published, its poster prints the whole title smaller.
    assert checked.returncode == 0
    output = checked.stdout + checked.stderr
    assert "posts/x.md:3: title: tiêu đề dài quá khổ giấy A4" in output
    assert "`poster_title:`" in output and "không quá 120 ký tự" in output  # what poster_title allows
    assert build(root).returncode == 0
    text = page_text(root / "site/posters/4.pdf")
    assert f"{LONG} {LONG}" in text and "…" not in text
    # With a poster title, the poster shows it and nothing is left to say.
    (root / "posts/x.md").write_text(post(4, f'"{LONG} {LONG}"', "2025-10-01",
                                          poster_title="Đăng ký lớp kỹ năng số"), encoding="utf-8")
    checked = loaxa(root, "check")
    assert checked.returncode == 0 and "khổ giấy" not in checked.stdout + checked.stderr
    assert build(root).returncode == 0
    assert "Đăng ký lớp kỹ năng số" in page_text(root / "site/posters/4.pdf")


def test_emoji_and_bengali_are_named_with_their_field_and_code(tmp_path):
    root = write_site(tmp_path, {"x.md": post(4, '"📢 Họp dân bản Nà Khằn"', "2025-10-01",
                                              description="Bà con đến đúng giờ. আমার গ্রাম")})
    checked = loaxa(root, "check")
    output = checked.stdout + checked.stderr
    assert checked.returncode == 1
    assert "posts/x.md:3: title: áp phích không in được 📢 U+1F4E2" in output
    assert '`poster_title: "Họp dân bản Nà Khằn"`' in output  # quoted: valid YAML whatever it holds
    assert "posts/x.md:6: description: áp phích không in được আ U+0986" in output
    strict = build(root)
    assert strict.returncode == 1 and "📢 U+1F4E2" in strict.stdout + strict.stderr
    assert build(root, strict=False).returncode == 0
    text = page_text(root / "site/posters/4.pdf")
    assert "Họp dân bản Nà Khằn" in text and "📢" not in text


def test_a_title_of_nothing_printable_needs_a_poster_title(tmp_path):
    root = write_site(tmp_path, {"x.md": post(4, '"📢📢 🎉"', "2025-10-01")})
    checked = loaxa(root, "check")
    assert checked.returncode == 1
    assert "posts/x.md:3: title: tiêu đề không có chữ nào in được trên áp phích" in checked.stderr
    assert "poster_title:" in checked.stderr
    (root / "posts/x.md").write_text(post(4, '"📢📢 🎉"', "2025-10-01", poster_title="Ngày hội bản"),
                                     encoding="utf-8")
    assert loaxa(root, "check").returncode == 0
    assert build(root).returncode == 0
    assert "Ngày hội bản" in page_text(root / "site/posters/4.pdf")


def test_a_missing_or_broken_emblem_is_told_as_a_problem_of_mkdocs_yml(tmp_path):
    root = write_site(tmp_path, {"x.md": post(4, "Họp dân", "2025-10-01")},
                      config=identity_config("      poster_emblem: anh/khong-co.png\n"))
    checked = loaxa(root, "check")
    assert checked.returncode == 1 and "Traceback" not in checked.stderr
    line = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines().index(
        "      poster_emblem: anh/khong-co.png") + 1
    assert f"mkdocs.yml:{line}: poster_emblem: không có tệp ảnh `anh/khong-co.png`" in checked.stderr
    assert "`poster_emblem: anh/bieu-trung.png`" in checked.stderr
    (root / "docs/anh").mkdir()
    (root / "docs/anh/khong-co.png").write_bytes(b"not a picture")
    strict = build(root)
    assert strict.returncode == 1 and "Traceback" not in strict.stdout + strict.stderr
    assert "poster_emblem: tệp `anh/khong-co.png` không phải ảnh PNG hay JPG" in strict.stdout + strict.stderr
    assert build(root, strict=False).returncode == 0  # drawn without it
    assert drawn_images(root / "site/posters/4.pdf") == []


def test_poster_header_option_and_an_english_site(tmp_path):
    header = '      poster_header: ["UBND XÃ THỬ", "Ban chỉ đạo chuyển đổi số"]\n'
    root = write_site(tmp_path, {"x.md": post(4, "Họp dân", "2025-10-01")}, config=identity_config(header))
    assert build(root).returncode == 0
    text = page_text(root / "site/posters/4.pdf")
    assert "UBND XÃ THỬ" in text and "Ban chỉ đạo chuyển đổi số" in text and "TỈNH" not in text
    english = write_site(tmp_path / "en", {"x.md": post(4, "Village meeting", "2025-10-01")},
                         config=identity_config(language="en"))
    assert build(english).returncode == 0
    text = page_text(english / "site/posters/4.pdf")
    assert "PEOPLE'S COMMITTEE OF XÃ THỬ" in text and "LAI CHÂU PROVINCE" in text


def test_the_default_header_names_a_city_run_by_the_centre_as_a_city():
    from loaxa.poster import default_header
    assert default_header("Xã Mường Kim", "Lai Châu", "vi") == (
        "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", "TỈNH LAI CHÂU")
    assert default_header("Phường Ba Đình", "Hà Nội", "vi")[1] == "THÀNH PHỐ HÀ NỘI"
    assert default_header("Xã Cần Giờ", "TP. Hồ Chí Minh", "vi")[1] == "THÀNH PHỐ HỒ CHÍ MINH"
    assert default_header("Ủy ban nhân dân xã Tà Tổng", "Tỉnh Lai Châu", "vi") == (
        "ỦY BAN NHÂN DÂN XÃ TÀ TỔNG", "TỈNH LAI CHÂU")


def test_what_a_poster_cannot_print_in_a_summary_from_the_body_is_named(tmp_path):
    root = write_site(tmp_path, {"x.md": post(4, "Họp dân", "2025-10-01", body="📢📢 Họp lúc 8 giờ.\n")})
    checked = loaxa(root, "check")
    assert checked.returncode == 1
    assert "posts/x.md:7: nội dung: áp phích không in được 📢 U+1F4E2 trong đoạn đầu bài" in checked.stderr
    assert "`description:`" in checked.stderr


def test_the_bundled_faces_are_the_vendored_ones_each_with_its_licence():
    listed = {}
    for line in (fonts.FONTS / "MANIFEST").read_text(encoding="utf-8").splitlines():
        digest, name, package = line.split("  ")
        listed[name] = package
        assert hashlib.sha256((fonts.FONTS / name).read_bytes()).hexdigest() == digest, name
    used = {face.file for face in (*fonts.REGULAR, *fonts.BOLD, *fonts.ADDRESS)}
    assert used - set(listed) == {"BeVietnamPro-Regular.ttf", "BeVietnamPro-Bold.ttf"}
    for name in used:
        family = "OFL.txt" if name.startswith("BeVietnamPro") else f"OFL-{name.split('-')[0]}.txt"
        assert "SIL Open Font License" in (fonts.FONTS / family).read_text(encoding="utf-8"), name


def test_what_staff_paste_is_drawn_and_what_no_face_has_is_named():
    pasted = "→ ← ↑ ↓ ⇒ № ✓ ✔ ✗ ✘ ★ ☆ ● ○ ■ □ ▶ ► ◆ ☎ ✆ ✉ ⚠ ♥ • ° ± × ÷ ½ ₫ € … “ ” ① ⌚ ∞ √ ≤"
    tai_viet = "".join(map(chr, range(0xAA80, 0xAAC3))) + "".join(map(chr, range(0xAADB, 0xAAE0)))
    for chain in (fonts.REGULAR, fonts.BOLD):
        assert fonts.missing(pasted + tai_viet, chain) == ""
    assert fonts.missing("Họp 📢\ufe0f bản আম 👍🏽", fonts.BOLD) == "📢আম👍"  # selectors, tones: not named
    assert fonts.listed("📢আ") == "📢 U+1F4E2, আ U+0986"
    # NFD in, NFC out; runs keep a phrase's spaces in its face.
    assert fonts.drawable(unicodedata.normalize("NFD", "Mường  📢 Kim")) == "Mường Kim"
    assert [(face.file, text) for face, text in fonts.runs(f"Bản {TAI_DAM} ✓", fonts.BOLD)] == [
        ("BeVietnamPro-Bold.ttf", "Bản "), ("NotoSansTaiViet-Regular.ttf", f"{TAI_DAM} "),
        ("NotoSansSymbols2-Regular.ttf", "✓")]


@pytest.mark.parametrize(("size", "longest"), [("A4", 86), ("A5", 46)])
def test_the_longest_short_link_a_paper_carries_with_2_mm_modules(tmp_path, size, longest):
    # Versions 7 (A4) and 4 (A5) at error correction Q: a longer site address is refused, and
    # `loaxa check` says so (posters.unreadable).
    url = "https://" + "x" * (longest - len("https://.vn/p/123456789/")) + ".vn/p/123456789/"
    assert len(url) == longest
    pdf = tmp_path / "longest.pdf"
    pdf.write_bytes(render_posters([content(size, "Họp dân", url)]))
    qr = read_qr(pdf)
    assert qr.text == url and qr.module_mm >= 2.0
    with pytest.raises(PosterError):
        render_posters([content(size, "Họp dân", url.replace("https://", "https://x"))])
