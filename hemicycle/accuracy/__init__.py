"""Accuracy harnesses: parser output against the hand-checked truth in data/corpus (or a corpus path given)."""
