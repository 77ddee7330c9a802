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

import os
import pickle
import select
import signal
import subprocess
import sys
import time
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
        self._rss_base = 0

    # ------------------------------------------------------------ the worker
    def _start(self) -> subprocess.Popen[bytes]:
        from hemicycle import vocab

        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(_PROJECT_ROOT), env.get("PYTHONPATH"))))
        proc = subprocess.Popen(
            [sys.executable, "-m", "hemicycle.parse.worker", str(vocab.VOCAB_DIR), str(self.memory_bytes)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, close_fds=True, env=env)
        self._proc = proc
        try:
            self._cpu_base, _ = self._receive(proc, watch=False, timeout=START_SECONDS)
        except _Stopped as exc:
            self._kill()
            raise WorkerError(f"the parse worker did not start: {exc}") from None
        self._rss_base = _proc_rss(proc.pid) or 0
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
        assert proc.stdout is not None
        fd = proc.stdout.fileno()
        chunks, missing = [], size
        while missing:
            ready, _, _ = select.select([fd], [], [], POLL_SECONDS)
            if ready:
                chunk = os.read(fd, min(missing, 1 << 20))
                if not chunk:
                    raise self._died(proc)
                chunks.append(chunk)
                missing -= len(chunk)
                continue
            if watch:
                self._watch(proc, started)
            if time.monotonic() > deadline:
                raise _Stopped(TOO_COMPLEX, "no answer within the time allowed")
        return b"".join(chunks)

    def _watch(self, proc: subprocess.Popen[bytes], started: float) -> None:
        cpu = _proc_cpu(proc.pid)
        if cpu is not None and cpu - self._cpu_base > self.cpu_seconds:
            raise _Stopped(TOO_COMPLEX, f"more than {self.cpu_seconds:g} s of CPU")
        if cpu is None and time.monotonic() - started > 3 * self.cpu_seconds:
            raise _Stopped(TOO_COMPLEX, f"more than {3 * self.cpu_seconds:g} s")
        rss = _proc_rss(proc.pid)
        if rss is not None and rss - self._rss_base > self.memory_bytes:
            raise _Stopped(TOO_COMPLEX, f"more than {self.memory_bytes // 2**20} MB of memory")

    def _died(self, proc: subprocess.Popen[bytes]) -> _Stopped:
        code = proc.wait()
        if code < 0 and -code in (signal.SIGKILL, getattr(signal, "SIGXCPU", -1)):
            return _Stopped(TOO_COMPLEX, f"the parser was killed by signal {-code} (resources exhausted)")
        return _Stopped("parser_bug", f"the parser process died (exit status {code})")

    def _receive(self, proc: subprocess.Popen[bytes], watch: bool,
                 timeout: float = STARVED_SECONDS) -> tuple[float, bytes]:
        started = time.monotonic()
        deadline = started + timeout
        size, cpu = REPLY.unpack(self._read(proc, REPLY.size, watch, deadline, started))
        return cpu, self._read(proc, size, watch, deadline, started)

    def __call__(self, raw: RawDocument) -> ParsedDocument:
        request = pickle.dumps(raw, protocol=pickle.HIGHEST_PROTOCOL)
        for attempt in (1, 2):
            proc = self._proc or self._start()
            assert proc.stdin is not None
            try:
                proc.stdin.write(REQUEST.pack(len(request)) + request)
            except (BrokenPipeError, ConnectionResetError):
                self._kill()  # died between documents: a new worker takes this one
                if attempt == 2:
                    raise WorkerError("the parse worker stops before reading any document") from None
                continue
            try:
                self._cpu_base, blob = self._receive(proc, watch=True)
            except _Stopped as exc:
                self._kill()
                self.stopped += 1
                message = f"document too complex to parse within bounds: {exc}" \
                    if exc.reason == TOO_COMPLEX else str(exc)
                return ParsedDocument(_meta(raw), error_reason=exc.reason, error_message=message)
            result: ParsedDocument = pickle.loads(blob)
            if result.error_reason == TOO_COMPLEX:
                self._kill()  # a worker that ran out of memory starts afresh
            return result
        raise AssertionError("unreachable")
