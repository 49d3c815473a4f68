"""`yusuan docs`: the dbt docs of the published warehouse, built offline and served on a local port.

dbt reads the published file through a read-only attach (the `docs` target of dbt_project/profiles.yml), so
the catalog holds every table and view with its column types, and a reader or a run swapping in a new file is
never disturbed.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from orchestration.settings import PROJECT_DIR

DBT_DIR = PROJECT_DIR / "dbt_project"
DEFAULT_PORT = 8080


def docs_dir(warehouse: Path) -> Path:
    """Where the docs of a warehouse are built: beside it, like its reports and logs."""
    return warehouse.parent / "docs"


def build(warehouse: Path, target: Path | None = None) -> Path:
    """`dbt docs generate` against `warehouse`, read-only, into `target`; raises RuntimeError when dbt fails."""
    target = target or docs_dir(warehouse)
    dbt = shutil.which("dbt", path=str(Path(sys.executable).parent)) or "dbt"
    env = {
        **os.environ,
        "YUSUAN_WAREHOUSE": str(warehouse.resolve()),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_USE_COLORS": "false",
    }
    command = [
        dbt, "docs", "generate", "--target", "docs", "--static",
        "--project-dir", str(DBT_DIR), "--profiles-dir", str(DBT_DIR),
        "--target-path", str(target), "--log-path", str(warehouse.parent / "logs"),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=DBT_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"dbt docs generate failed:\n{done.stdout}{done.stderr}")
    return target


def make_server(directory: Path, port: int = DEFAULT_PORT, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """An HTTP server of `directory`, bound (port 0: any free port) but not yet serving."""

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # one line per request is noise here
            pass

    return ThreadingHTTPServer((host, port), functools.partial(Handler, directory=str(directory)))


def docs(warehouse: Path, port: int = DEFAULT_PORT, serve: bool = True) -> int:
    """Build the docs of `warehouse`, then serve them until interrupted (unless `serve` is false)."""
    try:
        target = build(warehouse)
    except RuntimeError as exc:
        print(f"yusuan: {exc}", file=sys.stderr)
        return 1
    catalog = json.loads((target / "catalog.json").read_text(encoding="utf-8"))
    print(f"docs of {warehouse}: {len(catalog['nodes'])} tables and views, {len(catalog['sources'])} sources")
    print(f"built {target / 'index.html'}; {target / 'static_index.html'} is the same in one file, no server needed")
    if not serve:
        return 0
    try:
        server = make_server(target, port)
    except OSError as exc:
        print(f"yusuan: cannot serve on port {port}: {exc.strerror}; try --port", file=sys.stderr)
        return 1
    host, bound = server.server_address[:2]
    print(f"serving the docs on http://{host}:{bound}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
