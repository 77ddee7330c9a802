"""Accuracy harnesses: parser output against the hand-checked truth in ../shared/corpus."""
