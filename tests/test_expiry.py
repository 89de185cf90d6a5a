"""Notices that expire: after their `expires:` day (Vietnam time) they say so at the top, leave
the home page and every feed, and stay readable at their address, in the archive and in their
category; `loaxa check` lists those that expire within a week."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timedelta

import feedparser
from conftest import post, run_mkdocs, write_site
from loaxa.dates import VIETNAM

NOW = datetime.now(VIETNAM)


def day(offset: int) -> str:
    return f"{NOW + timedelta(days=offset):%Y-%m-%d}"


def loaxa(root, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root, capture_output=True,
                          text=True, encoding="utf-8")


def links(html: str) -> list[str]:
    return re.findall(r'<a class="toclink" href="([^"]+)"', html)


def test_an_expired_notice_leaves_the_home_page_and_the_feeds_and_stays_readable(tmp_path):
    root = write_site(tmp_path, {
        "a.md": post(1, "Lịch tiếp dân tháng 6", day(-60), categories="[Thông báo]", expires=day(-40)),
        "b.md": post(3, "Lịch họp thôn tháng sau", day(-2), categories="[Thông báo]", expires=day(30)),
        "c.md": post(4, "Tập huấn kỹ năng số", day(-1)),
        "d.md": post(2, "Mất điện chiều nay", day(-50), categories="[Thông báo]",
                     expires=f"{day(-50)} 17:00"),
    })
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    home = built.page("")
    assert links(home) == ["tap-huan-ky-nang-so/", "lich-hop-thon-thang-sau/"]
    for name in ("feed.xml", "atom.xml", "category/thong-bao/feed.xml"):
        titles = [entry.title for entry in feedparser.parse((built.site / name).read_bytes()).entries]
        assert "Lịch tiếp dân tháng 6" not in titles and "Mất điện chiều nay" not in titles, name
        if name != "atom.xml":
            assert "Lịch họp thôn tháng sau" in titles
    items = json.loads((built.site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [item["title"] for item in items] == ["Tập huấn kỹ năng số", "Lịch họp thôn tháng sau"]

    page = built.page("lich-tiep-dan-thang-6")
    last = NOW + timedelta(days=-40)
    since = f"{last + timedelta(days=1):%d/%m/%Y}"  # in force through its day, expired the next
    assert f'<p class="loaxa-expired" role="note">Hết hiệu lực từ {since}</p>' in page
    article = page[page.index("<h1"):]
    assert article.index('<p class="loaxa-expired"') < article.index("Đoạn mở đầu.")  # said first
    # With a time, it ends at that moment, that day.
    assert f"Hết hiệu lực từ {NOW + timedelta(days=-50):%d/%m/%Y}</p>" in built.page("mat-dien-chieu-nay")
    assert '<p class="loaxa-expired"' not in built.page("lich-hop-thon-thang-sau")
    category = built.page("category/thong-bao")
    assert "lich-tiep-dan-thang-6/" in " ".join(links(category))
    archive = f"archive/{NOW + timedelta(days=-60):%Y}"  # this site groups its archive by year
    assert "lich-tiep-dan-thang-6/" in " ".join(links(built.page(archive)))
    assert (built.site / "p/1/index.html").is_file()  # its short link still answers


def test_expires_is_checked_like_every_date(tmp_path):
    root = write_site(tmp_path, {
        "a.md": post(1, "Lịch họp", "2026-06-10", expires="2026-06-01"),
        "b.md": post(2, "Lịch họp hai", "2026-06-10", expires="sang tháng"),
    })
    built = run_mkdocs(root)
    assert built.returncode == 1
    assert ("posts/a.md:6: expires: ngày hết hiệu lực `2026-06-01` không sau ngày đăng 10/06/2026 → "
            "ghi ngày cuối cùng thông báo còn hiệu lực, sau ngày đăng") in built.output
    assert ("posts/b.md:6: expires: ngày hết hiệu lực `sang tháng` không đọc được → ghi ngày cuối "
            "cùng thông báo còn hiệu lực, ví dụ `expires: 2026-06-30`") in built.output


def test_check_lists_the_notices_that_expire_within_a_week(tmp_path):
    root = write_site(tmp_path, {
        "a.md": post(1, "Lịch tiêm phòng", day(-3), categories="[Thông báo]", expires=day(2)),
        "b.md": post(2, "Lịch họp tháng sau", day(-3), categories="[Thông báo]", expires=day(20)),
    })
    done = loaxa(root, "check")
    assert done.returncode == 0, done.stderr
    ends = f"{NOW + timedelta(days=3):%d/%m/%Y}"
    soon = [line for line in done.stdout.splitlines() if "hết hiệu lực" in line]
    assert soon == [f"  posts/a.md:6: expires: thông báo hết hiệu lực từ {ends} (còn 2 ngày): từ hôm đó "
                    "bài rời trang chủ và các nguồn tin → nếu còn hiệu lực, sửa ngày `expires:`"]


def test_the_home_page_loses_a_later_page_that_expired_notices_emptied(tmp_path):
    posts = {f"{n:02}.md": post(n, f"Tin số {n}", day(-30 + n)) for n in range(1, 10)}
    posts |= {f"{n:02}.md": post(n, f"Thông báo số {n}", day(-30 + n), categories="[Thông báo]",
                                 expires=day(-2)) for n in (10, 11)}
    root = write_site(tmp_path, posts)
    built = run_mkdocs(root)
    assert built.returncode == 0, built.output
    assert len(links(built.page(""))) == 9  # ten to a page: nine left, one page
    assert not (built.site / "page/2/index.html").exists()
    assert "https://xa.example.vn/page/2/" not in (built.site / "sitemap.xml").read_text(encoding="utf-8")
