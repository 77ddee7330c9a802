"""A real HTTP server on 127.0.0.1 for crawl tests: real pages, scripted faults, a request log.

Pages are served from memory. Each page may carry ``faults``, consumed one per request
(a 500, a 429 with Retry-After, a stalled reply, a reset connection, a body cut short...),
or one ``always`` fault for every request. ETag and Last-Modified are answered with 304
like any well-behaved server. Every request is logged with its arrival time, so tests
can measure the client's politeness from the server's side.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CHALLENGE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
             b"<p>Checking your browser before accessing the site.</p></body></html>")


# 503, "429:120" (a status and its Retry-After), "stall", "reset", "truncate", "redirect:URL"...,
# or (kind, argument)
Fault = int | str | tuple[str, object]


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    last_modified: str | None = None
    faults: list[Fault] = field(default_factory=list)  # consumed one per request
    always: Fault | None = None  # a fault for every request


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() when the request arrived
    path: str
    conditional: bool
    user_agent: str
    fault: str | None


class LoopbackServer:
    def __init__(self, stall_seconds: float = 1.0) -> None:
        self.routes: dict[str, Page | Callable[[dict[str, list[str]]], Page]] = {}
        self.hits: list[Hit] = []
        self.stall_seconds = stall_seconds
        self.lock = threading.Lock()
        self.routes["/robots.txt"] = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
        server = self

        class Handler(_Handler):
            site = server

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> LoopbackServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def add(self, path: str, page: Page | Callable[[dict[str, list[str]]], Page]) -> None:
        self.routes[path] = page

    def page(self, path: str) -> Page:
        """The fixed page served at ``path`` (to script its faults)."""
        route = self.routes[path]
        if not isinstance(route, Page):
            raise TypeError(f"{path} is answered by a function, not a fixed page")
        return route

    def requests(self, path_prefix: str = "") -> list[Hit]:
        with self.lock:
            return [h for h in self.hits if h.path.startswith(path_prefix)]


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body leave at once, as from a real server
    site: LoopbackServer

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        arrived = time.monotonic()
        parts = urlsplit(self.path)
        route = self.site.routes.get(parts.path)
        page = route(parse_qs(parts.query)) if callable(route) else route
        fault = None
        if page is not None:
            with self.site.lock:
                fault = page.faults.pop(0) if page.faults else page.always
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        with self.site.lock:
            self.site.hits.append(Hit(arrived, self.path, conditional,
                                      self.headers.get("User-Agent", ""), _name(fault)))
        if page is None:
            return self._send(404, b"<html><body>Not found</body></html>")
        if fault is not None and self._fault(fault, page):
            return
        if page.etag or page.last_modified:
            tag = etag_of(page.body)
            same_tag = page.etag and self.headers.get("If-None-Match") == tag
            same_date = page.last_modified and self.headers.get("If-Modified-Since") == page.last_modified
            if same_tag or same_date:
                return self._send(304, b"", headers=self._validators(page))
        headers = {**page.headers, **self._validators(page)}
        self._send(page.status, page.body, page.content_type, headers)

    def _validators(self, page: Page) -> dict[str, str]:
        headers = {}
        if page.etag:
            headers["ETag"] = etag_of(page.body)
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
        return headers

    def _send(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None, length: int | None = None) -> None:
        self.send_response(status)
        if status not in (204, 304):
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body) if length is None else length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if status not in (204, 304):
            self.wfile.write(body)

    def _fault(self, fault: Fault, page: Page) -> bool:
        """Apply a scripted fault; True when the reply has been dealt with."""
        kind, _, arg = str(fault[0] if isinstance(fault, tuple) else fault).partition(":")
        if isinstance(fault, tuple):
            arg = str(fault[1])
        if kind.isdigit():
            headers = {"Retry-After": arg} if arg else {}
            self._send(int(kind), f"<html><body>error {kind}</body></html>".encode(), headers=headers)
            return True
        if kind == "stall":  # answers after the client has given up
            time.sleep(self.site.stall_seconds)
            return False
        if kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return True
        if kind == "truncate":  # promises the whole body, sends half, hangs up
            self._send(200, page.body[: len(page.body) // 2], page.content_type, length=len(page.body))
            self.close_connection = True
            return True
        if kind == "cut_short":  # a complete HTTP reply whose body lost its end upstream
            self._send(200, page.body[: len(page.body) // 2], page.content_type)
            return True
        if kind == "challenge":
            self._send(200, CHALLENGE)
            return True
        if kind == "latin1":  # UTF-8 bytes labelled as Latin-1
            self._send(200, page.body, page.content_type.split(";")[0] + "; charset=iso-8859-1")
            return True
        if kind == "redirect":
            self._send(302, b"", headers={"Location": arg})
            return True
        raise ValueError(f"unknown fault {fault!r}")

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except OSError:  # the socket we reset on purpose
            self.close_connection = True


def _name(fault: Fault | None) -> str | None:
    if fault is None:
        return None
    return str(fault[0] if isinstance(fault, tuple) else fault).partition(":")[0]


# ---------------------------------------------------------------- real pages
def html_page(text: str) -> bytes:
    """A stored text excerpt as the HTML page it came from: one paragraph per line."""
    lines = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>PACE</title></head>\n"
            f"<body>\n{lines}</body></html>\n").encode()


def sample_pace_documents(sample_dir: Path) -> dict[int, dict[str, str]]:
    """Real PACE pages of the embedded sample by FileID, then language: {file_id: {lang: text}}."""
    from hemicycle.parse.pace import language_of
    from hemicycle.urls import file_id_of

    manifest = json.loads((sample_dir / "manifest.json").read_text(encoding="utf-8"))
    pages: dict[int, dict[str, str]] = {}
    for entry in manifest["documents"]:
        file_id = file_id_of(entry["url"])
        if entry.get("source") != "pace" or entry.get("wrapper") != "excerpt" or not file_id:
            continue
        text = json.loads((sample_dir / entry["path"]).read_text(encoding="utf-8"))["excerpt"]
        pages.setdefault(int(file_id), {})[language_of(entry["url"], text)] = text
    return dict(sorted(pages.items()))


def serve_pace(server: LoopbackServer, pages: dict[int, dict[str, str]], first_id: int = 100,
               gaps: dict[int, int] | None = None) -> dict[int, int]:
    """Serve real pages at dense FileIDs (in their real order); returns {served id: real id}.

    ``gaps`` leaves that many empty FileIDs before the n-th document, as real numbering does.
    """
    served, file_id = {}, first_id
    for n, (real_id, versions) in enumerate(pages.items()):
        file_id += (gaps or {}).get(n, 0)
        for language, text in versions.items():
            server.add(f"/{language}/files/{file_id}/html", Page(html_page(text)))
        served[file_id] = real_id
        file_id += 1
    return served


def serve_ep_api(server: LoopbackServer, documents: dict[str, tuple[bytes, int, str]],
                 prefix: str = "/api/v2") -> None:
    """The Open Data Portal's plenary-documents endpoints over ``{id: (json-ld, year, work type)}``."""
    for identifier, (body, _, _) in documents.items():
        server.add(f"{prefix}/plenary-documents/{identifier}", Page(body, "application/ld+json"))

    def listing(query: dict[str, list[str]]) -> Page:
        year, work_type = query.get("year", [""])[0], query.get("work-type", [""])[0]
        offset, limit = int(query.get("offset", ["0"])[0]), int(query.get("limit", ["50"])[0])
        items = [{"id": f"eli/dl/doc/{i}", "type": "Work", "identifier": i, "label": i,
                  "work_type": f"def/ep-document-types/{t}"}
                 for i, (_, y, t) in sorted(documents.items()) if str(y) == year and t == work_type]
        chunk = items[offset: offset + limit]
        if not chunk:
            return Page(b"", "application/ld+json", status=204)
        return Page(json.dumps({"data": chunk, "@context": []}).encode(), "application/ld+json")

    server.add(f"{prefix}/plenary-documents", listing)


EP_SAMPLE = {"RC-10-2025-0249": 2025, "RC-9-2021-0068": 2021}


def serve_sample_site(server: LoopbackServer, sample_dir: Path, first_id: int = 100,
                      gaps: dict[int, int] | None = None) -> dict[int, int]:
    """Both assemblies of the embedded sample: PACE pages by FileID, EP records and members
    through the API."""
    served = serve_pace(server, sample_pace_documents(sample_dir), first_id, gaps)
    serve_ep_api(server, {ident: ((sample_dir / "ep" / "files" / f"odp-document_{ident.lower()}.json").read_bytes(),
                                  year, "RESOLUTION_MOTION_JOINT") for ident, year in EP_SAMPLE.items()})
    from ep_portal import RECORDS, serve_portal  # the EP's member roster, as the portal serves it

    serve_portal(server, RECORDS)
    return served


def crawl_settings(server: LoopbackServer, **overrides: Any) -> dict[str, Any]:
    """HemicycleSettings fields pointing a crawl at ``server``, with test-sized timings."""
    return {"pace_url": server.url, "ep_api_url": f"{server.url}/api/v2", "min_interval": 0.01,
            "timeout": 0.5, "backoff_base": 0.01, "max_attempts": 4, "pace_start_id": 100,
            "pace_max_misses": 5, "ep_years": ",".join(str(y) for y in sorted(set(EP_SAMPLE.values()))),
            "contact": "mailto:tests@example.org", **overrides}


def gaps_between_requests(hits: list[Hit]) -> list[float]:
    times = sorted(h.at for h in hits)
    return [b - a for a, b in itertools.pairwise(times)]


def most_in_window(hits: list[Hit], seconds: float) -> int:
    times, best, start = sorted(h.at for h in hits), 0, 0
    for end, t in enumerate(times):
        while t - times[start] >= seconds:
            start += 1
        best = max(best, end - start + 1)
    return best
