"""Assets mirror the data flow: ingest → raw → staging/marts (dbt) → published warehouse."""
