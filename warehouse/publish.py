"""Atomic publication: a run builds a new file next to the published one and swaps it in.

Readers holding the published file keep their (unlinked) version until they reconnect; a failed or
killed run leaves the last published file untouched.
"""

from __future__ import annotations

import os
from pathlib import Path

from warehouse.connection import connect


def build_path_for(published: Path) -> Path:
    """Where a run builds the next version: same folder, so the final rename is atomic."""
    return published.with_name(published.name + ".building")


def start_build(published: Path) -> Path:
    """A fresh, empty build file (leftovers of a killed run are discarded)."""
    build = build_path_for(published)
    build.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (build, build.with_name(build.name + ".wal"), build.with_name(build.name + ".fingerprint")):
        leftover.unlink(missing_ok=True)
    return build


def publish(published: Path) -> None:
    build = build_path_for(published)
    con = connect(build)
    con.execute("CHECKPOINT")  # everything in the main file: no .wal travels with the swap
    con.close()
    # A .wal left beside the published name by a crashed writer would be replayed onto the new file.
    published.with_name(published.name + ".wal").unlink(missing_ok=True)
    # the old fingerprint goes first: a crash between the two renames must make the next run rebuild
    published.with_name(published.name + ".fingerprint").unlink(missing_ok=True)
    os.replace(build, published)
    built_from = build.with_name(build.name + ".fingerprint")
    if built_from.exists():
        os.replace(built_from, published.with_name(published.name + ".fingerprint"))
