"""The one HTTP client every source uses: polite, conditional, and never raising.

Each request waits for its host's slot (one request per ``min_interval`` seconds per
host, longer when robots.txt asks for a crawl delay or a server for ``Retry-After``),
sends the validators it has (ETag / Last-Modified), retries what is worth retrying
(429, 5xx, timeouts, dropped connections, bodies cut short) with exponential backoff
and jitter, and follows redirects only to the same document. Whatever happens ends as
a typed ``FetchOutcome``: fetched, not_modified, missing, blocked or failed, with the
reason, so one bad URL never stops a crawl.
"""

from __future__ import annotations

import email.utils
import json
import random
import re
import threading
import time
import urllib.robotparser
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict
from urllib.parse import SplitResult, urljoin, urlsplit

import httpx

from hemicycle import __version__
from hemicycle.content import check_html_complete, check_not_challenge
from hemicycle.errors import ParseError

FETCHED = "fetched"
NOT_MODIFIED = "not_modified"
MISSING = "missing"
BLOCKED = "blocked"
FAILED = "failed"

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Where sites send visitors they will not serve: sign-in walls and bot checks.
LOGIN_TARGET = re.compile(r"log-?in|sign-?in|/auth\b|/sso\b|captcha|challenge|/cdn-cgi/", re.I)
DEFAULT_CONTACT = "contact-not-configured@example.invalid"


def user_agent(contact: str = DEFAULT_CONTACT) -> str:
    """Who we are and how to reach us, as every polite crawler says."""
    return f"hemicycle/{__version__} (open data on parliamentary statements; +{contact})"


@dataclass(frozen=True, slots=True)
class Validators:
    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    url: str
    status: str  # FETCHED | NOT_MODIFIED | MISSING | BLOCKED | FAILED
    reason: str | None = None
    http_status: int | None = None
    content: bytes | None = None
    content_type: str | None = None
    validators: Validators = Validators()
    final_url: str | None = None
    attempts: int = 0
    conditional: bool = False


@dataclass(frozen=True)
class ClientSettings:
    contact: str = DEFAULT_CONTACT
    min_interval: float = 3.0  # seconds between two requests to one host
    timeout: float = 30.0
    max_bytes: int = 25_000_000
    max_attempts: int = 5
    backoff_base: float = 2.0  # first retry after about this many seconds, then doubling
    backoff_cap: float = 300.0
    max_retry_after: float = 900.0  # a longer Retry-After ends the attempt: next run retries
    max_redirects: int = 5
    obey_robots: bool = True


class HostRateLimiter:
    """Reserves each host's next free slot; callers sleep outside the lock."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.interval = interval
        self._clock, self._sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._intervals: dict[str, float] = {}
        self._lock = threading.Lock()

    def slow_down(self, host: str, interval: float) -> None:
        """A host's own wish (robots.txt Crawl-delay) can only lengthen the interval."""
        with self._lock:
            self._intervals[host] = max(self.interval, interval)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` before ``seconds`` from now (backoff, Retry-After)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), self._clock() + seconds)

    def done(self, host: str) -> None:
        """A request ended: the interval also runs from its end, so requests never overlap and
        the server sees them at least one interval apart whatever the connection took."""
        self.defer(host, self._intervals.get(host, self.interval))

    def wait(self, host: str) -> None:
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self._intervals.get(host, self.interval)
        if start > now:
            self._sleep(start - now)


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


def effective_content_type(content_type: str | None, content: bytes) -> str:
    """The declared type, with its charset corrected when the bytes are plainly UTF-8.

    Valid UTF-8 with multi-byte sequences is never meant as Latin-1 text, so a server
    that labels such bytes ``iso-8859-1`` is wrong; the reverse case (cp1252 labelled
    UTF-8) is caught later by the decoder's fallback.
    """
    content_type = (content_type or "application/octet-stream").strip()
    major = content_type.split(";")[0].strip().lower()
    if not (major.startswith("text/") or "html" in major or "json" in major or "xml" in major):
        return content_type
    declared = re.search(r"charset=\"?([\w-]+)", content_type, re.I)
    if declared and declared.group(1).lower().replace("_", "-") in ("utf-8", "utf8"):
        return content_type
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return content_type
    if content.isascii():
        return content_type
    return f"{major}; charset=utf-8"


def same_resource(original: str, target: str) -> bool:
    """A redirect that keeps host (give or take ``www.``), path and query: the same page."""
    a, b = urlsplit(original), urlsplit(target)
    return (_bare_host(a), a.port, a.path.rstrip("/").lower(), a.query) == \
        (_bare_host(b), b.port, b.path.rstrip("/").lower(), b.query)


def _bare_host(parts: SplitResult) -> str:
    return (parts.hostname or "").lower().removeprefix("www.")


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


@dataclass
class _Reply:
    status: int
    headers: httpx.Headers
    content: bytes = b""


@dataclass
class _Attempts:
    """Result of one URL's retry loop: a reply, or why there is none."""

    reply: _Reply | None
    attempts: int
    reason: str | None = None
    blocked: bool = False


class PoliteClient:
    """Sequential fetching with one rate limiter per host; use as a context manager."""

    def __init__(self, settings: ClientSettings = ClientSettings(),
                 transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.limiter = HostRateLimiter(settings.min_interval, sleep=sleep)
        self.stats: Counter[str] = Counter()
        self._robots: dict[str, urllib.robotparser.RobotFileParser | str | None] = {}
        self._http = httpx.Client(
            timeout=httpx.Timeout(settings.timeout), follow_redirects=False, transport=transport,
            headers={"User-Agent": user_agent(settings.contact), "Accept-Encoding": "gzip, deflate"})

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------ robots.txt
    def robots_refusal(self, url: str) -> str | None:
        """Why robots.txt forbids ``url`` (None when allowed), per RFC 9309.

        4xx: no rules, everything allowed. 5xx or unreachable: nothing allowed this run.
        """
        if not self.settings.obey_robots:
            return None
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            self._robots[origin] = self._load_robots(origin)
        rules = self._robots[origin]
        if rules is None:
            return None
        if isinstance(rules, str):
            return rules
        if not rules.can_fetch(user_agent(self.settings.contact), url):
            return "robots.txt disallows this URL"
        return None

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | str | None:
        url = f"{origin}/robots.txt"
        current, reply = url, None
        for _ in range(self.settings.max_redirects + 1):
            result = self._attempts(current, {}, check_body=False)
            reply = result.reply
            if reply is None or reply.status not in REDIRECT_STATUSES or "location" not in reply.headers:
                break
            current = urljoin(current, reply.headers["location"])
        if reply is None or reply.status >= 500 or reply.status in REDIRECT_STATUSES:
            why = result.reason or (reply.status if reply is not None else "no reply")
            return f"robots.txt unreachable ({why}): nothing fetched this run"
        if reply.status >= 400:
            return None
        rules = urllib.robotparser.RobotFileParser(url)
        rules.parse(reply.content[:512_000].decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(user_agent(self.settings.contact))
        if delay:
            self.limiter.slow_down(_host(origin), float(delay))
        return rules

    # ------------------------------------------------------------ requests
    def _exchange(self, url: str, headers: dict[str, str]) -> _Reply:
        """One request, its body read up to the size limit (raises httpx errors)."""
        self.limiter.wait(_host(url))
        self.stats["requests"] += 1
        if "If-None-Match" in headers or "If-Modified-Since" in headers:
            self.stats["conditional_requests"] += 1
        try:
            return self._read(url, headers)
        finally:
            self.limiter.done(_host(url))

    def _read(self, url: str, headers: dict[str, str]) -> _Reply:
        with self._http.stream("GET", url, headers=headers) as response:
            self.stats["responses"] += 1  # the host answered, whatever it said
            reply = _Reply(response.status_code, response.headers)
            if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
                return reply
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.settings.max_bytes:
                raise _TooLarge(int(declared))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.settings.max_bytes:
                    raise _TooLarge(size)
                chunks.append(chunk)
            reply.content = b"".join(chunks)
            return reply

    def _backoff(self, attempt: int) -> float:
        delay = min(self.settings.backoff_cap, self.settings.backoff_base * 2.0 ** (attempt - 1))
        return delay / 2 + random.uniform(0, delay / 2)

    def _attempts(self, url: str, headers: dict[str, str], check_body: bool = True) -> _Attempts:
        """Request ``url`` until it gives a usable reply or the attempts run out."""
        reason = None
        for attempt in range(1, self.settings.max_attempts + 1):
            wait = None
            try:
                reply = self._exchange(url, headers)
            except _TooLarge as exc:
                return _Attempts(None, attempt, f"body larger than {self.settings.max_bytes} bytes ({exc.size})")
            except httpx.TimeoutException as exc:
                reason = f"timeout ({type(exc).__name__})"
            except httpx.TransportError as exc:  # refused, reset, body cut short, bad protocol
                reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
            else:
                if reply.status in RETRY_STATUSES:
                    reason = f"HTTP {reply.status}"
                    wait = retry_after_seconds(reply.headers.get("retry-after"))
                    if wait is not None and wait > self.settings.max_retry_after:
                        return _Attempts(None, attempt, f"HTTP {reply.status}, Retry-After {wait:.0f} s "
                                         "is longer than we wait: next run retries")
                elif check_body and reply.status == 200 and _cut_short(reply):
                    reason = "body cut short (HTML never closed, or JSON incomplete)"
                else:
                    return _Attempts(reply, attempt)
            self.stats["retries"] += attempt < self.settings.max_attempts
            if attempt < self.settings.max_attempts:
                delay = self._backoff(attempt)
                self.limiter.defer(_host(url), max(delay, wait or 0.0))
        return _Attempts(None, self.settings.max_attempts,
                         f"{reason} after {self.settings.max_attempts} attempts")

    def get(self, url: str, validators: Validators = Validators(),
            same_document: Callable[[str, str], bool] = same_resource,
            accept: str | None = None) -> FetchOutcome:
        """Fetch one document; every end is an outcome, never an exception."""
        try:
            outcome = self._get(url, validators, same_document, accept)
        except Exception as exc:  # noqa: BLE001 - a client bug costs one URL, not the crawl
            outcome = FetchOutcome(url, FAILED, reason=f"client error {type(exc).__name__}: {exc}"[:300])
        self.stats[outcome.status] += 1
        return outcome

    def _get(self, url: str, validators: Validators, same_document: Callable[[str, str], bool],
             accept: str | None) -> FetchOutcome:
        headers = validators.headers()
        if accept:
            headers["Accept"] = accept
        conditional = bool(validators)
        current, seen, attempts = url, [url], 0
        for _hop in range(self.settings.max_redirects + 1):
            refusal = self.robots_refusal(current)
            if refusal:
                return FetchOutcome(url, BLOCKED, reason=refusal, final_url=current, attempts=attempts)
            result = self._attempts(current, headers)
            attempts += result.attempts
            reply = result.reply
            common = _Common(final_url=current, attempts=attempts, conditional=conditional)
            if reply is None:
                return FetchOutcome(url, FAILED, reason=result.reason, **common)
            status = reply.status
            if status in REDIRECT_STATUSES and "location" in reply.headers:
                target = urljoin(current, reply.headers["location"])
                if target in seen:
                    return FetchOutcome(url, FAILED, http_status=status,
                                        reason="redirect loop: " + " -> ".join([*seen, target]), **common)
                if LOGIN_TARGET.search(urlsplit(target).path + "?" + urlsplit(target).query):
                    return FetchOutcome(url, BLOCKED, http_status=status,
                                        reason=f"redirected to a login or challenge page: {target}", **common)
                if not same_document(url, target):
                    return FetchOutcome(url, MISSING, http_status=status,
                                        reason=f"redirected to another page: {target}", **common)
                seen.append(target)
                current = target
                continue
            return _outcome(url, reply, common)
        return FetchOutcome(url, FAILED, reason=f"more than {self.settings.max_redirects} redirects: "
                            + " -> ".join(seen), final_url=current, attempts=attempts,
                            conditional=conditional)


class _Common(TypedDict):
    """What every outcome of one fetch records, whatever the reply."""

    final_url: str
    attempts: int
    conditional: bool


class _TooLarge(Exception):
    def __init__(self, size: int):
        super().__init__(size)
        self.size = size


def _cut_short(reply: _Reply) -> bool:
    """A body that lost its end in transfer: HTML that never closes, JSON that does not parse."""
    content_type = reply.headers.get("content-type", "").lower()
    if "json" in content_type and reply.content.strip():
        try:
            json.loads(reply.content)
        except ValueError:
            return True
    if "html" not in content_type:
        return False
    try:
        check_html_complete(reply.content.decode("utf-8", errors="replace"))
    except ParseError:
        return True
    return False


def _challenge(content: bytes) -> str | None:
    try:
        check_not_challenge(content[:20000].decode("utf-8", errors="replace"))
    except ParseError as exc:
        return str(exc)
    return None


def _outcome(url: str, reply: _Reply, common: _Common) -> FetchOutcome:
    """A final (non-redirect) reply as an outcome."""
    status, headers = reply.status, reply.headers
    validators = Validators(headers.get("etag"), headers.get("last-modified"))
    if status == 304:
        if not common["conditional"]:
            return FetchOutcome(url, FAILED, http_status=304, reason="304 to an unconditional request",
                                **common)
        return FetchOutcome(url, NOT_MODIFIED, http_status=304, validators=validators, **common)
    if status in (404, 410):
        return FetchOutcome(url, MISSING, http_status=status, reason=f"HTTP {status}", **common)
    if status in (401, 403, 407, 451):
        challenge = _challenge(reply.content)
        return FetchOutcome(url, BLOCKED, http_status=status,
                            reason=challenge or f"HTTP {status}: access refused", **common)
    if headers.get("x-amzn-waf-action") or status == 202:
        return FetchOutcome(url, BLOCKED, http_status=status,
                            reason=f"HTTP {status}: bot challenge instead of the document", **common)
    if not 200 <= status < 300:
        return FetchOutcome(url, FAILED, http_status=status, reason=f"HTTP {status}", **common)
    challenge = _challenge(reply.content)
    if challenge:
        return FetchOutcome(url, BLOCKED, http_status=status, reason=challenge, **common)
    return FetchOutcome(url, FETCHED, http_status=status, content=reply.content,
                        content_type=effective_content_type(headers.get("content-type"), reply.content),
                        validators=validators, **common)
