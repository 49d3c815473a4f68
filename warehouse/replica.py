"""A PostgreSQL replica of the published marts (and cn) for BI tools that speak only PostgreSQL.

Each schema is loaded into `<schema>__loading`, then swapped in with renames in one transaction, so a
dashboard never sees a half-loaded replica. A read-only role gets USAGE and SELECT on the new tables.
The replaced schemas are dropped afterwards; one a reader still holds is dropped by the next publish.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from warehouse.connection import EXTENSION_DIR

SCHEMAS = ("marts", "cn")
DEFAULT_READER_ROLE = "yusuan_reader"
_REPLACED = r"^(marts|cn)__old_[0-9]+$"


def _postgres_extension() -> Path:
    """The extension file shipped in the duckdb-extension-postgres wheel (nothing is downloaded)."""
    import duckdb_extension_postgres

    version = f"v{duckdb.__version__}"
    return Path(duckdb_extension_postgres.__file__).parent / "extensions" / version / "postgres.duckdb_extension"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Replica:
    """The published file (read-only) and the PostgreSQL database, attached to one DuckDB session."""

    def __init__(self, warehouse: Path, dsn: str):
        self.con = duckdb.connect(
            config={"autoinstall_known_extensions": "false", "extension_directory": str(EXTENSION_DIR)}
        )
        self.con.execute(f"INSTALL {_literal(str(_postgres_extension()))}")
        self.con.execute("LOAD postgres")
        # attached under its own name and made the default, so the cn views (unqualified) resolve in it
        self.con.execute(f"ATTACH {_literal(str(warehouse))} (READ_ONLY)")
        self.published = self.con.execute(
            "SELECT database_name FROM duckdb_databases() WHERE path = ?", [str(warehouse)]
        ).fetchone()[0]
        self.con.execute(f"USE {_ident(self.published)}")
        self.con.execute(f"ATTACH {_literal(dsn)} AS replica (TYPE postgres)")

    def execute(self, sql: str) -> None:
        """Run SQL in PostgreSQL itself (and forget the catalog DuckDB cached, which it may change)."""
        self.con.execute("CALL postgres_execute('replica', ?)", [sql])
        self.con.execute("CALL pg_clear_cache()")

    def query(self, sql: str) -> list[tuple]:
        return self.con.execute("SELECT * FROM postgres_query('replica', ?)", [sql]).fetchall()

    def drop_replaced(self) -> None:
        for (name,) in self.query(f"SELECT nspname FROM pg_namespace WHERE nspname ~ {_literal(_REPLACED)}"):
            try:
                self.execute(f"SET lock_timeout = '2s'; DROP SCHEMA IF EXISTS {_ident(name)} CASCADE")
            except duckdb.Error:
                continue  # a reader still holds it


def replicate(warehouse: Path, dsn: str, reader_role: str = DEFAULT_READER_ROLE) -> dict[str, int]:
    """Copy every table and view of `marts` and `cn` into PostgreSQL; returns rows per marts table."""
    replica = _Replica(warehouse, dsn)
    try:
        role = _ident(reader_role)
        replica.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {_literal(reader_role)}) "
            f"THEN CREATE ROLE {role} LOGIN; END IF; END $$"
        )
        replica.drop_replaced()
        rows: dict[str, int] = {}
        swap = []
        stamp = int(time.time())
        for schema in SCHEMAS:
            live, loading = _ident(schema), _ident(f"{schema}__loading")
            replica.execute(f"DROP SCHEMA IF EXISTS {loading} CASCADE; CREATE SCHEMA {loading}")
            tables = replica.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? AND table_schema = ? "
                "ORDER BY 1",
                [replica.published, schema],
            ).fetchall()
            for (table,) in tables:
                source = f"{live}.{_ident(table)}"
                replica.con.execute(f"CREATE TABLE replica.{loading}.{_ident(table)} AS SELECT * FROM {source}")
                if schema == "marts":
                    rows[table] = replica.con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
            swap += [
                f"DO $$ BEGIN IF EXISTS (SELECT FROM pg_namespace WHERE nspname = {_literal(schema)}) "
                f"THEN ALTER SCHEMA {live} RENAME TO {_ident(f'{schema}__old_{stamp}')}; END IF; END $$",
                f"ALTER SCHEMA {loading} RENAME TO {live}",
                f"GRANT USAGE ON SCHEMA {live} TO {role}",
                f"GRANT SELECT ON ALL TABLES IN SCHEMA {live} TO {role}",
            ]
        # one transaction: a reader sees the old schemas or the new ones, never a mix
        replica.execute("BEGIN; " + "; ".join(swap) + "; COMMIT")
        replica.drop_replaced()
        return rows
    finally:
        replica.con.close()
