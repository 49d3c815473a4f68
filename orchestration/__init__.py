"""Dagster definitions and the `yusuan` command line: one asset graph for both."""
