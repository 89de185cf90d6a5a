"""What a build takes from .cache/loaxa/ is checked first: a damaged entry is made again, with a
notice, and never published."""

from __future__ import annotations

from pathlib import Path

from conftest import post, run_mkdocs, write_site
from loaxa.slugs import slugify
from PIL import Image


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def site_with_a_picture(root: Path) -> Path:
    write_site(root, {
        "2025/a.md": post(1, "Họp dân bản Nà Khằn", slug="hop-dan", image="anh.jpg",
                          body="Đoạn mở đầu.\n\n![Bà con họp](anh.jpg)\n\nĐoạn cuối.\n"),
        "2025/b.md": post(2, "Tin thứ hai", "2025-10-02", slug="tin-thu-hai"),
    })
    Image.new("RGB", (1600, 900), (120, 160, 90)).save(root / "posts/2025/anh.jpg", quality=90)
    return root


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def test_damaged_cache_entries_are_made_again_not_published(tmp_path):
    root = site_with_a_picture(tmp_path / "a")
    first = run_mkdocs(root)
    assert first.returncode == 0, first.output
    expected = snapshot(root / "site")
    cache = root / ".cache/loaxa"

    pictures = sorted((cache / "images").glob("*/*.webp")) + sorted((cache / "images").glob("*/*.jpg"))
    posters = sorted((cache / "posters").glob("*.pdf"))
    manifests = [cache / "renders.json", cache / "pages.json",
                 *sorted((cache / "images").glob("*/sizes.txt"))]
    assert pictures and posters and all(m.is_file() for m in manifests)
    for path in [pictures[0], posters[0], *manifests]:
        truncate(path)

    again = run_mkdocs(root)
    assert again.returncode == 0, again.output
    assert "đã làm lại" in again.output
    assert "Traceback" not in again.output
    assert snapshot(root / "site") == expected


def test_a_missing_cache_gives_the_same_site(tmp_path):
    root = site_with_a_picture(tmp_path / "a")
    assert run_mkdocs(root).returncode == 0
    warm = snapshot(root / "site")
    clean = site_with_a_picture(tmp_path / "b")
    assert run_mkdocs(clean).returncode == 0
    assert snapshot(clean / "site") == warm
    assert run_mkdocs(root).returncode == 0  # warm again: pages carried over, renders reused
    assert snapshot(root / "site") == warm


def linked_site(root: Path, title: str) -> Path:
    """Post a, in "Tin tức" only, links in its first paragraph to post b, in "Thông báo" only,
    whose address is its title's."""
    return write_site(root, {
        "2025/a.md": post(1, "Họp dân", body="Xem [lịch tiếp dân](b.md) trước khi đến.\n\nĐoạn hai.\n"),
        "2025/b.md": post(2, title, "2025-10-02", "[Thông báo]", slug=slugify(title)),
        "2025/c.md": post(3, "Tin ba", "2025-10-03"),
    })


def test_an_edit_to_a_linked_post_reaches_every_page_that_links_to_it(tmp_path, monkeypatch):
    """The list of "Tin tức" shows a's excerpt, which links to b: when b's title (and so its
    address) changes, that list page must change although nothing in it or in a changed."""
    monkeypatch.setenv("LOAXA_PUBLISHING", "1")  # b's former address then leaves a redirect
    root = linked_site(tmp_path / "a", "Lịch tiếp dân tháng 10")
    assert run_mkdocs(root).returncode == 0
    linked_site(root, "Lịch tiếp dân tháng 11")
    assert run_mkdocs(root).returncode == 0
    clean = linked_site(tmp_path / "b", "Lịch tiếp dân tháng 11")
    assert run_mkdocs(clean).returncode == 0
    listing = (root / "site/category/tin-tuc/index.html").read_text(encoding="utf-8")
    assert "lich-tiep-dan-thang-11/" in listing
    # The same site, but for the page left at b's former address.
    former = "lich-tiep-dan-thang-10/index.html"
    assert former in snapshot(root / "site") and former not in snapshot(clean / "site")
    assert {k: v for k, v in snapshot(root / "site").items() if k != former} == snapshot(clean / "site")
