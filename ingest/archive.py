"""Zip archives in the landing folder: each member is a document, named `archive.zip/member`.

Members are listed and hashed when the folder is discovered, under the guards of Office packages: an
archive that would unpack beyond YUSUAN_MAX_UNPACKED_MB, an encrypted or broken member and an archive
nested too deep each become a failed document with the reason, never an exception.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ingest.discover import ARCHIVE_SUFFIXES, REPORT_SUFFIXES, LandedFile, extension_of, sha256_of
from ingest.document import UnreadableFile
from ingest.readers.package import open_package

MAX_DEPTH = 3  # archive.zip/inner.zip/innermost.zip/report.pdf
_BROKEN = (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError, zlib.error)


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's path as its author wrote it: archives made on Chinese Windows store GBK names
    without the UTF-8 flag, which Python decodes as cp437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _hidden(name: str) -> bool:
    return any(part.startswith((".", "~$", "__MACOSX")) for part in PurePosixPath(name).parts)


def unpack_listing(path: Path) -> tuple[list[LandedFile], list[str]]:
    """The documents in an archive, and the names of its members that are no report format."""
    archive_sha = sha256_of(path)
    try:
        with open_package(path, ".zip") as package:
            return _members(path, package, (), archive_sha)
    except UnreadableFile as exc:
        return [LandedFile(path, archive_sha, problem=exc.reason)], []


def _unreadable(path: Path, chain: tuple[str, ...], archive_sha: str, reason: str) -> LandedFile:
    # its bytes cannot be had: identified by the archive's content and the member's place in it
    sha = hashlib.sha256(f"{archive_sha}:{'/'.join(chain)}".encode()).hexdigest()
    return LandedFile(path, sha, member=chain, problem=reason)


def _members(
    path: Path, package: zipfile.ZipFile, prefix: tuple[str, ...], archive_sha: str
) -> tuple[list[LandedFile], list[str]]:
    files: list[LandedFile] = []
    unsupported: list[str] = []
    for info in package.infolist():
        name = member_name(info)
        if info.is_dir() or _hidden(name):
            continue
        chain = (*prefix, name)
        suffix = extension_of(name)
        if suffix not in REPORT_SUFFIXES | ARCHIVE_SUFFIXES:
            unsupported.append("/".join(chain))
            continue
        if info.flag_bits & 0x1:
            files.append(_unreadable(path, chain, archive_sha, "encrypted archive member (a password is needed)"))
            continue
        try:
            data = package.read(info)
        except _BROKEN as exc:
            files.append(_unreadable(path, chain, archive_sha, f"broken archive member: {exc}"))
            continue
        if suffix not in ARCHIVE_SUFFIXES:
            files.append(LandedFile(path, hashlib.sha256(data).hexdigest(), member=chain))
        elif len(chain) >= MAX_DEPTH:
            reason = f"archive nested more than {MAX_DEPTH} deep: unpack it into the landing folder"
            files.append(_unreadable(path, chain, archive_sha, reason))
        else:
            try:
                with open_package(io.BytesIO(data), ".zip") as nested:
                    inner, skipped = _members(path, nested, chain, archive_sha)
            except UnreadableFile as exc:
                files.append(_unreadable(path, chain, archive_sha, f"nested archive: {exc.reason}"))
                continue
            files += inner
            unsupported += skipped
    return files, unsupported


def member_bytes(landed: LandedFile) -> bytes:
    data = landed.path.read_bytes()
    for part in landed.member:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = next((i for i in package.infolist() if member_name(i) == part), None)
            if info is None:
                raise UnreadableFile(f"archive member {part!r} is gone (the archive changed while it was read)")
            try:
                data = package.read(info)
            except _BROKEN as exc:
                raise UnreadableFile(f"broken archive member: {exc}") from exc
    return data


@contextmanager
def extracted(landed: LandedFile) -> Iterator[Path]:
    """The member as a file of its own name in a temporary folder, for the readers."""
    with tempfile.TemporaryDirectory(prefix="yusuan-member-") as tmp:
        target = Path(tmp) / PurePosixPath(landed.member[-1]).name
        target.write_bytes(member_bytes(landed))
        yield target
