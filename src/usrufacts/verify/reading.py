"""Reading a draft: sentences with their positions, and the numbers and dates in them.

Plain text or Markdown. Fenced and indented code, inline code, URLs, phone numbers,
times, footnote markers and list markers are masked (replaced by spaces, so that every
offset still points into the original text). Numbers that are not claims about the record
(page and section numbers, ages, ranges, percentages) are kept as *skipped* mentions with
the reason, for ``verify --explain``.

Only the standard library is used on the common path; spelled-out numbers beyond the
simple words are converted with text2num (imported when such a phrase is met).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterator

# --- tokens ------------------------------------------------------------------------------------

TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: ``Reykjavík`` -> ``reykjavik``."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def stem(word: str) -> str:
    """The crude singular a label's word and a draft's word are compared in."""
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The folded words of a phrase, as phrases are stored and matched."""
    return TOKEN.findall(fold(text))


class Token:
    # text: as written
    # norm: folded
    __slots__ = (
        "end",
        "norm",
        "start",
        "text",
    )

    def __init__(
        self,
        text: str,
        norm: str,
        start: int,
        end: int,
    ) -> None:
        self.text = text
        self.norm = norm
        self.start = start
        self.end = end


def tokens(text: str, offset: int = 0) -> list[Token]:
    """The words of ``text`` with their offsets (plus ``offset``)."""
    if text.isascii():  # lower case keeps every offset: one pass over the whole text
        low = text.lower()
        return [
            Token(text[m.start() : m.end()], m.group(), m.start() + offset, m.end() + offset)
            for m in TOKEN.finditer(low)
        ]
    out = []
    for match in TOKEN.finditer(text):
        raw = match.group()
        out.append(Token(raw, fold(raw), match.start() + offset, match.end() + offset))
    return out


# --- mentions ----------------------------------------------------------------------------------


class Period:
    """A claimed date: the first and last day it may mean (ISO), and how it was written."""

    # precision: day, month, year, decade, part of a year
    __slots__ = (
        "first",
        "iso",
        "last",
        "precision",
    )

    def __init__(
        self,
        first: str,
        last: str,
        precision: str,
        iso: str,
    ) -> None:
        self.first = first
        self.last = last
        self.precision = precision
        self.iso = iso

    def overlaps(self, first: str, last: str) -> bool:
        return self.first <= last and first <= self.last


class Mention:
    """A number, date or vote in a sentence. ``skip`` says why it is not a claim."""

    # kind: number, date, vote
    # approx: the approximation word before it, folded
    # rounding: half the unit of the last significant digit written
    # unit: the word after it, folded
    __slots__ = (
        "approx",
        "currency",
        "end",
        "kind",
        "percent",
        "period",
        "rounding",
        "skip",
        "spelled",
        "start",
        "text",
        "unit",
        "value",
        "votes",
    )

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        text: str,
        value: float | None = None,
        period: Period | None = None,
        votes: tuple[int, int] | None = None,
        approx: str | None = None,
        rounding: float = 0.0,
        currency: bool = False,
        percent: bool = False,
        unit: str | None = None,
        skip: str | None = None,
        spelled: bool = False,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.text = text
        self.value = value
        self.period = period
        self.votes = votes
        self.approx = approx
        self.rounding = rounding
        self.currency = currency
        self.percent = percent
        self.unit = unit
        self.skip = skip
        self.spelled = spelled


class Sentence:
    # skip: the whole sentence is not the draft's own claim
    __slots__ = (
        "end",
        "mentions",
        "skip",
        "start",
        "text",
    )

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        skip: str | None = None,
        mentions: list[Mention] | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.skip = skip
        self.mentions: list[Mention] = [] if mentions is None else mentions


# --- splitting ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_LIST_MARKER = re.compile(r"^(\s*)(?:\d{1,3}[.)]|[-*+•])(?=\s)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?=\s)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_SEVEN_DIGITS = re.compile(r"\d{3}[\s.-]\d{4}")
# Each mask with a cheap test of whether the text can hold it at all (scanning is the cost).
_MASKS: list[tuple[Callable[[str], bool], re.Pattern[str]]] = [
    (lambda t: "`" in t, re.compile(r"`[^`\n]*`")),  # inline code
    (lambda t: "<!--" in t, re.compile(r"<!--[\s\S]*?-->")),  # HTML comments
    (lambda t: "http" in t or "www." in t, re.compile(r"\b(?:https?://|www\.)\S+")),  # URLs
    (lambda t: "@" in t, re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),  # e-mail
    # Phone numbers: +1 (202) 555-0190, 202-555-0143, (202) 463-8270, 202.555.0143
    (
        lambda t: _SEVEN_DIGITS.search(t) is not None,
        re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\b\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b"),
    ),
    (
        lambda t: ":" in t,
        re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?"),
    ),  # times
    (lambda t: "[" in t or "^" in t, re.compile(r"\[\^?\d+\]|\^\d+")),  # footnote markers
    (lambda t: "-" in t, re.compile(r"\b[A-Z]{1,6}-\d+\b|\b\d+-[A-Za-z]\b")),  # ES-11, 1550-A
    # Record ids and other slugs with a number: trump-putin-call-2017-05-02, salt-i-1972.
    (
        lambda t: "-" in t,
        re.compile(r"\b(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9]+(?:-[a-z0-9]+){2,}\b"),
    ),
]
_ABBREVIATIONS_WORDS = """
u.s u.k d.c mr mrs ms dr st jr sr no nos vs e.g i.e jan feb mar apr jun jul aug sep sept
oct nov dec gen gov sen rep inc co corp ltd p pp approx ca c a.m p.m fig vol ch sec art
u.s.a u.s.s.r lt col adm capt amb
"""
_ABBREVIATIONS = frozenset(_ABBREVIATIONS_WORDS.split())
_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")


def sentences(text: str, masked: str | None = None) -> Iterator[Sentence]:
    """The sentences of a document, code and markup masked, offsets into ``text``
    (``masked`` is ``mask(text)``, when the caller has it already)."""
    masked = mask(text) if masked is None else masked
    for start, end in _blocks(masked):
        quoted = masked[start:end].lstrip().startswith(">")
        for sentence in _split(masked, start, end):
            if quoted:
                sentence.skip = "a block quote: someone else's words"
            yield sentence


def mask(text: str) -> str:
    """``text`` with code, URLs, phone numbers, list markers and the like blanked out."""
    lines = []
    fenced = False
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        end = line[len(body) :]
        if _FENCE.match(body):
            fenced = not fenced
            lines.append(" " * len(body) + end)
        elif fenced or body.startswith(("    ", "\t")) or _TABLE_RULE.match(body):
            lines.append(" " * len(body) + end)
        elif m := _LIST_MARKER.match(body) or _HEADING.match(body):
            lines.append(" " * m.end() + line[m.end() :])
        else:
            lines.append(line)
    joined = "".join(lines)
    for needed, pattern in _MASKS:
        if needed(joined):
            joined = pattern.sub(_spaces, joined)
    return joined


def _spaces(match: re.Match[str]) -> str:
    return re.sub(r"[^\r\n]", " ", match.group())


def _blocks(masked: str) -> Iterator[tuple[int, int]]:
    """Paragraphs; each line of a table or list is a block of its own."""
    start = None
    position = 0
    for line in masked.splitlines(keepends=True):
        content = line.strip()
        own_line = content.startswith("|") or (line[:1].isspace() and content)
        if not content or own_line:
            if start is not None:
                yield start, position
                start = None
            if own_line:
                yield position, position + len(line)
        elif start is None:
            start = position
        position += len(line)
    if start is not None:
        yield start, position


def _split(masked: str, start: int, end: int) -> Iterator[Sentence]:
    block = masked[start:end]
    cut = 0
    for match in _END.finditer(block):
        before = block[cut : match.start() + 1]
        words = before.rstrip(".!?").split()
        last = words[-1] if words else ""
        word = last.lower().strip("(\"“'")
        if word in _ABBREVIATIONS or re.fullmatch(r"[A-Z]", last):
            continue
        yield from _sentence(masked, start + cut, start + match.end())
        cut = match.end()
    yield from _sentence(masked, start + cut, end)


def _sentence(masked: str, start: int, end: int) -> Iterator[Sentence]:
    text = masked[start:end]
    if text.strip():
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        yield Sentence(start + lead, start + lead + len(body), body)


def line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer("\n", text):
        starts.append(match.end())
    return starts


def position(starts: list[int], offset: int, text: str) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1


# --- dates -------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1,
    "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<m>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<y>1[6-9]\d\d|20\d\d)"
_MONTH_HINT = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s", re.I)
_DATES = [
    ("day", re.compile(rf"\b{_YEAR}-(?P<mm>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    ("day", re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I)),
    (
        "day",
        re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I),
    ),
    ("month", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("month", re.compile(rf"\b{_YEAR}-(?P<mm>0[1-9]|1[0-2])\b(?!-\d)")),
    ("part", re.compile(rf"\b(?P<part>early|mid|late)[-\s]+{_YEAR}(?P<s>s)?\b", re.I)),
    ("decade", re.compile(r"\b(?P<y>1[6-9]\d0|20\d0)s\b")),
    ("monthday", re.compile(rf"\b{_MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!,?\s*\d)", re.I)),
    (
        "monthday",
        re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d)", re.I),
    ),
    ("years", re.compile(rf"(?<![\w$.,/-]){_YEAR}\s*(?:–|—|-|to)\s*(?P<y2>1[6-9]\d\d|20\d\d)\b")),
    ("year", re.compile(rf"(?<![\w$£€.,/-]){_YEAR}(?![\w%]|[.,]\d)")),
]
_DATE_NEEDS: dict[str, Callable[[str], bool]] = {
    "day": lambda t: True,
    "month": lambda t: True,
    "monthday": lambda t: True,
    "part": lambda t: "early" in t or "mid" in t or "late" in t,
    "decade": lambda t: "0s" in t,
    "years": lambda t: "-" in t or "–" in t or "—" in t or " to " in t,
    "year": lambda t: True,
}
RELATIVE = "a relative date: which date it means depends on the text before"
_PARTS = {"early": ("01-01", "04-30"), "mid": ("04-01", "09-30"), "late": ("09-01", "12-31")}
_RELATIVE = re.compile(
    r"\b(?:the\s+(?:following|next|previous|same)\s+(?:year|month|day)|a\s+(?:year|month)\s+"
    r"(?:later|earlier)|that\s+year|last\s+year|this\s+year)\b",
    re.I,
)


def _days(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _period(kind: str, m: re.Match[str]) -> Period | None:
    year = int(m["y"])
    if kind == "decade":
        return Period(f"{year}-01-01", f"{year + 9}-12-31", "decade", f"{year}s")
    if kind == "years":
        end = int(m["y2"])
        if end <= year:
            return None
        return Period(f"{year}-01-01", f"{end}-12-31", "years", f"{year}–{end}")
    if kind == "year":
        return Period(f"{year}-01-01", f"{year}-12-31", "year", str(year))
    if kind == "part":
        part = m["part"].lower()
        if m["s"]:  # the mid-1980s
            span = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}[part]
            decade = year - year % 10
            return Period(
                f"{decade + span[0]}-01-01",
                f"{decade + span[1]}-12-31",
                "decade",
                f"{part}-{year}s",
            )
        first, last = _PARTS[part]
        return Period(f"{year}-{first}", f"{year}-{last}", "part", f"{part}-{year}")
    month = int(m["mm"]) if "mm" in m.groupdict() and m["mm"] else _MONTHS[m["m"].lower()]
    if m.groupdict().get("m") and m["m"] == "may":
        return None  # the verb, not the month
    if kind == "month":
        return Period(
            f"{year}-{month:02d}-01",
            f"{year}-{month:02d}-{_days(year, month):02d}",
            "month",
            f"{year}-{month:02d}",
        )
    day = int(m["d"])
    if not 1 <= day <= _days(year, month):
        return None
    iso = f"{year}-{month:02d}-{day:02d}"
    return Period(iso, iso, "day", iso)


# --- numbers -----------------------------------------------------------------------------------

_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_NUMBER = re.compile(
    r"(?<![\w.,$-])(?P<cur>US\$|\$|USD\s?)?"
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![\d,])"
    r"|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|k|m|b)\b)?"
    r"(?P<pct>\s?%|\s?per\s?cent\b|\s?percent\b)?",
    re.I,
)
_VOTE = re.compile(
    r"(?<![\w.,])(?P<a>\d{1,3})\s*(?:–|—|-|to)\s*(?P<b>\d{1,3})(?![\w,.]\d|\d)"
    r"|\bby\s+(?P<a2>\d{1,3})\s+votes?\s+to\s+(?P<b2>\d{1,3})\b",
    re.I,
)
_VOTE_CONTEXT = re.compile(r"\b(?:vot\w*|ratif\w*|approv\w*|reject\w*|senate|duma|passed)\b", re.I)
_RANGE = re.compile(
    r"(?<![\w.,])(?P<a>\d[\d,.]*)\s*(?:–|—|-|to)\s*(?P<b>\d[\d,.]*)(?!\w)"
    r"|\bbetween\s+\d[\d,.]*\s+and\s+\d[\d,.]*",
    re.I,
)
_SMALL = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}  # fmt: skip
_FRACTIONS = re.compile(
    r"\b(?P<f>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|"
    r"three[\s-]quarters)\b",
    re.I,
)
_FRACTION_VALUES = {"half": 0.5, "third": 1 / 3, "thirds": 2 / 3, "quarter": 0.25, "quarters": 0.75}

# Words before a number that make it an approximation, folded; and the kind of each.
APPROX = {
    "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "circa": "about", "c": "about", "estimated": "exact", "an estimated": "exact",
    "nearly": "nearly", "almost": "nearly", "close to": "about", "just under": "nearly",
    "over": "over", "more than": "over", "above": "over", "exceeding": "over",
    "in excess of": "over", "topped": "over", "exceeded": "over", "upwards of": "over",
    "at least": "at-least", "under": "under", "less than": "under", "fewer than": "under",
    "below": "under", "up to": "up-to", "at most": "up-to", "no more than": "up-to",
    "as many as": "up-to", "not more than": "up-to",
}  # fmt: skip
_APPROX_BEFORE = re.compile(
    r"(?:\b(?P<w>"
    + "|".join(sorted((re.escape(k) for k in APPROX), key=len, reverse=True))
    + r")|(?P<t>~))\s*(?:\$|US\$)?\s*$",
    re.I,
)
# Words just before a number that make it a reference, not a quantity.
_REFERENCE = re.compile(
    r"\b(?:pages?|pp?|chapters?|ch|sections?|sec|articles?|art|figures?|fig|tables?|footnotes?|"
    r"notes?|versions?|v|no|nos|number|item|items|line|lines|paragraph|para|vol|volume|"
    r"issue|resolution|rule|step|part|appendix|annex|#|§)\.?\s*$",
    re.I,
)
# A change, not a level: "fell by 1,000", "an increase of 500", "1,000 more".
_CHANGE_BEFORE = re.compile(
    r"\b(?:(?:fell|rose|dropped|grew|increased|decreased|declined|cut|reduced|shrank|climbed|"
    r"jumped|fallen|risen|grown|gained|lost|down|up)\s+by|(?:increase|decrease|drop|cut|"
    r"reduction|rise|fall|gap|difference|decline|growth|jump|shortfall)\s+of)"
    r"\s+(?:about\s+|some\s+|nearly\s+|almost\s+|roughly\s+|more\s+than\s+|over\s+)?\s*$",
    re.I,
)
_CHANGE_AFTER = re.compile(r"^\s*(?:more|fewer|less|additional|extra|fewer)\b", re.I)
_AGE_AFTER = re.compile(r"^\s*(?:-|\s)?(?:years?[\s-]old|year-old|yrs?\b)", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged?|age of)\s*$", re.I)
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
# Nouns that make a four-digit number a count rather than a year: "1800 warheads".
_COUNT_WORDS = """
warheads warhead missiles missile launchers launcher bombers weapons tanks vehicles aircraft
helicopters pieces troops soldiers people diplomats officials votes km kilometres kilometers
miles tons tonnes kilotons megatons dollars rubles sanctions targets entities tankers
individuals companies times submarines interceptors sites delivery strategic nuclear deployed
"""
COUNT_NOUNS = frozenset(_COUNT_WORDS.split())


def find_mentions(sentence: Sentence, masked: str) -> None:
    """Fill ``sentence.mentions`` with its dates, votes and numbers, in text order."""
    start, text = sentence.start, masked[sentence.start : sentence.end]
    spans: list[tuple[int, int]] = []  # the parts of the text already read as something
    out: list[Mention] = []
    low = text.lower()

    def free(a: int, b: int) -> bool:
        return all(b <= x or y <= a for x, y in spans)

    def take(a: int, b: int) -> None:
        spans.append((a, b))

    relative = "year" in low or "month" in low or " day" in low
    for match in _RELATIVE.finditer(text) if relative else ():
        take(match.start(), match.end())
        out.append(
            Mention("date", start + match.start(), start + match.end(), match.group(),
                    skip=RELATIVE)
        )  # fmt: skip
    months = _MONTH_HINT.search(text) is not None
    for kind, pattern in _DATES:
        if not months and "(?P<m>" in pattern.pattern:
            continue
        if not _DATE_NEEDS[kind](low):
            continue
        for match in pattern.finditer(text):
            a, b = match.span()
            if not free(a, b):
                continue
            if kind == "year" and _count_follows(text, b):
                continue
            if kind == "monthday":
                if match["m"] == "may" or not 1 <= int(match["d"]) <= 31:
                    continue
                take(a, b)
                mention = Mention("date", start + a, start + b, match.group())
                mention.value = _MONTHS[match["m"].lower()] * 100 + int(match["d"])
                out.append(mention)
                continue
            period = _period(kind, match)
            if period is None:
                continue
            take(a, b)
            mention = Mention("date", start + a, start + b, match.group(), period=period)
            mention.approx = _approx_before(text, a)
            out.append(mention)
    if _VOTE_CONTEXT.search(text):
        for match in _VOTE.finditer(text):
            a, b = match.span()
            if not free(a, b) or _REFERENCE.search(text[max(0, a - 30) : a]):
                continue
            yes, no = int(match["a"] or match["a2"]), int(match["b"] or match["b2"])
            after = text[b : b + 12].strip().lower()
            if after.startswith(("km", "mile", "kilomet", "percent", "%")):
                continue
            take(a, b)
            out.append(Mention("vote", start + a, start + b, match.group(), votes=(yes, no)))
    for match in _RANGE.finditer(text):
        a, b = match.span()
        if free(a, b) and any(c.isdigit() for c in match.group()):
            take(a, b)
            out.append(
                Mention("number", start + a, start + b, match.group(),
                        skip="a range, not one figure")
            )  # fmt: skip
    for match in _NUMBER.finditer(text):
        a, b = match.span()
        if not free(a, b):
            continue
        take(a, b)
        out.append(_number(text, start, match))
    fractions = "half" in low or "third" in low or "quarter" in low
    for match in _FRACTIONS.finditer(text) if fractions else ():
        a, b = match.span()
        if free(a, b):
            take(a, b)
            last = match["f"].lower().split()[-1].split("-")[-1]
            value = _FRACTION_VALUES.get(last, 0.5)
            mention = Mention("number", start + a, start + b, match.group(), value=value)
            mention.skip = "a share, which no record states"
            out.append(mention)
    for a, b in _spelled_spans(text) if _NUMBER_WORD_HINT.search(low) else ():
        if not free(a, b):
            continue
        spelled = spelled_value(text[a:b])
        if spelled is None:
            continue
        value = spelled
        take(a, b)
        mention = Mention("number", start + a, start + b, text[a:b], value=value)
        mention.spelled = True
        mention.rounding = _rounding(str(int(value))) if value.is_integer() else 0.0
        mention.approx = _approx_before(text, a)
        mention.unit = _unit_after(text, b)
        out.append(mention)
    out.sort(key=lambda m: m.start)
    _year_for_days(out)
    sentence.mentions = out


def _year_for_days(mentions: list[Mention]) -> None:
    """``in 2019 ... on August 2``: a day and month take the year named before them."""
    year = None
    for mention in mentions:
        if mention.kind != "date" or mention.skip:
            continue
        if mention.period is not None:
            year = int(mention.period.first[:4])
        elif mention.value is not None:
            month, day = divmod(int(mention.value), 100)
            mention.value = None
            if year is None or day > _days(year, month):
                mention.skip = "a day and month with no year before it"
                continue
            iso = f"{year}-{month:02d}-{day:02d}"
            mention.period = Period(iso, iso, "day", iso)


# Whole number words only: "often" and "tension" hold "ten" but no number.
_NUMBER_WORD_HINT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen)\b"
)
_NUMBER_WORDS = frozenset([*_SMALL, "one", "thousand", "million", "billion"])
_SCALE_WORDS = frozenset(["hundred", "thousand", "million", "billion", "dozen"])


def _spelled_spans(text: str) -> list[tuple[int, int]]:
    """Runs of number words: ``two``, ``one hundred and fifty``, ``twenty-five``, ``a
    dozen``; never ``one`` or ``a`` alone."""
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        while run and run[-1].group().lower() in ("and", "a"):
            run.pop()
        if (
            run
            and run[0].group().lower() == "a"
            and (len(run) < 2 or run[1].group().lower() not in _SCALE_WORDS)
        ):
            run.pop(0)
        if run and not (len(run) == 1 and run[0].group().lower() == "one"):
            spans.append((run[0].start(), run[-1].end()))
        run.clear()

    for match in TOKEN.finditer(text):
        word = match.group().lower()
        joined = not run or text[run[-1].end() : match.start()] in (" ", "-", "‐", "‑")
        if word in _NUMBER_WORDS or (run and word == "and") or word == "a":
            if not joined:
                close()
            run.append(match)
        else:
            close()
    close()
    return spans


def _count_follows(text: str, end: int) -> bool:
    following = TOKEN.search(text, end)
    return (
        following is not None
        and text[end : following.start()].strip() == ""
        and following.group().lower() in COUNT_NOUNS
    )


def _approx_before(text: str, start: int) -> str | None:
    match = _APPROX_BEFORE.search(text[max(0, start - 20) : start])
    if match is None:
        return None
    return "about" if match["t"] else APPROX[" ".join(match["w"].lower().split())]


def _unit_after(text: str, end: int) -> str | None:
    following = TOKEN.search(text, end)
    if following is None or text[end : following.start()].strip(" -\u00a0") != "":
        return None
    return fold(following.group())


def _number(text: str, offset: int, match: re.Match[str]) -> Mention:
    a, b = match.span()
    raw = match["n"]
    digits = re.sub(r"[,\s\u00a0\u202f\u2009]", "", raw)
    value = float(digits)
    scale_word = (match["scale"] or "").lower()
    scale = _SCALES.get(scale_word, 1.0)
    # "m"/"b" alone are scales only right after a currency amount: "$5m", "$11b".
    if scale_word in ("m", "b") and not match["cur"]:
        scale, b = 1.0, match.end("n")
    mention = Mention("number", offset + a, offset + b, text[a:b], value=value * scale)
    mention.currency = bool(match["cur"]) or bool(re.match(r"\s*(?:dollars|usd)\b", text[b:], re.I))
    mention.percent = bool(match["pct"])
    mention.rounding = _rounding(digits) * scale
    mention.approx = _approx_before(text, a)
    mention.unit = _unit_after(text, b)
    before = text[max(0, a - 40) : a]
    if mention.percent:
        mention.skip = "a percentage, which no record states"
    elif _REFERENCE.search(before):
        mention.skip = "a page, section or other reference number"
    elif _CHANGE_BEFORE.search(before) or _CHANGE_AFTER.match(text[b:]):
        mention.skip = "a change, not a level"
    elif _ORDINAL_AFTER.match(text[b:]):
        mention.skip = "an ordinal"
    elif _AGE_AFTER.match(text[b:]) or _AGE_BEFORE.search(before) or _is_age(text, a, b):
        mention.skip = "an age"
    return mention


def _is_age(text: str, a: int, b: int) -> bool:
    """``Putin, 72, said`` and ``he was 54 when``: a person's age, not a claim."""
    if re.search(r"[A-Z][\w.]*,\s*$", text[max(0, a - 30) : a]) and re.match(r"\s*,", text[b:]):
        value = text[a:b].replace(",", "")
        return value.isdigit() and 15 <= int(value) <= 110
    return bool(re.search(r"\b(?:was|is|turned|at)\s*$", text[max(0, a - 12) : a])) and bool(
        re.match(r"\s*(?:when|at the time|,)", text[b:])
    )


def _rounding(digits: str) -> float:
    """Half the unit of the last significant digit written: 6000 -> 500, 11.3 -> 0.05.

    A number written with a non-zero last digit (1,550; 5,977) is exact: 0.
    """
    if "." in digits:
        decimals = len(digits.split(".")[1])
        return 0.5 * 10.0**-decimals
    zeros = len(digits) - len(digits.rstrip("0"))
    if zeros == 0 or digits.strip("0") == "":
        return 0.0
    return 0.5 * 10.0**zeros


def spelled_value(phrase: str) -> float | None:
    """``two`` -> 2, ``one hundred and fifty`` -> 150; None for what is not a number."""
    cleaned = " ".join(phrase.lower().replace("-", " ").split())
    if cleaned in _SMALL:
        return float(_SMALL[cleaned])
    from text_to_num import text2num  # type: ignore[import-untyped]

    try:
        return float(text2num(cleaned, "en"))
    except ValueError:
        return None
