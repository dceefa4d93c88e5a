"""Property tests with oracles that do not come from the code under test.

Generators mostly reach answers (real ids, names, dates and formats drawn from the fact
base itself), with a share of hostile input; every command is generated. The budget is
fixed, runs are derandomised in CI, and Hypothesis keeps its example database outside the
repository (see conftest.py).
"""

from __future__ import annotations

import calendar
import itertools
import json
from datetime import date
from functools import cache
from typing import Any

import pytest
from conftest import Cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from usrufacts.dates import DateError, PartialDate

SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@cache
def _base() -> dict[str, Any]:
    """The bundled fact base as `export --format json` gives it (read once a run)."""
    result = Cli().run("export", "--format", "json")
    assert result.exit_code == 0, result.stderr
    return dict(json.loads(result.stdout))


def _ids(collection: str) -> list[str]:
    return sorted(record["id"] for record in _base()[collection])


def _first_day(iso: str) -> str:
    return iso + "-01-01"[: 10 - len(iso)]


def _last_day(iso: str) -> str:
    if len(iso) == 10:
        return iso
    year, month = int(iso[:4]), int(iso[5:7]) if len(iso) == 7 else 12
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


hostile = st.one_of(
    st.text(max_size=30),
    st.text(min_size=300, max_size=600),
    st.sampled_from(["[bold]x", "\u202e", "🚀", "-", "\u2028", "a\nb", "\x1b[2J", "", " "]),
)
partial_dates = st.one_of(
    st.integers(1917, 2026).map(str),
    st.builds("{}-{:02d}".format, st.integers(1917, 2026), st.integers(1, 12)),
    st.dates(date(1917, 1, 1), date(2026, 12, 31)).map(date.isoformat),
)
bad_dates = st.sampled_from(["2019-13", "2019-02-30", "0000", "-5", "１９９１", "1991-9", "soon"])
dates = st.one_of(partial_dates, partial_dates, partial_dates, bad_dates)
formats = st.sampled_from(["json", "jsonl", "csv", "yaml", "md", "table", "JSON", "xml"])


def _names(collection: str) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(_ids(collection)), st.sampled_from(_ids(collection)), hostile)


def _command() -> st.SearchStrategy[list[str]]:
    """Whole command lines, one strategy per command; most name things that exist."""
    figures = _base()["figures"]
    metric_ids = sorted({f["metric"] for f in figures})
    return st.one_of(
        st.lists(_names("treaties"), max_size=1).map(lambda a: ["treaty", *a]),
        st.lists(dates, max_size=2).map(lambda a: ["timeline", *a]),
        st.just(["meetings"]),
        _names("events").map(lambda a: ["show", a]),
        _names("people").map(lambda a: ["show", a]),
        st.one_of(
            st.sampled_from(["putin", "new start", "helsinki", "sanctions 2014"]), hostile
        ).map(lambda a: ["search", a]),
        _names("events").map(lambda a: ["sources", a]),
        st.lists(st.integers(1945, 2026).map(str), max_size=3).map(
            lambda a: ["compare", "arsenal", *a]
        ),
        st.lists(_names("treaties"), min_size=2, max_size=3).map(
            lambda a: ["compare", "treaty", *a]
        ),
        st.sampled_from(metric_ids).map(lambda m: ["compare", "figure", m]),
        st.just(["about"]),
        st.just(["schema"]),
        st.just(["export", "--format", "jsonl"]),
        st.just([]),
    )


options = st.lists(
    st.one_of(
        st.tuples(st.just("--format"), formats),
        st.tuples(st.just("--as-of"), dates),
        st.tuples(st.just("--kind"), st.sampled_from(["call", "summit", "sanctions", "nope"])),
        st.tuples(st.just("--who"), st.sampled_from(["putin", "Donald Trump", "nobody"])),
        st.tuples(st.just("--limit"), st.sampled_from(["3", "0", "-1", "x"])),
        st.just(("--json",)),
        st.tuples(st.sampled_from(["--bogus", "-x"]), hostile),
    ),
    max_size=2,
)


def _ends_cleanly(cli: Cli, argv: list[str]) -> Any:
    """Run argv; a clean exit code, no exception escaping, one error line; the parsed JSON."""
    result = cli.run(*argv)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        argv,
        result.exception,
    )
    assert result.exit_code in {0, 1, 2}, (argv, result.exit_code, result.stderr)
    if result.exit_code != 0:
        # split("\n"), not splitlines(): an escaped U+2028 is one line to a terminal.
        assert len(result.stderr.rstrip("\n").split("\n")) == 1, (argv, result.stderr)
        assert result.stdout == "", (argv, result.stdout)
        return None
    chosen = [b.lower() for a, b in itertools.pairwise(argv) if a == "--format"]
    wants_json = "--json" in argv if not chosen else chosen[-1] == "json"
    asked_help = {"-h", "--help"} & set(argv)  # a generated "-h" prints help, not JSON
    if wants_json and argv and argv[0] not in {"export", "schema"} and not asked_help:
        return json.loads(result.stdout)
    return None


@settings(SETTINGS, max_examples=300)
@given(data=st.data())
def test_any_command_line_ends_cleanly(cli, data):
    argv = [*data.draw(_command()), *itertools.chain(*data.draw(options))]
    _ends_cleanly(cli, argv)


def _event_bounds() -> st.SearchStrategy[str]:
    """Bounds that fall on events' own first and last days, where off-by-one errors show."""
    days = sorted({e[k] for e in _base()["events"] for k in ("date", "end") if e[k]})
    return st.one_of(partial_dates, st.sampled_from(days), st.sampled_from(days))


@settings(SETTINGS, max_examples=150)
@given(data=st.data())
def test_a_timeline_holds_exactly_the_events_between_its_bounds(cli, data):
    start, end = data.draw(_event_bounds()), data.draw(_event_bounds())
    # The bounds' days from the calendar (_first_day, _last_day), not the tool's date code.
    low, high = _first_day(start), _last_day(end)
    result = cli.run("timeline", start, end, "--json")
    if low > high:
        assert result.exit_code == 2
        return
    assert result.exit_code == 0, result.stderr
    # The oracle: the exported events whose period overlaps the bounds, computed here from
    # the calendar and ISO string order, not with the tool's own date code.
    expected = {
        event["id"]
        for event in _base()["events"]
        if _first_day(event["date"]) <= high and low <= _last_day(event["end"] or event["date"])
    }
    got = {event["id"] for event in json.loads(result.stdout) if not event.get("derived_from")}
    assert got == expected


@settings(SETTINGS, max_examples=150)
@given(data=st.data())
def test_a_lookup_by_id_returns_that_record(cli, data):
    collection = data.draw(st.sampled_from(["treaties", "events", "people", "sources"]))
    rid = data.draw(st.sampled_from(_ids(collection)))
    record = _ends_cleanly(cli, ["show", rid, "--json"])
    assert record["id"] == rid


@settings(max_examples=300)  # random locally, derandomised in CI (the "ci" profile)
@given(
    a=st.dates(min_value=date(1, 1, 1)),
    b=st.dates(min_value=date(1, 1, 1)),
    cut_a=st.sampled_from([4, 7, 10]),
    cut_b=st.sampled_from([4, 7, 10]),
)
def test_two_dates_are_equal_exactly_when_they_name_the_same_period(a, b, cut_a, cut_b):
    """The oracle is the ISO text: 1987, 1987-12 and 1987-12-08 are three periods."""
    text_a, text_b = a.isoformat()[:cut_a], b.isoformat()[:cut_b]
    assert (PartialDate.parse(text_a) == PartialDate.parse(text_b)) == (text_a == text_b)
    assert PartialDate.parse(text_a) == PartialDate.parse(text_a.translate(FULLWIDTH))


@settings(max_examples=1000)  # random locally, derandomised in CI (the "ci" profile)
@given(year=st.integers(1, 9999), month=st.integers(1, 12), day=st.integers(1, 31))
def test_a_full_date_parses_exactly_when_the_calendar_has_that_day(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    exists = day <= calendar.monthrange(year, month)[1]
    if not exists:
        with pytest.raises(DateError):
            PartialDate.parse(text)
        return
    parsed = PartialDate.parse(text)
    assert (parsed.year, parsed.month, parsed.day) == (year, month, day)
    assert parsed.iso() == text
    assert PartialDate.parse(text.translate(FULLWIDTH)) == parsed
    assert parsed.first_day() == parsed.last_day() == text


@settings(max_examples=300)  # random locally, derandomised in CI (the "ci" profile)
@given(year=st.integers(1, 9999), month=st.integers(1, 12))
def test_a_month_spans_its_calendar_days(year, month):
    parsed = PartialDate.parse(f"{year:04d}-{month:02d}")
    last = calendar.monthrange(year, month)[1]
    assert parsed.first_day() == f"{year:04d}-{month:02d}-01"
    assert parsed.last_day() == f"{year:04d}-{month:02d}-{last:02d}"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("1900-02-29", False),  # divisible by 100: not a leap year
        ("2000-02-29", True),  # divisible by 400: a leap year
        ("2100-02-29", False),
        ("2024-02-29", True),
        ("2023-02-29", False),
        ("0001-01-01", True),  # the first day ISO 8601's proleptic calendar has
        ("2019-09-31", False),
    ],
)
def test_the_calendar_edges_a_random_date_rarely_reaches(text, valid):
    if valid:
        assert PartialDate.parse(text).iso() == text
    else:
        with pytest.raises(DateError):
            PartialDate.parse(text)
