"""Scanned copies of the corpus PDFs, for testing and measuring OCR: `python -m samples.scans OUT_DIR`.

Every page of a text PDF is rendered to an image and the images saved as an image-only PDF (no text layer),
as a scanner would publish it. A few single pages are saved as image files (one turned by 90°, one at a
low resolution), beside the bad inputs a landing folder gets: a blank page, a photo that is no report, and an
image of 20,000 × 20,000 pixels. Nothing is committed: the files are made from ../shared/corpus when needed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pypdfium2
from PIL import Image, ImageDraw

SCAN_DPI = 200  # what a scanner set for documents produces


def render(pdf_path: Path, dpi: int = SCAN_DPI, pages: list[int] | None = None) -> list[Image.Image]:
    """Pages (1-based; all by default) as grayscale images."""
    pdf = pypdfium2.PdfDocument(pdf_path)
    try:
        numbers = pages or list(range(1, len(pdf) + 1))
        return [pdf[n - 1].render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for n in numbers]
    finally:
        pdf.close()


def image_only_pdf(pdf_path: Path, out: Path, dpi: int = SCAN_DPI, pages: list[int] | None = None) -> Path:
    """The PDF as a scan: each page an image, same page size, no text layer."""
    images = render(pdf_path, dpi, pages)
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=float(dpi))
    return out


def page_images(pdf_path: Path, out_dir: Path, page: int) -> list[Path]:
    """One page as .png, as .jpg, turned by 90° (.png), and at 100 dpi (.jpg)."""
    stem = f"{pdf_path.stem}_p{page}"
    (image,) = render(pdf_path, SCAN_DPI, [page])
    (low,) = render(pdf_path, 100, [page])
    made = [out_dir / f"{stem}{suffix}" for suffix in (".png", ".jpg", "_rotated.png", "_100dpi.jpg")]
    image.save(made[0])
    image.save(made[1], quality=85)
    image.rotate(90, expand=True).save(made[2])
    low.save(made[3], quality=85)
    return made


def bad_inputs(out_dir: Path) -> dict[str, Path]:
    """A blank page, a photo-like picture with no text, and an image of 20,000 × 20,000 pixels."""
    blank = out_dir / "blank_page.png"
    Image.new("L", (1654, 2339), 255).save(blank)
    rng = np.random.default_rng(16)
    photo = Image.fromarray(
        (np.linspace(40, 220, 1200)[None, :, None] + rng.normal(0, 25, (900, 1200, 3))).clip(0, 255).astype(np.uint8)
    )
    draw = ImageDraw.Draw(photo)
    for _ in range(12):  # shapes of a scene: no writing
        x, y, r = int(rng.integers(0, 1200)), int(rng.integers(0, 900)), int(rng.integers(30, 160))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(int(v) for v in rng.integers(0, 255, 3)))
    photo_path = out_dir / "photo.jpg"
    photo.save(photo_path, quality=80)
    huge = out_dir / "huge_page.png"
    Image.new("1", (20_000, 20_000), 1).save(huge)  # 1 bit a pixel: 50 MB to make, a few hundred KB on disk
    return {"blank": blank, "photo": photo_path, "huge": huge}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    parser.add_argument("--dpi", type=int, default=SCAN_DPI)
    args = parser.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for pdf_path in sorted([*args.corpus.glob("pdf/*.pdf"), *args.corpus.glob("real/*.pdf")]):
        image_only_pdf(pdf_path, args.out_dir / f"{pdf_path.stem}_scan.pdf", args.dpi)
    page_images(args.corpus / "pdf/shanghai_putuo_caizhengju_2024_juesuan.pdf", args.out_dir, 18)
    bad_inputs(args.out_dir)


if __name__ == "__main__":
    main()
