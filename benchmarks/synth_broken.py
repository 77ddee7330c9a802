"""Broken documents, as fetching real pages yields them: each must end in quarantine.

Whole-document failures (the parser refuses the bytes) and row-level ones (the document
parses, but a signatory or the statement cannot be published) both occur in practice.
"""

from __future__ import annotations

import random

CHALLENGE = ('<!DOCTYPE html><html lang="en-US"><head><title>Just a moment...</title>'
             '<meta name="robots" content="noindex,nofollow"></head><body><div class="main-wrapper">'
             "<h1>{host}</h1><h2>Checking your browser before accessing {host}.</h2>"
             "<p>This process is automatic. Your browser will redirect to your requested content "
             "shortly.</p><noscript>Enable JavaScript and cookies to continue</noscript>"
             "<p>Ray ID: {ray}</p></div></body></html>\n")

NEWS_PAGE = ("Press release\n\nThe Bureau of the Assembly met in Strasbourg on {day}.\n\n"
             "It discussed the preparation of the next part-session and the follow-up given to "
             "the resolutions adopted at the previous one.\n\nContact: press office\n")

# document-level failures -> weight
DOCUMENT_FAULTS = {"truncated_html": 3, "mojibake": 2, "challenge": 2, "empty": 1, "binary": 1,
                   "not_a_statement": 2}
# row-level failures inside a document that parses -> weight
ROW_FAULTS = {"missing_country": 3, "duplicate_signatory": 3, "date_out_of_range": 1}


def truncate_html(rng: random.Random, page: str) -> str:
    """Cut a page inside its body: the download stopped before ``</body></html>``."""
    end = page.rindex("</body>")
    return page[: rng.randint(end // 3, end - 1)]


def mojibake(text: str) -> str:
    """UTF-8 bytes read as Latin-1 then stored as UTF-8 again ("Déclaration" -> "DÃ©claration")."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8", errors="replace").decode("utf-8")


def challenge_page(rng: random.Random, host: str) -> str:
    return CHALLENGE.format(host=host, ray=f"{rng.getrandbits(64):016x}")


def binary_junk(rng: random.Random) -> bytes:
    return rng.randbytes(rng.randint(512, 4096))


def news_page(day: str) -> str:
    return NEWS_PAGE.format(day=day)
