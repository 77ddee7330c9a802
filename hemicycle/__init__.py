"""hemicycle: European parliamentary statements and their signatories as open data."""

__version__ = "0.1.0"
DATASET_NAME = "hemicycle"
SCHEMA_VERSION = "1"
