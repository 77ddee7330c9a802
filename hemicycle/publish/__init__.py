"""Writing the tables: hive-partitioned Parquet, and the DuckDB database that holds them."""
