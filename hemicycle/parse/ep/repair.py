"""Repairing PDF extraction that moved emphasised spans out of place.

In some extracted summaries an emphasised span is lifted from the end of one line and
appended to the next line, glued to the word there ("… la liberté des" / " et il a
rappelé …, desmédias et la liberté d'expression"). Such a line starts with a space or a
comma. The rule: find the glued token (a short function word, or a lower-case word meeting
a capital, followed by a word the text knows), give its first part back to this line, and
move the glued-on span to the end of the line before.
"""

from __future__ import annotations

import re
from collections import Counter

from hemicycle.parse.ep.phrases import function_words

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def _glued(token: str, words: Counter[str]) -> tuple[str, str] | None:
    """(head, tail) when ``token`` is two words glued together, else None."""
    if words[token.casefold()] > 1:
        return None  # a word this text uses elsewhere
    camel = re.fullmatch(r"([^\W\d_]*[a-zà-ÿ])([A-ZÀ-Þ][^\W\d_]+)", token)
    if camel and words[camel.group(2).casefold()] >= 1:
        return camel.group(1), camel.group(2)
    for cut in range(1, min(6, len(token) - 1)):
        head, tail = token[:cut], token[cut:]
        if head.casefold() in function_words() and (
                (len(tail) > 3 and words[tail.casefold()] >= 1) or words[tail.casefold()] >= 2):
            return head, tail
    return None


def repair_displaced_spans(text: str, language: str = "fr") -> str:
    words = Counter(w.casefold() for w in _WORD.findall(text))
    lines = text.split("\n")
    previous = None  # index of the last non-empty line
    for i, line in enumerate(lines):
        # one space or a comma, not the indentation of a page's markup (several blanks)
        if previous is not None and (line[:1] == "," or (line[:1] == " " and line[1:2] not in (" ", "\t"))):
            if line.startswith(",") and _WORD.match(line[1:]):
                head_end, span = 1, line[1:]  # ",engagement actif …": the comma stays
            else:
                found = None
                for match in _WORD.finditer(line):
                    split = _glued(match.group(0), words)
                    if split:
                        found = (match, split)
                if found:
                    match, (head, tail) = found
                    head_end = match.start() + len(head)
                    span = tail + line[match.end():]
                else:
                    head_end = None
            if head_end is not None:
                lines[previous] = lines[previous].rstrip() + " " + span.strip()
                lines[i] = line[:head_end].rstrip()
                line = lines[i]
        if line.strip():
            previous = i
    repaired = "\n".join(lines)
    # the tails rejoin the sentence they end (not indented lines of a page's markup)
    repaired = re.sub(r"\s*\n+(?=,| [^ \t])", "", repaired)
    return re.sub(r"[ \t]+\n", "\n", repaired)
