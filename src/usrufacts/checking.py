"""``usrufacts check``: validate a fact base and summarise it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InvalidFactsError, Issue, WeakSourcesError
from .text import one_line
from .tiers import KEY_EVENT_KINDS, NEWSROOM, TIERS, best

if TYPE_CHECKING:
    from .loader import FactBase


def check_directories(
    directories: list[Path], strict_sources: bool = False
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A summary of a valid fact base, as one object and as table rows.

    An invalid one raises InvalidFactsError after writing every problem to stderr. With
    ``strict_sources``, so does one where a key record (a treaty, summit, meeting, call,
    sanctions or UN event) cites nothing above ``reference``: each such record is one line.
    """
    from .index import compile_records, summarise
    from .loader import load

    try:
        base = load(directories)
    except InvalidFactsError as error:
        for issue in error.issues:
            sys.stderr.write(f"{one_line(str(issue))}\n")
        raise InvalidFactsError(error.issues) from None
    info = summarise(base, list(compile_records(base)))  # no need to build the database
    tiers = tier_report(base)
    if strict_sources and tiers["key_records"]["nothing_above_reference"]:
        issues = [
            Issue(
                base.origin[rid],
                rid,
                "sources",
                "nothing above reference; cite a primary, specialist or major-news source",
            )
            for rid in tiers["key_records"]["nothing_above_reference"]
        ]
        for issue in issues:
            sys.stderr.write(f"{one_line(str(issue))}\n")
        raise WeakSourcesError(issues)
    counts = {"sources": len(base.records["sources"]), "people": len(base.records["people"]),
              "treaties": len(base.records["treaties"]), "events": len(base.records["events"]),
              "metrics": len(base.records["metrics"]),
              "figures": sum(len(values) for values in base.figures.values())}  # fmt: skip
    cited, citing = info["sourced"]
    summary = {
        "valid": True,
        "directories": [str(d) for d in directories],
        "counts": counts,
        "sourced": {
            "records": citing,
            "with_source": cited,
            "share": round(cited / citing, 4) if citing else 1.0,
        },
        "date_range": info["date_range"],
        "facts_as_of": info["facts_as_of"],
        "tiers": tiers,
        # Records an overlay replaced by id (another collection's id is an error instead).
        "replaced": [
            {"id": r["id"], "collection": r["collection"], "by": r["by"]} for r in base.replaced
        ],
    }
    rows = [{"item": f"{name}", "value": count} for name, count in counts.items()]
    rows += [
        {
            "item": "records with a source",
            "value": f"{cited} of {citing} ({summary['sourced']['share']:.0%})",
        },
        *_tier_rows(tiers),
        {"item": "date range", "value": " – ".join(info["date_range"])},
        {"item": "facts as of", "value": info["facts_as_of"]},
    ]
    rows += [{"item": "replaced by the overlay", "value": r["id"]} for r in base.replaced]
    return summary, rows


def tier_report(base: FactBase) -> dict[str, Any]:
    """How well the records are sourced, by the tier of each record's best source.

    Per collection: how many records' best source is each tier, and the share. Key records
    (treaties, and summits, meetings, calls, sanctions and UN events): how many cite a
    primary, specialist or major-news source, and which cite nothing above ``reference``.
    Figure series (a metric for one country): how many of their figures cite such a source.
    """
    sources = base.records["sources"]

    def best_of(ids: list[str]) -> str:
        return best(sources[i]["tier"] for i in ids)

    collections = {
        name: [best_of(r["sources"]) for r in base.records[name].values()]
        for name in ("treaties", "events", "people")
    }
    figures = {
        key: best_of([s for v in values for s in v["sources"]])
        for key, values in base.figures.items()
    }
    collections["figures"] = list(figures.values())
    report: dict[str, Any] = {name: _shares(found) for name, found in collections.items()}
    key = [*base.records["treaties"].values()]
    key += [e for e in base.records["events"].values() if e["kind"] in KEY_EVENT_KINDS]
    weak = [r["id"] for r in key if best_of(r["sources"]) not in NEWSROOM]
    report["key_records"] = {
        "records": len(key),
        "newsroom_sourced": len(key) - len(weak),
        "share": round((len(key) - len(weak)) / len(key), 4) if key else 1.0,
        "nothing_above_reference": weak,
    }
    series: dict[str, dict[str, int]] = {}
    for (metric, country, _), tier in figures.items():
        row = series.setdefault(f"{metric}/{country}", {"figures": 0, "newsroom_sourced": 0})
        row["figures"] += 1
        row["newsroom_sourced"] += tier in NEWSROOM
    report["figure_series"] = series
    return report


def _shares(found: list[str]) -> dict[str, Any]:
    counts = {tier: found.count(tier) for tier in TIERS}
    total = len(found)
    return {
        "records": total,
        "best": counts,
        "share": {tier: round(n / total, 4) if total else 0.0 for tier, n in counts.items()},
    }


def _tier_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for name in ("treaties", "events", "people", "figures"):
        share = report[name]["share"]
        value = " · ".join(f"{tier} {share[tier]:.0%}" for tier in TIERS)
        rows.append({"item": f"{name} by best source", "value": value})
    key = report["key_records"]
    value = f"{key['newsroom_sourced']} of {key['records']} ({key['share']:.0%})"
    if key["nothing_above_reference"]:  # name them: the reader's next step is to re-source them
        value += f"; not: {', '.join(key['nothing_above_reference'])}"
    rows.append({"item": "key records citing primary, specialist or major-news", "value": value})
    series = report["figure_series"]
    short = {k: s for k, s in series.items() if s["newsroom_sourced"] < s["figures"]}
    rows.append(
        {
            "item": "figure series all citing primary, specialist or major-news",
            "value": f"{len(series) - len(short)} of {len(series)}",
        }
    )
    if short:
        named = " · ".join(
            f"{k} {s['newsroom_sourced']} of {s['figures']}" for k, s in short.items()
        )
        rows.append(
            {
                "item": "figure series not all citing primary, specialist or major-news",
                "value": named,
            }
        )
    return rows
