"""Discovery per source: which URLs to ask for, and what their answers mean."""
