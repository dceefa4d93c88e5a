"""Drawing a chart (``charts.Chart``): in the terminal with plotext, as an SVG or PNG file
with matplotlib (the optional ``charts`` extra), or, to a pipe, as the TSV of its data.

plotext and matplotlib are imported only here, inside the functions that draw.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO, Any

from .charts import Chart
from .errors import UsageError

IMAGE_SUFFIXES = (".svg", ".png")
MIN_WIDTH = 40  # below this a chart is unreadable: print the data instead


def tsv(chart: Chart, stream: IO[str]) -> None:
    """The chart's data, a header line then a row a line, tab-separated. A disputed cell is
    the JSON array of its values (``[40159,45000]``), an absent one is empty."""

    def cell(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, list):
            return json.dumps(value, separators=(",", ":"))
        return str(value)

    stream.write("\t".join(chart.columns) + "\n")
    for row in chart.rows:
        stream.write("\t".join(cell(value) for value in row) + "\n")


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick positions covering ``low``..``high`` (steps of 1, 2, 2.5
    or 5 times a power of ten)."""
    if high <= low:
        return [low]
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high:  # the last tick at or above the highest value: nothing is cut
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _tick_label(value: float) -> str:
    if abs(value) >= 1000 and value == int(value):
        return f"{value / 1000:g}k"
    return f"{value:g}"


# Distinct markers, so series stay apart without colour (NO_COLOR, a printout).
LINE_MARKERS = ("•", "+", "x", "o")
BAR_MARKERS = ("█", "▓", "▒", "░", "#", "=", "+")


def terminal(chart: Chart, width: int, height: int, color: bool) -> str:
    """The chart drawn by plotext in ``width`` x ``height`` cells, then a key to its
    markers, its annotations and its source line, each wrapped to ``width``; plain text
    without ANSI codes unless ``color``."""
    import functools
    import textwrap

    import plotext

    figure = plotext.figure
    figure.clear()
    figure.theme("default" if color else "colorless")
    figure.plot_size(width, height)
    figure.title(chart.title)
    figure.label(chart.x_label, "x")
    figure.label(chart.y_label, "y")
    figure.legend(active=False)
    key: list[str] = []
    if chart.kind == "bar":
        positions = list(range(len(chart.x_ticks)))
        heights = [[y for _, y in s.points] for s in chart.series]
        markers = [BAR_MARKERS[i % len(BAR_MARKERS)] for i in range(len(chart.series))]
        figure.draw(figure.bar(positions, heights, stacked=True, marker=markers, width=0.6))
        top = max((sum(col) for col in zip(*heights, strict=True)), default=0)
        step = max(1, math.ceil(len(positions) / max(1, (width - 8) // 6)))
        figure.ruler("x").ticks(positions[::step], chart.x_ticks[::step])
        figure.ruler("x").lim(-0.6, len(positions) - 0.4)
        key = [f"{m} {s.name}" for m, s in zip(markers, chart.series, strict=True)]
    else:
        xs: list[float] = []
        top = 0.0
        for i, series in enumerate(chart.series):
            marker = LINE_MARKERS[i % len(LINE_MARKERS)]
            if series.points:
                px, py = zip(*series.points, strict=True)
                figure.draw(figure.signal(list(px), list(py), marker=marker).lines(True))
                xs += px
                top = max(top, *py)
            for x, low, high in series.ranges:
                figure.draw(figure.segment([x, x], [low, high], marker="|"))
                xs.append(x)
                top = max(top, high)
            key.append(f"{marker} {series.name}")
        if any(series.ranges for series in chart.series):
            key.append("| disputed (range of the sources' values)")
        if xs:
            ticks = [
                t
                for t in nice_ticks(min(xs), max(xs), max(2, width // 12))
                if min(xs) <= t <= max(xs)
            ]
            figure.ruler("x").ticks(ticks, [f"{t:g}" for t in ticks])
            figure.ruler("x").lim(min(xs), max(xs))
    yticks = nice_ticks(0, top * 1.05 or 1, 6)
    figure.ruler("y").ticks(yticks, [_tick_label(t) for t in yticks])
    figure.ruler("y").lim(0, yticks[-1])
    drawn = figure.build().string(colorless=not color).rstrip("\n")
    # Ids in the source line's command are atoms: wrap at spaces only, never at hyphens.
    wrap = functools.partial(
        textwrap.wrap, width=width, subsequent_indent="  ", break_on_hyphens=False
    )
    lines = [drawn, *wrap("Key: " + "   ".join(key))]
    for note in chart.annotations:
        lines += wrap(f"▲ {note.text}")
    lines += wrap(chart.source)
    return "\n".join(lines) + "\n"


def write_image(chart: Chart, path: Path, force: bool = False) -> None:
    """The chart as an SVG or PNG file (by ``path``'s suffix), written atomically
    (``atomic.writing``: an existing file only with ``force``).

    Needs matplotlib, the ``charts`` extra; raises UsageError naming the extra when it is
    missing, or when the suffix is neither .svg nor .png.
    """
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise UsageError(f"{path}: --output must end in .svg or .png")
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            "writing an image needs matplotlib: install the charts extra "
            "(pip install 'usrufacts[charts]', or uv sync --extra charts)"
        ) from None
    matplotlib.use("Agg")
    from matplotlib import pyplot

    from .atomic import output_file, writing

    output_file(path, force)  # refuse a bad target before drawing

    figure, axes = pyplot.subplots(figsize=(9, 5.2), dpi=120)
    try:
        _draw(chart, axes)
        axes.set_title(chart.title)
        axes.set_xlabel(chart.x_label)
        axes.set_ylabel(chart.y_label)
        axes.grid(True, alpha=0.3)
        axes.legend(loc="upper left" if chart.kind == "line" else "best", frameon=False)
        import textwrap

        source = "\n".join(textwrap.wrap(chart.source, 140, break_on_hyphens=False))
        figure.text(0.01, 0.01, source, fontsize=7, color="#444444", va="bottom")
        figure.tight_layout(rect=(0, 0.03 * (source.count("\n") + 2), 1, 1))
        with writing(path, force) as temporary:
            figure.savefig(temporary, format=suffix[1:], metadata=_metadata(chart, suffix))
    finally:
        pyplot.close(figure)


def _metadata(chart: Chart, suffix: str) -> dict[str, str]:
    # The title travels inside the file: SVG <title>, PNG tEXt "Title".
    return {"Title": chart.title, "Description": chart.source}


def _draw(chart: Chart, axes: Any) -> None:
    from matplotlib.ticker import FuncFormatter

    if chart.kind == "bar":
        positions = list(range(len(chart.x_ticks)))
        bottom = [0.0] * len(positions)
        for series in chart.series:
            heights = [y for _, y in series.points]
            axes.bar(positions, heights, bottom=bottom, label=series.name)
            bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
        step = max(1, len(positions) // 20)
        axes.set_xticks(positions[::step], chart.x_ticks[::step], rotation=45)
    else:
        for series in chart.series:
            xs, ys = zip(*series.points, strict=True) if series.points else ((), ())
            (line,) = axes.plot(xs, ys, marker="o", ms=3, label=series.name)
            for x, low, high in series.ranges:
                axes.vlines(x, low, high, colors=line.get_color(), linewidth=3, alpha=0.6)
    axes.set_ylim(0, axes.get_ylim()[1] * 1.12)  # room for the annotations above the peaks
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    for note in chart.annotations:
        # Bars stand at positions 0, 1, 2…, labelled with the years.
        x = chart.x_ticks.index(f"{note.x:g}") if chart.kind == "bar" else note.x
        axes.annotate(
            note.text,
            (x, note.y),
            textcoords="offset points",
            xytext=(0, 8),
            ha="center",
            fontsize=8,
        )
