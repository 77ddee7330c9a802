"""The parse worker: reads raw documents on stdin, writes parse results on stdout.

Started by ``hemicycle.parse.bounded``, one per parsing process, and kept for every
document of a run. It parses with the vocabulary folder of its parent, caps its own
address space, and reports its CPU time with each result so that its parent can tell how
long the document in progress has been running.

Frames: a request is ``!Q`` (length) + a pickled list of ``RawDocument`` (a batch: one
exchange for many documents); each document of it gets a reply, in order, ``!Qdq``
(length, CPU seconds used by the process so far, resident bytes) + a pickled
``ParsedDocument``. The address space is capped anew before each document (what the
worker holds then, plus the budget), so caches that grow over a long run never eat into
one document's budget.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
import time
from pathlib import Path
from typing import BinaryIO

REQUEST = struct.Struct("!Q")
REPLY = struct.Struct("!Qdq")


def _read_exact(stream: BinaryIO, size: int) -> bytes | None:
    data: bytes | None = stream.read(size)  # None from a non-blocking stream with nothing to read
    return data if data is not None and len(data) == size else None


def _memory() -> tuple[int, int]:
    """(address space, resident) bytes of this process; zeros where /proc is absent."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            size, resident = (int(v) * os.sysconf("SC_PAGE_SIZE") for v in fh.read().split()[:2])
        return size, resident
    except (OSError, ValueError):
        return 0, 0


def _limit_memory(extra_bytes: int) -> None:
    """Address space: what the worker holds now, plus ``extra_bytes`` for one document."""
    size, _ = _memory()
    if not size:
        return  # no /proc: the parent's watch on memory still applies
    try:
        import resource

        hard = resource.getrlimit(resource.RLIMIT_AS)[1]
        soft = size + extra_bytes if hard == resource.RLIM_INFINITY else min(size + extra_bytes, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, OSError, ValueError):
        pass


def _reply(out: BinaryIO, blob: bytes) -> None:
    out.write(REPLY.pack(len(blob), time.process_time(), _memory()[1]))
    out.write(blob)
    out.flush()


def serve(vocab_dir: str, memory_bytes: int, stdin: BinaryIO, stdout: BinaryIO) -> None:
    from hemicycle import vocab

    vocab.VOCAB_DIR = Path(vocab_dir)
    from hemicycle.parse import (
        ep,  # noqa: F401
        pace,  # noqa: F401  (imported now, not within a document's budget)
    )
    from hemicycle.parse.dispatch import parse_raw_document
    from hemicycle.parse.limits import TOO_COMPLEX
    from hemicycle.records import DocumentMeta, ParsedDocument

    _reply(stdout, b"")  # ready
    while True:
        header = _read_exact(stdin, REQUEST.size)
        if header is None:
            return  # parent gone or done
        body = _read_exact(stdin, REQUEST.unpack(header)[0])
        if body is None:
            return
        batch = pickle.loads(body)
        del body
        batch.reverse()
        while batch:
            raw = batch.pop()
            _limit_memory(memory_bytes)
            try:
                result = parse_raw_document(raw)
                blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            except MemoryError:
                meta = DocumentMeta(raw.source, raw.url, raw.sha256, raw.content_type, raw.fetched_at,
                                    len(raw.content))
                blob = pickle.dumps(ParsedDocument(meta, error_reason=TOO_COMPLEX, error_message=(
                    "document too complex to parse within bounds: more memory than allowed")))
            del raw
            _reply(stdout, blob)


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    vocab_dir, memory_bytes = sys.argv[1], int(sys.argv[2])
    # the protocol keeps the original stdout; anything else printed goes to stderr
    protocol = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(vocab_dir, memory_bytes, sys.stdin.buffer, protocol)


if __name__ == "__main__":
    main()
