"""The one resource every asset shares: where the landing folder and the warehouse are."""

from __future__ import annotations

from pathlib import Path

from dagster import ConfigurableResource

from ingest.isolation import default_workers
from orchestration import settings
from warehouse.publish import build_path_for


class YusuanResource(ConfigurableResource):
    """Empty fields fall back to YUSUAN_LANDING / YUSUAN_WAREHOUSE / YUSUAN_WORKERS, then to defaults."""

    landing: str = ""
    warehouse: str = ""
    workers: int = 0  # parallel extraction processes; 0: $YUSUAN_WORKERS or one per core
    dask: str = ""  # Dask scheduler address; empty: $YUSUAN_DASK_SCHEDULER, or a local process pool
    postgres: str = ""  # replica DSN; empty: $YUSUAN_POSTGRES_DSN, or no replica
    reader_role: str = ""  # read-only PostgreSQL role; empty: $YUSUAN_POSTGRES_READER_ROLE or yusuan_reader

    @property
    def worker_count(self) -> int:
        return self.workers or default_workers()

    @property
    def landing_dir(self) -> Path:
        return settings.landing_dir(self.landing)

    @property
    def warehouse_file(self) -> Path:
        return settings.warehouse_file(self.warehouse)

    @property
    def build_file(self) -> Path:
        return build_path_for(self.warehouse_file)

    @property
    def cache_dir(self) -> Path:
        return settings.cache_dir(self.warehouse_file)
