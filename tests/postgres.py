"""A private PostgreSQL 15 cluster for the replica tests: initdb into a temporary folder, loopback only."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/local/bin", "/usr/bin")


def _binary(name: str) -> str:
    for directory in BIN_DIRS:
        if (Path(directory) / name).exists():
            return str(Path(directory) / name)
    raise RuntimeError(f"PostgreSQL server binary {name!r} not found; install the postgresql-15 package")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def private_cluster() -> Iterator[str]:
    """Yield the DSN of a fresh cluster (superuser `yusuan`, trust auth on 127.0.0.1), stopped afterwards."""
    root = Path(tempfile.mkdtemp(prefix="yusuan-pg-"))
    # PostgreSQL refuses to run as root: run it as the postgres user when we are root
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(root, "postgres")
    data, port = root / "data", _free_port()
    subprocess.run([*as_user, _binary("initdb"), "-D", str(data), "-U", "yusuan", "--auth=trust", "-E", "UTF8",
                    "--locale=C"], check=True, capture_output=True)  # fmt: skip
    options = f"-k {root} -h 127.0.0.1 -p {port}"
    subprocess.run([*as_user, _binary("pg_ctl"), "-D", str(data), "-o", options, "-l", str(root / "log"), "-w",
                    "start"], check=True, capture_output=True)  # fmt: skip
    try:
        yield f"postgresql://yusuan@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_user, _binary("pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
