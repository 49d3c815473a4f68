"""Legacy Word (.doc) and WPS (.wps) files: converted to .docx by LibreOffice headless, then read as Word.

LibreOffice is optional: without it such a file is failed with the reason, and the run goes on. Each
conversion gets a private LibreOffice profile (parallel workers must not share one) and a time limit.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ingest.document import Document, UnreadableFile
from ingest.readers import docx

CONVERSION_SECONDS = 120


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(path: Path) -> Document:
    office = libreoffice()
    kind = path.suffix.lower()
    if office is None:
        raise UnreadableFile(
            f"{kind} needs LibreOffice to be read (install it: Debian package libreoffice-writer-nogui)"
        )
    with tempfile.TemporaryDirectory(prefix="yusuan-office-") as tmp:
        source = Path(tmp) / f"source{kind}"  # a plain name: LibreOffice's command line mangles some others
        shutil.copyfile(path, source)
        command = [
            office, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore", "--nologo",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(source),
        ]  # fmt: skip
        try:
            subprocess.run(
                command, capture_output=True, timeout=CONVERSION_SECONDS, check=False, env=os.environ | {"HOME": tmp}
            )
        except subprocess.TimeoutExpired as exc:
            raise UnreadableFile(f"LibreOffice did not convert the {kind} file within {CONVERSION_SECONDS} s") from exc
        converted = Path(tmp) / "source.docx"
        if not converted.exists() or converted.stat().st_size == 0:
            raise UnreadableFile(f"LibreOffice could not open the {kind} file (corrupt, or not a Word document)")
        document = docx.read(converted)
    return Document(file_name=path.name, file_format=kind.lstrip("."), blocks=document.blocks, notes=document.notes)
