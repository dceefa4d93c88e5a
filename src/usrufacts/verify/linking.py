"""Linking a sentence's numbers and dates to the fields of records, and judging each one.

Rules, in the order they are tried (each rule's words are in the lexicon, see lexicon.py):

- a vote (``71–26``) in a sentence naming a treaty: that treaty's ratification votes;
- a date with a treaty and a date word (``signed``, ``entered into force``, ``withdrew``…):
  that date of the treaty, filtered by the party named before the word (``Russia
  suspended``); a year right before a treaty's name (``the 1987 INF Treaty``): its signing or
  entry into force;
- a date with an event: named by the vocabulary or its title (``the Cuban Missile Crisis``),
  or by a place with the leaders met there (``Trump and Putin met in Helsinki``);
- a number with a treaty and a limit word (``caps``, ``no more than``…): the treaty's limit
  whose label shares most words with the words around the number;
- a number with a kind of figure (``stockpile``, ``deployed warheads``, ``exports to
  Russia``), a country and a year: every figure of those metrics for that country and year.

Anything else that names a record beside a number or date is *unclear*. Precision over
recall: a claim is contradicted only when it differs from every value the rules found.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .reading import RELATIVE, Mention, Period, Sentence, Token, find_mentions, stem, tokens

SUPPORTED, CONTRADICTED, DISPUTED, UNCLEAR = "supported", "contradicted", "disputed", "unclear"

_ATTRIBUTION = re.compile(
    r"\b(?:said|says|say|claimed|claims|told|tells|insisted|insists|asserted|asserts|argued|"
    r"argues|boasted|boasts|alleged|alleges|according\s+to|stated|maintained|contended|"
    r"wrote|writes|tweeted|posted|predicted|promised|warned)\b",
    re.I,
)
_QUOTES = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")
_DATE_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:in|by|as\s+of|at\s+the\s+end\s+of|during|for)\s+", re.I
)
_TIME_ORDER = re.compile(
    r"\b(?:after|before|since|following|until|till|through|prior\s+to|ahead\s+of|preceding|"
    r"followed|preceded|later|earlier|by\s+the\s+end\s+of|deadline)\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
_INTENT = re.compile(
    r"\b(?:would|will|shall|plans?|planned|planning|intends?|intended|threat\w*|vow\w*|"
    r"promis\w*|announc\w*|decid\w*|decision|notice|propos\w*|offer\w*|hop\w*|expect\w*|"
    r"sought|seeks?|due|set|scheduled|could|might|may|should|refus\w*|declin\w*|failed|"
    r"never|not|talks?|negotiat\w*|called\s+for|urged|wanted|asked|"
    r"agree(?:d|s|ing)?\s+to|pledg\w*)\b",
    re.I,
)
_SUMMIT_NOUNS = frozenset(["summit", "summits", "conference", "meeting", "meetings", "talks"])
_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ial)|never|not|no|false|fake|rumou?r\w*|reportedly|alleged\w*|"
    r"reports?\s+of|planned|proposed|cancel\w*|called\s+off)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:]|\b(?:but|while|whereas|although)\b", re.I)
_SPELLED_HINT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|\w+teen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|half|third|"
    r"quarter)s?\b",
    re.I,
)
_DETERMINER = re.compile(r"\b(?:a|an|the|its|their|his|her|this|that|our|every|each)\s+$", re.I)
_KNOWN_NOUNS_WORDS = """
warhead missile launcher bomber weapon tank vehicle aircraft helicopter piece troop
soldier people person diplomat official vote km kilometre kilometer mile ton tonne kiloton
megaton dollar ruble euro sanction target entity tanker individual company time submarine
interceptor site page day year month hour minute week percent member country state case
death casualty refugee prisoner journalist inspection inspector agent spy
"""
_KNOWN_NOUNS = frozenset(_KNOWN_NOUNS_WORDS.split())
_FIELD_NAMES = {
    "signed": "signed",
    "in_force": "in force",
    "ended": "ended",
    "ratified": "ratification",
    "withdrawn": "withdrawal",
    "suspended": "suspension",
    "extended": "extension",
    "de-ratified": "de-ratification",
}


class Found:
    """A phrase of the lexicon found in a sentence."""

    __slots__ = (
        "end",
        "kind",
        "payload",
        "start",
        "text",
    )

    def __init__(
        self,
        kind: str,
        payload: Any,
        start: int,
        end: int,
        text: str,
    ) -> None:
        self.kind = kind
        self.payload = payload
        self.start = start
        self.end = end
        self.text = text


class Expect:
    """One value the record has for the field a claim was linked to."""

    # values: numbers; several when disputed
    # first: dates: the period the record gives
    # exact: a limit or a vote: rounding does not excuse a difference
    __slots__ = (
        "exact",
        "field",
        "first",
        "last",
        "record",
        "shown",
        "sources",
        "unit_scale",
        "values",
    )

    def __init__(
        self,
        record: str,
        field: str,
        sources: list[str],
        values: list[float] | None = None,
        first: str = "",
        last: str = "",
        shown: str = "",
        exact: bool = False,
        unit_scale: float = 1.0,
    ) -> None:
        self.record = record
        self.field = field
        self.sources = sources
        self.values: list[float] = [] if values is None else values
        self.first = first
        self.last = last
        self.shown = shown
        self.exact = exact
        self.unit_scale = unit_scale


class Claim:
    __slots__ = (
        "claimed",
        "expected",
        "field",
        "mention",
        "note",
        "record",
        "sentence",
        "shown",
        "sources",
        "tolerance",
        "verdict",
        "why",
    )

    def __init__(
        self,
        mention: Mention,
        sentence: Sentence,
        verdict: str,
        record: str | None = None,
        field: str | None = None,
        claimed: Any = None,
        expected: Any = None,
        shown: str = "",
        tolerance: str = "",
        sources: list[str] | None = None,
        why: list[str] | None = None,
        note: str = "",
    ) -> None:
        self.mention = mention
        self.sentence = sentence
        self.verdict = verdict
        self.record = record
        self.field = field
        self.claimed = claimed
        self.expected = expected
        self.shown = shown
        self.tolerance = tolerance
        self.sources: list[str] = [] if sources is None else sources
        self.why: list[str] = [] if why is None else why
        self.note = note


def find_phrases(toks: list[Token], lexicon: dict[str, Any]) -> list[Found]:
    """Longest phrases of the lexicon in a list of words, left to right."""
    phrases: dict[str, list[list[Any]]] = lexicon["phrases"]
    starts: dict[str, list[int]] = lexicon["starts"]
    found: list[Found] = []
    i, n = 0, len(toks)
    while i < n:
        step = 1
        for length in starts.get(toks[i].norm, ()):
            if i + length > n:
                continue
            written = toks[i : i + length]
            entries = phrases.get(" ".join([t.norm for t in written]))
            if not entries:
                continue
            kept = [e for e in entries if _case_ok(e[2], written)]
            if not kept:
                continue
            text = " ".join([t.text for t in written])
            for kind, payload, _ in kept:
                found.append(Found(kind, payload, written[0].start, written[-1].end, text))
            step = length
            break
        i += step
    return found


def _case_ok(case: str, written: list[Token]) -> bool:
    if case == "upper":
        return all(t.text.isupper() or t.text.isdigit() for t in written)
    if case == "title":
        return all(t.text[:1].isupper() or t.text.isdigit() for t in written)
    return True


# --- a sentence --------------------------------------------------------------------------------


def link_sentence(
    sentence: Sentence, masked: str, lexicon: dict[str, Any], earlier: str | None = None
) -> tuple[list[Claim], str | None]:
    """Every claim a sentence makes, judged, with its skipped numbers as ``skipped`` claims;
    and the treaty it names last (``earlier`` is that of the sentences before: "the treaty"
    refers to it)."""
    text = masked[sentence.start : sentence.end]
    found = find_phrases(tokens(text, sentence.start), lexicon)
    named = [f for f in found if f.kind == "treaty"]
    last = named[-1].payload if named else earlier
    if not named and earlier:
        found = [
            Found("treaty", earlier, f.start, f.end, f.text) if f.kind == "anaphor" else f
            for f in found
        ]
    if _DIGIT.search(text) is None and not _SPELLED_HINT.search(text):
        return [], last
    find_mentions(sentence, masked)
    if not sentence.mentions:
        return [], last
    context = _Context(sentence, found, lexicon, masked)
    if sentence.skip is None and _ATTRIBUTION.search(text):
        sentence.skip = "the sentence reports what someone said"
    quoted = [
        (m.start() + sentence.start, m.end() + sentence.start) for m in _QUOTES.finditer(text)
    ]
    claims: list[Claim] = []
    for mention in sentence.mentions:
        if mention.skip is None and sentence.skip:
            mention.skip = sentence.skip
        if mention.skip is None and any(a <= mention.start < b for a, b in quoted):
            mention.skip = "inside a quotation"
        if mention.skip is None and mention.kind == "date":
            mention.skip = _year_of_something_else(mention, masked, found)
        if mention.skip == RELATIVE and sentence.skip is None and context.has_entity():
            claims.append(Claim(mention, sentence, UNCLEAR, note=RELATIVE))  # "the following year"
            continue
        if mention.skip is not None:
            claims.append(Claim(mention, sentence, "skipped", note=mention.skip))
            continue
        claim = context.link(mention)
        if claim is not None:
            claims.append(claim)
    return claims, last


def _year_of_something_else(mention: Mention, masked: str, found: list[Found]) -> str | None:
    """``a 2019 poll``: a year describing another noun, not a date the draft asserts."""
    period = mention.period
    if period is None or period.precision != "year":
        return None
    if not _DETERMINER.search(masked[max(0, mention.start - 8) : mention.start]):
        return None
    following = [f for f in found if f.start > mention.end and f.start - mention.end <= 2]
    if any(f.kind in ("treaty", "event") for f in following):
        return None
    words = masked[mention.start : mention.end + 20].split()[:2]
    return f"a year describing something else ({' '.join(words).rstrip('.,;:')})"


class _Context:
    def __init__(
        self, sentence: Sentence, found: list[Found], lexicon: dict[str, Any], masked: str
    ) -> None:
        self.sentence, self.found, self.lexicon, self.masked = sentence, found, lexicon, masked
        self.by_kind: dict[str, list[Found]] = {}
        for item in found:
            self.by_kind.setdefault(item.kind, []).append(item)

    def of(self, kind: str) -> list[Found]:
        return self.by_kind.get(kind, [])

    def has_entity(self) -> bool:
        return any(self.of(k) for k in ("treaty", "event", "metric")) or len(self.people()) >= 2

    def people(self) -> list[Found]:
        return self.of("person")

    # --- dispatch -----------------------------------------------------------------------------

    def link(self, mention: Mention) -> Claim | None:
        if mention.kind == "vote":
            return self.vote(mention)
        if mention.kind == "date":
            return self.date(mention)
        return self.number(mention)

    def unclear(self, mention: Mention, note: str, why: list[str] | None = None) -> Claim | None:
        if not self.has_entity():
            return None
        return Claim(mention, self.sentence, UNCLEAR, note=note, why=why or [])

    # --- votes --------------------------------------------------------------------------------

    def vote(self, mention: Mention) -> Claim | None:
        treaty = self._treaty(mention)
        if treaty is None or mention.votes is None:
            return self.unclear(mention, "a vote, but no treaty named in the sentence")
        record = self.lexicon["treaties"][treaty.payload]
        why = [f"{treaty.text!r} names treaty {treaty.payload}"]
        country = self._party(mention, why)
        votes = [r for r in record["ratification"] if r.get("yes") is not None]
        if country:
            votes = [r for r in votes if r["country"] == country]
        if not votes:
            return self.unclear(mention, "the record has no vote for that body", why)
        yes, no = mention.votes
        expects = [
            Expect(
                treaty.payload,
                f"ratification.{r['country']}.vote",
                [],
                values=[r["yes"], r["no"]],
                shown=f"{r['yes']}–{r['no']} ({r['body']}, {r['date']})",
                exact=True,
            )
            for r in votes
        ]
        claim = Claim(mention, self.sentence, CONTRADICTED, claimed=[yes, no], why=why)
        claim.tolerance = "exact"
        for expect in expects:
            if expect.values == [yes, no]:
                return _settle(claim, expect, SUPPORTED)
        return _settle(claim, expects[0], CONTRADICTED, expects)

    def _party(self, mention: Mention, why: list[str], anchor: int | None = None) -> str | None:
        """The country a treaty action is by: the body or country named just before."""
        limit = anchor if anchor is not None else mention.start
        best: Found | None = None
        for item in self.of("body") + self.of("country"):
            if item.end <= limit and (best is None or item.end > best.end):
                best = item
        if best is None:
            for item in self.of("body"):
                best = item
                break
        if best is None:
            return None
        why.append(f"{best.text!r} means {str(best.payload).upper()}")
        return str(best.payload)

    # --- dates --------------------------------------------------------------------------------

    def date(self, mention: Mention) -> Claim | None:
        period = mention.period
        assert period is not None
        treaty = self._treaty(mention)
        if treaty is not None:
            claim = self.treaty_date(mention, period, treaty)
            if claim is not None:
                return claim
        claim = self.event_date(mention, period)
        if claim is not None:
            return claim
        if treaty is not None:
            return self.unclear(
                mention,
                "a date beside a treaty, but no word saying which of its dates",
                [f"{treaty.text!r} names treaty {treaty.payload}"],
            )
        return None

    def treaty_date(self, mention: Mention, period: Period, treaty: Found) -> Claim | None:
        record = self.lexicon["treaties"][treaty.payload]
        why = [f"{treaty.text!r} names treaty {treaty.payload}"]
        verb = self._date_word(mention)
        if verb is None:
            between = self.masked[mention.end : treaty.start]
            after = self.masked[treaty.end : mention.start]
            modifier = (treaty.start > mention.end and between.strip() in ("", "'s", "’s")) or (
                mention.start > treaty.end and re.fullmatch(r"\s*(?:of|from)\s*", after)
            )
            if not modifier:
                return None
            why.append("a year next to a treaty's name dates its signing or entry into force")
            fields = ["signed", "in_force"]
            party = None
        else:
            why.append(f"{verb.text!r} points to the {_FIELD_NAMES[verb.payload]} date")
            fields = [verb.payload]
            party = self._party(mention, why, anchor=verb.start)
        expects = _treaty_dates(treaty.payload, record, fields, party)
        if not expects:
            what = _FIELD_NAMES[fields[0]]
            by = f" by {party.upper()}" if party else ""
            return Claim(
                mention, self.sentence, UNCLEAR, record=treaty.payload, why=why,
                note=f"the record has no {what} date{by} for {record['name']}",
            )  # fmt: skip
        return _judge_date(Claim(mention, self.sentence, UNCLEAR, why=why), period, expects)

    def _date_word(self, mention: Mention) -> Found | None:
        """The treaty-date word a date belongs to: the nearest before it, else one just after
        it. None when a word of time order stands between ("signed a year after ... 2009",
        "extended until 2026") or the word is an intention ("would withdraw", "due to
        expire", "notice of withdrawal"): then the date is not that event's."""
        verbs = self.of("dateverb")
        before = [
            v
            for v in verbs
            if v.end <= mention.start and not self._date_between(v.end, mention.start)
        ]
        chosen: Found | None = None
        if before:
            chosen = max(before, key=lambda v: v.end)
            between = self.masked[chosen.end : mention.start]
        else:
            after = [
                v
                for v in verbs
                if v.start >= mention.end and not self._date_between(mention.end, v.start)
            ]
            if after:
                chosen = min(after, key=lambda v: v.start)
                between = self.masked[mention.end : chosen.start]
                if len(between) > 60:
                    return None
        if chosen is None:
            return None
        lead = self.masked[max(self.sentence.start, chosen.start - 30) : chosen.start]
        lead = _CLAUSE_BREAK.split(lead)[-1]  # the verb's own clause
        if _TIME_ORDER.search(between) or _INTENT.search(lead) or _INTENT.search(between):
            return None
        return chosen

    def _date_between(self, start: int, end: int) -> bool:
        return any(
            m.kind == "date" and m.skip is None and start <= m.start and m.end <= end
            for m in self.sentence.mentions
        )

    def event_date(self, mention: Mention, period: Period) -> Claim | None:
        events: dict[str, Any] = self.lexicon["events"]
        why: list[str] = []
        named = self._close("event", mention)
        if named is not None and self._entity_between(named, mention):
            named = None  # "Sputnik for Lavrov's 9 March 2004 decree": the date is Lavrov's
        candidates: list[str]
        if named is not None:
            candidates = [f.payload for f in self.of("event") if f.text == named.text]
            why.append(f"{named.text!r} names {', '.join(candidates)}")
        else:
            people = self.people()
            place = self._close("place", mention)
            groups: list[set[str]] = []
            for person in people:
                ids = {f.payload for f in people if f.start == person.start}
                if ids not in groups:
                    groups.append(ids)
            if place is None and len(groups) < 2:
                return None
            named_summit = place is not None and any(
                0 <= m.start - place.end <= 2 and m.text.lower() in _SUMMIT_NOUNS
                for m in self.of("meeting")
            )
            if not groups and not named_summit:
                return None
            if place is None or (len(groups) < 2 and not named_summit):
                # One person at a place, or people with no place: the record may not list
                # every encounter, so it can support the date but not contradict it.
                return self._support_only(mention, period, groups, place)
            candidates = [
                rid
                for rid, event in _at_place(self.lexicon, place.payload)
                if place.payload in event["places"]
                and all(group & set(event["people"]) for group in groups)
                and (groups or event["kind"] in ("summit", "meeting", "call"))
            ]
            names = " and ".join(sorted({p.text for p in people}))
            why.append(
                f"{names + ' at ' if names else 'a meeting at '}{place.text!r}: "
                f"{', '.join(candidates) or 'no event'}"
            )
            if not candidates:
                return self._no_such_meeting(mention, period, groups, place, why)
        expects = [_event_expect(rid, events[rid]) for rid in candidates[:12]]
        return _judge_date(Claim(mention, self.sentence, UNCLEAR, why=why), period, expects)

    def _no_such_meeting(
        self, mention: Mention, period: Period, groups: list[set[str]], place: Found,
        why: list[str],
    ) -> Claim:  # fmt: skip
        """No event with these people at this place: contradicted for a pair whose every
        contact the record lists (vocabulary ``complete_contacts``), unclear otherwise."""
        events: dict[str, Any] = self.lexicon["events"]
        pair = next(
            (
                p
                for p in self.lexicon.get("complete", [])
                if len(groups) == 2 and all(any(m in g for g in groups) for m in p)
            ),
            None,
        )
        text = self.masked[self.sentence.start : self.sentence.end]
        if pair is None or not self.of("meeting") or _DENIAL.search(text):
            return Claim(
                mention, self.sentence, UNCLEAR, why=why,
                note="the record has no such event at that place",
            )  # fmt: skip
        contacts = [
            _event_expect(rid, event)
            for rid, event in events.items()
            if set(pair) <= set(event["people"])
            and event["kind"] in ("summit", "meeting", "call")
            and _overlaps_date(period, event["date"])
        ]
        contacts.sort(key=lambda c: c.first)
        why.append(f"the record lists every contact of {' and '.join(pair)}")
        claim = Claim(mention, self.sentence, CONTRADICTED, why=why)
        claim.claimed = period.iso
        claim.tolerance = f"overlaps, at {period.precision} precision"
        claim.field = "date"
        if contacts:
            claim.record = contacts[0].record
            claim.sources = contacts[0].sources
            claim.expected = [c.first for c in contacts]
            listed = ", ".join(sorted(c.first for c in contacts))
            claim.shown = f"no meeting at {place.text}; their contacts in {period.iso}: {listed}"
        else:
            claim.shown = f"no contact between them in {period.iso}"
        return claim

    def _support_only(
        self, mention: Mention, period: Period, groups: list[set[str]], place: Found | None
    ) -> Claim:
        """Supported if the record has an event with these people (at this place) then;
        unclear otherwise: the record may not list every encounter."""
        events: dict[str, Any] = self.lexicon["events"]
        candidates = [
            rid
            for rid, event in _with_people(self.lexicon, groups)
            if all(group & set(event["people"]) for group in groups)
            and (place is None or place.payload in event["places"])
        ]
        where = f" at {place.text!r}" if place else ""
        why = [f"{len(groups)} people named{where}: {len(candidates)} events with them all"]
        for rid in candidates:
            expect = _event_expect(rid, events[rid])
            if period.overlaps(expect.first, expect.last):
                claim = Claim(mention, self.sentence, UNCLEAR, why=why)
                claim.claimed = period.iso
                claim.tolerance = f"overlaps, at {period.precision} precision"
                return _settle(claim, expect, SUPPORTED)
        return Claim(
            mention, self.sentence, UNCLEAR, why=why,
            note="no event with all of them then; the record may not list every encounter",
        )  # fmt: skip

    # --- numbers ------------------------------------------------------------------------------

    def number(self, mention: Mention) -> Claim | None:
        if mention.value is None:
            return None
        treaty = self._treaty(mention)
        if treaty is not None and self.of("limitcue"):
            claim = self.limit(mention, treaty)
            if claim is not None:
                return claim
        if self.of("metric"):
            claim = self.figure(mention)
            if claim is not None:
                return claim
        return self.unclear(mention, "a number beside a record, but no rule says which field")

    def limit(self, mention: Mention, treaty: Found) -> Claim | None:
        record = self.lexicon["treaties"][treaty.payload]
        near = self._words_near(mention)
        unit = stem(mention.unit) if mention.unit else None
        # "1,200 MIRVed-ICBM warheads": the first counted noun after the number is its unit.
        counted = next((t for t in self._after_words(mention) if t in _KNOWN_NOUNS), unit)
        scored: list[tuple[int, dict[str, Any]]] = []
        for limit in record["limits"]:
            words = set(limit["words"])
            if counted in _KNOWN_NOUNS and counted not in words:
                continue
            score = 2 * len(near[1] & words) + len(near[0] & words)
            if score:
                scored.append((score, limit))
        if not scored:
            return None
        top = max(s for s, _ in scored)
        limits = [limit for s, limit in scored if s == top]
        why = [
            f"{treaty.text!r} names treaty {treaty.payload}",
            f"a limit word ({self.of('limitcue')[0].text!r}) and the words around the number "
            f"match {', '.join(repr(lim['label']) for lim in limits)}",
        ]
        expects = [
            Expect(
                treaty.payload,
                f"limits.{limit['key']}",
                [],
                values=[limit["value"]],
                shown=f"{_number(limit['value'])} {limit['unit']} ({limit['label']})",
                exact=True,
            )
            for limit in limits
        ]
        claim = _judge_number(Claim(mention, self.sentence, UNCLEAR, why=why), mention, expects)
        if claim.verdict == CONTRADICTED:
            # "launchers to 700": say which of the treaty's limits the number is.
            other = next((lim for lim in record["limits"] if lim["value"] == mention.value), None)
            if other is not None:
                claim.note = f"{_number(other['value'])} is its limit on {other['label']}"
                claim.shown += f"; {claim.note}"
        return claim

    def _after_words(self, mention: Mention) -> list[str]:
        after = self.masked[mention.end : min(self.sentence.end, mention.end + 40)]
        after = re.split(r"[,;:()]|\d", after)[0]
        return [stem(t.norm) for t in tokens(after)][:3]

    def _words_near(self, mention: Mention) -> tuple[set[str], set[str]]:
        """Stemmed words before and after a number, up to punctuation or another number."""
        text = self.masked
        start = max(self.sentence.start, mention.start - 60)
        before = text[start : mention.start]
        before = re.split(r"[,;:()]|\d", before)[-1]
        after = text[mention.end : min(self.sentence.end, mention.end + 60)]
        after = re.split(r"[,;:()]|\d|\band\b", after)[0]
        return (
            {stem(t.norm) for t in tokens(before)},
            {stem(t.norm) for t in tokens(after)},
        )

    def figure(self, mention: Mention) -> Claim | None:
        lexicon = self.lexicon
        # Each kind-of-figure phrase belongs to the number nearest it: "exports ... $9.3
        # billion, and imports ... $3 billion" compares each amount with its own metric.
        mine = [cue for cue in self.of("metric") if self._owner(cue) is mention]
        if not mine:
            # "1,644 warheads, Russia's 1,588": a number with no words of its own shares
            # those of the sentence.
            mine = self.of("metric")
        cues = [cue.text for cue in mine]
        metric_ids: list[str] = []
        for cue in mine:
            metric_ids.extend(m for m in cue.payload if m not in metric_ids)
        labels = "; ".join(f"{m} ({lexicon['metrics'][m]['label']})" for m in metric_ids)
        why = [f"{', '.join(repr(c) for c in dict.fromkeys(cues))} point to {labels}"]
        unit = stem(mention.unit) if mention.unit else None
        amount = mention.value
        if mention.percent or amount is None:
            return None
        other = next((f for f in self.of("otherkind") if self._distance(f, mention) < 40), None)
        if other is not None:
            return self.unclear(
                mention, f"a kind of weapon the record does not count ({other.text!r})", why
            )
        total = next((f for f in self.of("total") if self._distance(f, mention) < 1000), None)
        if total is not None:
            return self.unclear(
                mention, f"a total over several countries ({total.text!r}); the record has each "
                "country's own", why,
            )  # fmt: skip
        usable = []
        for metric_id in metric_ids:
            metric = lexicon["metrics"][metric_id]
            money = metric["unit"].startswith("USD")
            # Money is compared only when the amount carries its scale ($1.7bn, 599.6 million).
            if money and not (amount >= 1e5 and (mention.currency or amount >= 1e6)):
                continue
            if mention.currency and not money:
                continue
            if not _fits(unit, metric["label"] + " " + metric["unit"]):
                continue
            usable.append(metric_id)
        if not usable:
            return None
        country_of = {m: set(lexicon["figures"].get(m, {})) for m in usable}
        needs_country = any(len(c) > 1 for c in country_of.values())
        country = None
        if needs_country:
            countries = self.of("country")
            found = min(countries, key=lambda f: self._distance(f, mention)) if countries else None
            if found is not None and self._distance(found, mention) >= 1000:
                found = None  # across a clause break: "China has 600, Russia 5,580"
            if found is not None and found.payload == "other":
                return self.unclear(mention, f"a figure for {found.text}, which the record "
                                    "does not hold", why)  # fmt: skip
            if found is not None:
                country = str(found.payload)
                why.append(f"{found.text!r} means {country.upper()}")
            else:
                # No country named: only metrics of one country can be meant.
                usable = [m for m in usable if len(country_of[m]) == 1]
                if not usable:
                    return self.unclear(mention, "a figure, but no country named", why)
        period = self._period_for(mention)
        expects: list[Expect] = []
        for metric_id in usable:
            scale = _unit_scale(lexicon["metrics"][metric_id]["unit"])
            for figure_country, rows in lexicon["figures"].get(metric_id, {}).items():
                if country and figure_country != country:
                    continue
                chosen = rows
                if period is not None:
                    chosen = [r for r in rows if _overlaps_date(period, r[0])]
                elif len(rows) != 1:
                    continue
                for date, values, fid in chosen:
                    expects.append(
                        Expect(
                            fid,
                            "value",
                            [],
                            values=values,
                            shown=_figure_shown(
                                values, lexicon["metrics"][metric_id], figure_country, date
                            ),
                            unit_scale=scale,
                        )
                    )
        if period is not None:
            why.append(f"the year is {period.iso}")
        if not expects:
            when = f" in {period.iso}" if period else " (no year given)"
            who = f" for {country.upper()}" if country else ""
            return self.unclear(mention, f"the record has no such figure{who}{when}", why)
        return _judge_number(Claim(mention, self.sentence, UNCLEAR, why=why), mention, expects)

    def _distance(self, item: Found, mention: Mention) -> float:
        """How far a phrase is from a number; one after it, across a clause break, is far."""
        if item.end <= mention.start:
            return float(mention.start - item.end)
        between = self.masked[mention.end : item.start]
        far = 1000.0 if _CLAUSE_BREAK.search(between) else 0.0
        return 0.5 + far + item.start - mention.end

    def _treaty(self, mention: Mention) -> Found | None:
        """The treaty a number or date is about: the nearest named, one after it in the same
        clause as near as one before it ("1,550, down from 2,200 under SORT")."""
        treaties = self.of("treaty")
        return min(treaties, key=lambda f: self._distance(f, mention)) if treaties else None

    def _entity_between(self, item: Found, mention: Mention) -> bool:
        start, end = (item.end, mention.start) if item.end <= mention.start else (
            mention.end, item.start
        )  # fmt: skip
        return any(
            f.kind in ("person", "treaty", "event", "place") and start <= f.start and f.end <= end
            for f in self.found
        )

    def _close(self, kind: str, mention: Mention) -> Found | None:
        """The nearest phrase of ``kind`` in the mention's clause, or before it; None when
        another date is nearer to it ("in 1963 after the Cuban Missile Crisis of 1962") or a
        word of time order stands between ("after", "before", "since")."""
        items = self.of(kind)
        if not items:
            return None
        best = min(items, key=lambda f: self._distance(f, mention))
        if self._distance(best, mention) >= 1000:
            return None
        mine = self._distance(best, mention)
        for other in self.sentence.mentions:
            usable = other is not mention and other.kind == "date" and other.skip is None
            if usable and self._distance(best, other) < mine:
                return None
        if best.start >= mention.end:
            between = self.masked[mention.end : best.start]
        else:
            between = self.masked[best.end : mention.start]
        if _TIME_ORDER.search(between) or ";" in between:
            return None  # a semicolon ends the clause: "CAATSA …; Executive Order … of 2021"
        return best

    def _owner(self, item: Found) -> Mention | None:
        numbers = [m for m in self.sentence.mentions if m.kind == "number" and m.skip is None]
        if not numbers:
            return None
        return min(numbers, key=lambda m: self._distance(item, m))

    def _period_for(self, mention: Mention) -> Period | None:
        dates = [m for m in self.sentence.mentions if m.kind == "date" and m.period and not m.skip]
        if not dates:
            return None
        for date in dates:
            # "40,000 warheads in 1986": a date just after the number, introduced by in/by/as
            # of, is its date.
            between = self.masked[mention.end : date.start]
            if date.start >= mention.end and _DATE_AFTER.fullmatch(between):
                return date.period
        nearest = min(dates, key=lambda m: _gap(m.start, m.end, mention))
        return nearest.period


# --- judging -----------------------------------------------------------------------------------


_NEUTRAL = frozenset(
    [
        "in",
        "by",
        "at",
        "of",
        "and",
        "or",
        "for",
        "as",
        "were",
        "was",
        "had",
        "held",
        "has",
        "have",
        "from",
        "to",
        "on",
        "than",
        "the",
        "a",
        "an",
        "that",
        "which",
        "nuclear",
        "strategic",
        "deployed",
        "total",
        "active",
        "operational",
        "estimated",
        "million",
        "billion",
        "dollar",
        "usd",
        "u",
        "s",
        "us",
        "worth",
        "more",
        "less",
        "over",
        "under",
        "about",
        "some",
        "across",
        "weapon",
    ]
)


def _fits(unit: str | None, label: str) -> bool:
    """Whether the word after a number can be the metric's: ``5,977 warheads`` or ``5,977 in
    2022`` fit a warhead count; ``two decades``, ``190,000 troops`` do not."""
    if unit is None or unit in _NEUTRAL or unit.isdigit():
        return True
    return unit in {stem(w) for w in re.findall(r"[a-z]+", label.lower())}


def _at_place(lexicon: dict[str, Any], place: str) -> list[tuple[str, Any]]:
    """The events held at a place, from an index built on first use."""
    index = lexicon.get("_by_place")
    if index is None:
        index = {}
        for rid, event in lexicon["events"].items():
            for key in event["places"]:
                index.setdefault(key, []).append((rid, event))
        lexicon["_by_place"] = index
    found: list[tuple[str, Any]] = index.get(place, [])
    return found


def _with_people(lexicon: dict[str, Any], groups: list[set[str]]) -> list[tuple[str, Any]]:
    """The events with someone of the first group, from an index built on first use."""
    index = lexicon.get("_by_person")
    if index is None:
        index = {}
        for rid, event in lexicon["events"].items():
            for person in event["people"]:
                index.setdefault(person, []).append((rid, event))
        lexicon["_by_person"] = index
    if not groups:
        return list(lexicon["events"].items())
    seen: dict[str, Any] = {}
    for person in sorted(groups[0]):
        seen.update(index.get(person, []))
    return list(seen.items())


def _gap(start: int, end: int, mention: Mention) -> float:
    """Characters between a span and a mention; a span before the mention is preferred."""
    if end <= mention.start:
        return float(mention.start - end)
    return 0.5 + max(0, start - mention.end)


def _treaty_dates(
    rid: str, record: dict[str, Any], fields: list[str], party: str | None
) -> list[Expect]:
    sources: list[str] = []
    out: list[Expect] = []

    def add(name: str, date: str | None, label: str) -> None:
        if date:
            first, last = _date_span(date)
            out.append(
                Expect(rid, name, sources, first=first, last=last, shown=f"{date} ({label})")
            )

    def ok(who: str | None) -> bool:
        return party is None or who is None or who == party

    ended = record.get("ended") or {}
    for name in fields:
        if name == "signed":
            add("signed", record["signed"], "signed")
        elif name == "in_force":
            add("in_force", record["in_force"], "entered into force")
        elif name == "ratified":
            for r in record["ratification"]:
                if party is None or r["country"] == party:
                    add(f"ratification.{r['country']}.date", r["date"], f"{r['body']} vote")
        elif name == "ended":
            if ended and ended["how"] != "withdrawn":
                add("ended", ended["date"], ended["how"].replace("-", " "))
        elif name == "withdrawn" and ended.get("how") == "withdrawn" and ok(ended.get("by")):
            by = ended.get("by")
            add("ended", ended["date"], "withdrawal" + (f" by {by.upper()}" if by else ""))
        for change in record["status"]:
            wanted = {"ended": ("expired", "terminated")}.get(name, (name,))
            if change["status"] in wanted and (
                party is None or change.get("party") in (None, party)
            ):
                who = change.get("party")
                label = change["status"].replace("-", " ") + (f" by {who.upper()}" if who else "")
                add(f"status.{change['status']}", change["date"], label)
    return out


@lru_cache(maxsize=4096)
def _date_span(date: str) -> tuple[str, str]:
    from ..dates import PartialDate

    parsed = PartialDate.parse(date)
    return parsed.first_day(), parsed.last_day()


def _overlaps_date(period: Period, date: str) -> bool:
    first, last = _date_span(date)
    return period.overlaps(first, last)


def _event_expect(rid: str, event: dict[str, Any]) -> Expect:
    first, _ = _date_span(event["date"])
    _, last = _date_span(event["end"] or event["date"])
    when = event["date"] + (f" to {event['end']}" if event["end"] else "")
    return Expect(rid, "date", [], first=first, last=last, shown=f"{when} ({event['title']})")


def _judge_date(claim: Claim, period: Period, expects: list[Expect]) -> Claim:
    mention = claim.mention
    first, last = period.first, period.last
    claim.claimed = period.iso
    claim.tolerance = f"overlaps, at {period.precision} precision"
    if mention.approx == "about":
        first = f"{int(first[:4]) - 1}{first[4:]}"
        last = f"{int(last[:4]) + 1}{last[4:]}"
        claim.tolerance = "within a year (about)"
    for expect in expects:
        if first <= expect.last and expect.first <= last:
            return _settle(claim, expect, SUPPORTED)
    best = min(expects, key=lambda e: abs(_ordinal(e.first) - _ordinal(period.first)))
    return _settle(claim, best, CONTRADICTED, expects)


def _ordinal(iso: str) -> int:
    return int(iso[:4]) * 400 + int(iso[5:7]) * 31 + int(iso[8:10])


def _judge_number(claim: Claim, mention: Mention, expects: list[Expect]) -> Claim:
    assert mention.value is not None
    claim.claimed = mention.value
    for expect in expects:
        value = mention.value / expect.unit_scale
        rounding = mention.rounding / expect.unit_scale
        tolerance, test = _tolerance(value, rounding, mention.approx, expect.exact)
        claim.tolerance = tolerance
        claim.claimed = _plain(value)
        if any(test(v) for v in expect.values):
            return _settle(claim, expect, SUPPORTED)
    for expect in expects:
        value = mention.value / expect.unit_scale
        if len(expect.values) > 1 and min(expect.values) <= value <= max(expect.values):
            return _settle(claim, expect, DISPUTED)
    if mention.approx == "nearly":
        # "nearly 5,000" for 5,044: above what "nearly" allows, but within the rounding of
        # 5,000, where writers round to the nearest round figure. Unclear, never contradicted.
        for expect in expects:
            value = mention.value / expect.unit_scale
            rounding = mention.rounding / expect.unit_scale
            if any(value < v <= value + rounding for v in expect.values):
                claim = _settle(claim, expect, UNCLEAR)
                claim.note = f"a little above {_number(value)}, which 'nearly' says it is under"
                return claim
    best = min(
        expects,
        key=lambda e: min(abs(v - mention.value / e.unit_scale) for v in e.values),  # type: ignore[operator]
    )
    return _settle(claim, best, CONTRADICTED, expects)


def _tolerance(value: float, rounding: float, approx: str | None, exact: bool) -> tuple[str, Any]:
    """The test a record's value must pass to support the claim, and how to say it."""
    tiny = 1e-9 * max(1.0, abs(value))
    if approx == "about":
        slack = max(0.1 * value, rounding)
        return f"±{_number(slack)} (about: 10%)", lambda v: abs(v - value) <= slack + tiny
    if approx == "nearly":
        slack = max(0.1 * value, rounding)
        return (
            f"{_number(value - slack)} to {_number(value)} (nearly)",
            lambda v: value - slack - tiny <= v <= value + tiny,
        )
    if approx == "over":
        return f"more than {_number(value)}", lambda v: v > value + tiny
    if approx == "at-least":
        return f"at least {_number(value)}", lambda v: v >= value - tiny
    if approx == "under":
        return f"less than {_number(value)}", lambda v: v < value - tiny
    if approx == "up-to" and not exact:
        return f"at most {_number(value)}", lambda v: v <= value + tiny
    if exact or rounding == 0:
        return "exact", lambda v: abs(v - value) <= tiny
    return (
        f"±{_number(rounding)} (written rounded)",
        lambda v: abs(v - value) < rounding - tiny or abs(v - value) <= tiny,
    )


def _settle(
    claim: Claim, expect: Expect, verdict: str, others: list[Expect] | None = None
) -> Claim:
    claim.verdict = verdict
    claim.record = expect.record
    claim.field = expect.field
    claim.sources = expect.sources
    if expect.values:
        claim.expected = expect.values if len(expect.values) > 1 else expect.values[0]
        if expect.field.endswith(".vote"):
            claim.expected = expect.values
    else:
        claim.expected = (
            expect.first if expect.first == expect.last else [expect.first, expect.last]
        )
    shown = [expect.shown]
    if verdict == CONTRADICTED and others:
        shown += [e.shown for e in others if e is not expect][:2]
    claim.shown = "; ".join(dict.fromkeys(shown))
    if verdict == DISPUTED:
        claim.note = "sources disagree; the claim lies between their values"
    return claim


def _unit_scale(unit: str) -> float:
    if unit.endswith("billion"):
        return 1e9
    if unit.endswith("million"):
        return 1e6
    return 1.0


def _plain(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 6)


def _number(value: float) -> str:
    plain = _plain(value)
    return f"{plain:,}" if isinstance(plain, int) else f"{plain:,.2f}".rstrip("0").rstrip(".")


def _figure_shown(values: list[float], metric: dict[str, Any], country: str, date: str) -> str:
    """``40,159 / 45,000 warheads (RU, 1986; sources disagree)``."""
    unit = metric["unit"]
    amount = " / ".join(_number(v) for v in values)
    when = f"{country.upper()}, {date}" + ("; sources disagree" if len(values) > 1 else "")
    if unit.startswith("USD"):
        return f"${amount} {unit[4:]} ({when})"
    return f"{amount} {unit} ({when})"
