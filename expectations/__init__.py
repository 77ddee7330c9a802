"""Great Expectations suites as code: one module per table, run in an in-memory context."""
