"""Zip packages (.docx, .xlsx, .zip): refuse what is not a zip, or would inflate beyond reason (a zip bomb)."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import IO

from ingest.document import UnreadableFile

DEFAULT_MAX_UNPACKED_MB = 512


def open_package(source: Path | IO[bytes], kind: str) -> zipfile.ZipFile:
    if not zipfile.is_zipfile(source):
        raise UnreadableFile(f"not a {kind} file (not a zip package)")
    try:
        package = zipfile.ZipFile(source)
        unpacked = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"broken {kind} package: {exc}") from exc
    limit_mb = int(os.environ.get("YUSUAN_MAX_UNPACKED_MB", DEFAULT_MAX_UNPACKED_MB))
    if unpacked > limit_mb * 1024 * 1024:
        package.close()
        raise UnreadableFile(
            f"{kind} package would unpack to {unpacked // (1024 * 1024)} MB, more than the limit of "
            f"{limit_mb} MB (a zip bomb?; set YUSUAN_MAX_UNPACKED_MB to raise it)"
        )
    return package
