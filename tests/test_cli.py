"""`loaxa check` validates the posts exactly as the build does, without building."""

from __future__ import annotations

import subprocess
import sys

from conftest import BAD_POSTS, post, run_mkdocs, write_site


def loaxa(root, *args):
    return subprocess.run([sys.executable, "-m", "loaxa.cli", *args], cwd=root,
                          capture_output=True, text=True, encoding="utf-8")


def problem_lines(output: str) -> list[str]:
    return [line.strip().removeprefix("ERROR   -  ").strip()
            for line in output.splitlines() if line.strip().startswith("posts/")]


def test_check_agrees_with_the_build_on_every_case(tmp_path):
    root = write_site(tmp_path, BAD_POSTS, docs={"gioi-thieu.md": "# Giới thiệu\n"})
    checked = loaxa(root, "check")
    assert checked.returncode == 1
    assert "Traceback" not in checked.stderr
    built = run_mkdocs(root)
    assert built.returncode != 0
    assert problem_lines(checked.stderr) == problem_lines(built.output)
    # Every file reports its mistake; j.md is right, k.md took its address.
    assert {line.split(":")[0] for line in problem_lines(checked.stderr)} == {
        f"posts/{name}" for name in BAD_POSTS if name != "j.md"}
    assert "Số id chưa dùng tiếp theo: 19" in checked.stderr


def test_check_passes_and_tells_the_next_id(tmp_path):
    root = write_site(tmp_path, {"a.md": post(4, "Tin"), "sub/b.md": post(9, "Tin hai")})
    checked = loaxa(root, "check")
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines() == ["Đã kiểm tra 2 bài viết: không có lỗi.",
                                           "Số id chưa dùng tiếp theo: 10"]


def test_check_outside_a_site_says_where_to_run(tmp_path):
    checked = loaxa(tmp_path, "check")
    assert checked.returncode == 2
    assert "Không tìm thấy mkdocs.yml → chạy lệnh trong thư mục của trang web" in checked.stderr
