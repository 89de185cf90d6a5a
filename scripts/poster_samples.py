"""Posters to look at: a short title, a long one and one in Thái (Tai Viet) script, on A4 and A5, with
the sample site's header and campaign, as PNG pictures at 150 dpi.

    .venv/bin/python scripts/poster_samples.py [folder]      (default: /tmp/loaxa-posters)

Each poster is drawn twice, with and without a cover and a sample emblem (a plain drawn logo, not
any real emblem); its file name is printed with the side of its QR code, measured on the picture.
Needs the test extras (zxing-cpp reads the code).
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from loaxa.dates import VIETNAM  # noqa: E402
from loaxa.identity import poster_settings  # noqa: E402
from loaxa.poster import PAPERS, picture, poster_content, render_posters  # noqa: E402
from loaxa.posts import Post  # noqa: E402
from loaxa.settings import read_settings  # noqa: E402

DPI = 150
TITLES = {
    "ngan": ("Lịch tiếp công dân tháng 10", "Chủ tịch UBND xã tiếp công dân sáng thứ Năm hằng tuần."),
    "dai": ("Thông báo về việc tổ chức các lớp tập huấn kỹ năng số cho người cao tuổi, người nghèo và "
            "đồng bào dân tộc thiểu số tại các thôn, bản vùng cao của xã trong tháng mười năm 2025",
            "Mỗi lớp học hai buổi tại nhà văn hoá thôn. Bà con mang theo điện thoại và căn cước. "
            "Tổ công nghệ số cộng đồng hướng dẫn cài VNeID, nộp hồ sơ trực tuyến và thanh toán không "
            "dùng tiền mặt."),
    "thai": ("Lớp học chữ Thái ꪼꪕꪒꪾ cho bà con bản Nà Khằn",
             "ꪋꪴ ꪬꪺ ꫛ ꪻꪠ ꪁꪷ ꪻꪬ: học đọc, học viết chữ Thái cổ cùng các nghệ nhân của bản."),
}
COVER = ROOT / "posts/2025/2025-09-18-tap-huan-ky-nang-so.jpg"


def sample_emblem(folder: Path) -> Path:
    """A plain round logo (a loudspeaker's bell in a ring), drawn here: no real emblem is imitated."""
    image = Image.new("RGBA", (400, 400), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 390, 390), outline=(150, 20, 20), width=24)
    red = (150, 20, 20)
    draw.polygon([(110, 160), (170, 160), (280, 90), (280, 310), (170, 240), (110, 240)], fill=red)
    for radius in (40, 75):
        draw.arc((280 - radius, 200 - radius, 280 + radius, 200 + radius), -40, 40, fill=red, width=14)
    path = folder / "bieu-trung-mau.png"
    image.save(path)
    return path


def qr_side_mm(page: Image.Image) -> float:
    """The side of the page's QR code (its dark square), as zxing-cpp finds it."""
    [code] = zxingcpp.read_barcodes(page.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    corners = code.position
    left = min(corners.top_left.x, corners.bottom_left.x)
    right = max(corners.top_right.x, corners.bottom_right.x)
    return (right - left) * 25.4 / DPI


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    folder = Path(argv[0] if argv else "/tmp/loaxa-posters")
    folder.mkdir(parents=True, exist_ok=True)
    site = read_settings(ROOT / "mkdocs.yml")
    base, _ = poster_settings(site)
    emblem = picture(sample_emblem(folder))
    for size in PAPERS:
        for extra in ("", "-bieu-trung-anh"):
            settings = replace(base, size=size, emblem=emblem if extra else None)
            for number, (name, (title, summary)) in enumerate(TITLES.items(), start=7):
                post = Post(source=f"posts/{name}.md", relpath=f"{name}.md", id=number * 111, title=title,
                            date=datetime(2025, 10, number, 8, tzinfo=VIETNAM), categories=("Tin tức",),
                            slug=name, body=summary, description=summary)
                cover = picture(COVER) if extra else None
                content = poster_content(post, f"{site.site_url}p/{post.id}/", settings, cover)
                page = pdfium.PdfDocument(render_posters([content]))[0].render(scale=DPI / 72).to_pil()
                target = folder / f"{size}-{name}{extra}.png"
                page.save(target)
                print(f"{target}  QR {qr_side_mm(page):.1f} mm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
