"""The sample site's four campaign documents as one-page PDFs (posts/2026/van-ban-*.pdf).

    .venv/bin/python scripts/sample_documents.py

Each page says it is a sample and gives the document's number, type, issuer, date and subject,
drawn with the posters' own font so that Vietnamese shows whole; the files are the same bytes on
every run.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "plugins" / "loaxa" / "fonts"
DOCUMENTS = [
    ("van-ban-37-qd-ubnd.pdf", "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", "Số: 37/QĐ-UBND", "QUYẾT ĐỊNH",
     "Về việc thành lập Ban Chỉ đạo chuyển đổi số xã Mường Kim", "Mường Kim, ngày 11 tháng 7 năm 2025"),
    ("van-ban-38-qd-ubnd.pdf", "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", "Số: 38/QĐ-UBND", "QUYẾT ĐỊNH",
     "Về việc thành lập Tổ công nghệ số cộng đồng tại 43 thôn, bản", "Mường Kim, ngày 11 tháng 7 năm 2025"),
    ("van-ban-04-kh-du.pdf", "ĐẢNG ỦY XÃ MƯỜNG KIM", "Số: 04-KH/ĐU", "KẾ HOẠCH",
     "Thực hiện phong trào \"Bình dân học vụ số\"", "Mường Kim, ngày 30 tháng 7 năm 2025"),
    ("van-ban-611-kh-ubnd.pdf", "ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM", "Số: 611/KH-UBND", "KẾ HOẠCH",
     "Triển khai phong trào \"Bình dân học vụ số\" trên địa bàn xã", "Mường Kim, ngày 8 tháng 8 năm 2025"),
]


def main() -> None:
    pdfmetrics.registerFont(TTFont("Regular", str(FONTS / "BeVietnamPro-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("Bold", str(FONTS / "BeVietnamPro-Bold.ttf")))
    for name, issuer, number, kind, subject, place in DOCUMENTS:
        path = ROOT / "posts" / "2026" / name
        canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
        canvas.setTitle(f"{kind.capitalize()} {number.removeprefix('Số: ')}")
        width, height = A4
        canvas.setFont("Bold", 11)
        canvas.drawCentredString(55 * mm, height - 25 * mm, issuer)
        canvas.drawCentredString(width - 60 * mm, height - 25 * mm, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        canvas.setFont("Regular", 11)
        canvas.drawCentredString(55 * mm, height - 32 * mm, number)
        canvas.drawCentredString(width - 60 * mm, height - 31 * mm, "Độc lập – Tự do – Hạnh phúc")
        canvas.drawCentredString(width - 60 * mm, height - 40 * mm, place)
        canvas.setFont("Bold", 14)
        canvas.drawCentredString(width / 2, height - 60 * mm, kind)
        canvas.setFont("Regular", 12)
        canvas.drawCentredString(width / 2, height - 68 * mm, subject)
        canvas.setFont("Regular", 11)
        canvas.drawString(25 * mm, height - 90 * mm, "VĂN BẢN MẪU của trang thông tin điện tử mẫu Loa Xã.")
        canvas.drawString(25 * mm, height - 97 * mm, "Nội dung văn bản thật được đăng tại đây dưới dạng PDF.")
        canvas.showPage()
        canvas.save()
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
