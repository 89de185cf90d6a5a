"""Posters read back from a real build: the QR decodes to the short link, text is there."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from conftest import post, run_mkdocs, site_config, write_site
from htmlparse import attrs
from posterread import page_count, page_size_mm, page_text, read_qr, text_spans

SITE = "https://xa.example.vn/"
LONG_TITLE = ("Thông báo về việc tổ chức các lớp tập huấn kỹ năng số cho người cao tuổi, người "
              "nghèo và đồng bào dân tộc thiểu số tại các thôn, bản vùng cao của xã trong tháng "
              "mười năm hai nghìn không trăm hai mươi lăm, mời bà con đăng ký sớm")
assert len(LONG_TITLE) >= 200
TRICKY = 'Họp "khẩn" & <quan trọng> về VNeID'
NFD = unicodedata.normalize("NFD", "Tập huấn kỹ năng số ở bản Nà Khằn")
# "Tai Dam" (the Black Thái), as the Thái of Lai Châu write it in their own script, Tai Viet.
TAI_DAM = "ꪼꪕꪒꪾ"
THAI_TITLE = f"Lớp học chữ Thái {TAI_DAM} ở bản Nà Khằn"
POSTS = {
    "a.md": post(1, "Hướng dẫn cài đặt VNeID", "2025-10-01 08:00", "Hướng dẫn",
                 description="Sáu bước cài VNeID."),
    "b.md": post(2, f'"{LONG_TITLE}"', "2025-10-03"),
    "c.md": post(3, f"'{TRICKY}'", "2025-10-05"),
    "d.md": post(4, NFD, "2025-11-02"),
    "e.md": post(5, THAI_TITLE, "2025-11-04"),
    "f.md": post(6, "Video hướng dẫn quét mã QR", "2025-11-06", "Video",
                 video="https://www.youtube.com/watch?v=mK-vneid-01"),
}


def drawn(output: str) -> tuple[int, int]:
    match = re.search(r"Áp phích: \d+ bài, vẽ mới (\d+); \d+ tập theo tháng, vẽ mới (\d+)", output)
    assert match, output
    return int(match[1]), int(match[2])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("posters"), POSTS)
    built = run_mkdocs(root, "-v")
    assert built.returncode == 0, built.output
    assert drawn(built.output) == (6, 2)
    return root


@pytest.mark.parametrize("post_id", [1, 2, 3, 4, 5, 6])
def test_qr_decodes_to_the_short_link_with_big_modules_and_quiet_zone(site, post_id):
    qr = read_qr(site / f"site/posters/{post_id}.pdf")
    assert qr.text == f"{SITE}p/{post_id}/"
    assert qr.ec_level == "Q"
    assert qr.module_mm >= 2.0
    assert qr.quiet_zone_white


def test_poster_text(site):
    text = page_text(site / "site/posters/1.pdf")
    for expected in ["ỦY BAN NHÂN DÂN XÃ THỬ", "Trang thông tin điện tử", "Hướng dẫn cài đặt VNeID",
                     "Sáu bước cài VNeID.", "Quét mã QR để xem chi tiết",
                     "xa.example.vn/p/1/", "Ngày đăng: 01/10/2025"]:
        assert expected in text, expected
    assert page_size_mm(site / "site/posters/1.pdf") == (210, 297)


def test_long_title_is_drawn_whole_never_cut(site):
    # 227 characters fit an A4 poster at the floor size, in five lines: whole, without an ellipsis.
    text = page_text(site / "site/posters/2.pdf")
    assert LONG_TITLE in text and "…" not in text
    sizes = {span.size for span in text_spans(site / "site/posters/2.pdf") if span.text in LONG_TITLE}
    assert sizes == {20.0}


def test_quotes_ampersand_and_angle_brackets_drawn_as_written(site):
    assert TRICKY in page_text(site / "site/posters/3.pdf")


def test_nfd_title_drawn_as_nfc(site):
    raw = __import__("pypdf").PdfReader(site / "site/posters/4.pdf").pages[0].extract_text()
    assert unicodedata.normalize("NFC", NFD) in " ".join(raw.split())
    assert raw == unicodedata.normalize("NFC", raw)


def test_tai_viet_title_is_drawn_in_its_own_face(site):
    assert THAI_TITLE in page_text(site / "site/posters/5.pdf")
    fonts = {span.font for span in text_spans(site / "site/posters/5.pdf") if TAI_DAM in span.text}
    assert fonts == {"NotoSansTaiViet-Regular"}


def test_video_post_says_watch_the_video(site):
    text = page_text(site / "site/posters/6.pdf")
    assert "Quét mã QR để xem video" in text


def test_monthly_batches_one_page_per_post_oldest_first(site):
    october = site / "site/posters/2025-10.pdf"
    assert page_count(october) == 3
    assert [read_qr(october, i).text for i in range(3)] == [f"{SITE}p/{n}/" for n in (1, 2, 3)]
    assert page_count(site / "site/posters/2025-11.pdf") == 3


def test_staff_page_lists_every_poster_by_month(site):
    page = (site / "site/posters/index.html").read_text(encoding="utf-8")
    links = {a["href"] for a in attrs(page, "a") if a.get("href", "").endswith(".pdf")}
    assert links == {f"{n}.pdf" for n in range(1, 7)} | {"2025-10.pdf", "2025-11.pdf"}
    assert page.index("Tháng 11/2025") < page.index("Tháng 10/2025")
    for link in links:
        assert (site / "site/posters" / link).is_file()


def test_article_links_to_its_poster(site):
    article = (site / "site/huong-dan-cai-dat-vneid/index.html").read_text(encoding="utf-8")
    [link] = [a for a in attrs(article, "a") if a.get("href", "").endswith(".pdf")]
    assert link["href"] == "../posters/1.pdf"


def test_cache_hit_and_miss(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin một", "2025-10-01"),
                                 "b.md": post(2, "Tin hai", "2025-10-02"),
                                 "c.md": post(3, "Tin ba", "2025-11-02")})
    assert drawn(run_mkdocs(root, "-v").output) == (3, 2)
    first = (root / "site/posters/2.pdf").read_bytes()
    assert drawn(run_mkdocs(root, "-v").output) == (0, 0)
    (root / "posts/a.md").write_text(post(1, "Tin một đã sửa", "2025-10-01"), encoding="utf-8")
    assert drawn(run_mkdocs(root, "-v").output) == (1, 1)
    assert "Tin một đã sửa" in page_text(root / "site/posters/1.pdf")
    # The edited post's old poster and old batch leave the cache.
    assert len(list((root / ".cache/loaxa/posters").glob("*.pdf"))) == 3 + 2
    # Drawn again from nothing, a poster comes out byte for byte the same.
    for cached in (root / ".cache/loaxa/posters").iterdir():
        cached.unlink()
    assert drawn(run_mkdocs(root, "-v").output) == (3, 2)
    assert (root / "site/posters/2.pdf").read_bytes() == first


def test_a5_posters(tmp_path):
    config = site_config() + "      poster_size: A5\n"
    config = config.replace("  - loaxa\n      poster_size", "  - loaxa:\n      poster_size")
    title = "Thông báo lịch tập huấn kỹ năng số cho người cao tuổi tại các thôn, bản vùng cao"
    root = write_site(tmp_path, {"a.md": post(7, title, "2025-10-01")}, config=config)
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert page_size_mm(root / "site/posters/7.pdf") == (148, 210)
    qr = read_qr(root / "site/posters/7.pdf")
    assert qr.text == f"{SITE}p/7/" and qr.module_mm >= 2.0 and qr.quiet_zone_white
    assert title in page_text(root / "site/posters/7.pdf")
    assert min(span.size for span in text_spans(root / "site/posters/7.pdf")) >= 10


def test_loaxa_posters_writes_a_chosen_batch(site, tmp_path):
    import subprocess
    import sys
    out = tmp_path / "chon.pdf"
    result = subprocess.run([sys.executable, "-m", "loaxa.cli", "posters", "--month", "2025-11",
                             "--category", "Video", "--ids", "1,6", "-o", str(out)],
                            cwd=site, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert page_count(out) == 1
    assert read_qr(out).text == f"{SITE}p/6/"
    everything = tmp_path / "tat-ca.pdf"
    subprocess.run([sys.executable, "-m", "loaxa.cli", "posters", "-o", str(everything)],
                   cwd=site, check=True, capture_output=True)
    assert page_count(everything) == 6


def test_english_site_gets_english_posters(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Installing VNeID", "2025-10-01")},
                      config=site_config(language="en"))
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    text = page_text(root / "site/posters/1.pdf")
    for expected in ["Electronic information page", "Scan the QR code for details",
                     "Or type the address:", "Published: 01/10/2025"]:
        assert expected in text, expected
