"""Text that reaches a terminal: control characters and bidi overrides shown as escapes.

Fact files, file names and arguments are written by anyone. An ESC sequence can retitle
or clear a terminal and print a fake "All facts valid."; a right-to-left override
reorders what is shown ("Trojan Source", CVE-2021-42574). Every renderer and every error
line passes text through one of the functions here. Cheap to import: no dependencies.
"""

from __future__ import annotations

# Bidirectional embeddings, overrides and isolates (Unicode's Bidi_Control characters,
# minus the plain marks LRM/RLM/ALM, which cannot reorder text on their own).
BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _unsafe(ch: str, keep: str) -> bool:
    if ch in keep:
        return False
    if ch in BIDI:
        return True
    import unicodedata

    return unicodedata.category(ch) == "Cc"


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe(text: str) -> str:
    """``text`` with control characters (ANSI escapes among them) and bidi overrides shown
    as escapes (``\\x1b``, ``\\u202e``); newlines and tabs are kept. For table cells."""
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _unsafe(ch, "\n\t") or _surrogate(ch) else ch for ch in text)


# An error line quotes what it was given; a megabyte argument must not become a
# megabyte line. Past this many characters the middle is left out.
LONGEST_LINE = 1_000


def one_line(text: str) -> str:
    """``text`` fit for one line of stderr: as :func:`safe`, and newlines, tabs and bytes
    that were not UTF-8 (a file name, an argument) escaped too; at most LONGEST_LINE
    characters (the middle of a longer one becomes " … ")."""
    if len(text) > LONGEST_LINE:
        half = LONGEST_LINE // 2 - 2
        text = f"{text[:half]} … {text[-half:]}"
    if text.isprintable():
        return text
    return "".join(_escape(ch) if _unsafe(ch, "") or _surrogate(ch) else ch for ch in text)


def _surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"


def has_unsafe(text: str) -> bool:
    """Whether :func:`safe` would change ``text``."""
    return not text.isprintable() and safe(text) != text
