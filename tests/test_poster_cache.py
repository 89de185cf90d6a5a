"""The poster cache: damaged PDFs are found and drawn again, drawing in the background gives the
same bytes, and no process outlives its posters."""

from __future__ import annotations

import gc
import hashlib
import multiprocessing
import os
import time
from pathlib import Path

import pytest
from conftest import post, run_mkdocs, write_site
from loaxa import poster
from loaxa.poster import (
    PendingPosters,
    PosterContent,
    PosterError,
    prune_cache,
    render_posters,
    start_cached,
    write_cached,
)
from posterread import page_count, page_text, read_qr

SITE = "https://xa.example.vn/"


def content(n: int, title: str | None = None, url: str | None = None) -> PosterContent:
    url = url or f"{SITE}p/{n}/"
    return PosterContent(
        header="Xã Thử", site_label="Trang thông tin điện tử",
        title=title or f"Họp dân bàn kế hoạch làm đường bản Nà Khằn, lần {n}",
        summary="Bà con mang theo căn cước; buổi họp bắt đầu lúc 8 giờ tại nhà văn hoá.",
        short_url=url, link_text=url.split("://", 1)[1], link_label="Hoặc gõ địa chỉ:",
        call_to_action="Quét mã QR để xem chi tiết", date_line=f"Ngày đăng: {n:02d}/10/2025")


def site_jobs(count: int = 6, month: int = 3) -> list[tuple[list[PosterContent], str | None]]:
    """Like a build: each post's poster, then a batch per `month` posts (the same posters)."""
    contents = [content(n) for n in range(1, count + 1)]
    jobs = [([c], c.title) for c in contents]
    jobs += [(contents[i:i + month], f"2025-{10 + i // month}")
             for i in range(0, count, month)]
    return jobs


def no_children(timeout: float = 0.0) -> bool:
    """Whether this process has no child left, waiting up to `timeout` seconds for them to end."""
    end = time.monotonic() + timeout
    while multiprocessing.active_children():
        if time.monotonic() > end:
            return False
        time.sleep(0.05)
    return True


@pytest.fixture(autouse=True)
def children_ended():
    assert no_children(10), "a test before this one left processes running"
    yield
    assert no_children(10), "processes outlived the test"


def cached_files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_truncated_poster_is_drawn_again_and_reported(tmp_path):
    jobs = [([content(1)], "Tin một")]
    [(path, drawn)] = write_cached(tmp_path, jobs)
    assert drawn
    fresh = path.read_bytes()
    path.write_bytes(fresh[: len(fresh) // 2])  # a build killed while copying, a full disk
    repaired: list[Path] = []
    [(again, drawn)] = write_cached(tmp_path, jobs, on_repair=repaired.append)
    assert (again, drawn) == (path, True)
    assert repaired == [path]
    assert path.read_bytes() == fresh == render_posters([content(1)], title="Tin một")
    assert read_qr(path).text == f"{SITE}p/1/"
    # Now intact: used as it is, nothing reported.
    assert write_cached(tmp_path, jobs, on_repair=repaired.append) == [(path, False)]
    assert repaired == [path]


def test_garbage_of_the_right_length_is_drawn_again(tmp_path):
    jobs = site_jobs(4, month=2)
    first = write_cached(tmp_path, jobs)
    originals = cached_files(tmp_path)
    batch = first[4][0]
    batch.write_bytes(bytes(range(256)) * (batch.stat().st_size // 256)
                      + b"\0" * (batch.stat().st_size % 256))
    assert len(batch.read_bytes()) == len(originals[batch.name])
    repaired: list[Path] = []
    results = write_cached(tmp_path, jobs, on_repair=repaired.append)
    assert repaired == [batch]
    assert [drawn for _, drawn in results] == [False] * 4 + [True, False]
    assert cached_files(tmp_path) == originals
    assert page_count(batch) == 2
    assert [read_qr(batch, page).text for page in range(2)] == [f"{SITE}p/1/", f"{SITE}p/2/"]


def test_one_changed_byte_is_found(tmp_path):
    [(path, _)] = write_cached(tmp_path, [([content(1)], None)])
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    repaired: list[Path] = []
    assert write_cached(tmp_path, [([content(1)], None)], on_repair=repaired.append) == [(path, True)]
    assert repaired == [path]


def test_damaged_or_missing_hash_record_means_drawing_again(tmp_path):
    jobs = [([content(1)], None), ([content(2)], None)]
    (one, _), (two, _) = write_cached(tmp_path, jobs)
    fresh = cached_files(tmp_path)
    one.with_suffix(".sha256").write_bytes(b"\xff not a hash")
    two.with_suffix(".sha256").unlink()  # as in a cache written before hashes were recorded
    repaired: list[Path] = []
    assert write_cached(tmp_path, jobs, on_repair=repaired.append) == [(one, True), (two, True)]
    assert repaired == [one]  # a missing record is not damage: drawn again, not reported
    assert cached_files(tmp_path) == fresh


def test_every_pdf_has_its_hash_and_no_temporary_file_is_left(tmp_path):
    results = write_cached(tmp_path, site_jobs(6))
    names = {path.name for path in tmp_path.iterdir()}
    assert names == {path.name for path, _ in results} | {
        path.with_suffix(".sha256").name for path, _ in results}
    for path, _ in results:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert path.with_suffix(".sha256").read_text(encoding="ascii").strip() == digest


def test_start_cached_gives_the_same_files_as_write_cached(tmp_path):
    jobs = site_jobs(20, month=8)
    blocking = write_cached(tmp_path / "a", jobs)  # enough to draw on every core
    assert (tmp_path / "a" / blocking[-1][0].name).read_bytes() == render_posters(
        jobs[-1][0], title=jobs[-1][1])
    pending = start_cached(tmp_path / "b", jobs)
    # The paths are known at once, before anything is drawn.
    assert pending.paths == [tmp_path / "b" / path.name for path, _ in blocking]
    assert pending.drawn == [True] * len(jobs)
    results = pending.wait()
    assert results == list(zip(pending.paths, pending.drawn))
    assert pending.done()
    assert cached_files(tmp_path / "a") == cached_files(tmp_path / "b")
    assert read_qr(results[-1][0], 3).text == f"{SITE}p/20/"
    assert no_children()  # wait() ended the processes


def test_start_cached_with_everything_cached_starts_no_process(tmp_path, monkeypatch):
    jobs = site_jobs(4)
    write_cached(tmp_path, jobs)

    def no_pool(*args, **kwargs):
        raise AssertionError("a process pool was started")

    monkeypatch.setattr(poster, "ProcessPoolExecutor", no_pool)
    pending = start_cached(tmp_path, jobs)
    assert not multiprocessing.active_children()
    assert pending.drawn == [False] * len(jobs)
    assert pending.done()
    assert pending.wait() == [(path, False) for path in pending.paths]


def test_start_cached_draws_only_what_is_missing_or_broken(tmp_path):
    jobs = site_jobs(4, month=2)
    first = write_cached(tmp_path, jobs)
    fresh = cached_files(tmp_path)
    first[1][0].unlink()
    first[4][0].write_bytes(b"%PDF-1.4\n")
    repaired: list[Path] = []
    with start_cached(tmp_path, jobs, on_repair=repaired.append) as pending:
        assert repaired == [first[4][0]]  # reported before start_cached returns
        assert pending.drawn == [False, True, False, False, True, False]
        pending.wait()
    assert cached_files(tmp_path) == fresh


def test_an_unreadable_poster_raises_from_wait_and_ends_the_processes(tmp_path):
    too_long = SITE + "p/1/" + "x" * 400  # a QR code so big its modules would be under 2 mm
    jobs = [([content(1, url=too_long)], None)] + site_jobs(8, month=8)
    pending = start_cached(tmp_path, jobs)
    with pytest.raises(PosterError):
        pending.wait()
    assert no_children()
    assert not pending.paths[0].exists()
    with pytest.raises(PosterError):
        write_cached(tmp_path, jobs)


def test_cancel_ends_the_processes_and_leaves_only_whole_files(tmp_path):
    jobs = site_jobs(40, month=20)
    pending = start_cached(tmp_path / "a", jobs)
    pending.cancel()
    assert no_children()
    pending.cancel()  # twice is harmless
    for path in (tmp_path / "a").iterdir():
        assert path.suffix in {".pdf", ".sha256"}, path
    assert len(list((tmp_path / "a").glob("*.pdf"))) < len(jobs)  # only what had started
    # What was drawn before the cancel is intact and used; the rest is drawn now.
    repaired: list[Path] = []
    results = write_cached(tmp_path / "a", jobs, on_repair=repaired.append)
    assert repaired == [] and not all(drawn for _, drawn in results)
    write_cached(tmp_path / "b", jobs)
    assert cached_files(tmp_path / "a") == cached_files(tmp_path / "b")


def test_dropping_pending_posters_ends_the_processes(tmp_path):
    pending: PendingPosters = start_cached(tmp_path, site_jobs(40, month=20))
    assert multiprocessing.active_children()
    del pending  # as when a build fails before waiting
    gc.collect()
    assert no_children(30)


def test_prune_removes_unused_pdfs_with_their_hashes(tmp_path):
    results = write_cached(tmp_path, site_jobs(4, month=2))
    keep = {path for path, _ in results[:3]}
    stale = tmp_path / "abc.pdf.123.tmp"
    stale.write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    recent = tmp_path / "def.pdf.456.tmp"  # maybe another build writing right now
    recent.write_bytes(b"half")
    prune_cache(tmp_path, keep)
    assert {path.name for path in tmp_path.iterdir()} == (
        {path.name for path in keep} | {path.with_suffix(".sha256").name for path in keep}
        | {recent.name})


def test_a_built_site_never_publishes_a_damaged_cached_poster(tmp_path):
    root = write_site(tmp_path, {"a.md": post(1, "Tin một", "2025-10-01"),
                                 "b.md": post(2, "Tin hai", "2025-10-02")})
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    published = {name: (root / "site/posters" / name).read_bytes()
                 for name in ("1.pdf", "2.pdf", "2025-10.pdf")}
    cache = root / ".cache/loaxa/posters"
    for cached in cache.glob("*.pdf"):
        cached.write_bytes(cached.read_bytes()[:1000])
    built = run_mkdocs(root, "-v")
    assert built.returncode == 0, built.output
    for name, data in published.items():
        assert (root / "site/posters" / name).read_bytes() == data, name
    assert read_qr(root / "site/posters/2.pdf").text == f"{SITE}p/2/"
    assert "Tin hai" in page_text(root / "site/posters/2.pdf")
    assert built.output.count(str(cache)) >= 3, built.output  # each repair was reported
