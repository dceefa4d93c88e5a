"""Source tiers: how a newsroom would rank a source, from the publisher table kept with the data.

The tiers, best first (the order every command lists sources in):

- ``primary``: governments and their archives, treaty texts, official statistics, the UN,
  NATO, the OSCE;
- ``specialist``: research institutes and specialist publications (Arms Control
  Association, FAS, SIPRI, NTI, CRS, the Bulletin of the Atomic Scientists, university
  archives, the specialist defence press);
- ``major-news``: wire services, national papers and broadcasters, major magazines;
- ``reference``: general encyclopaedias (Wikipedia, Britannica);
- ``other``: everything else: blogs, aggregators, reprints, mirrors.

A source's tier comes from the publisher whose ``domains`` hold its URL's host (the
longest match wins; a Wayback Machine copy counts as the page it archives). A source may
override it with ``tier`` and a ``tier_reason``. A host in no publisher's domains is
``other``: a copy of a page on someone else's site is a mirror, whoever wrote the page.

Pure functions over plain data; imported when the index is built and by ``check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

TIERS = ("primary", "specialist", "major-news", "reference", "other")
RANK = {tier: rank for rank, tier in enumerate(TIERS)}
# A record resting on one of these would go in a newsroom's footnote.
NEWSROOM = frozenset(TIERS[:3])
# Records that must cite something better than an encyclopaedia (check --strict-sources).
KEY_EVENT_KINDS = ("summit", "meeting", "call", "sanctions", "un")

_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:@]+)[^/?#]*(.*)$", re.IGNORECASE)
# Web archives keep a page as it was published: such a copy counts as the page it archives.
WEB_ARCHIVES = frozenset(
    {"web.archive.org", "webarchive.library.unt.edu", "megalodon.jp", "archive.ph", "archive.today"}
)
_ARCHIVED = re.compile(
    r"^/(?:web/[^/]+/|[^?#]*?/)(?:https?:/+)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[:/?#]|$)",
    re.IGNORECASE,
)


def host(url: str) -> str:
    """The host of a URL, lower case, without ``www.`` or a final dot; for a copy in a web
    archive (``web.archive.org/web/TIMESTAMP/URL``), the host of the page it archives."""
    found = _HOST.match(url)
    if not found:
        return ""
    name = _bare(found.group(1))
    if name in WEB_ARCHIVES:
        archived = _ARCHIVED.match(found.group(2))
        if archived:
            return _bare(archived.group(1))
    return name


def _bare(name: str) -> str:
    name = name.lower().rstrip(".")
    return name[4:] if name.startswith("www.") else name


def domain_table(publishers: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Each domain of the publisher table, mapped to its publisher."""
    return {domain: p for p in publishers for domain in p["domains"]}


def publisher_of(url: str, table: Mapping[str, Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The publisher whose domain holds the URL's host (the most specific one), or None."""
    name = host(url)
    while name:
        if name in table:
            return table[name]
        _, _, name = name.partition(".")
    return None


def classify(source: Mapping[str, Any], table: Mapping[str, Mapping[str, Any]]) -> str:
    """A source's tier: its own override, else its publisher's, else ``other``."""
    if source.get("tier"):
        return str(source["tier"])
    publisher = publisher_of(source["url"], table)
    return str(publisher["tier"]) if publisher else "other"


def best(tiers: Iterable[str]) -> str:
    """The best of some tiers; ``other`` for none."""
    return min(tiers, key=RANK.__getitem__, default="other")


def ordered(sources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Sources best tier first; the cited order within a tier."""
    return sorted(sources, key=lambda s: RANK.get(s.get("tier", "other"), len(TIERS)))


def parse_tiers(text: str) -> list[str]:
    """``"primary,specialist"`` as a list of tiers; ValueError naming the tiers otherwise."""
    wanted = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [part for part in wanted if part not in RANK]
    if unknown or not wanted:
        what = f"unknown tier {unknown[0]!r}" if unknown else "no tier given"
        raise ValueError(f"{what}; choose from {', '.join(TIERS)} (comma-separated)")
    return wanted
