"""``usrufacts verify``: check a draft's dates and numbers against the fact base.

The core of the command, knowing nothing of the terminal: ``verify_documents`` reads
drafts (plain text or Markdown), finds the sentences that name something the fact base
knows together with a date or a number, links each to the field it is about (rules in
``linking``, words in the lexicon compiled into the index, see ``lexicon``) and judges it:

- ``contradicted``: differs from every sourced value the rules found;
- ``supported``: matches one (within the tolerance an approximation word or a rounded
  figure allows);
- ``disputed``: lies within the spread of sources that disagree, matching none;
- ``unclear``: names a record beside a number or date, but no rule says which field.

Numbers that are not claims (page numbers, ages, phone numbers, list markers, code,
quotations and reported speech) are returned as ``skipped`` findings with the reason.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .lexicon import Lexicon, load
from .linking import CONTRADICTED, DISPUTED, SUPPORTED, UNCLEAR, Claim, link_sentence
from .reading import line_starts, mask, position, sentences

VERDICTS = (CONTRADICTED, DISPUTED, SUPPORTED, UNCLEAR)
__all__ = ["VERDICTS", "Finding", "verify_documents", "verify_text"]

Finding = dict[str, Any]
_SNIPPET = 72
MAX_SOURCES = 3  # a record's best sources: the index keeps them best tier first


def verify_text(text: str, lexicon: Lexicon) -> list[Claim]:
    """Every claim in one document, judged, in the order they appear (skipped ones too)."""
    masked = mask(text)
    claims: list[Claim] = []
    treaty: str | None = None
    paragraph_end = -1
    for sentence in sentences(text, masked):
        if "\n\n" in masked[paragraph_end : sentence.start]:
            treaty = None  # "the treaty" refers back within a paragraph only
        found, treaty = link_sentence(sentence, masked, lexicon, treaty)
        claims.extend(found)
        paragraph_end = sentence.end
    return claims


def verify_documents(
    connection: sqlite3.Connection, documents: list[tuple[str, str]]
) -> list[Finding]:
    """Findings for each ``(path, text)``: one dict per claim or skipped number.

    Keys: path, line, column (1-based), text (the claim's words), verdict (one of VERDICTS,
    or ``skipped``), record (id or None), field (``signed``, ``limits.deployed-warheads``,
    ``value``…), claimed and expected (ISO dates, numbers in the record's unit, or [yes,
    no] for votes), shown (the record's value as a reader reads it), tolerance, sources
    ([{id, publisher, title, url, tier}], the best first), why (the linking steps), note.
    """
    lexicon = load(connection)
    findings: list[Finding] = []
    for path, text in documents:
        starts = line_starts(text)
        for claim in verify_text(text, lexicon):
            findings.append(_finding(path, text, starts, claim))
    _cite(connection, findings)
    return findings


def _finding(path: str, text: str, starts: list[int], claim: Claim) -> Finding:
    mention, sentence = claim.mention, claim.sentence
    line, column = position(starts, mention.start, text)
    return {
        "path": path,
        "line": line,
        "column": column,
        "text": _snippet(text, sentence.start, sentence.end, mention.start, mention.end),
        "number": text[mention.start : mention.end],
        "verdict": claim.verdict,
        "record": claim.record,
        "field": claim.field,
        "claimed": claim.claimed,
        "expected": claim.expected,
        "shown": claim.shown,
        "tolerance": claim.tolerance or None,
        "sources": claim.sources,
        "why": claim.why,
        "note": claim.note or None,
    }


def _snippet(text: str, start: int, end: int, at: int, to: int) -> str:
    """The sentence, or a window of it around the claim when it is long."""
    words = " ".join(text[start:end].split())
    if len(words) <= _SNIPPET:
        return words
    left = max(start, at - _SNIPPET // 2)
    right = min(end, to + _SNIPPET // 2)
    piece = text[left:right]
    if left > start:
        piece = "…" + piece.split(" ", 1)[-1]
    if right < end:
        piece = piece.rsplit(" ", 1)[0] + "…"
    return " ".join(piece.split())


def _cite(connection: sqlite3.Connection, findings: list[Finding]) -> None:
    """Each finding's record's best sources as {id, publisher, title, url, tier}: two queries
    for all (records keep their source ids best tier first)."""
    import json

    records = sorted({f["record"] for f in findings if f["record"]})
    cited_by: dict[str, list[str]] = {}
    for begin in range(0, len(records), 500):
        chunk = records[begin : begin + 500]
        rows = connection.execute(
            "SELECT id, json_extract(json, '$.sources') FROM records "
            f"WHERE id IN ({','.join('?' * len(chunk))})",
            chunk,
        )
        cited_by.update((rid, json.loads(ids)[:MAX_SOURCES]) for rid, ids in rows)
    from ..query import citations

    found = citations(connection, {s for ids in cited_by.values() for s in ids})
    keys = ("id", "publisher", "title", "url", "tier")  # a finding leaves out `accessed`
    cited = {sid: {k: source[k] for k in keys} for sid, source in found.items()}
    for finding in findings:
        ids = cited_by.get(finding["record"] or "", [])
        finding["sources"] = [cited[s] for s in ids if s in cited]
