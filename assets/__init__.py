"""Dagster assets, one module per stage: fetch, clean, validate, partition, metrics."""
