"""A PostgreSQL replica of the published marts (and cn) for BI tools that speak only PostgreSQL.

Each schema is loaded into `<schema>__loading`, given the dbt descriptions as comments and the keys the
dbt tests guarantee (warehouse/dbt_schema.py), then swapped in with renames in one transaction, so a
dashboard never sees a half-loaded replica. A read-only role gets USAGE and SELECT on the new tables.
The replaced schemas are dropped afterwards; one a reader still holds is dropped by the next publish.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import duckdb

from warehouse.connection import EXTENSION_DIR
from warehouse.dbt_schema import Model, models

log = logging.getLogger(__name__)

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

    def columns(self, schema: str, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_catalog = ? AND table_schema = ? "
            "AND table_name = ? ORDER BY ordinal_position", [self.published, schema, table]).fetchall()]  # fmt: skip

    def drop_replaced(self) -> None:
        for (name,) in self.query(f"SELECT nspname FROM pg_namespace WHERE nspname ~ {_literal(_REPLACED)}"):
            try:
                self.execute(f"SET lock_timeout = '2s'; DROP SCHEMA IF EXISTS {_ident(name)} CASCADE")
            except duckdb.Error:
                continue  # a reader still holds it


def _comments(loading: str, table: str, model: Model, columns: list[str]) -> list[str]:
    """COMMENT ON the table and each of its columns the yml describes."""
    relation = f"{_ident(loading)}.{_ident(table)}"
    statements = [f"COMMENT ON TABLE {relation} IS {_literal(model.description)}"] if model.description else []
    by_name = {column.lower(): column for column in columns}  # unquoted dbt names are case-insensitive
    for name, description in model.columns.items():
        column = by_name.get(name.lower())
        if column and description:
            statements.append(f"COMMENT ON COLUMN {relation}.{_ident(column)} IS {_literal(description)}")
    return statements


def _keys(loading: str, tables: dict[str, list[str]], declared: dict[str, Model]) -> list[str]:
    """Primary and unique keys first, then the foreign keys onto them, for tables holding every key column."""

    def present(table: str, key: tuple[str, ...]) -> bool:
        return bool(key) and table in tables and set(key) <= set(tables[table])

    def columns(key: tuple[str, ...]) -> str:
        return ", ".join(_ident(c) for c in key)

    keys, foreign = [], []
    for table, model in declared.items():
        relation = f"{_ident(loading)}.{_ident(table)}"
        if present(table, model.primary_key):
            keys.append(f"ALTER TABLE {relation} ADD PRIMARY KEY ({columns(model.primary_key)})")
        keys += [f"ALTER TABLE {relation} ADD UNIQUE ({columns(key)})" for key in model.unique if present(table, key)]
        for column, target, target_column in model.references:
            if present(table, (column,)) and present(target, (target_column,)):
                foreign.append(f"ALTER TABLE {relation} ADD FOREIGN KEY ({_ident(column)}) "
                               f"REFERENCES {_ident(loading)}.{_ident(target)} ({_ident(target_column)})")  # fmt: skip
    return keys + foreign


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
            declared = models(schema)
            columns = {table: replica.columns(schema, table) for (table,) in tables}
            for table, names in columns.items():
                source = f"{live}.{_ident(table)}"
                replica.con.execute(f"CREATE TABLE replica.{loading}.{_ident(table)} AS SELECT * FROM {source}")
                if schema == "marts":
                    rows[table] = replica.con.execute(f"SELECT count(*) FROM {source}").fetchone()[0]
                if table in declared and (comments := _comments(f"{schema}__loading", table, declared[table], names)):
                    replica.execute("; ".join(comments))
            for statement in _keys(f"{schema}__loading", columns, declared):
                try:
                    replica.execute(statement)
                except duckdb.Error as exc:
                    # only a warehouse built by another version of the yml can break a key its tests guarantee:
                    # it is replicated without that key rather than not at all
                    log.warning(
                        "replica key skipped: %s: %s", statement, " ".join(str(exc).rpartition("ERROR:")[2].split())
                    )
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
