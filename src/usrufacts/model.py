"""The fact-base model, defined once: it validates YAML and generates the JSON Schemas.

Imported only when the index is built or the schema is written, never on a warm lookup.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .dates import PartialDate


def _to_date(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError("expected a date string such as '1972', '1972-05' or '1972-05-26'")
    return PartialDate.parse(str(value)).iso()


Date = Annotated[
    str,
    BeforeValidator(_to_date),
    Field(
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="ISO 8601 date at the precision known: YYYY, YYYY-MM or YYYY-MM-DD",
        json_schema_extra={"type": "string"},
    ),
]
Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        max_length=200,
        description="lowercase slug id, e.g. new-start",
    ),
]
Country = Literal["us", "ru"]
# The longest text in the bundled facts is under 500 characters. A cap keeps a stray paste
# (or a hostile megabyte) from making every table that draws it crawl.
MAX_TEXT = 5_000
Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]
# A list of texts drawn as one cell (aliases, outcomes): a few in practice, 50 at most.
Texts = Annotated[list[Text], Field(max_length=50)]
# A plain pattern, not pydantic's HttpUrl: that one rewrites URLs (a trailing slash) and
# costs most of the validation time of a large fact base.
Url = Annotated[
    str,
    Field(
        pattern=r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$",
        max_length=MAX_TEXT,
        description="http(s) URL",
    ),
]
# Every number is finite and of a size a unit can hold: 10^15 is ten times the world's GDP
# in dollars, and a non-zero value below 10^-6 is noise (10^-320 overflowed a ratio).
# Without these bounds `.inf`, `.nan` and 400-digit integers passed validation and then
# broke tables, JSON (`Infinity` is not JSON) and comparisons.
MAX_MAGNITUDE = 10**15
MIN_MAGNITUDE = 1e-6


def _sane(value: float) -> float:
    if value != 0 and abs(value) < MIN_MAGNITUDE:
        raise ValueError(f"{value!r} is too close to zero to be a measurement")
    return value


Count = Annotated[int, Field(ge=0, le=10**9, strict=True)]
# Numbers are numbers: "1,550" or "1550" as a string must not pass, nor must True.
Number = Annotated[
    Annotated[int, Field(strict=True, ge=0, le=MAX_MAGNITUDE)]
    | Annotated[float, Field(strict=True, allow_inf_nan=False, ge=0, le=MAX_MAGNITUDE)],
    AfterValidator(_sane),
]
# A measurement may be negative (a contraction in GDP growth); a count or a limit may not.
Signed = Annotated[
    Annotated[int, Field(strict=True, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)]
    | Annotated[
        float, Field(strict=True, allow_inf_nan=False, ge=-MAX_MAGNITUDE, le=MAX_MAGNITUDE)
    ],
    AfterValidator(_sane),
]

EventKind = Literal[
    "summit",
    "meeting",
    "call",
    "treaty",
    "sanctions",
    "military",
    "diplomatic",
    "election",
    "economic",
    "crisis",
    "conflict",
    "alliance",
    "un",
    "aid",
    "intelligence",
    "legal",
]
MeetingFormat = Literal["summit", "bilateral", "informal", "call", "video"]
TreatyCategory = Literal[
    "strategic-arms",
    "missile-defense",
    "intermediate-forces",
    "nuclear-testing",
    "risk-reduction",
    "conventional-forces",
    "confidence-building",
    "nuclear-materials",
    "nonproliferation",
    "outer-space",
    "biological-weapons",
    "chemical-weapons",
]
StatusName = Literal[
    "signed",
    "ratified",
    "in-force",
    "extended",
    "suspended",
    "resumed",
    "withdrawn",
    "de-ratified",
    "expired",
    "terminated",
    "never-in-force",
]
# Best first; the order sources are listed in. See usrufacts.tiers for what each means.
Tier = Literal["primary", "specialist", "major-news", "reference", "other"]
Host = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$",
        description="a host name; its subdomains match too (state.gov covers history.state.gov)",
    ),
]
EndHow = Literal["expired", "withdrawn", "terminated", "superseded", "never-in-force"]


class Strict(BaseModel):
    """Unknown keys are errors: a typo must not pass."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Strict):
    id: Slug
    publisher: Text
    title: Text
    url: Url
    accessed: Date = Field(description="the date the page was read")
    tier: Tier | None = Field(
        default=None,
        description="overrides the tier the publisher table gives; needs tier_reason",
    )
    tier_reason: Text | None = Field(
        default=None, description="why this source's tier differs from its publisher's"
    )

    @model_validator(mode="after")
    def _override_has_a_reason(self) -> Source:
        if (self.tier is None) != (self.tier_reason is None):
            missing = "tier_reason" if self.tier_reason is None else "tier"
            raise ValueError(f"{missing} is required: a tier override says why, in tier_reason")
        return self


class Publisher(Strict):
    """A row of the publisher table: who publishes on which hosts, and how a newsroom
    would rank them as a source (facts/publishers.yaml; docs/FACTS.md)."""

    id: Slug
    name: Text
    tier: Tier
    domains: Annotated[list[Host], Field(min_length=1)]
    note: Text | None = None


class Role(Strict):
    title: Text
    start: Date
    end: Date | None = None


class Person(Strict):
    id: Slug
    name: Text
    aliases: Texts = []
    country: Annotated[str, Field(pattern=r"^[a-z]{2,8}$")]
    roles: list[Role] = []
    sources: Annotated[list[Slug], Field(min_length=1)]


class Signature(Strict):
    date: Date
    place: Text | None = None
    signatories: list[Slug] = []


class Ending(Strict):
    date: Date
    how: EndHow
    by: Country | None = None
    note: Text | None = None


class StatusChange(Strict):
    date: Date
    status: StatusName
    party: Country | None = None
    note: Text | None = None


# The kinds are listed, with their headings, in vocabulary.LIMIT_KINDS.
LimitKind = Literal["strategic-warheads", "strategic-delivery-vehicles"]


class Limit(Strict):
    key: Slug
    kind: LimitKind | None = None
    label: Text
    low: Number | None = None  # the lower end, where the treaty set a range (SORT: 1,700–2,200)
    value: Number
    unit: Text
    note: Text | None = None


class Ratification(Strict):
    country: Country
    body: Text
    date: Date
    yes: Count | None = None
    no: Count | None = None
    note: Text | None = None


class Treaty(Strict):
    id: Slug
    name: Text
    full_name: Text | None = None
    aliases: Texts = []
    category: TreatyCategory
    parties: Annotated[list[Annotated[str, Field(pattern=r"^[a-z]{2,8}$")]], Field(min_length=1)]
    signed: Signature
    in_force: Date | None = None
    ended: Ending | None = None
    status_history: list[StatusChange] = []
    limits: list[Limit] = []
    verification: Text | None = None
    ratification: list[Ratification] = []
    summary: Text
    related: list[Slug] = []
    sources: Annotated[list[Slug], Field(min_length=1)]


class Event(Strict):
    id: Slug
    date: Date
    end: Date | None = None
    title: Text
    kind: EventKind
    format: MeetingFormat | None = None
    participants: list[Slug] = []
    place: Text | None = None
    duration_minutes: Annotated[int, Field(gt=0, le=10**6, strict=True)] | None = None
    outcomes: Texts = []
    summary: Text
    related: list[Slug] = []
    sources: Annotated[list[Slug], Field(min_length=1)]


class Metric(Strict):
    id: Slug
    label: Text
    unit: Text
    note: Text | None = None


class Figure(Strict):
    metric: Slug
    country: Country
    date: Date
    value: Signed
    sources: Annotated[list[Slug], Field(min_length=1)]
    note: Text | None = None


class SourcesFile(Strict):
    sources: list[Source]


class PublishersFile(Strict):
    publishers: list[Publisher]


class PeopleFile(Strict):
    people: list[Person]


class TreatiesFile(Strict):
    treaties: list[Treaty]


class EventsFile(Strict):
    complete_to: Date | None = Field(
        default=None,
        description="the date up to which the editors searched the sources for events; "
        "`about` reports the latest given by any events file",
    )
    events: list[Event]


class FiguresFile(Strict):
    metrics: list[Metric] = []
    figures: list[Figure] = []


FILES: dict[str, type[Strict]] = {
    "sources": SourcesFile,
    "publishers": PublishersFile,
    "people": PeopleFile,
    "treaties": TreatiesFile,
    "events": EventsFile,
    "figures": FiguresFile,
}
