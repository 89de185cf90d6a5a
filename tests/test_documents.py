"""Official documents: the sample's four campaign documents in the registry with every field and a
working download, pages by year and by type, a filter that works offline, a document block that
is checked with file:line messages, and the duty to publish documents."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys

from conftest import ROOT, copy_sample, post, run_mkdocs, site_config, write_site
from htmlparse import attrs
from test_browser import browser, open_page, site  # noqa: F401 (fixtures)
from test_sample_site import sample  # noqa: F401 (fixture)

DOCUMENTS = {  # number: (type, issuer, signed)
    "37/QĐ-UBND": ("Quyết định", "Ủy ban nhân dân xã Mường Kim", "11/07/2025"),
    "38/QĐ-UBND": ("Quyết định", "Ủy ban nhân dân xã Mường Kim", "11/07/2025"),
    "04-KH/ĐU": ("Kế hoạch", "Ban Thường vụ Đảng ủy xã Mường Kim", "30/07/2025"),
    "611/KH-UBND": ("Kế hoạch", "Ủy ban nhân dân xã Mường Kim", "08/08/2025"),
}


def rows(page: str) -> list[list[str]]:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_the_registry_lists_every_document_with_a_working_download(sample):  # noqa: F811
    assert sample.returncode == 0, sample.output
    registry = sample.page("van-ban")
    listed = rows(registry)
    assert [row[0] for row in listed] == ["611/KH-UBND", "04-KH/ĐU", "38/QĐ-UBND", "37/QĐ-UBND"]  # newest
    for number, kind, issuer, signed, download in ((r[0], r[2], r[3], r[4], r[5]) for r in listed):
        assert (kind, issuer, signed) == DOCUMENTS[number]
        assert re.fullmatch(r"PDF, \d+ KB", download)
    links = [a["href"] for a in attrs(registry, "a") if a.get("href", "").endswith(".pdf")]
    assert len(links) == 4
    for link in links:
        data = (sample.site / posixpath.normpath(posixpath.join("van-ban/", link))).read_bytes()
        assert data.startswith(b"%PDF-")
    table = registry[registry.index("<tbody>"):registry.index("</tbody>")]
    articles = [a["href"] for a in attrs(table, "a") if not a["href"].endswith(".pdf")]
    assert len(articles) == 4
    for link in articles:
        page = (sample.site / posixpath.normpath(posixpath.join("van-ban/", link)) / "index.html").read_text(
            encoding="utf-8")
        number = re.search(r"<dt>Số, ký hiệu</dt><dd>([^<]+)</dd>", page)[1]
        kind, issuer, signed = DOCUMENTS[number]
        for label, value in (("Loại văn bản", kind), ("Cơ quan ban hành", issuer), ("Ngày ký", signed)):
            assert f"<dt>{label}</dt><dd>{value}</dd>" in page
        assert re.search(r'<a href="[^"]+\.pdf" download>Tải văn bản \(PDF, \d+ KB\)</a>', page)
    by_year, by_type = sample.page("van-ban/2025"), sample.page("van-ban/quyet-dinh")
    assert len(rows(by_year)) == 4
    assert [row[0] for row in rows(by_type)] == ["38/QĐ-UBND", "37/QĐ-UBND"]
    # Like every article: in the feeds, with a poster.
    feed = (sample.site / "feed.xml").read_text(encoding="utf-8")
    assert "Kế hoạch triển khai phong trào" in feed
    assert (sample.site / "posters/19.pdf").read_bytes().startswith(b"%PDF")


def test_the_filter_works_in_the_browser_and_the_table_without_it(browser, site):  # noqa: F811
    page, _ = open_page(browser, site + "van-ban/")
    box = page.get_by_label("Lọc theo số, tên, cơ quan:")
    box.fill("dang uy")  # without diacritics, as typed on a phone
    visible = page.locator(".loaxa-registry tbody tr:visible")
    assert visible.count() == 1 and "04-KH/ĐU" in visible.inner_text()
    box.fill("")
    assert page.locator(".loaxa-registry tbody tr:visible").count() == 4
    page.context.close()
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    plain.goto(site + "van-ban/")
    assert plain.locator(".loaxa-registry tbody tr:visible").count() == 4
    assert plain.locator(".loaxa-registry-filter").is_hidden()
    context.close()


def document(**fields: str) -> str:
    block = {"number": "611/KH-UBND", "type": "Kế hoạch", "issuer": "UBND xã", "signed": "2025-08-08",
             "file": "kh.pdf", **fields}
    lines = "".join(f"\n  {k}: {v}" for k, v in block.items() if v is not None)
    return post(1, "Kế hoạch", "2025-08-10", categories="[Văn bản]", document=lines)


CONFIG = site_config().replace("          - Thông báo\n", "          - Thông báo\n          - Văn bản\n")


def test_a_document_block_is_checked_at_its_lines(tmp_path):
    cases = {
        "a.md": (document(number="611 KH UBND"), "posts/a.md:7: document.number: số, ký hiệu `611 KH UBND`"),
        "b.md": (document(type="quyet dinh"),
                 "posts/b.md:8: document.type: loại văn bản `quyet dinh` không có trong danh sách → "
                 "ghi Quyết định"),
        "c.md": (document(effective="2025-08-01"),
                 "posts/c.md:12: document.effective: ngày hiệu lực trước ngày ký 08/08/2025"),
        "d.md": (document(file="gia.pdf"), "posts/d.md:11: document.file: tệp `gia.pdf` không phải PDF"),
        "e.md": (document(file="khong-co.pdf"),
                 "posts/e.md:11: document.file: không tìm thấy tệp `khong-co.pdf` cạnh bài viết → đặt tệp "
                 "PDF của văn bản cạnh bài và ghi tên tệp, ví dụ `file: ke-hoach-611.pdf`"),
        "f.md": (post(6, "Thiếu phần văn bản", "2025-08-10", categories="[Văn bản]"),
                 "posts/f.md:5: document: bài trong chuyên mục Văn bản phải có phần `document:`"),
    }
    files = {name: text.replace("id: 1\n", f"id: {n}\n")
             for n, (name, (text, _)) in enumerate(cases.items(), 1)}
    root = write_site(tmp_path, files, config=CONFIG)
    (root / "posts/kh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (root / "posts/gia.pdf").write_bytes(b"<html>not a pdf</html>")
    built = run_mkdocs(root)
    assert built.returncode == 1
    for name, (_, message) in cases.items():
        assert message in built.output, (name, built.output)


def test_a_site_without_documents_is_told_to_publish_them(tmp_path):
    root = copy_sample(tmp_path / "xa")
    for path in (root / "posts").rglob("*-van-ban-*.md"):
        path.unlink()
    (root / "posts/.addresses.tsv").write_text("", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "loaxa.cli", "check"], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")
    assert done.returncode == 1
    assert ("mkdocs.yml:1: categories_allowed: trang thông tin của xã phải đăng văn bản của xã → đăng ít "
            "nhất một bài trong chuyên mục `Văn bản`") in done.stderr


def loaxa(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


def test_loaxa_new_writes_a_document_with_its_pdf_checked_first(tmp_path):
    root = write_site(tmp_path, {"2026/a.md": post(1, "Tin", "2026-06-01")}, config=CONFIG)
    pdf = tmp_path / "quet.pdf"
    pdf.write_bytes((ROOT / "posts/2026/van-ban-611-kh-ubnd.pdf").read_bytes())
    (tmp_path / "anh.pdf").write_bytes(b"\xff\xd8\xff\xe0 a photo named .pdf")
    args = ["new", "Thông báo lịch tiếp công dân tháng 12", "--document", "12/TB-UBND", "--issuer",
            "UBND xã Mường Kim", "--signed", "2026-06-02", "--date", "2026-06-03 08:00"]
    wrong = loaxa(root, *args, "--type", "thong bao", "--file", str(tmp_path / "anh.pdf"))
    assert wrong.returncode == 1
    assert wrong.stderr.splitlines()[:2] == [
        "--type: loại văn bản `thong bao` không có trong danh sách → ghi Thông báo",
        f"--file: tệp `{tmp_path / 'anh.pdf'}` không phải PDF → quét hoặc lưu văn bản thành PDF, đặt "
        "cạnh bài viết"]
    assert sorted(p.name for p in (root / "posts").rglob("*")) == ["2026", "a.md"]  # nothing written
    done = loaxa(root, *args, "--type", "Thông báo", "--file", str(pdf))
    assert done.returncode == 0, done.stderr
    written = root / "posts/2026/2026-06-03-thong-bao-lich-tiep-cong-dan-thang-12.md"
    copy = written.with_suffix(".pdf")
    assert copy.read_bytes() == pdf.read_bytes()
    text = written.read_text(encoding="utf-8")
    assert ("categories: [Văn bản]" in text and "document:\n  number: 12/TB-UBND\n  type: Thông báo\n"
            "  issuer: UBND xã Mường Kim\n  signed: 2026-06-02\n  file: " + copy.name + "\n---\n") in text
    template = "Trích yếu: viết một hai câu nói văn bản về việc gì, áp dụng cho ai."
    written.write_text(text.replace(template, "Lịch tiếp công dân của Chủ tịch UBND xã trong tháng 12."),
                       encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert rows(built.page("van-ban")) == [["12/TB-UBND", "Thông báo lịch tiếp công dân tháng 12",
                                            "Thông báo", "UBND xã Mường Kim", "02/06/2026", "PDF, 32 KB"]]


def test_a_document_missing_a_field_is_told_in_the_build_and_in_loaxa_new(tmp_path):
    root = write_site(tmp_path, {"a.md": document(type=None, so="1")}, config=CONFIG)
    (root / "posts/kh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    built = run_mkdocs(root)
    assert built.returncode == 1 and "Traceback" not in built.output
    assert "posts/a.md:6: document.type: văn bản thiếu `type` → thêm dòng `type: …` trong `document:`" \
        in built.output
    assert "document.so: `so` không phải trường của văn bản" in built.output
    clean = write_site(tmp_path / "b", {"a.md": post(1, "Tin")}, config=CONFIG)
    done = loaxa(clean, "new", "Quyết định số 12", "--document", "12/QĐ-UBND", "--issuer", "UBND xã",
                 "--signed", "2025-08-08", "--file", str(root / "posts/kh.pdf"))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "--type: thiếu --type → thêm --type vào lệnh"
