"""From findings to one stance per target state, with its evidence and a confidence.

A state is a target when a title names it, the text names it twice, or a cue binds it
(a slot, a call with a demand) or speaks of it beside a word for its authorities. Its stance
weighs what the sentences say of it: a title counts double, a sentence that does not name
the state counts half and never for praise. Praise is conservative (a false praise accuses
the signatories): with criticism it wins only when it outweighs it three times, and
``mixed`` needs two findings of each. A victim stays a victim (``solidarity``) unless it is
criticised more than it is pitied.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hemicycle.stance.rules import Finding, SentenceReading

BODY_MENTIONS = 2
TITLE_WEIGHT, BOUND_WEIGHT, UNBOUND_WEIGHT = 2.0, 1.0, 0.5
PRAISE_OVER_CRITICISM = 3.0
MIXED_MINIMUM = 2.0


@dataclass(frozen=True, slots=True)
class TargetStance:
    country_code: str
    stance: str  # praise, criticism, mixed, neutral, solidarity, unknown
    evidence: str  # verbatim words of the text that decide it (or name the state, for unknown)
    confidence: str  # high, medium, low
    found_in: str  # title or body: where the evidence stands


def _weight(finding: Finding) -> float:
    if finding.sentence.in_title:
        return TITLE_WEIGHT
    return UNBOUND_WEIGHT if finding.via == "unbound" else BOUND_WEIGHT


def targets(readings: list[SentenceReading]) -> list[str]:
    """Target states, most named first (title mentions count double).

    Named in a title, or twice in the text; named once, when a cue points at it (a slot, a
    call with a demand, a cue beside its name or its authorities), or when it is the only
    state the statement names and a cue shares its sentence."""
    in_title: Counter[str] = Counter()
    in_body: Counter[str] = Counter()
    for r in readings:
        (in_title if r.sentence.in_title else in_body).update(m.code for m in r.mentions)
    chosen = set(in_title) | {c for c, n in in_body.items() if n >= BODY_MENTIONS}
    only = set(in_title) | set(in_body)
    for r in readings:
        evaluating = [f for f in r.findings if f.code and f.stance != "neutral"]
        chosen |= {f.code for f in evaluating if f.code and f.binds}
        chosen |= r.authorities & {f.code for f in evaluating}
        if len(only) == 1:
            chosen |= {f.code for f in evaluating if f.code}
    weight = in_title + in_title + in_body
    return sorted(chosen, key=lambda c: (-weight[c], c))


def _victims(readings: list[SentenceReading]) -> set[str]:
    return {f.code for r in readings for f in r.findings if f.code and f.via == "slot" and f.stance == "solidarity"}


def _blamed(reading: SentenceReading, victims: set[str]) -> list[Finding]:
    """The findings of a sentence, where a cue the sentence shares with a victim of the
    statement and another state speaks of the other state only."""
    others = {m.code for m in reading.mentions} - victims
    return [f for f in reading.findings
            if not (f.via == "sentence" and f.code in victims and others)]


def decide(readings: list[SentenceReading]) -> list[TargetStance]:
    chosen = targets(readings)
    victims = _victims(readings)
    findings = [f for r in readings for f in _blamed(r, victims)]
    unbound = [f for f in findings if f.code is None]
    procedural = any(r.procedural for r in readings)
    result: list[TargetStance] = []
    for code in chosen:
        own = [f for f in findings if f.code == code]
        if len(chosen) == 1:
            own += [f for f in unbound if f.stance != "praise"]
        result.append(_stance(code, own, readings, procedural))
    return result


def _stance(code: str, findings: list[Finding], readings: list[SentenceReading],
            procedural: bool) -> TargetStance:
    score: dict[str, float] = dict.fromkeys(("criticism", "praise", "solidarity", "neutral", "mixed"), 0.0)
    for f in findings:
        score[f.stance] += _weight(f)
    crit, praise, sol, neutral = (score[k] for k in ("criticism", "praise", "solidarity", "neutral"))
    if crit and praise:
        if crit >= MIXED_MINIMUM and praise >= MIXED_MINIMUM and praise < PRAISE_OVER_CRITICISM * crit \
                and crit < PRAISE_OVER_CRITICISM * praise:
            stance = "mixed"
        else:
            stance = "praise" if praise >= PRAISE_OVER_CRITICISM * crit else "criticism"
    elif crit or praise:
        stance = "criticism" if crit else "praise"
    else:
        stance = ""
    if sol and (not stance or stance == "praise" or sol >= score[stance]):
        stance = "solidarity"
    if not stance and neutral:
        stance = "neutral"
    if not stance:
        return _without_cue(code, readings, procedural)
    best = _best(findings, "criticism" if stance == "mixed" else stance)
    confidence = "high" if best.via != "unbound" or best.sentence.in_title else "medium"
    if stance == "neutral":
        confidence = "medium" if confidence == "high" else "low"
    return TargetStance(code, stance, best.sentence.quote(best.first, best.last), confidence,
                        "title" if best.sentence.in_title else "body")


def _best(findings: list[Finding], stance: str) -> Finding:
    same = [f for f in findings if f.stance == stance]
    return max(same, key=lambda f: (_weight(f), -f.sentence.start * (not f.sentence.in_title)))


def _without_cue(code: str, readings: list[SentenceReading], procedural: bool) -> TargetStance:
    """No cue speaks of the state: ``unknown``, or ``criticism`` at low confidence when the text
    is an urgency debate on breaches of human rights (the procedure is the evidence)."""
    named = next(((r, m) for r in sorted(readings, key=lambda r: not r.sentence.in_title)
                  for m in r.mentions if m.code == code), None)
    if procedural:
        reading = next(r for r in readings if r.procedural)
        return TargetStance(code, "criticism", reading.sentence.quote(0, len(reading.sentence.tokens) - 1),
                            "low", "title" if reading.sentence.in_title else "body")
    if named is None:
        return TargetStance(code, "unknown", "", "low", "body")
    reading, mention = named
    return TargetStance(code, "unknown", reading.sentence.quote(mention.first, mention.last, words=12),
                        "low", "title" if reading.sentence.in_title else "body")
