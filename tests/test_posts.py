"""Front-matter validation: every problem, with file, line, field and the fix."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from conftest import CATEGORIES, post
from loaxa.posts import PostError, load_posts

VN = timezone(timedelta(hours=7))


def load(tmp_path: Path, files: dict[str, str | bytes], lang: str = "vi", reserved=()):
    folder = tmp_path / "posts"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    folder.mkdir(exist_ok=True)
    return load_posts(folder, categories=CATEGORIES, lang=lang, reserved=reserved)


def problems(tmp_path: Path, files: dict[str, str | bytes], lang: str = "vi") -> list[str]:
    with pytest.raises(PostError) as caught:
        load(tmp_path, files, lang)
    return [str(p) for p in caught.value.problems]


def test_valid_post_is_read(tmp_path):
    [p] = load(tmp_path, {"a.md": post(3, "Hướng dẫn cài đặt VNeID", "2025-10-08 14:00",
                                       "Hướng dẫn", tags="[VNeID, dịch vụ công]")})
    assert (p.id, p.title, p.slug) == (3, "Hướng dẫn cài đặt VNeID", "huong-dan-cai-dat-vneid")
    assert p.date == datetime(2025, 10, 8, 14, tzinfo=VN)
    assert p.categories == ("Hướng dẫn",)
    assert p.tags == ("VNeID", "dịch vụ công")
    assert p.source == "posts/a.md"


def test_no_front_matter(tmp_path):
    assert problems(tmp_path, {"a.md": "Chỉ có nội dung.\n"}) == [
        "posts/a.md:1: phần đầu bài: bài không có phần đầu → dòng đầu tiên của tệp phải là `---`, "
        "tiếp theo là các trường (`id:`, `title:`, `date:`, `categories:`), rồi một dòng `---` nữa"]


def test_unclosed_front_matter(tmp_path):
    [message] = problems(tmp_path, {"a.md": "---\nid: 1\ntitle: A\n"})
    assert message.startswith("posts/a.md:1: phần đầu bài: phần đầu bài mở bằng `---` nhưng")


def test_yaml_syntax_error_names_the_line(tmp_path):
    text = "---\nid: 1\ntitle: Thông báo: lịch họp\ndate: 2025-10-01\ncategories: [Tin tức]\n---\nA\n"
    [message] = problems(tmp_path, {"a.md": text})
    assert message.startswith("posts/a.md:3: phần đầu bài: dòng này không đọc được (có dấu `:` "
                              "ở giữa giá trị) → mỗi dòng viết `tên: giá trị`")
    assert "mapping" not in message
    assert '`title: "Thông báo: lịch tiếp dân"`' in message


def test_not_utf8_names_the_line(tmp_path):
    text = post(1, "Hướng dẫn", body="Dòng một.\nDòng hai có chữ ư.\n")
    data = text.encode("cp1258", errors="replace")
    assert problems(tmp_path, {"a.md": data}) == [
        "posts/a.md:3: tệp: tệp không được lưu bằng mã UTF-8 (byte lạ ở dòng này, có thể do lưu "
        "bằng bảng mã Windows) → mở tệp, chọn Lưu thành (Save As) và chọn mã hoá UTF-8"]


@pytest.mark.parametrize("missing", ["id", "title", "date", "categories"])
def test_missing_required_field(tmp_path, missing):
    lines = {"id": "id: 1", "title": "title: Tin", "date": "date: 2025-10-01",
             "categories": "categories: [Tin tức]"}
    del lines[missing]
    text = "---\n" + "\n".join(lines.values()) + "\n---\nA\n"
    example = {"id": "id: 1", "title": "title: Hướng dẫn cài đặt VNeID",
               "date": "date: 2025-10-05", "categories": "categories: [Tin tức]"}[missing]
    message = f"thiếu trường bắt buộc → thêm dòng `{example}` vào phần đầu bài"
    if missing == "id":  # a post written in the web editor has no id until the publish workflow runs
        message = ("bài chưa có số (`id`), nên chưa đăng được → bài soạn trên trình duyệt: không cần "
                   "làm gì, quy trình đăng tự cấp số khi bài lên kho GitHub; bài viết bằng tay: thêm "
                   f"dòng `{example}`")
    assert problems(tmp_path, {"a.md": text}) == [f"posts/a.md:1: {missing}: {message}"]


@pytest.mark.parametrize("field, line", [("title", 3), ("date", 4), ("id", 2)])
def test_empty_required_field(tmp_path, field, line):
    text = post(1, "Tin", "2025-10-01")
    text = text.replace({"title": "title: Tin", "date": "date: 2025-10-01", "id": "id: 1"}[field],
                        f"{field}:")
    [message] = problems(tmp_path, {"a.md": text})
    assert message.startswith(f"posts/a.md:{line}: {field}: trường để trống → ghi giá trị, ví dụ")


@pytest.mark.parametrize("value", ["0", "-3", "1.5", "mười", "true"])
def test_id_not_positive_integer(tmp_path, value):
    assert problems(tmp_path, {"a.md": post(value, "Tin"), "b.md": post(7, "Tin khác")}) == [
        f"posts/a.md:2: id: `{value}` không phải số nguyên dương → ghi một số chưa dùng, "
        f"ví dụ `id: 8`"]


def test_impossible_date(tmp_path):
    assert problems(tmp_path, {"a.md": post(1, "Tin", "2025-13-40")}) == [
        "posts/a.md:4: date: `2025-13-40` không phải ngày có thật → kiểm tra ngày, tháng và năm, viết "
        "dạng `2025-10-05` hoặc `05/10/2025` (ngày/tháng/năm)"]


def test_month_first_date_refused_not_misread(tmp_path):
    [message] = problems(tmp_path, {"a.md": post(1, "Tin", "10/25/2025")})
    assert message.startswith("posts/a.md:4: date: `10/25/2025` không phải ngày có thật")


def test_vietnamese_date_is_day_first(tmp_path):
    [p] = load(tmp_path, {"a.md": post(1, "Tin", "05/10/2025")})
    assert (p.date.day, p.date.month, p.date.year) == (5, 10, 2025)


def test_unknown_category_suggests_closest(tmp_path):
    assert problems(tmp_path, {"a.md": post(1, "Tin", categories="Tin tuc")}) == [
        "posts/a.md:5: categories: chuyên mục `Tin tuc` không có trong danh sách → có phải ý bạn "
        "là `Tin tức`? (các chuyên mục: `Tin tức`, `Hướng dẫn`, `Video`, `Thông báo`)"]


def test_unknown_category_without_close_match(tmp_path):
    [message] = problems(tmp_path, {"a.md": post(1, "Tin", categories="[Thể thao]")})
    assert message == ("posts/a.md:5: categories: chuyên mục `Thể thao` không có trong danh sách "
                       "→ chọn một trong: `Tin tức`, `Hướng dẫn`, `Video`, `Thông báo`")


def test_duplicate_id_names_both_files(tmp_path):
    files = {"a.md": post(4, "Tin một", "2025-10-01"), "b.md": post(4, "Tin hai", "2025-10-02"),
             "c.md": post(9, "Tin ba")}
    assert problems(tmp_path, files) == [
        "posts/b.md:2: id: số 4 đã dùng cho posts/a.md → đổi bài này sang số chưa dùng `id: 10` "
        "(đừng đổi id của bài đã đăng: áp phích đã in dùng số đó)"]


def test_duplicate_explicit_slug_names_both_files(tmp_path):
    files = {"a.md": post(1, "Tin một", slug="lich-hop"), "sub/b.md": post(2, "Tin hai", "2025-11-01",
                                                                          slug="lich-hop")}
    assert problems(tmp_path, files) == [
        "posts/sub/b.md:6: slug: đường dẫn `lich-hop` đã dùng cho posts/a.md → chọn đường dẫn "
        "khác, ví dụ `slug: lich-hop-2`"]


def test_cover_image_missing_or_outside(tmp_path):
    (tmp_path / "secret.jpg").write_bytes(b"x")
    files = {"a.md": post(1, "Tin", image="khong-co.jpg"),
             "b.md": post(2, "Tin hai", image="../secret.jpg"),
             "c.md": post(3, "Tin ba", image="/etc/passwd")}
    assert problems(tmp_path, files) == [
        "posts/a.md:6: image: không tìm thấy tệp `khong-co.jpg` (tính từ thư mục chứa bài viết) → "
        "đặt tệp cạnh bài và ghi tên tệp, ví dụ `image: anh-bia.jpg`",
        "posts/b.md:6: image: `../secret.jpg` nằm ngoài thư mục posts/ → chép tệp vào cạnh bài "
        "viết trong posts/ rồi ghi `image: <tên tệp>`",
        "posts/c.md:6: image: `/etc/passwd` nằm ngoài thư mục posts/ → chép tệp vào cạnh bài "
        "viết trong posts/ rồi ghi `image: <tên tệp>`"]


def test_cover_image_beside_post_in_subfolder(tmp_path):
    (tmp_path / "posts/2025/vneid").mkdir(parents=True)
    (tmp_path / "posts/2025/vneid/cover.jpg").write_bytes(b"jpg")
    [p] = load(tmp_path, {"2025/a.md": post(1, "Tin", image="vneid/cover.jpg")})
    assert p.image == "2025/vneid/cover.jpg"


def test_all_problems_of_all_posts_reported_together(tmp_path):
    files = {"a.md": post(0, "Tin", "2025-02-30", categories="Tin tuc"),
             "b.md": "không có phần đầu",
             "c.md": post(5, "", "hôm qua")}
    found = problems(tmp_path, files)
    assert [m.split(": ")[0] + ": " + m.split(": ")[1] for m in found] == [
        "posts/a.md:2: id", "posts/a.md:4: date", "posts/a.md:5: categories",
        "posts/b.md:1: phần đầu bài", "posts/c.md:3: title", "posts/c.md:4: date"]


def test_misspelt_field_suggests_the_right_one(tmp_path):
    text = "---\nid: 1\ntitle: Tin\ndate: 2025-10-01\ncategory: Tin tức\n---\nA\n"
    assert problems(tmp_path, {"a.md": text}) == [
        "posts/a.md:5: category: không có trường `category` → có phải ý bạn là `categories`?"]


def test_field_written_twice(tmp_path):
    text = post(1, "Tin") .replace("---\nA", "---\nA") + ""
    text = text.replace("title: Tin\n", "title: Tin\ntitle: Tin mới\n")
    assert problems(tmp_path, {"a.md": text}) == [
        "posts/a.md:4: title: trường này được ghi hai lần (lần đầu ở dòng 3) → chỉ giữ một dòng"]


def test_english_messages_when_site_is_english(tmp_path):
    assert problems(tmp_path, {"a.md": post(1, "News", categories="Tin tuc")}, lang="en") == [
        "posts/a.md:5: categories: category `Tin tuc` is not in the list → did you mean "
        "`Tin tức`? (categories: `Tin tức`, `Hướng dẫn`, `Video`, `Thông báo`)"]


def test_what_writers_naturally_type_is_accepted(tmp_path):
    nfd = unicodedata.normalize("NFD", post(1, "Tập huấn kỹ năng số", categories="Hướng dẫn"))
    crlf = post(2, "Lịch tiếp công dân", "2025-10-08 14:00").replace("\n", "\r\n")
    bom = "\ufeff" + post(3, "Thông báo mới", "08/10/2025 07:30", categories="Thông báo")
    posts = {p.id: p for p in load(tmp_path, {"nfd.md": nfd, "crlf.md": crlf, "bom.md": bom})}
    assert posts[1].title == unicodedata.normalize("NFC", "Tập huấn kỹ năng số")
    assert posts[1].categories == ("Hướng dẫn",)
    assert posts[1].slug == "tap-huan-ky-nang-so"
    assert "\r" not in posts[2].body and posts[2].date == datetime(2025, 10, 8, 14, tzinfo=VN)
    assert posts[3].title == "Thông báo mới" and posts[3].date.hour == 7


def test_duplicate_titles_get_distinct_stable_slugs(tmp_path):
    files = {f"{i}.md": post(i, "Lịch tiếp công dân", f"2025-10-0{i}") for i in (3, 5, 8)}
    slugs = {p.id: p.slug for p in load(tmp_path, files)}
    assert slugs == {3: "lich-tiep-cong-dan", 5: "lich-tiep-cong-dan-5",
                     8: "lich-tiep-cong-dan-8"}


def test_explicit_slug_wins_over_derived(tmp_path):
    files = {"a.md": post(1, "Lịch tiếp công dân"),
             "b.md": post(2, "Khác", slug="lich-tiep-cong-dan")}
    slugs = {p.id: p.slug for p in load(tmp_path, files)}
    assert slugs == {1: "lich-tiep-cong-dan-1", 2: "lich-tiep-cong-dan"}


def test_non_latin_title_gets_a_valid_slug(tmp_path):
    # Titles the posters' fonts cannot print need a poster title in words (see the next test).
    files = {"bn.md": post(11, "বাংলা সংবাদ", poster_title="Tin tiếng Bengal"),
             "th.md": post(12, "ข่าวสาร", poster_title="Tin tiếng Thái Lan"),
             "e.md": post(13, "📢📱", poster_title="Loa và điện thoại")}
    assert sorted(p.slug for p in load(tmp_path, files)) == [
        "bai-viet-11", "bai-viet-12", "bai-viet-13"]


def test_a_title_no_poster_can_print_needs_a_poster_title_in_words(tmp_path):
    with pytest.raises(PostError) as error:
        load(tmp_path, {"e.md": post(13, "📢📱"), "f.md": post(14, "Tin", poster_title="'🎉'")})
    assert [(p.source, p.line, p.field) for p in error.value.problems] == [
        ("posts/e.md", 3, "title"), ("posts/f.md", 6, "poster_title")]
    assert "📢 U+1F4E2, 📱 U+1F4F1" in error.value.problems[0].message
    assert "`poster_title:`" in error.value.problems[0].message


def test_poster_title_is_text_nfc_and_short(tmp_path):
    import unicodedata
    decomposed = unicodedata.normalize("NFD", "Lịch tiếp dân")
    [p] = load(tmp_path, {"a.md": post(1, "Tin", poster_title=decomposed)})
    assert p.poster_title == "Lịch tiếp dân"
    with pytest.raises(PostError) as error:
        load(tmp_path / "b", {"b.md": post(2, "Tin", poster_title="'" + "chữ " * 40 + "'"),
                              "c.md": post(3, "Tin", poster_title="[a, b]")})
    messages = {p.source: p.message for p in error.value.problems}
    assert "dài 159 ký tự, quá 120 ký tự" in messages["posts/b.md"]
    assert "poster_title: Lịch tiếp dân tháng 10" in messages["posts/c.md"]


def test_reserved_address_is_avoided(tmp_path):
    [p] = load(tmp_path, {"a.md": post(4, "Giới thiệu")}, reserved={"gioi-thieu"})
    assert p.slug == "gioi-thieu-4"
