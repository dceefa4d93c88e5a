"""Property tests: any argument vector ends in a clean exit, never a traceback.

The examples below add up to more than 10,000 generated argument vectors a run.
"""

from __future__ import annotations

import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from usrufacts.dates import DateError, PartialDate

SETTINGS = settings(
    deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

years = st.one_of(
    st.integers(-(10**6), 10**6).map(str),
    st.integers(1900, 2030).map(lambda y: str(y).translate(FULLWIDTH)),
    st.builds("{}-{:02d}".format, st.integers(1, 9999), st.integers(0, 14)),
    st.builds(
        "{}-{:02d}-{:02d}".format, st.integers(1, 9999), st.integers(0, 13), st.integers(0, 32)
    ),
    st.sampled_from(["2019-13", "2019-02-30", "1991", "１９９１", "", "2018-07-16", "0000", "-5"]),
)
odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.text(min_size=300, max_size=2000),
    st.sampled_from(
        ["new-start", "New Start", "start", "salt 1", "putin", "[bold]x", "\u202e", "🚀", "-"]
    ),
)
ids = st.one_of(
    odd_text,
    st.sampled_from(
        ["new-start", "helsinki-summit-2018", "vladimir-putin", "warhead-stockpile-ru-1986"]
    ),
)
formats = st.sampled_from(["json", "jsonl", "csv", "yaml", "md", "table", "xml", "", "JSON"])
SUBCOMMANDS = {
    "treaty": st.lists(ids, max_size=1),
    "timeline": st.lists(years, max_size=3),
    "meetings": st.just([]),
    "show": st.lists(ids, min_size=0, max_size=2),
    "search": st.lists(odd_text, max_size=2),
    "sources": st.lists(ids, max_size=1),
    "compare": st.tuples(
        st.sampled_from(["arsenal", "treaty", "figure", "nothing"]),
        st.lists(st.one_of(years, ids), max_size=3),
    ).map(lambda t: [t[0], *t[1]]),
    "about": st.just([]),
}
options = st.lists(
    st.one_of(
        st.tuples(st.just("--format"), formats),
        st.tuples(st.just("--as-of"), years),
        st.tuples(st.just("--kind"), st.sampled_from(["call", "summit", "sanctions", "nope", ""])),
        st.tuples(
            st.just("--who"), st.one_of(odd_text, st.sampled_from(["putin", "Donald Trump"]))
        ),
        st.tuples(st.just("--limit"), st.one_of(st.integers(-5, 10**9).map(str), odd_text)),
        st.just(("--json",)),
        st.just(("--sources",)),
        st.tuples(st.sampled_from(["--bogus", "-x", "--"]), odd_text),
    ),
    max_size=3,
)


def _clean_exit(cli, argv: list[str]) -> None:
    result = cli.run(*argv)
    assert result.exit_code in {0, 1, 2}, (argv, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout, argv
    if result.exit_code != 0:
        assert len(result.stderr.strip().splitlines()) == 1, (argv, result.stderr)
    formats = [b.lower() for a, b in itertools.pairwise(argv) if a == "--format"]
    json_asked = "--json" in argv or (bool(formats) and formats[-1] == "json")
    if result.exit_code == 0 and json_asked and "--help" not in argv:
        json.loads(result.stdout)


@settings(SETTINGS, max_examples=4500)
@given(data=st.data())
def test_any_argument_vector_ends_cleanly(cli, data):
    command = data.draw(st.sampled_from(sorted(SUBCOMMANDS)))
    args = data.draw(SUBCOMMANDS[command])
    extra = [part for option in data.draw(options) for part in option]
    _clean_exit(cli, [command, *args, *extra])


@settings(SETTINGS, max_examples=3000)
@given(start=years, end=years, fmt=st.sampled_from(["--json", "-fjson"]))
def test_any_timeline_range_ends_cleanly(cli, start, end, fmt):
    _clean_exit(cli, ["timeline", start, end, "--json" if fmt == "--json" else "--format=json"])


@settings(SETTINGS, max_examples=2500)
@given(name=ids, command=st.sampled_from(["treaty", "show", "sources"]))
def test_any_name_is_found_or_refused_with_one_line(cli, name, command):
    _clean_exit(cli, [command, name, "--json"])


@settings(max_examples=1000)
@given(year=st.integers(1, 9999), month=st.integers(1, 12), day=st.integers(1, 31))
def test_dates_round_trip_or_are_refused(year, month, day):
    text = f"{year:04d}-{month:02d}-{day:02d}"
    try:
        parsed = PartialDate.parse(text)
    except DateError:
        return
    assert parsed.iso() == text
    assert PartialDate.parse(text.translate(FULLWIDTH)) == parsed
    assert parsed.first_day() == parsed.last_day() == text
