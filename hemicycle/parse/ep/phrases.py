"""The EP's multilingual phrases ("on behalf of the X Group", conjunctions, speaker intros,
document types, the resolution's opening words, the motto of page footers).

Kept in ``data/vocab/ep_phrases.csv`` with their sources; here they become regular
expressions.
"""

from __future__ import annotations

import functools
import re

from hemicycle.vocab import _read_csv

# A group code as printed: PPE, PPE-DE, S&D, Verts/ALE, GUE/NGL, IND/DEM, Renew, EFDD, and
# "The Left", the one group that prints a name instead of a code; quoted in some languages
# ("grupas “Renew” vārdā", "Frakcijos „The Left“ vardu").
GROUP_TOKEN = (r"[„“\"”«]?(?P<code>The Left|[A-Z][A-Za-z]*(?:[/&-][A-Z][A-Za-z]*)*|S&D"
               r"|[A-Z]{2,}(?:/[A-Z]+)?)[“”\"»]?")


@functools.cache
def _rows() -> list[dict[str, str]]:
    return _read_csv("ep_phrases.csv")


def required_literal(pattern: str) -> str | None:
    """The longest run of plain characters that every match of ``pattern`` contains.

    Only characters outside groups and classes, not made optional by a quantifier, count;
    None when the pattern has a top-level alternation or no such run of 3 characters.
    """
    runs, current, depth, i = [], "", 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            if depth == 0 and not pattern[i + 1].isalnum():
                current += pattern[i + 1]  # an escaped punctuation character stands for itself
            else:  # a class such as \w, or anything inside a group
                runs.append(current)
                current = ""
            i += 2
            continue
        if ch in "?*{" and depth == 0:
            current = current[:-1]  # the character before is optional (or counted)
            runs.append(current)
            current = ""
            if ch == "{":
                i = pattern.index("}", i)
        elif ch == "|" and depth == 0:
            return None
        elif ch in "([)]" or depth or ch in ".^$+":
            runs.append(current[:-1] if ch == "+" else current)
            current = ""
            if ch == "[":  # skip the class
                i = pattern.index("]", i + 2)
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
        else:
            current += ch
        i += 1
    runs.append(current)
    best = max(runs, key=len)
    return best if len(best) >= 3 else None


def _any_of(patterns: list[str]) -> tuple[str, ...] | None:
    """Literals one of which every match of ``a|b|...`` contains; None when one has none.

    A phrase may be broken over lines (its spaces match any white space), so the literal
    kept is the longest word of the required run.
    """
    literals = []
    for pattern in patterns:
        run = required_literal(pattern)
        if run is None:
            return None
        word = max(run.split(" "), key=len)
        if len(word) < 3:
            return None
        literals.append(word)
    return tuple(literals)


def _spaced(pattern: str) -> str:
    """The pattern with its spaces matching any run of white space, and a line break
    allowed after the hyphen of a fused code ("Verts/ALE-" / "Fraktion"): lines wrap in PDFs."""
    pattern = pattern.replace("{G} ?-", "{G}\x00-").replace("{G}-", "{G}\x00-")
    pattern = pattern.replace(" ?", r"\s*").replace(" ", r"\s+")
    return pattern.replace("\x00-", r"\s*-\s*")


@functools.cache
def _group_phrase_parts() -> tuple[tuple[str, tuple[str, ...] | None], ...]:
    """Each alternative of the group phrase, with literals one of which its matches contain."""
    parts = []
    for i, row in enumerate(r for r in _rows() if r["kind"] == "group"):
        pattern = row["pattern"].replace("?P<label>", f"?P<label{i}>")
        literals = _any_of([pattern.replace("{G}", "(G)")])
        pattern = _spaced(pattern).replace("{G}", _spaced(GROUP_TOKEN).replace("?P<code>", f"?P<code{i}>"))
        parts.append((f"(?:{pattern})", literals))
    nonattached = [r["pattern"] for r in _rows() if r["kind"] == "nonattached"]
    parts.append((f"(?P<ni>{'|'.join(map(_spaced, nonattached))})", _any_of(nonattached)))
    committees = [r["pattern"].replace("{G}", r"[A-Z]{3,5}") for r in _rows() if r["kind"] == "committee"]
    parts.append((f"(?P<committee>{'|'.join(map(_spaced, committees))})", _any_of(committees)))
    return tuple(parts)


@functools.cache
def group_phrase() -> re.Pattern[str]:
    """Any language's "on behalf of the X Group"; named groups ``code``/``label``."""
    return _phrase_of(tuple(range(len(_group_phrase_parts()))))


def group_phrase_in(text: str) -> re.Pattern[str]:
    """The group phrase without the parts ``text`` cannot contain: same matches, faster.

    An alternative none of whose required literals is in the text cannot match anywhere in
    it, so leaving it out changes no match; most pages are in one language.
    """
    chosen = tuple(i for i, (_, literals) in enumerate(_group_phrase_parts())
                   if literals is None or any(lit in text for lit in literals))
    return _phrase_of(chosen)


@functools.lru_cache(maxsize=128)
def _phrase_of(chosen: tuple[int, ...]) -> re.Pattern[str]:
    parts = _group_phrase_parts()
    return re.compile("|".join(parts[i][0] for i in chosen) or "(?!)")  # no part: no match


def group_of(match: re.Match[str]) -> str | None:
    """The group a phrase names; None when a committee, not a group, tables the text."""
    found = match.groupdict()
    if found.get("committee"):
        return None
    if found.get("ni"):
        return "NI"
    for key, value in found.items():
        if value and key.startswith(("code", "label")):
            return " ".join(value.split())
    return " ".join(match.group(0).split())


def _patterns(kind: str) -> list[str]:
    return [r["pattern"] for r in _rows() if r["kind"] == kind]


@functools.cache
def speakers_intro() -> re.Pattern[str]:
    """Words that introduce debate speakers ("The following spoke", "Es sprechen",
    "Изказаха се"), wherever they stand before the names: speakers are not authors."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(_patterns('speakers'))})(?!\w)", re.IGNORECASE)


@functools.cache
def conjunctions() -> frozenset[str]:
    return frozenset(_patterns("conjunction"))


@functools.cache
def authors_intro() -> re.Pattern[str]:
    """Phrases after which a list of authors follows ("signée par", "signed by")."""
    return re.compile("|".join(_patterns("authors_intro")))


@functools.cache
def tabled_by() -> re.Pattern[str]:
    """Phrases after which a summary lists the groups that tabled the text."""
    return re.compile("|".join(f"(?:{p})" for p in _patterns("tabled_by")), re.IGNORECASE)


@functools.cache
def document_types() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(doc_type, language, pattern) of every printed document type, joint motions first
    (their names contain the motion's: "PROPOSTA DI RISOLUZIONE COMUNE")."""
    found = []
    for kind in ("joint_motion", "motion", "written_declaration"):
        for row in _rows():
            if row["kind"] == kind:
                found.append((kind, row["language"],
                              re.compile(rf"(?<!\w){row['pattern']}(?!\w)", re.IGNORECASE)))
    return tuple(found)


@functools.cache
def written_declaration_phrase() -> re.Pattern[str]:
    """"Written declaration" in any language, any case."""
    return re.compile(rf"(?<!\w)(?:{'|'.join(_patterns('written_declaration'))})(?!\w)", re.IGNORECASE)


@functools.cache
def document_type_heading() -> re.Pattern[str]:
    """A motion or joint motion named as a heading, in any language and case."""
    names = [r["pattern"] for r in _rows() if r["kind"] in ("joint_motion", "motion")]
    names.sort(key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(names)})(?!\w)", re.IGNORECASE)


def document_type_name(doc_type: str, language: str) -> str | None:
    """The printed name of a document type in a language ("Entschließungsantrag")."""
    names = [row["pattern"] for row in _rows() if row["kind"] == doc_type and row["language"] == language
             and not re.search(r"[\[\](){}?*+|]", row["pattern"])]
    names.sort(key=str.isupper)  # the spelling of running text first, then capitals lowered
    if not names:
        return None
    name = names[0].lower() if names[0].isupper() else names[0]
    return name[:1].upper() + name[1:]


@functools.cache
def amendment_heading() -> re.Pattern[str]:
    """"Amendment 3" on a line of its own, in any language: a document amending a motion."""
    return re.compile(rf"^[ \t]*(?:{'|'.join(_spaced(p) for p in _patterns('amendment'))})\b", re.MULTILINE)


@functools.cache
def resolution_opening() -> re.Pattern[str]:
    """The resolution's opening words in any language ("The European Parliament,")."""
    return re.compile(rf"^\W*(?:{'|'.join(_patterns('opening'))})\W*$", re.IGNORECASE)


@functools.cache
def motto() -> re.Pattern[str]:
    """The motto printed in the footer of every EP document page ("United in diversity"),
    as printed (matching case keeps the search fast over long texts)."""
    return re.compile("|".join(_patterns("motto")))


@functools.cache
def page_chrome() -> re.Pattern[str]:
    """Page furniture: the skip link ("Access to page content (press "Enter")") in any
    language, or a language menu entry ("EN - English"); never a title."""
    return re.compile(rf"\((?:{'|'.join(_patterns('page_chrome'))})\b|^\s*[A-Z]{{2}} - \w", re.IGNORECASE)


@functools.cache
def summary_opening() -> re.Pattern[str]:
    """The first words of a summary of an adopted text ("The European Parliament adopted")."""
    return re.compile("|".join(_patterns("summary_opening")))


def untitled_summary(language: str) -> str:
    """The title of a press summary that prints none, in its language (else English)."""
    names = {r["language"]: r["pattern"] for r in _rows() if r["kind"] == "untitled_summary"}
    return names.get(language, names["en"])


@functools.cache
def french_word() -> re.Pattern[str]:
    """Words of French running text, for a page whose address names no language."""
    return re.compile(rf"\b(?:{'|'.join(_patterns('french_word'))})\b")


@functools.cache
def summary_filler() -> re.Pattern[str]:
    """Words around the group codes of a summary's "tabled by" list ("the", "groups")."""
    return re.compile(rf"\b(?:{'|'.join(_patterns('summary_filler'))})\b")


@functools.cache
def summary_separator() -> re.Pattern[str]:
    """What stands between the group codes of a summary's "tabled by" list."""
    return re.compile(",|" + "|".join(rf"\b{p}\b" for p in _patterns("summary_separator")))


@functools.cache
def function_words() -> frozenset[str]:
    """Short function words of running text (articles, prepositions), lower case."""
    return frozenset(w for p in _patterns("function_word") for w in p.split("|"))


@functools.cache
def title_type_words() -> frozenset[str]:
    """Words of document-type names ("motion", "résolution"), lower case: not a title's subject."""
    return frozenset(w for p in _patterns("title_type_word") for w in p.split("|"))


@functools.cache
def _language_markers() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Per language, the phrases that only its texts print (group phrases, document types,
    speaker intros, opening words), for telling the language of a text from its words."""
    kinds = ("group", "joint_motion", "motion", "speakers", "opening", "nonattached")
    by_language: dict[str, list[str]] = {}
    for row in _rows():
        if row["kind"] in kinds and row["language"]:
            pattern = row["pattern"].replace("{G}", r"\S+")
            pattern = re.sub(r"\?P<\w+>", "?:", pattern)
            by_language.setdefault(row["language"], []).append(pattern)
    return tuple((language, re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.IGNORECASE))
                 for language, patterns in by_language.items())


@functools.lru_cache(maxsize=1 << 14)
def language_of_words(text: str, expected: str | None = None) -> str | None:
    """The language whose phrases the text prints most; ``expected`` (the page's language)
    when it is among the most printed (Czech and Slovak share "za skupinu"); None when no
    phrase is found or languages tie. Cached: the group phrases it is asked about come back
    on page after page."""
    counts = {language: len(pattern.findall(text)) for language, pattern in _language_markers()}
    best = max(counts.values(), default=0)
    if not best:
        return None
    if expected and counts.get(expected) == best:
        return expected
    leaders = [language for language, n in counts.items() if n == best]
    return leaders[0] if len(leaders) == 1 else None
