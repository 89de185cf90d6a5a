"""`loaxa posters` and `loaxa clean-photos` write only what they name: never over another file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import post, write_site
from loaxa.cli import main
from loaxa.photos import has_location
from PIL import Image
from pypdf import PdfReader, PdfWriter

POSTS = {
    "2025/a.md": post(1, "Hướng dẫn cài đặt VNeID", "2025-10-01", "[Hướng dẫn]"),
    "2025/b.md": post(2, "Họp dân thôn Nà Khằn", "2025-10-03"),
    "2025/c.md": post(3, "Video quét mã QR", "2025-11-02", "[Video]",
                      video="https://www.youtube.com/watch?v=mK-vneid-01"),
    "2025/d.md": post(4, "Bản nháp", "2025-11-05", draft="true"),
    "2099/e.md": post(5, "Hẹn đăng sau", "2099-01-01"),
}


@pytest.fixture
def site(tmp_path: Path, monkeypatch) -> Path:
    root = write_site(tmp_path / "xa", POSTS)
    monkeypatch.chdir(root)
    return root


def posters(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["posters", *args])
    out, err = capsys.readouterr()
    return code, out, err


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


def test_without_o_the_pdf_goes_to_ap_phich_beside_mkdocs_yml(site, capsys):
    code, out, err = posters(capsys, "--month", "2025-10")
    assert code == 0, err
    assert out == "Đã ghi ap-phich/ap-phich-2025-10.pdf: 2 áp phích\n"
    assert pages(site / "ap-phich/ap-phich-2025-10.pdf") == 2
    assert posters(capsys)[1] == "Đã ghi ap-phich/ap-phich.pdf: 3 áp phích\n"


def test_run_from_another_folder_the_default_is_still_beside_mkdocs_yml(site, tmp_path, monkeypatch):
    elsewhere = tmp_path / "noi-khac"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-m", "loaxa.cli", "-f", str(site / "mkdocs.yml"), "posters"],
                            cwd=elsewhere, capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert pages(site / "ap-phich/ap-phich.pdf") == 3
    assert list(elsewhere.iterdir()) == []
    assert f"Đã ghi {site / 'ap-phich' / 'ap-phich.pdf'}: 3 áp phích" in result.stdout


def test_o_mkdocs_yml_is_refused_and_left_byte_for_byte(site, capsys):
    before = (site / "mkdocs.yml").read_bytes()
    code, out, err = posters(capsys, "-o", "mkdocs.yml")
    assert code == 1 and out == ""
    assert err == ("Tên tệp `mkdocs.yml` không kết thúc bằng `.pdf`; áp phích chỉ ghi vào tệp PDF → "
                   "chọn tên khác, ví dụ `-o ap-phich.pdf`\n")
    assert (site / "mkdocs.yml").read_bytes() == before


@pytest.mark.parametrize("name", ["ghi-chu.txt", "ap-phich", "posts/2025/a.md"])
def test_a_name_not_ending_in_pdf_is_refused(site, capsys, name):
    code, _, err = posters(capsys, "-o", name)
    assert code == 1
    assert "không kết thúc bằng `.pdf`" in err
    assert not (site / "ap-phich").exists() and not (site / "ghi-chu.txt").exists()
    assert (site / "posts/2025/a.md").read_text(encoding="utf-8") == POSTS["2025/a.md"]


def test_an_existing_file_loaxa_did_not_write_is_refused(site, capsys):
    (site / "bao-cao.pdf").write_bytes(b"Bao cao quy III, khong phai PDF")
    code, out, err = posters(capsys, "-o", "bao-cao.pdf")
    assert code == 1 and out == ""
    assert err == ("Đã có bao-cao.pdf và đó không phải tệp áp phích do loaxa ghi, nên không ghi đè → "
                   "chọn tên khác, ví dụ `-o bao-cao-2.pdf`\n")
    assert (site / "bao-cao.pdf").read_bytes() == b"Bao cao quy III, khong phai PDF"


def test_another_programs_pdf_is_refused(site, capsys):
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    with open(site / "cong-van.pdf", "wb") as out:
        writer.write(out)
    before = (site / "cong-van.pdf").read_bytes()
    (site / "cong-van-2.pdf").write_bytes(b"")
    code, _, err = posters(capsys, "-o", "cong-van.pdf")
    assert code == 1
    assert err.startswith("Đã có cong-van.pdf và đó không phải tệp áp phích do loaxa ghi")
    assert "`-o cong-van-3.pdf`" in err
    assert (site / "cong-van.pdf").read_bytes() == before


def test_a_link_is_never_written_through(site, capsys):
    (site / "that.pdf").write_bytes(b"%PDF-1.4 not ours")
    (site / "lien-ket.pdf").symlink_to(site / "that.pdf")
    code, _, err = posters(capsys, "-o", "lien-ket.pdf")
    assert code == 1 and "không ghi đè" in err
    assert (site / "that.pdf").read_bytes() == b"%PDF-1.4 not ours"


def test_a_pdf_loaxa_wrote_is_written_again(site, capsys):
    assert posters(capsys, "--month", "2025-10", "-o", "in.pdf")[0] == 0
    assert pages(site / "in.pdf") == 2
    code, out, err = posters(capsys, "--month", "2025-11", "-o", "in.pdf")
    assert code == 0, err
    assert out == "Đã ghi in.pdf: 1 áp phích\n"
    assert pages(site / "in.pdf") == 1


def test_o_an_existing_folder_writes_the_default_name_inside(site, capsys):
    (site / "in-an").mkdir()
    code, out, err = posters(capsys, "--month", "2025-11", "-o", "in-an")
    assert code == 0, err
    assert out == "Đã ghi in-an/ap-phich-2025-11.pdf: 1 áp phích\n"
    assert pages(site / "in-an/ap-phich-2025-11.pdf") == 1


def test_o_a_missing_folder_is_created(site, capsys):
    code, out, err = posters(capsys, "-o", "thang/muoi/")
    assert code == 0, err
    assert pages(site / "thang/muoi/ap-phich.pdf") == 3
    code, out, err = posters(capsys, "--ids", "2", "-o", "moi/chon.pdf")
    assert code == 0, err
    assert out == "Đã ghi moi/chon.pdf: 1 áp phích\n"
    assert pages(site / "moi/chon.pdf") == 1


def test_a_folder_named_like_the_output_is_never_replaced(site, capsys):
    (site / "ap-phich/ap-phich.pdf").mkdir(parents=True)
    code, _, err = posters(capsys)
    assert code == 1
    assert "Đã có ap-phich/ap-phich.pdf và đó không phải tệp áp phích do loaxa ghi" in err
    assert (site / "ap-phich/ap-phich.pdf").is_dir()


def test_nothing_chosen_names_the_months_categories_and_ids_that_exist(site, capsys):
    code, out, err = posters(capsys, "--month", "2025-10", "--category", "Video", "--ids", "2,3,4,5,99")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Không có bài đã đăng nào khớp lựa chọn → kiểm tra tháng (dạng 2025-10), chuyên mục hoặc số id",
        "  Đã chọn: tháng 2025-10; chuyên mục \"Video\"; id 2 hoặc 3 hoặc 4 hoặc 5 hoặc 99. Một bài được "
        "in khi khớp mọi điều kiện này (với mỗi điều kiện, khớp một trong các giá trị là đủ).",
        "  Các tháng có bài đã đăng: 2025-10, 2025-11",
        "  Chuyên mục có bài đã đăng trong tháng 2025-10: Tin tức (1 bài), Hướng dẫn (1 bài)",
        "  Bài id 2: tháng 2025-10, chuyên mục Tin tức",
        "  Bài id 3: tháng 2025-11, chuyên mục Video",
        "  Bài id 4 chưa đăng (bản nháp hoặc hẹn ngày đăng sau), nên chưa in được",
        "  Bài id 5 chưa đăng (bản nháp hoặc hẹn ngày đăng sau), nên chưa in được",
        "  Không có bài nào mang id 99",
    ]
    assert not (site / "ap-phich").exists()


def test_a_month_without_posts_is_named_with_every_category(site, capsys):
    code, _, err = posters(capsys, "--month", "2025-12", "--category", "hướng dẫn")
    assert code == 1
    assert err.splitlines()[2:] == [
        "  Các tháng có bài đã đăng: 2025-10, 2025-11",
        "  Tháng 2025-12 không có bài đã đăng nào",
        "  Chuyên mục có bài đã đăng: Tin tức (1 bài), Hướng dẫn (1 bài), Video (1 bài)",
    ]


def test_the_filters_are_all_required_and_each_takes_any_of_its_values(site, capsys):
    code, out, _ = posters(capsys, "--month", "2025-10", "--month", "2025-11", "--category", "Video",
                           "--category", "Hướng dẫn", "-o", "x.pdf")
    assert code == 0 and out == "Đã ghi x.pdf: 2 áp phích\n"
    assert posters(capsys, "--month", "2025-11", "--ids", "1,2")[0] == 1


# clean-photos ----------------------------------------------------------------------------------

def photo(path: Path, located: bool = True) -> Path:
    exif = Image.Exif()
    exif[0x013B] = "Nguyen Van A"  # the photographer's name
    if located:
        gps = exif.get_ifd(0x8825)
        gps.update({1: "N", 2: (22.0, 20.0, 0.0), 3: "E", 4: (103.0, 10.0, 0.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (32, 24), "red").save(path, exif=exif)
    return path


def clean(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["clean-photos", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_photos_refuses_a_picture_outside_the_posts_folder(site, tmp_path, capsys):
    outside = photo(tmp_path / "anh-rieng.jpg")
    before = outside.read_bytes()
    code, out, err = clean(capsys, str(outside))
    assert code == 1 and out == ""
    assert err == (f"{outside} không nằm trong thư mục bài viết posts; lệnh này chỉ sửa ảnh trong thư "
                   "mục đó → chép ảnh vào posts rồi chạy lại\n")
    assert outside.read_bytes() == before


def test_clean_photos_refuses_a_link_leading_out_of_the_posts_folder(site, tmp_path, capsys):
    outside = photo(tmp_path / "anh-rieng.jpg")
    before = outside.read_bytes()
    (site / "posts/2025/lien-ket.jpg").symlink_to(outside)
    code, _, err = clean(capsys, "posts/2025/lien-ket.jpg")
    assert code == 1
    assert err.startswith("posts/2025/lien-ket.jpg không nằm trong thư mục bài viết posts")
    assert outside.read_bytes() == before


def test_clean_photos_names_a_missing_file_or_one_that_is_no_picture(site, capsys):
    code, _, err = clean(capsys, "posts/2025/khong-co.jpg")
    assert code == 1
    assert err == "Không tìm thấy ảnh posts/2025/khong-co.jpg → kiểm tra lại đường dẫn tới tệp ảnh\n"
    code, _, err = clean(capsys, "posts/2025/a.md")
    assert code == 1
    assert err == ("posts/2025/a.md không phải tệp ảnh → chỉ ghi tên các tệp ảnh, ví dụ "
                   "`posts/2025/hop-dan.jpg`\n")
    assert (site / "posts/2025/a.md").read_text(encoding="utf-8") == POSTS["2025/a.md"]


def test_clean_photos_cleans_every_located_picture_in_the_posts_folder(site, tmp_path, capsys):
    located = photo(site / "posts/2025/hop-dan.jpg")
    plain = photo(site / "posts/2025/bia.jpg", located=False)
    plain_before = plain.read_bytes()
    outside = photo(site / "docs/anh.jpg")
    outside_before = outside.read_bytes()
    code, out, err = clean(capsys)
    assert code == 0, err
    assert out.splitlines() == ["Đã xoá vị trí và thông tin cá nhân: posts/2025/hop-dan.jpg",
                                "Đã làm sạch 1 ảnh."]
    assert not has_location(located)
    assert plain.read_bytes() == plain_before
    assert outside.read_bytes() == outside_before
    code, out, _ = clean(capsys)
    assert code == 0
    assert out == "Không có ảnh nào trong posts còn ghi vị trí chụp.\n"


def test_clean_photos_cleans_the_pictures_named(site, capsys):
    chosen = photo(site / "posts/2025/chon.jpg")
    other = photo(site / "posts/2025/khac.jpg")
    code, out, err = clean(capsys, "posts/2025/chon.jpg")
    assert code == 0, err
    assert out.splitlines() == ["Đã xoá vị trí và thông tin cá nhân: posts/2025/chon.jpg",
                                "Đã làm sạch 1 ảnh."]
    assert not has_location(chosen)
    assert has_location(other)


def test_clean_photos_reports_a_damaged_picture_and_cleans_the_rest(site, capsys):
    (site / "posts/2025/hong.jpg").write_bytes(b"khong phai anh")
    located = photo(site / "posts/2025/hop-dan.jpg")
    code, out, err = clean(capsys)
    assert code == 1
    assert out.splitlines() == ["Đã xoá vị trí và thông tin cá nhân: posts/2025/hop-dan.jpg",
                                "Đã làm sạch 1 ảnh."]
    assert err.splitlines()[0].startswith("posts/2025/hong.jpg: ")
    assert err.splitlines()[-1] == "1 ảnh không làm sạch được (xem các dòng ở trên)."
    assert not has_location(located)
    assert (site / "posts/2025/hong.jpg").read_bytes() == b"khong phai anh"


def test_clean_photos_also_cleans_every_located_video_and_the_videos_named(site, capsys):
    from loaxa.videos import has_location as video_has_location
    from test_videos import located_mp4

    filmed = located_mp4(site / "posts/2025/quay-phim.mp4")
    size = filmed.stat().st_size
    plain = site / "posts/2025/khong-vi-tri.webm"
    plain.write_bytes(b"\x1aE\xdf\xa3 webm")
    located = photo(site / "posts/2025/hop-dan.jpg")
    outside = located_mp4(site / "docs/quay.mov")
    outside_before = outside.read_bytes()
    code, out, err = clean(capsys)
    assert code == 0, err
    assert out.splitlines() == ["Đã xoá vị trí và thông tin cá nhân: posts/2025/hop-dan.jpg",
                                "Đã xoá vị trí quay video: posts/2025/quay-phim.mp4",
                                "Đã làm sạch 1 ảnh và 1 video."]
    assert not video_has_location(filmed) and not has_location(located)
    assert filmed.stat().st_size == size
    assert plain.read_bytes() == b"\x1aE\xdf\xa3 webm"
    assert outside.read_bytes() == outside_before
    assert clean(capsys)[1] == "Không có ảnh nào trong posts còn ghi vị trí chụp.\n"

    chosen = located_mp4(site / "posts/2025/chon.MOV")
    code, out, err = clean(capsys, "posts/2025/chon.MOV", "posts/2025/quay-phim.mp4")
    assert code == 0, err
    assert out.splitlines() == ["Đã xoá vị trí quay video: posts/2025/chon.MOV",
                                "posts/2025/quay-phim.mp4: không thấy vị trí nào trong video; tệp được giữ "
                                "nguyên",
                                "Đã làm sạch 0 ảnh và 1 video."]
    assert not video_has_location(chosen)


def test_clean_photos_refuses_a_video_outside_the_posts_folder_or_missing(site, tmp_path, capsys):
    from test_videos import located_mp4

    outside = located_mp4(tmp_path / "rieng.mp4")
    before = outside.read_bytes()
    code, out, err = clean(capsys, str(outside))
    assert code == 1 and out == ""
    assert err == (f"{outside} không nằm trong thư mục bài viết posts; lệnh này chỉ sửa video trong thư "
                   "mục đó → chép video vào posts rồi chạy lại\n")
    assert outside.read_bytes() == before
    code, _, err = clean(capsys, "posts/2025/khong-co.mp4")
    assert code == 1
    assert err == "Không tìm thấy video posts/2025/khong-co.mp4 → kiểm tra lại đường dẫn tới tệp video\n"


def test_clean_photos_reports_a_video_it_cannot_read_and_cleans_the_rest(site, capsys, monkeypatch):
    import loaxa.videos
    from test_videos import located_mp4

    located_mp4(site / "posts/2025/khoa.mp4")
    located_mp4(site / "posts/2025/mo.mp4")
    reads = loaxa.videos.has_location

    def locked(path: Path) -> bool:
        if path.name == "khoa.mp4":
            raise PermissionError(13, "Permission denied", str(path))
        return reads(path)

    monkeypatch.setattr(loaxa.videos, "has_location", locked)
    code, out, err = clean(capsys)
    assert code == 1
    assert out.splitlines() == ["Đã xoá vị trí quay video: posts/2025/mo.mp4",
                                "Đã làm sạch 0 ảnh và 1 video."]
    assert err.splitlines() == [
        "posts/2025/khoa.mp4: không đọc hoặc ghi được tệp video → kiểm tra quyền của tệp và chỗ trống trên "
        "ổ đĩa, đóng chương trình đang mở video rồi chạy lại",
        "1 tệp ảnh, video không làm sạch được (xem các dòng ở trên).",
    ]
