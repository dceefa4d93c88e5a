"""Partial ISO 8601 dates: ``1972``, ``1972-05``, ``1972-05-26``.

Facts are dated at the precision their sources give. A partial date stands for a
period; it sorts at the start of that period and a range query compares periods.
"""

from __future__ import annotations

import functools
import re

_PATTERN = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
# Precisions from coarsest to finest: a partial date sorts before the finer dates inside it.
_PRECISIONS = ("year", "month", "day")


class DateError(ValueError):
    """A string that is not a real date at year, month or day precision."""


def days_in_month(year: int, month: int) -> int:
    """28 to 31 (proleptic Gregorian, as ISO 8601 has it)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


class PartialDate:
    """A date known to a year, a month or a day. (A plain class: a dataclass costs start-up.)"""

    __slots__ = ("day", "month", "year")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        self.year, self.month, self.day = year, month, day

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartialDate) and self.iso() == other.iso()

    def __hash__(self) -> int:
        return hash(self.iso())  # pragma: no mutate (any constant keeps the hash contract)

    def __repr__(self) -> str:
        return f"PartialDate({self.iso()!r})"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; full-width digits are accepted.

        Raises DateError for anything else, and for a day, month or year the calendar has
        not (2019-02-29, 1991-13, 0000). Memoised: the same dates are parsed again and again.
        """
        return _parsed(text)

    @property
    def precision(self) -> str:
        """``year``, ``month`` or ``day``."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def iso(self) -> str:
        """The date at its own precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def first_day(self) -> str:
        """The first day of the period, as a full ISO date."""
        return f"{self.year:04d}-{self.month or 1:02d}-{self.day or 1:02d}"

    def last_day(self) -> str:
        """The last day of the period, as a full ISO date."""
        month = self.month or 12
        day = self.day or days_in_month(self.year, month)
        return f"{self.year:04d}-{month:02d}-{day:02d}"

    def sort_key(self) -> str:
        """Sorts a partial date at the start of its period, before the days in it."""
        rank = _PRECISIONS.index(self.precision)
        return f"{self.first_day()}/{rank}"

    def __str__(self) -> str:
        return self.iso()


def _parse(text: str) -> PartialDate:
    """PartialDate.parse without the memo (see there)."""
    cleaned = str(text).strip()
    if not cleaned.isascii():
        import unicodedata

        cleaned = unicodedata.normalize("NFKC", cleaned)
    match = _PATTERN.fullmatch(cleaned)
    if match is None:
        raise DateError(f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match[1])
    month = int(match[2]) if match[2] else None
    day = int(match[3]) if match[3] else None
    if year < 1:
        raise DateError(f"{text!r} has no year 0000")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{text!r} has no month {month:02d}; months run 01-12")
    if month is not None and day is not None:
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(f"{text!r} is not a day: {year}-{month:02d} has {last} days")
    return PartialDate(year, month, day)


_parsed = functools.lru_cache(maxsize=100_000)(_parse)
