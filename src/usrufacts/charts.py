"""What a chart shows, as data: series, axis labels, annotations and a source line.

The core of ``usrufacts chart`` and of ``compare … --chart``. It knows nothing of the
terminal or of image files (``plotting.py`` draws); tests check the series, labels and
annotations built here. A disputed figure (sources disagree) is never averaged: its
year is left out of the line and drawn as a range from the lowest to the highest value.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .dates import PartialDate

Record = dict[str, Any]
COUNTRY_NAMES = {"us": "United States", "ru": "USSR/Russia"}


@dataclass
class Series:
    """One line (or one stack of bars): ``points`` are (x, value) pairs; ``ranges`` are
    (x, low, high) for the disputed values, which the line skips."""

    name: str
    points: list[tuple[float, float]] = field(default_factory=list)
    ranges: list[tuple[float, float, float]] = field(default_factory=list)


@dataclass
class Annotation:
    x: float
    y: float
    text: str


@dataclass
class Chart:
    """A chart and the table behind it. ``kind`` is ``"line"`` or ``"bar"`` (stacked);
    ``columns`` and ``rows`` are the data as a script reads it (a disputed cell is the
    sorted list of its values); ``source`` is the line printed under the chart."""

    title: str
    x_label: str
    y_label: str
    kind: str
    series: list[Series]
    annotations: list[Annotation]
    source: str
    columns: list[str]
    rows: list[list[Any]]
    x_ticks: list[str] = field(default_factory=list)


def _x(date: str) -> float:
    """A date as a fractional year: "1986" -> 1986.0, "2017-01" -> 2017.0, mid-year dates
    in between (by month)."""
    parsed = PartialDate.parse(date)
    return parsed.year + ((parsed.month or 1) - 1) / 12


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def source_line(sources: Sequence[Record], command: str, limit: int = 3) -> str:
    """ "Source: A; B; C and N more (usrufacts sources ID)": the publishers most cited
    behind a chart, most cited first, with the command that lists them all."""
    from .citations import order_sources

    counts = Counter(s["publisher"] for s in sources)
    best: dict[str, int] = {}
    for n, source in enumerate(order_sources(sources)):
        best.setdefault(source["publisher"], n)
    # Best tier first where sources carry one (order_sources), then the most cited.
    names = sorted(counts, key=lambda name: (best[name] if _tiered(sources) else 0, -counts[name]))
    shown = "; ".join(names[:limit])
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return f"Source: {shown}{more} (usrufacts {command})"


def _tiered(sources: Sequence[Record]) -> bool:
    return any("tier" in s for s in sources)


def _series_of(rows: Sequence[Record], key: str, name: str) -> Series:
    series = Series(name)
    for row in rows:
        value = row[key]
        if value is None:
            continue
        x = _x(str(row["date"]))
        if isinstance(value, list):
            series.ranges.append((x, min(value), max(value)))
        else:
            series.points.append((x, value))
    return series


def _peak(series: Series, unit: str) -> Annotation | None:
    """The series' highest value, the top of a disputed range included."""
    candidates = [(v, x, _number(v)) for x, v in series.points]
    candidates += [(high, x, f"{_number(low)}–{_number(high)}") for x, low, high in series.ranges]
    if not candidates:
        return None
    value, x, shown = max(candidates)
    disputed = " (disputed)" if "–" in shown else ""
    return Annotation(x, value, f"{series.name} peak {int(x)}: {shown} {unit}{disputed}")


def figure_chart(
    connection: sqlite3.Connection,
    metric: str,
    years: Sequence[int] = (),
    title: str | None = None,
) -> Chart:
    """Any metric, one line per country (United States, USSR/Russia), peaks annotated and
    disputed years drawn as ranges. Raises NotFoundError for an unknown metric."""
    from .query import compare_figure

    result = compare_figure(connection, metric, years)
    found, rows = result["metric"], result["rows"]
    unit = found["unit"]
    countries = [c for c in COUNTRY_NAMES if any(row[c] is not None for row in rows)]
    series = [_series_of(rows, country, COUNTRY_NAMES[country]) for country in countries]
    annotations = []
    for s in series:
        peak = _peak(s, unit)
        annotations += [peak] if peak else []
        annotations += [
            Annotation(x, high, f"{s.name} {int(x)} disputed: {_number(low)}–{_number(high)}")
            for x, low, high in s.ranges
            if peak is None or (x, high) != (peak.x, peak.y)
        ]
    sources = [source for row in rows for source in row["sources"]]
    return Chart(
        title=title or found["label"],
        x_label="Year",
        y_label=unit[:1].upper() + unit[1:],
        kind="line",
        series=series,
        annotations=annotations,
        source=source_line(sources, f"cite {found['id']}"),
        columns=["date", *countries],
        rows=[[row["date"], *(row[c] for c in countries)] for row in rows],
    )


def stockpile_chart(connection: sqlite3.Connection, years: Sequence[int] = ()) -> Chart:
    """US and USSR/Russian total warhead stockpiles (metric ``warhead-stockpile``)."""
    return figure_chart(
        connection,
        "warhead-stockpile",
        years,
        title="Nuclear warhead stockpiles: United States and USSR/Russia",
    )


TRADE_METRICS = (
    ("us-exports-to-russia", "US exports to Russia"),
    ("us-imports-from-russia", "US imports from Russia"),
)


def trade_chart(connection: sqlite3.Connection, years: Sequence[int] = ()) -> Chart:
    """US goods exports to and imports from Russia by year, one line each."""
    from .query import compare_figure

    series: list[Series] = []
    sources: list[Record] = []
    table: dict[str, dict[str, Any]] = {}
    unit = ""
    for metric, name in TRADE_METRICS:
        result = compare_figure(connection, metric, years)
        unit, rows = result["metric"]["unit"], result["rows"]
        series.append(_series_of(rows, "us", name))
        for row in rows:
            table.setdefault(row["date"], {})[metric] = row["us"]
            sources += row["sources"]
    annotations = [a for a in (_peak(s, unit) for s in series) if a is not None]
    return Chart(
        title="US goods trade with Russia",
        x_label="Year",
        y_label=unit,
        kind="line",
        series=series,
        annotations=annotations,
        source=source_line(sources, "cite " + " ".join(m for m, _ in TRADE_METRICS)),
        columns=["date", *(m for m, _ in TRADE_METRICS)],
        rows=[
            [date, *(table[date].get(m) for m, _ in TRADE_METRICS)]
            for date in sorted(table, key=lambda d: PartialDate.parse(d).sort_key())
        ],
    )


def timeline_chart(
    connection: sqlite3.Connection,
    start: PartialDate | None = None,
    end: PartialDate | None = None,
    top: int = 5,
) -> Chart:
    """Events per year, stacked by kind: the ``top`` most frequent kinds by name, the rest
    as "other". Treaty milestones count as kind "treaty". Raises UsageError for FROM > TO."""
    from .query import timeline

    events = timeline(connection, start, end)
    per_year: dict[int, Counter[str]] = {}
    for event in events:
        per_year.setdefault(PartialDate.parse(event["date"]).year, Counter())[event["kind"]] += 1
    totals = Counter(event["kind"] for event in events)
    kinds = [k for k, _ in totals.most_common(top)]
    if len(totals) > top:
        kinds.append("other")
    years = list(range(min(per_year), max(per_year) + 1)) if per_year else []

    def count(year: int, kind: str) -> int:
        found = per_year.get(year, Counter())
        if kind == "other":
            return sum(n for k, n in found.items() if k not in kinds)
        return found[kind]

    series = [Series(kind, [(year, count(year, kind)) for year in years]) for kind in kinds]
    busiest = max(years, key=lambda y: sum(per_year.get(y, Counter()).values()), default=None)
    annotations = []
    if busiest is not None:
        total = sum(per_year[busiest].values())
        annotations.append(Annotation(busiest, total, f"busiest year {busiest}: {total} events"))
    span = f" {years[0]}–{years[-1]}" if years else ""
    sources = [source for event in events for source in event["sources"]]
    return Chart(
        title=f"Events per year by kind{span}",
        x_label="Year",
        y_label="Events",
        kind="bar",
        series=series,
        annotations=annotations,
        source=source_line(
            sources, f"timeline {years[0]} {years[-1]} --sources" if years else "timeline --sources"
        ),
        columns=["year", *kinds],
        rows=[[year, *(count(year, kind) for kind in kinds)] for year in years],
        x_ticks=[str(year) for year in years],
    )
