"""Parsers: raw bytes of one document -> ParsedStatement records with labels as printed."""
