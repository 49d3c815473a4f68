"""The DuckDB warehouse: the only place that opens it for writing."""
