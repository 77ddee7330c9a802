"""The authoring XML that some EP motion pages leak into their HTML.

``<RepeatBlock-By><Depute>names</Depute><Commission>{PPE}v imenu skupine PPE</Commission>…``:
each ``Depute`` element lists authors, the ``Commission`` element after it says for whom
they table, with the group's code in braces, the same in every language. A code that is
not a political group's ({ECON}, {CONT}: a committee or a function) gives no group. The
markup is read as the document's own structure, tolerant of broken tags
(``<RepeatBlock-By<Depute>``), and its leftovers are removed from the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hemicycle.parse.ep.meta import SOURCE
from hemicycle.parse.ep.names import piece_names
from hemicycle.vocab import GroupVocabulary

_DEPUTE = re.compile(r"<\s*Depute\s*>(?P<names>.*?)(?:<\s*/\s*Depute\s*>|(?=<\s*Depute\b)|$)", re.DOTALL)
_COMMISSION = re.compile(r"\s*<\s*Commission\s*>\s*(?:\{(?P<code>[^{}<>]{1,20})\})?(?P<phrase>[^<]*)"
                         r"(?:<\s*/\s*Commission\s*>)?")
_ELEMENT = re.compile(r"<\s*(?P<tag>TitreType|Titre|TitreSuite|DocRef)\s*>(?P<value>[^<]*)<\s*/")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?>")
_BROKEN_TAG = re.compile(r"</?[A-Za-z][\w-]*(?=<|\s|$)")  # "<RepeatBlock-By" never closed
_BRACED = re.compile(r"\{[^{}\n]{1,20}\}")


@dataclass(frozen=True)
class MarkupBlock:
    names: tuple[str, ...]
    group_label: str | None  # the group's code, None for a committee or a function
    phrase: str  # the printed "on behalf of" or function


@dataclass
class Markup:
    blocks: list[MarkupBlock] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)  # entries of a Depute element not read
    elements: dict[str, str] = field(default_factory=dict)  # TitreType, Titre, ... as printed


def read_markup(text: str) -> Markup:
    markup = Markup()
    for match in _ELEMENT.finditer(text):
        markup.elements.setdefault(match["tag"], " ".join(match["value"].split()))
    if "Depute" not in text:
        return markup
    groups = GroupVocabulary.load()
    for match in _DEPUTE.finditer(text):
        inner = _BRACED.sub("", _TAG.sub(" ", _BROKEN_TAG.sub("", match["names"])))
        names: list[str] = []
        for piece in re.split(r"[,;]", inner):
            if not piece.strip():
                continue
            found = piece_names(piece)
            if found is None:
                markup.unread.append(f"entry {piece.strip()[:60]!r} not read as a name")
                continue
            names.extend(found)
        after = _COMMISSION.match(text, match.end())
        code = after["code"].strip() if after and after["code"] else None
        label = code if code and groups.resolve(SOURCE, code) is not None else None
        phrase = " ".join(after["phrase"].split()) if after else ""
        if names:
            markup.blocks.append(MarkupBlock(tuple(names), label, phrase))
    return markup


def strip_markup(text: str) -> str:
    """Leaked markup out, keeping names and their group phrase on one line."""
    text = re.sub(r"</\s*Depute\s*>\s*<\s*Commission\s*>", " ", text)
    text = _TAG.sub("", _BROKEN_TAG.sub("", text))
    return _BRACED.sub("", text)
