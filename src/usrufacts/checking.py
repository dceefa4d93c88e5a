"""``usrufacts check``: validate a fact base and summarise it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from .errors import InvalidFactsError
from .text import one_line


def check_directories(directories: list[Path]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A summary of a valid fact base, as one object and as table rows.

    An invalid one raises InvalidFactsError after writing every problem to stderr.
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
    }
    rows = [{"item": f"{name}", "value": count} for name, count in counts.items()]
    rows += [
        {
            "item": "records with a source",
            "value": f"{cited} of {citing} ({summary['sourced']['share']:.0%})",
        },
        {"item": "date range", "value": " – ".join(info["date_range"])},
        {"item": "facts as of", "value": info["facts_as_of"]},
    ]
    return summary, rows
