"""Where a sentence names a state: names and adjectives in every language the assemblies print.

English and French forms are the ones subject tagging uses (``hemicycle.subjects``: ISO
names, aliases, adjectives). The other official languages of the European Parliament add the
short names and adjectives of ``data/vocab/country_forms.csv`` and the ISO names of each
language (pycountry's translations); both match a word by its start, since these languages
inflect names ("Poloniei", "Puolan", "kazahsztáni").
"""

from __future__ import annotations

import functools
import gettext
from dataclasses import dataclass

from hemicycle.sources import sources
from hemicycle.stance.text import Sentence, Token, fold_word
from hemicycle.subjects import country_forms
from hemicycle.vocab import _read_csv

# A word matched by its start may add at most this many letters (case endings, adjective suffixes).
MAX_ENDING = 5
MIN_STEM = 5  # shorter forms match whole words only (India is not "indicated")
_VOWELS = frozenset("aeiouyαεηιουωаеиоуъыьэюяй")


@dataclass(frozen=True, slots=True)
class Mention:
    code: str  # ISO 3166-1 alpha-2 (after the target map: Hong Kong -> CN)
    first: int  # token indices in the sentence, inclusive
    last: int


@dataclass(frozen=True)
class _Forms:
    exact: dict[tuple[str, ...], str]  # folded words -> code
    prefix: dict[tuple[str, ...], str]  # folded word starts -> code (each word by its start)
    longest: int


def _words(form: str) -> tuple[str, ...]:
    from hemicycle.stance.text import _WORD

    return tuple(fold_word(w) for w in _WORD.findall(form))


@functools.cache
def target_map() -> dict[str, str]:
    """Territories whose authorities are another state's (``stance_target_map.csv``)."""
    return {row["code"]: row["target"] for row in _read_csv("stance_target_map.csv")}


@functools.cache
def _translated_languages() -> frozenset[str]:
    """The assemblies' languages (``assemblies.csv``) but English and French, whose forms every
    text may quote: their country names are added from pycountry's translations."""
    return frozenset(language for s in sources() for language in s.languages) - {"en", "fr"}


@functools.cache
def _forms(language: str) -> _Forms:
    """English and French forms (any text may quote them), and those of ``language``."""
    import pycountry

    exact: dict[tuple[str, ...], str] = {}
    prefix: dict[tuple[str, ...], str] = {}
    for form, code in country_forms().items():
        exact.setdefault(_words(form), code)
    if language in _translated_languages():
        names: gettext.NullTranslations
        try:
            names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            names = gettext.NullTranslations()
        for country in pycountry.countries:
            for name in filter(None, (country.name, getattr(country, "common_name", None))):
                local = names.gettext(name)
                if local == name or "," in local or "(" in local:
                    continue
                words = _words(local)
                stems = tuple(w[:-1] if len(w) > MIN_STEM and w[-1] in _VOWELS else w for w in words)
                if all(len(s) >= MIN_STEM for s in stems):
                    prefix.setdefault(stems, country.alpha_2)
                else:
                    exact.setdefault(words, country.alpha_2)
    for row in _read_csv("country_forms.csv"):
        if row["language"] != language:
            continue
        for form in row["forms"].split("|"):
            words = _words(form)
            if words:
                (prefix if len(words[-1]) >= MIN_STEM else exact)[words] = row["iso2"]
    longest = max(len(w) for w in [*exact, *prefix])
    return _Forms(exact, prefix, longest)


def _starts(word: str, stem: str) -> bool:
    return word.startswith(stem) and len(word) - len(stem) <= MAX_ENDING


def mentions(sentence: Sentence, language: str) -> list[Mention]:
    """The states a sentence in ``language`` names, longest form first at each word, left to right."""
    return mentions_in(sentence.tokens, language)


def mentions_in(tokens: tuple[Token, ...], language: str) -> list[Mention]:
    """``mentions`` of a sentence's words."""
    mapped = target_map()
    exact_starts, prefix_starts = _starts_index(language)
    exact = _forms(language).exact
    words = [t.word for t in tokens]
    found: list[Mention] = []
    i = 0
    while i < len(words):
        word = words[i]
        hit: tuple[int, str] | None = None
        for length in exact_starts.get(word, ()):  # longest first
            if i + length <= len(words) and (code := exact.get(tuple(words[i:i + length]))) is not None:
                hit = (length, code)
                break
        for stems, code in prefix_starts.get(word[:MIN_STEM], ()):
            length = len(stems)
            if (hit is None or length > hit[0]) and i + length <= len(words) and all(
                    _starts(w, st) for w, st in zip(words[i:i + length], stems, strict=True)):
                hit = (length, code)
                break
        if hit:
            length, code = hit
            code = mapped.get(code, code)
            if code:  # an empty target: a territory that is never a statement's subject
                found.append(Mention(code, i, i + length - 1))
            i += length
        else:
            i += 1
    return found


@functools.cache
def _starts_index(language: str) -> tuple[dict[str, tuple[int, ...]],
                                          dict[str, tuple[tuple[tuple[str, ...], str], ...]]]:
    """For each first word, the lengths (in words, longest first) of the exact forms it starts;
    for each first five letters, the prefix forms they start, most words and letters first."""
    forms = _forms(language)
    lengths: dict[str, set[int]] = {}
    for words in forms.exact:
        lengths.setdefault(words[0], set()).add(len(words))
    prefixes: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for stems, code in forms.prefix.items():
        prefixes.setdefault(stems[0][:MIN_STEM], []).append((stems, code))
    return ({w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()},
            {k: tuple(sorted(v, key=lambda sc: (-len(sc[0]), -sum(map(len, sc[0]))))) for k, v in prefixes.items()})
