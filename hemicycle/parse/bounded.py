"""Parsing with bounded work: every document is parsed in a worker process watched from here.

Parsing in process cannot be stopped once the HTML tree builder, the PDF reader or a
regular expression is inside C code, so documents are parsed by one long-lived worker
process (``hemicycle.parse.worker``; one process per document would cost more than the
parsing). While a document is in progress, its parent watches the worker: past
``cpu_seconds`` of CPU or ``memory_bytes`` of memory (also capped inside the worker), the
worker is killed, the document gets the reason ``too_complex`` and a new worker takes the
next one. Checks before parsing (``hemicycle.parse.limits``) refuse known costly shapes at
once, so the watch is for what nobody foresaw.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from hemicycle.errors import HemicycleError
from hemicycle.parse.limits import TOO_COMPLEX
from hemicycle.parse.worker import REPLY, REQUEST
from hemicycle.records import DocumentMeta, ParsedDocument, RawDocument

CPU_SECONDS = 2.0  # CPU one document may use
MEMORY_BYTES = 500 * 2**20  # memory one document may add to the worker's
STARVED_SECONDS = 60.0  # wall-clock limit for a worker that gets no CPU at all
START_SECONDS = 120.0  # for the worker to start (imports on a loaded machine)
POLL_SECONDS = 0.05
DOCUMENTS_PER_WORKER = 20_000  # then a fresh worker: what a long run leaks stays bounded
BATCH_DOCUMENTS = 64  # documents sent in one exchange (replies still come one by one)
BATCH_BYTES = 8 * 2**20
READ_BYTES = 1 << 20
PIPE_BYTES = 1 << 20  # replies the worker may write ahead of its parent's reading (Linux)
_PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


class WorkerError(HemicycleError):
    """The parse worker could not be started."""


def _proc_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) used by process ``pid``, None where /proc is absent."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            fields = fh.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def _proc_rss(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
            return int(fh.read().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def _meta(raw: RawDocument) -> DocumentMeta:
    return DocumentMeta(source=raw.source, url=raw.url, raw_sha256=raw.sha256,
                        content_type=raw.content_type, fetched_at=raw.fetched_at,
                        bytes=len(raw.content))


class _Stopped(Exception):
    """The worker was stopped, or died, before it answered; ``reason`` and ``message`` say why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class BoundedParser:
    """``parser(raw)`` -> ``ParsedDocument``, as ``parse_raw_document`` but within bounds."""

    def __init__(self, cpu_seconds: float = CPU_SECONDS, memory_bytes: int = MEMORY_BYTES) -> None:
        self.cpu_seconds = cpu_seconds
        self.memory_bytes = memory_bytes
        self.stopped = 0  # documents whose worker had to be stopped
        self._proc: subprocess.Popen[bytes] | None = None
        self._cpu_base = 0.0  # worker CPU when the document in progress was sent
        self._rss_base = 0  # worker resident memory then
        self._served = 0  # documents parsed by the current worker
        self._buffer = bytearray()  # replies read, not yet taken

    # ------------------------------------------------------------ the worker
    def _start(self) -> subprocess.Popen[bytes]:
        from hemicycle import vocab

        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(_PROJECT_ROOT), env.get("PYTHONPATH"))))
        proc = subprocess.Popen(
            [sys.executable, "-m", "hemicycle.parse.worker", str(vocab.VOCAB_DIR), str(self.memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, close_fds=True, env=env)
        self._proc = proc
        self._served = 0
        self._buffer.clear()
        if hasattr(fcntl, "F_SETPIPE_SZ") and proc.stdout is not None:
            try:
                fcntl.fcntl(proc.stdout.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            except OSError:
                pass  # over the system's limit for pipes: the default size works, a little slower
        try:
            self._cpu_base, self._rss_base, _ = self._receive(proc, watch=False, timeout=START_SECONDS)
        except _Stopped as exc:
            self._kill()
            raise WorkerError(f"the parse worker did not start: {exc}") from None
        return proc

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        for stream in (proc.stdin, proc.stdout):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass
        if proc.poll() is None:
            proc.kill()
        proc.wait()

    def close(self) -> None:
        """Stop the worker (it also stops by itself when its parent goes)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # end of input: the worker returns
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def __enter__(self) -> BoundedParser:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self._kill()
        except Exception:  # noqa: BLE001 - interpreter shutting down
            pass

    # ------------------------------------------------------------ one document
    def _read(self, proc: subprocess.Popen[bytes], size: int, watch: bool, deadline: float,
              started: float) -> bytes:
        """``size`` bytes of the worker's replies; reads whatever is there (replies to the
        next documents too) so that the worker never waits for its parent to read."""
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        while len(self._buffer) < size:
            ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
            if ready:
                chunk = os.read(fd, READ_BYTES)
                if not chunk:
                    raise self._died(proc)
                self._buffer += chunk
                continue
            if watch:
                self._watch(proc, started)
            if time.monotonic() > deadline:
                raise _Stopped(TOO_COMPLEX, "no answer within the time allowed")
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def _watch(self, proc: subprocess.Popen[bytes], started: float) -> None:
        cpu = _proc_cpu(proc.pid)
        if cpu is not None and cpu - self._cpu_base > self.cpu_seconds:
            raise _Stopped(TOO_COMPLEX, f"more than {self.cpu_seconds:g} s of CPU")
        if cpu is None and time.monotonic() - started > 3 * self.cpu_seconds:
            raise _Stopped(TOO_COMPLEX, f"more than {3 * self.cpu_seconds:g} s")
        rss = _proc_rss(proc.pid)
        if rss is not None and self._rss_base and rss - self._rss_base > self.memory_bytes:
            raise _Stopped(TOO_COMPLEX, f"more than {self.memory_bytes // 2**20} MB of memory")

    def _died(self, proc: subprocess.Popen[bytes]) -> _Stopped:
        code = proc.wait()
        if code < 0 and -code in (signal.SIGKILL, getattr(signal, "SIGXCPU", -1)):
            return _Stopped(TOO_COMPLEX, f"the parser was killed by signal {-code} (resources exhausted)")
        return _Stopped("parser_bug", f"the parser process died (exit status {code})")

    def _receive(self, proc: subprocess.Popen[bytes], watch: bool,
                 timeout: float = STARVED_SECONDS) -> tuple[float, int, bytes]:
        """(worker CPU seconds, worker resident bytes, pickled result) of the next reply."""
        started = time.monotonic()
        deadline = started + timeout
        size, cpu, rss = REPLY.unpack(self._read(proc, REPLY.size, watch, deadline, started))
        return cpu, rss, self._read(proc, size, watch, deadline, started)

    def __call__(self, raw: RawDocument) -> ParsedDocument:
        return self.parse_many([raw])[0]

    def parse_many(self, raws: Sequence[RawDocument]) -> list[ParsedDocument]:
        """Results of ``raws`` in order; sent in batches, watched one document at a time."""
        return [result for result, _ in self.parse_many_pickled(raws)]

    def parse_many_pickled(self, raws: Sequence[RawDocument]) -> list[tuple[ParsedDocument, bytes | None]]:
        """``parse_many``, each result with the pickle the worker sent (None for a document
        whose worker had to be stopped), so that a cache can keep it without pickling again."""
        results: list[tuple[ParsedDocument, bytes | None]] = []
        while len(results) < len(raws):
            start, size, end = len(results), 0, len(results)
            while end < len(raws) and end - start < BATCH_DOCUMENTS and (end == start or size < BATCH_BYTES):
                size += len(raws[end].content)
                end += 1
            results.extend(self._exchange(raws[start:end]))
        return results

    def _send(self, batch: Sequence[RawDocument]) -> subprocess.Popen[bytes]:
        request = pickle.dumps(list(batch), protocol=pickle.HIGHEST_PROTOCOL)
        for _attempt in (1, 2):
            proc = self._proc or self._start()
            assert proc.stdin is not None
            try:
                proc.stdin.write(REQUEST.pack(len(request)) + request)
                return proc
            except (BrokenPipeError, ConnectionResetError):
                self._kill()  # died between documents: a new worker takes them
        raise WorkerError("the parse worker stops before reading any document")

    def _exchange(self, batch: Sequence[RawDocument]) -> list[tuple[ParsedDocument, bytes | None]]:
        """Results of a prefix of ``batch``: all of it, or up to the document whose worker
        had to be stopped (the next exchange sends the rest to a new worker)."""
        proc = self._send(batch)
        results: list[tuple[ParsedDocument, bytes | None]] = []
        fresh = False  # start a fresh worker after this batch
        for raw in batch:
            try:
                self._cpu_base, self._rss_base, blob = self._receive(proc, watch=True)
            except _Stopped as exc:
                self._kill()
                self.stopped += 1
                message = f"document too complex to parse within bounds: {exc}" \
                    if exc.reason == TOO_COMPLEX else str(exc)
                results.append((ParsedDocument(_meta(raw), error_reason=exc.reason, error_message=message), None))
                return results
            result: ParsedDocument = pickle.loads(blob)
            results.append((result, blob))
            self._served += 1
            fresh = fresh or result.error_reason == TOO_COMPLEX or self._served >= DOCUMENTS_PER_WORKER
        if fresh:
            self.close()  # after running out of memory, or many documents
        return results
