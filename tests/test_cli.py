"""`loaxa check` validates the posts exactly as the build does, without building."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import BAD_POSTS, post, run_mkdocs, write_site
from loaxa.cli import main


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


# argparse's own English, which staff must never see.
ENGLISH = ("usage:", "positional arguments", "options", "invalid choice", "error:",
           "the following arguments are required", "show this help message and exit",
           "unrecognized arguments", "expected one argument", "ambiguous option")
COMMAND_LIST = ["  loaxa new           tạo một bài viết mới trong thư mục bài viết",
                "  loaxa check         kiểm tra mọi bài viết mà không dựng trang",
                "  loaxa posters       ghi một tệp PDF gồm áp phích của các bài đã đăng được chọn",
                "  loaxa clean-photos  xoá vị trí chụp và thông tin cá nhân khỏi ảnh trong thư mục "
                "bài viết",
                '  loaxa remove        gỡ hẳn một bài đã đăng (địa chỉ cũ hiện trang "bài đã gỡ")',
                "  loaxa assign-ids    cấp số id cho các bài chưa có (quy trình đăng tự chạy lệnh này)",
                "  loaxa editor        mở trình soạn bài trên máy này, kèm trang xem trước"]


def run_main(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    for text in (out, err):
        assert not [phrase for phrase in ENGLISH if phrase in text.lower()], text
    return code, out, err


def test_no_command_prints_the_vietnamese_help_and_exits_2(capsys):
    code, out, err = run_main(capsys)
    assert code == 2 and err == ""
    assert out.startswith("Cách dùng: loaxa [-h] [-f TỆP] LỆNH ...")
    for words in ["Loa Xã: công cụ cho trang tin của xã.", "Tuỳ chọn:", "Các lệnh:",
                  "hiện hướng dẫn này rồi thôi", "kiểm tra mọi bài viết mà không dựng trang", "clean-photos"]:
        assert words in out, words


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["new", "--help"], ["check", "-h"],
                                  ["posters", "-h"], ["clean-photos", "--help"]])
def test_help_is_vietnamese_and_exits_0(capsys, args):
    code, out, _ = run_main(capsys, *args)
    assert code == 0
    assert out.startswith("Cách dùng: loaxa")
    assert "Tuỳ chọn:" in out and "hiện hướng dẫn này rồi thôi" in out


def test_posters_help_explains_that_the_filters_are_all_required(capsys):
    _, out, _ = run_main(capsys, "posters", "--help")
    text = " ".join(out.split())
    assert "Một bài được in khi khớp mọi điều kiện đã ghi" in text
    assert "`--month 2025-10`" in text and "`--ids 3,5,12`" in text and "`-o ap-phich.pdf`" in text


def test_a_mistyped_command_suggests_the_closest_and_lists_them_all(capsys):
    code, out, err = run_main(capsys, "chek")
    assert code == 2 and out == ""
    assert err.splitlines() == ["Không có lệnh `chek`. Có phải ý bạn là `loaxa check`?",
                                "Các lệnh của loaxa:", *COMMAND_LIST, "Xem cách dùng: `loaxa --help`"]


def test_a_command_far_from_any_gets_no_suggestion(capsys):
    code, _, err = run_main(capsys, "-f", "mkdocs.yml", "inanh")
    assert code == 2
    assert err.splitlines()[0] == "Không có lệnh `inanh`."


def test_a_real_process_answers_a_typo_in_vietnamese(tmp_path):
    result = loaxa(tmp_path, "postres")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Không có lệnh `postres`. Có phải ý bạn là `loaxa posters`?\n")
    assert not [phrase for phrase in ENGLISH if phrase in result.stderr.lower()]


def test_an_unknown_option_suggests_the_closest(capsys):
    code, _, err = run_main(capsys, "posters", "--monht", "2025-10")
    assert code == 2
    assert err.splitlines() == [
        "Lệnh `loaxa posters` không có tuỳ chọn `--monht`. Có phải ý bạn là `--month`?",
        "Xem cách dùng: `loaxa posters --help`"]
    code, _, err = run_main(capsys, "--verbose", "check")
    assert code == 2
    assert err.splitlines()[0] == "Lệnh `loaxa` không có tuỳ chọn `--verbose`."


@pytest.mark.parametrize(("args", "option", "example"), [
    (["posters", "--month"], "--month", "`--month 2025-10`"),
    (["posters", "--month", "--category", "Video"], "--month", "`--month 2025-10`"),
    (["posters", "-o"], "-o", "`-o ap-phich.pdf`"),
    (["posters", "--ids"], "--ids", "`--ids 3,5,12`"),
    (["new", "--date"], "--date", "`--date \"2025-10-05 08:00\"`"),
    (["new", "--category"], "--category", "`--category \"Hướng dẫn\"`"),
    (["posters", "--category"], "--category", "(ghi nhiều lần được)"),
    (["-f"], "-f", "`-f mkdocs.yml`"),
])
def test_an_option_without_its_value_says_which_and_shows_an_example(capsys, args, option, example):
    code, _, err = run_main(capsys, *args)
    assert code == 2
    first, see = err.splitlines()
    assert first.startswith(f"Tuỳ chọn `{option}` cần một giá trị ngay sau nó: ")
    assert example in first
    command = "loaxa" if args[0] == "-f" else f"loaxa {args[0]}"
    assert see == f"Xem cách dùng: `{command} --help`"


def test_a_value_with_a_space_not_in_quotes_is_explained(capsys):
    code, _, err = run_main(capsys, "posters", "--category", "Hướng", "dẫn")
    assert code == 2
    assert err.splitlines()[0] == (
        "Lệnh `loaxa posters` không hiểu `dẫn`. Nếu tiêu đề hay giá trị có dấu cách, đặt cả nó trong "
        "dấu nháy kép, ví dụ `--category \"Hướng dẫn\"`.")
    code, _, err = run_main(capsys, "check", "thừa")
    assert code == 2
    assert err.splitlines() == ["Lệnh `loaxa check` không hiểu `thừa`.",
                                "Xem cách dùng: `loaxa check --help`"]


@pytest.mark.parametrize("args", [["new", "Họp", "dân"], ["--help=x"], ["posters", "-x"], ["--config"],
                                  ["check", "--", "x"], ["--", "check"], ["posters", "--month=2025-10=x"]])
def test_no_mistake_is_answered_in_english(capsys, args):
    code, _, err = run_main(capsys, *args)
    assert code == 2
    assert err.strip()
