from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hemicycle.fetch.store import sha256_hex
from hemicycle.parse.cache import ParseCache, parser_version
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.parse.version import parse_modules
from hemicycle.records import ParsedDocument, RawDocument

ROOT = Path(__file__).resolve().parents[1]
BAD_INPUTS = ROOT / "tests" / "bad_inputs"
SEED = ROOT / "data" / "sample" / "seeds" / "pace-written-declaration-829-fr.txt"


def _raw(content: bytes, url: str = "sample:x", fetched_at: str = "2026-01-01T00:00:00Z") -> RawDocument:
    return RawDocument("pace", url, content, "text/plain", fetched_at, sha256_hex(content))


def test_identical_bytes_are_parsed_once_and_keep_their_own_provenance(tmp_path: Path) -> None:
    calls: list[str] = []

    def counting(raw: RawDocument) -> ParsedDocument:
        calls.append(raw.url)
        return parse_raw_document(raw)

    cache = ParseCache(tmp_path)
    first = cache.parse(_raw(b""), counting)  # an empty file: a quarantined result is cached too
    again = cache.parse(_raw(b"", fetched_at="2026-02-01T00:00:00Z"), counting)
    assert calls == ["sample:x"] and (cache.hits, cache.misses) == (1, 1)
    assert again.error_reason == first.error_reason == "empty"
    assert again.meta.fetched_at == "2026-02-01T00:00:00Z"
    cache.parse(_raw(b"", url="sample:y"), counting)
    assert calls == ["sample:x", "sample:y"]


def test_results_of_other_parser_versions_are_discarded(tmp_path: Path) -> None:
    (tmp_path / "oldversion").mkdir()
    ParseCache(tmp_path).parse(_raw(b""), parse_raw_document)
    assert sorted(p.name for p in tmp_path.iterdir()) == [parser_version()]


def test_the_key_covers_every_module_parsing_imports_and_the_libraries_it_calls() -> None:
    modules = {name for name, _ in parse_modules()}
    # found by following imports, not listed: what the parsers read besides their own package
    assert {"hemicycle.names", "hemicycle.vocab", "hemicycle.records", "hemicycle.errors",
            "hemicycle.parse.pace", "hemicycle.parse.ep.authors"} <= modules
    assert {"!selectolax", "!pypdf", "!pycountry"} <= modules
    assert not {"hemicycle.normalise", "hemicycle.clean", "hemicycle.publish.release"} & modules


def _vocabulary_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, drop_markers: tuple[str, ...]) -> Path:
    """A copy of data/vocab without the challenge markers ``drop_markers``, in use."""
    from hemicycle import vocab

    folder = tmp_path / "vocab"
    shutil.copytree(vocab.VOCAB_DIR, folder)
    markers = folder / "challenge_markers.txt"
    kept = [line for line in markers.read_text(encoding="utf-8").splitlines()
            if line.strip().casefold() not in drop_markers]
    markers.write_text("\n".join(kept) + "\n", encoding="utf-8")
    monkeypatch.setattr(vocab, "VOCAB_DIR", folder)
    return markers


def test_a_vocabulary_row_changed_makes_the_documents_parse_again(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A page of a bot-protection service the vocabulary does not know yet is read as a
    (failed) document; once its phrase is added to the vocabulary, the cached result must
    not be served: the page is parsed again and recorded as blocked."""
    challenge = (BAD_INPUTS / "challenge.html").read_bytes()
    phrases = ("just a moment...", "enable javascript and cookies to continue", "challenge-platform", "cf-chl-")
    markers = _vocabulary_copy(tmp_path, monkeypatch, phrases)
    page = RawDocument("pace", "https://pace.coe.int/en/files/99999/html", challenge, "text/html",
                       "2026-01-01T00:00:00Z", sha256_hex(challenge))
    seed = _raw(SEED.read_bytes(), url="sample:seed")
    with ParseCache(tmp_path / "cache") as cache:
        assert cache.parse(page).error_reason != "blocked_challenge"
        assert cache.parse(seed).error_reason is None
    with ParseCache(tmp_path / "cache") as cache:  # nothing changed: nothing parsed again
        cache.parse(page), cache.parse(seed)
        assert (cache.hits, cache.misses) == (2, 0)

    markers.write_text(markers.read_text(encoding="utf-8") + "just a moment...\n", encoding="utf-8")
    with ParseCache(tmp_path / "cache") as cache:
        assert cache.parse(page).error_reason == "blocked_challenge"
        assert len(cache.parse(seed).statements[0].signatories) == 21
        assert (cache.hits, cache.misses) == (0, 2)


def test_any_vocabulary_file_is_part_of_the_parser_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hemicycle import vocab

    folder = tmp_path / "vocab"
    shutil.copytree(vocab.VOCAB_DIR, folder)
    monkeypatch.setattr(vocab, "VOCAB_DIR", folder)
    versions = {parser_version()}
    for path in sorted(folder.iterdir()):
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        versions.add(parser_version())
        path.write_bytes(original)
    assert len(versions) == 1 + len(list(folder.iterdir()))
    assert parser_version() in versions
