"""The run history's event log: Dagster's SQLite event log, with its databases kept open.

Dagster's `SqliteEventLogStorage` creates an engine and opens, commits and closes its SQLite files for every
event; a run of yusuan records several hundred (each asset, check and step, planned and done), and each
close checkpoints the write-ahead log to disk: seconds per run. This storage keeps an engine per database
(the index and the few latest runs) so connections are reused; the files and their layout are Dagster's
own, and the UI and daemon read them as usual. It follows dagster 1.13's `_connect`; the version is pinned.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from dagster import Field, StringSource
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._serdes import ConfigurableClassData
from sqlalchemy import create_engine
from sqlalchemy.engine import Connection, Engine

KEPT_OPEN = 4  # databases kept open: the index and the runs being written


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    """Configured in dagster.yaml with `home` (DAGSTER_HOME): the event logs live in `history/runs` there,
    where Dagster's default storage keeps them."""

    def __init__(self, home: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, Engine] = OrderedDict()  # before the base class first connects
        super().__init__(os.path.join(home, "history", "runs"), inst_data)

    @classmethod
    def config_type(cls) -> dict[str, Any]:
        return {"home": Field(StringSource)}

    @classmethod
    def from_config_value(
        cls, inst_data: ConfigurableClassData | None, config_value: Mapping[str, Any]
    ) -> KeptOpenSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    @contextmanager
    def _connect(self, shard: str) -> Iterator[Connection]:
        with self._db_lock:
            engine = self._engines.pop(shard, None) or create_engine(
                self.conn_string_for_shard(shard), connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS}
            )
            self._engines[shard] = engine
            while len(self._engines) > KEPT_OPEN:
                self._engines.popitem(last=False)[1].dispose()
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def dispose(self) -> None:
        for engine in self._engines.values():
            engine.dispose()
        self._engines.clear()
        super().dispose()
