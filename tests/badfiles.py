"""Malformed inputs the readers meet in real landing folders, made on the fly."""

from __future__ import annotations

import zipfile
from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas


def encrypted_pdf(path: Path) -> None:
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", canPrint=1))
    pdf.drawString(100, 700, "2024 budget")
    pdf.save()


def corrupt_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)


def image_only_pdf(path: Path, text_pages: int = 0, image_pages: int = 2) -> None:
    """Pages with drawings only (a scan has no text layer either); `text_pages` pages of text first."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    for _ in range(text_pages):
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(72, 760, "2024年度醴陵市民政局部门决算")
        pdf.drawString(72, 740, "2024年“三公”经费财政拨款支出决算为3.20万元。")
        pdf.showPage()
    for _ in range(image_pages):
        pdf.rect(72, 300, 400, 300, fill=1)
        pdf.showPage()
    pdf.save()


def long_pdf(path: Path, pages: int) -> None:
    pdf = canvas.Canvas(str(path))
    for number in range(1, pages + 1):
        pdf.drawString(72, 760, f"page {number}")
        pdf.showPage()
    pdf.save()


def zip_bomb_docx(path: Path, unpacked_mb: int) -> None:
    """A .docx whose one member inflates from about a megabyte to `unpacked_mb` of zeros."""
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked_mb):
                member.write(chunk)


def zip_bomb(path: Path, unpacked_mb: int) -> None:
    """A .zip whose one member inflates from little to `unpacked_mb` of zeros."""
    chunk = b"\0" * (1 << 20)
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("报表.pdf", "w", force_zip64=True) as member,
    ):
        for _ in range(unpacked_mb):
            member.write(chunk)


def mark_encrypted(path: Path, name: str) -> None:
    """Flag one member of a written archive as encrypted (ZipCrypto), as a password-protected archive
    holds it: bit 0 of the flags in its local header and its central directory entry."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, flags_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at : start + name_at + len(encoded)] == encoded:
                data[start + flags_at] |= 0x1
            start += 4
    path.write_bytes(bytes(data))


def png(path: Path) -> None:
    """A 1×1 white PNG: an image file, as a scanned page is, with no text layer."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff")) + chunk(b"IEND", b"")
    )
