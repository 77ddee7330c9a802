from hemicycle.fetch.store import sha256_hex
from hemicycle.parse.cache import ParseCache, parser_version
from hemicycle.parse.dispatch import parse_raw_document
from hemicycle.records import RawDocument


def _raw(content: bytes, url="sample:x", fetched_at="2026-01-01T00:00:00Z") -> RawDocument:
    return RawDocument("pace", url, content, "text/plain", fetched_at, sha256_hex(content))


def test_identical_bytes_are_parsed_once_and_keep_their_own_provenance(tmp_path):
    calls = []

    def counting(raw):
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


def test_results_of_other_parser_versions_are_discarded(tmp_path):
    (tmp_path / "oldversion").mkdir()
    ParseCache(tmp_path).parse(_raw(b""), parse_raw_document)
    assert sorted(p.name for p in tmp_path.iterdir()) == [parser_version()]
