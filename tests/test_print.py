"""Printing an article: Chromium's print-to-PDF of the sample site's page gives the commune, the
title, the date, the body with its pictures and the short link as text and as a QR code, and no
navigation, search or share controls."""

from __future__ import annotations

from urllib.parse import urlparse

import pypdf
from posterread import page_count, page_text, read_qr
from test_browser import browser, open_page, site  # noqa: F401 (fixtures)

ARTICLE = "huong-dan-cai-dat-va-kich-hoat-ung-dung-vneid/"
SHORT_LINK = "https://muongkim.laichau.gov.vn/p/3/"


def words(text: str) -> str:
    """pypdf's text of a PDF from Chromium splits Vietnamese letters with spaces: join them."""
    return "".join(text.split())


def test_an_article_prints_alone_with_its_short_link(browser, site, tmp_path):  # noqa: F811
    page, requests = open_page(browser, site + ARTICLE)
    # On screen, the print control is there and the printed parts are not.
    button = page.get_by_role("button", name="In bài viết")
    assert button.is_visible() and button.bounding_box()["height"] >= 48
    assert page.locator(".loaxa-print-link").is_hidden() and page.locator(".loaxa-print-site").is_hidden()
    assert {urlparse(url).hostname for url in requests} == {"127.0.0.1"}
    pdf = tmp_path / "bai.pdf"
    page.pdf(path=str(pdf), format="A4")
    page.close()

    text = words(" ".join(page_text(pdf, n) for n in range(page_count(pdf))))
    for expected in ("XÃMƯỜNGKIM·TRANGTHÔNGTINĐIỆNTỬ", "HướngdẫncàiđặtvàkíchhoạtứngdụngVNeID",
                     "Ngàyđăng:20/08/2025", "Cácbướcthựchiện", words(SHORT_LINK)):
        assert expected in text, expected
    assert text.index("XÃMƯỜNGKIM") < text.index("HướngdẫncàiđặtvàkíchhoạtứngdụngVNeID")
    for absent in ("Tìmkiếm", "Inápphích", "Inbàiviết", "Chiasẻ", "Chiếndịch", "Liênhệ",
                   "MadewithMaterial"):
        assert absent not in text, absent
    assert read_qr(pdf, page_count(pdf) - 1).text == SHORT_LINK
    pictures = sum(len(p.images) for p in pypdf.PdfReader(pdf).pages)
    assert pictures >= 2  # the cover and the step's screenshot
    assert pdf.stat().st_size < 2_000_000
