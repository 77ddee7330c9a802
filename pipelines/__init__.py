"""Dagster definitions, resources, jobs, schedules and the command line."""
