"""Draw the cover illustrations of the sample posts (1200×630, no photos, no text).

    python scripts/sample_covers.py      # needs Pillow: pip install pillow

Each cover is made from the post's file name alone, so running it again gives the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1200, 630)
PALETTES = [
    ((255, 224, 178), (216, 67, 21), (121, 85, 72)),
    ((200, 230, 201), (46, 125, 50), (27, 94, 32)),
    ((187, 222, 251), (21, 101, 192), (13, 71, 161)),
    ((255, 249, 196), (245, 127, 23), (191, 54, 12)),
    ((248, 187, 208), (173, 20, 87), (136, 14, 79)),
    ((209, 196, 233), (81, 45, 168), (49, 27, 146)),
]
MOTIFS = {
    "ban-chi-dao": "people", "phat-dong": "loudspeaker", "vneid": "phone", "qr": "qr",
    "tap-huan": "people", "thanh-toan": "qr", "an-toan": "shield", "tung-nha": "houses",
    "video": "play", "hoc-truc-tuyen": "phone", "lich-ho-tro": "calendar", "ho-so": "phone",
    "ket-qua": "chart",
}


def mountains(draw: ImageDraw.ImageDraw, rng: random.Random, colour: tuple, base: int) -> None:
    points = [(0, SIZE[1])]
    x = 0
    while x <= SIZE[0]:
        points.append((x, base - rng.randint(0, 140)))
        x += rng.randint(90, 180)
    points += [(SIZE[0], base - 60), (SIZE[0], SIZE[1])]
    draw.polygon(points, fill=colour)


def qr_pattern(draw, rng, x, y, cell, dark):
    """A QR-like pattern (three finder squares, random modules): decoration, not a code."""
    for row in range(21):
        for col in range(21):
            corner = next(((row - r, col - c) for r, c in ((0, 0), (0, 14), (14, 0))
                           if 0 <= row - r < 7 and 0 <= col - c < 7), None)
            if corner:
                i, j = corner
                on = i in (0, 6) or j in (0, 6) or (2 <= i <= 4 and 2 <= j <= 4)
            else:
                on = rng.random() < 0.5
            if on:
                draw.rectangle([x + col * cell, y + row * cell, x + (col + 1) * cell - 1,
                                y + (row + 1) * cell - 1], fill=dark)


def motif(draw, rng, kind, fg, dark):
    cx, cy = 820, 300
    if kind == "phone":
        draw.rounded_rectangle([cx - 110, cy - 200, cx + 110, cy + 200], 30, fill=dark)
        draw.rounded_rectangle([cx - 95, cy - 170, cx + 95, cy + 165], 12, fill="white")
        for i in range(4):
            draw.rounded_rectangle([cx - 70, cy - 130 + i * 70, cx + 70, cy - 90 + i * 70], 8, fill=fg)
    elif kind == "qr":
        draw.rectangle([cx - 150, cy - 150, cx + 150, cy + 150], fill="white")
        qr_pattern(draw, rng, cx - 126, cy - 126, 12, dark)
    elif kind == "people":
        for i, x in enumerate(range(cx - 240, cx + 260, 120)):
            h = 40 + (i % 2) * 20
            draw.ellipse([x - 35, cy - 110 - h, x + 35, cy - 40 - h], fill=dark)
            draw.rounded_rectangle([x - 50, cy - 30 - h, x + 50, cy + 150], 40, fill=fg)
    elif kind == "houses":
        for i, x in enumerate(range(cx - 260, cx + 300, 190)):
            y = cy + 40 - (i % 2) * 50
            draw.polygon([(x - 90, y), (x, y - 90), (x + 90, y)], fill=dark)
            draw.rectangle([x - 70, y, x + 70, y + 120], fill=fg)
            draw.rectangle([x - 20, y + 50, x + 20, y + 120], fill=dark)
    elif kind == "loudspeaker":
        draw.rectangle([cx - 12, cy - 60, cx + 12, cy + 260], fill=dark)
        draw.polygon([(cx - 40, cy - 90), (cx + 160, cy - 190), (cx + 160, cy + 10)], fill=fg)
        draw.rectangle([cx - 70, cy - 120, cx - 20, cy - 60], fill=dark)
        for r in (60, 110, 160):
            draw.arc([cx + 160 - r, cy - 90 - r, cx + 160 + r, cy - 90 + r], -40, 40, fill=dark, width=10)
    elif kind == "shield":
        draw.polygon([(cx, cy - 200), (cx + 160, cy - 140), (cx + 140, cy + 80), (cx, cy + 200),
                      (cx - 140, cy + 80), (cx - 160, cy - 140)], fill=fg)
        draw.line([(cx - 70, cy), (cx - 15, cy + 60), (cx + 80, cy - 60)], fill="white", width=28)
    elif kind == "play":
        draw.rounded_rectangle([cx - 220, cy - 140, cx + 220, cy + 140], 30, fill=dark)
        draw.polygon([(cx - 50, cy - 70), (cx - 50, cy + 70), (cx + 70, cy)], fill="white")
    elif kind == "calendar":
        draw.rounded_rectangle([cx - 180, cy - 170, cx + 180, cy + 190], 20, fill="white")
        draw.rectangle([cx - 180, cy - 170, cx + 180, cy - 100], fill=fg)
        for row in range(4):
            for col in range(5):
                colour = dark if (row, col) in ((1, 1), (1, 3)) else (200, 200, 200)
                draw.rectangle([cx - 150 + col * 62, cy - 70 + row * 62, cx - 110 + col * 62,
                                cy - 30 + row * 62], fill=colour)
    elif kind == "chart":
        for i, h in enumerate((120, 180, 240, 300, 360)):
            draw.rectangle([cx - 230 + i * 95, cy + 180 - h, cx - 160 + i * 95, cy + 180], fill=fg)
        draw.line([(cx - 250, cy + 185), (cx + 250, cy + 185)], fill=dark, width=8)


def draw_cover(name: str) -> Image.Image:
    rng = random.Random(name)
    sky, fg, dark = PALETTES[sum(map(ord, name)) % len(PALETTES)]
    image = Image.new("RGB", SIZE, sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse([120, 80, 260, 220], fill=(255, 255, 255))
    mountains(draw, rng, tuple(min(255, c + 40) for c in dark), 470)
    mountains(draw, rng, dark, 560)
    kind = next((m for key, m in MOTIFS.items() if key in name), "people")
    motif(draw, rng, kind, fg, dark)
    return image


def draw_step_screen() -> Image.Image:
    image = Image.new("RGB", (360, 640), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 360, 90], fill=(198, 40, 40))
    draw.ellipse([150, 130, 210, 190], fill=(198, 40, 40))
    for y in (250, 330):
        draw.rounded_rectangle([40, y, 320, y + 56], 10, fill="white", outline=(150, 150, 150), width=2)
    draw.rounded_rectangle([40, 430, 320, 490], 28, fill=(198, 40, 40))
    return image


def main() -> None:
    for post in sorted((ROOT / "posts").rglob("*.md")):
        text = post.read_text(encoding="utf-8")
        cover = post.with_suffix(".jpg")
        if f"image: {cover.name}" in text:
            draw_cover(post.stem).save(cover, "JPEG", quality=78, optimize=True, progressive=True)
            print(cover.relative_to(ROOT))
    step = ROOT / "posts/2025/2025-08-20-huong-dan-cai-dat-vneid-buoc.png"
    draw_step_screen().save(step, "PNG", optimize=True)
    print(step.relative_to(ROOT))


if __name__ == "__main__":
    main()
