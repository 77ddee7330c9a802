"""Getting raw bytes: the content-addressed store and the sources that fill it."""
