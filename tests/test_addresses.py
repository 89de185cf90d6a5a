"""Every address the site has published keeps answering: a renamed article keeps its address or
leaves a redirect with its preview tags, a post taken down leaves a "removed" page, and a change
that would lose an address stops the build with a message."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import post, run_mkdocs, write_site
from htmlparse import attrs, h1

SITE = "https://xa.example.vn/"


@pytest.fixture(autouse=True)
def publishing(monkeypatch):
    """These builds are the publish workflow's: they keep the record of published addresses."""
    monkeypatch.setenv("LOAXA_PUBLISHING", "1")


def loaxa(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def write(root: Path, name: str, text: str) -> None:
    (root / "posts" / name).write_text(text, encoding="utf-8")


def meta(page: str, name: str) -> str:
    [tag] = attrs(page, "meta", property=name)
    return tag["content"]


def refresh_target(page: str) -> str:
    [tag] = attrs(page, "meta", http_equiv="refresh")
    return tag["content"].split("url=", 1)[1]


def test_addresses_survive_new_titles_new_slugs_and_removals(tmp_path):
    root = write_site(tmp_path / "s", {
        "a.md": post(1, "Họp dân bản Nà Khằn", "2025-10-01"),
        "b.md": post(2, "Lịch tiếp dân", "2025-10-02", slug="lich-tiep-dan"),
        "c.md": post(3, "Thông báo cũ", "2025-10-03"),
    })
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    record = (root / "posts/.addresses.tsv").read_text(encoding="utf-8")
    assert record.splitlines()[3:] == ["1\thop-dan-ban-na-khan/", "2\tlich-tiep-dan/", "3\tthong-bao-cu/"]
    assert not (built.site / ".addresses.tsv").exists() and not (built.site / "posts/.addresses.tsv").exists()

    # A new title keeps the address the post was first published at.
    write(root, "a.md", post(1, "Họp dân bản Nà Khằn bàn làm đường", "2025-10-01"))
    # A new slug moves the article; the old address sends readers on, previewing like it.
    write(root, "b.md", post(2, "Lịch tiếp dân", "2025-10-02", slug="lich-tiep-dan-thang-6"))
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert h1(built.page("hop-dan-ban-na-khan")) == ["Họp dân bản Nà Khằn bàn làm đường"]
    old = built.page("lich-tiep-dan")
    assert refresh_target(old) == "../lich-tiep-dan-thang-6/"
    assert meta(old, "og:url") == SITE + "lich-tiep-dan-thang-6/"
    assert meta(old, "og:title") == "Lịch tiếp dân"
    assert meta(old, "og:image").startswith(SITE)
    assert len((built.site / "lich-tiep-dan/index.html").read_bytes()) < 2048
    assert h1(built.page("lich-tiep-dan-thang-6")) == ["Lịch tiếp dân"]
    short = built.page("p/2")
    assert refresh_target(short) == "../../lich-tiep-dan-thang-6/"
    assert meta(short, "og:url") == SITE + "lich-tiep-dan-thang-6/"
    assert len((built.site / "p/2/index.html").read_bytes()) < 2048
    assert (root / "posts/.addresses.tsv").read_text(encoding="utf-8").splitlines()[-1] == (
        "2\tlich-tiep-dan-thang-6/")

    # Deleting a published post by mistake stops check and the build, saying what to do.
    (root / "posts/c.md").unlink()
    for output, code in ((lambda r: (r.stdout + r.stderr, r.returncode))(loaxa(root, "check")),
                         (lambda b: (b.output, b.returncode))(run_mkdocs(root))):
        assert code == 1
        assert ("posts/.addresses.tsv:6: tệp: bài id 3 đã đăng tại `thong-bao-cu/` nhưng không còn trong "
                "thư mục bài viết") in output
        assert "chạy `loaxa remove 3`" in output
    assert h1(built.page("thong-bao-cu")) == ["Thông báo cũ"]  # the published site is kept

    # Taking it down on purpose: its address and short link show the "removed" page.
    removed = loaxa(root, "remove", "3")
    assert removed.returncode == 0, removed.stderr
    assert "Đã gỡ bài id 3" in removed.stdout
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    for address in ("thong-bao-cu", "p/3"):
        page = built.page(address)
        assert "Bài viết đã được gỡ" in page and 'name="robots" content="noindex"' in page

    # An old address belongs to its post for ever, and a removed post's id is not reused.
    write(root, "d.md", post(4, "Tin mới", "2025-10-05", slug="lich-tiep-dan"))
    write(root, "e.md", post(3, "Tin khác", "2025-10-06"))
    built = run_mkdocs(root)
    assert built.returncode == 1
    assert ("posts/d.md:6: slug: đường dẫn `lich-tiep-dan` từng là địa chỉ của bài id 2; người đọc vẫn "
            "mở địa chỉ đó → chọn đường dẫn khác, ví dụ `slug: lich-tiep-dan-4`") in built.output
    assert "posts/e.md:2: id: id 3 là của một bài đã gỡ" in built.output
    # Nor does `loaxa new` give it again.
    (root / "posts/d.md").unlink()
    (root / "posts/e.md").unlink()
    created = loaxa(root, "new", "Tin sau khi gỡ", "--date", "2025-10-07 08:00")
    assert created.returncode == 0, created.stderr
    assert "id: 4\n" in (root / "posts/2025/2025-10-07-tin-sau-khi-go.md").read_text(encoding="utf-8")


def test_only_the_publishing_build_writes_the_record(tmp_path, monkeypatch):
    monkeypatch.delenv("LOAXA_PUBLISHING")
    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin có lỗi chính tả", "2025-10-01")})
    assert loaxa(root, "check").returncode == 0
    assert run_mkdocs(root).returncode == 0
    assert not (root / "posts/.addresses.tsv").exists()
    # So a title corrected before the site is published still gives the address.
    write(root, "a.md", post(1, "Tin đã sửa chính tả", "2025-10-01"))
    monkeypatch.setenv("LOAXA_PUBLISHING", "1")
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert h1(built.page("tin-da-sua-chinh-ta")) == ["Tin đã sửa chính tả"]
    assert (root / "posts/.addresses.tsv").read_text(encoding="utf-8").splitlines()[3:] == [
        "1\ttin-da-sua-chinh-ta/"]


def test_a_published_post_turned_back_into_a_draft_stops_the_build(tmp_path):
    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin", "2025-10-01")})
    assert run_mkdocs(root).returncode == 0
    write(root, "a.md", post(1, "Tin", "2025-10-01", draft="true"))
    built = run_mkdocs(root)
    assert built.returncode == 1
    assert "posts/a.md:6: draft: bài id 1 đã đăng tại `tin/`; để nháp hay hẹn giờ lại thì địa chỉ đó mất" in (
        built.output)


def test_a_new_post_never_takes_an_old_address(tmp_path):
    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin", "2025-10-01", slug="tin")})
    assert run_mkdocs(root).returncode == 0
    write(root, "a.md", post(1, "Tin", "2025-10-01", slug="tin-moi"))
    write(root, "b.md", post(2, "Tin", "2025-10-02"))  # its title would make `tin`
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert h1(built.page("tin-2")) == ["Tin"]
    assert refresh_target(built.page("tin")) == "../tin-moi/"


def test_a_damaged_record_is_named_with_its_line(tmp_path):
    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin", "2025-10-01")})
    (root / "posts/.addresses.tsv").write_text("# x\n1\ttin/\n1 tin khac\n", encoding="utf-8")
    built = run_mkdocs(root)
    assert built.returncode == 1 and "Traceback" not in built.output
    assert "posts/.addresses.tsv:3: tệp: dòng này không do loaxa ghi" in built.output


def test_a_date_with_a_zone_is_one_day_everywhere(tmp_path):
    import json

    from posterread import page_text

    root = write_site(tmp_path / "s", {"a.md": post(1, "Tin đêm", "2026-05-31 23:30 Z", slug="tin-dem")})
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    page = built.page("tin-dem")
    assert "1 tháng 6, 2026" in page and "31 tháng 5" not in page
    assert "01/06/2026" in page_text(built.site / "posters/1.pdf")
    [item] = json.loads((built.site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert item["date_published"].startswith("2026-06-01T06:30:00+07:00")
    assert "1 tháng 6, 2026" in (built.site / "archive/2026/index.html").read_text(encoding="utf-8")


def test_two_posts_with_the_same_picture_keep_their_own_addresses(tmp_path):
    import io

    from PIL import Image

    cover = io.BytesIO()
    Image.new("RGB", (1600, 900), (30, 120, 60)).save(cover, "JPEG")
    root = write_site(tmp_path / "s", {
        "a.md": post(1, "Tin một", "2025-10-01", slug="mot", image="mot.jpg"),
        "b.md": post(2, "Tin hai", "2025-10-02", slug="hai", image="hai.jpg"),
        "mot.jpg": cover.getvalue(), "hai.jpg": cover.getvalue(),
    })
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert meta(built.page("mot"), "og:image") == SITE + "posts/mot.jpg"
    assert meta(built.page("hai"), "og:image") == SITE + "posts/hai.jpg"
    assert meta(built.page("p/1"), "og:image") == SITE + "posts/mot.jpg"
