"""What verify's findings say, as text: the lint line editors and CI read, and the reasons.

Plain strings, no terminal: the command writes them. The lint form is the one ruff and
Vale use, ``path:line:col: verdict: "claim" — the record has X [record-id]``.
"""

from __future__ import annotations

from typing import Any

Finding = dict[str, Any]

SHOWN_BY_DEFAULT = ("contradicted", "disputed")


def wanted(finding: Finding, show_all: bool, explain: bool) -> bool:
    """Contradicted and disputed claims always; the rest with ``--all``; skipped numbers
    with ``--explain``."""
    verdict = finding["verdict"]
    if verdict == "skipped":
        return explain
    return show_all or verdict in SHOWN_BY_DEFAULT


def lint_line(finding: Finding) -> str:
    """One finding as ``path:line:col: verdict: "words" — what the record has [id]``."""
    where = f"{finding['path']}:{finding['line']}:{finding['column']}"
    verdict = finding["verdict"]
    words = _quote(finding["text"])
    return f"{where}: {verdict}: {words} — {record_says(finding)}"


def record_says(finding: Finding) -> str:
    """The record's side of a finding, in words, with the record id."""
    verdict = finding["verdict"]
    if verdict in ("skipped", "unclear"):
        return str(finding["note"] or "no field to check")
    shown = finding["shown"]
    record = f" [{finding['record']}]" if finding["record"] else ""
    if verdict == "disputed":
        return f"sources disagree: {shown}{record}"
    return f"the record has {shown}{record}"


def reasons(finding: Finding) -> list[str]:
    """The linking steps behind a finding, for ``--explain``."""
    steps = [f"read {finding['number']!r}"]
    steps += list(finding.get("why") or [])
    if finding.get("tolerance"):
        steps.append(f"compared: {finding['tolerance']}")
    if finding.get("note") and finding["verdict"] not in ("skipped", "unclear"):
        steps.append(str(finding["note"]))
    best = (finding.get("sources") or [None])[0]
    if best:
        steps.append(f"source: {best['publisher']}, {best['title']} <{best['url']}>")
    return steps


def summary(findings: list[Finding], files: int) -> str:
    """``12 claims in 2 files: 1 contradicted, 1 disputed, 8 supported, 2 unclear``."""
    counts: dict[str, int] = {}
    for finding in findings:
        if finding["verdict"] != "skipped":
            counts[finding["verdict"]] = counts.get(finding["verdict"], 0) + 1
    total = sum(counts.values())
    parts = [
        f"{counts[v]} {v}"
        for v in ("contradicted", "disputed", "supported", "unclear")
        if counts.get(v)
    ]
    noun = "claim" if total == 1 else "claims"
    where = f"{files} file" + ("" if files == 1 else "s")
    return f"{total} {noun} in {where}" + (f": {', '.join(parts)}" if parts else "")


def _quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'
