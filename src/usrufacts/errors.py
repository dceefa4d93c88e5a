"""Domain errors and the exit code each one ends the program with."""

from __future__ import annotations

EXIT_NOT_FOUND = 1
EXIT_USAGE = 2
EXIT_INVALID_FACTS = 3
EXIT_INTERRUPTED = 130


class UsrufactsError(Exception):
    """Base class: a message for the user and an exit code."""

    exit_code = 1


class NotFoundError(UsrufactsError):
    """A named record does not exist (or the name is ambiguous)."""

    exit_code = EXIT_NOT_FOUND


class UsageError(UsrufactsError):
    """Arguments that cannot be answered: a bad date, an unknown kind or format."""

    exit_code = EXIT_USAGE


class Issue:
    """One violation in a fact base: where it is and what was expected."""

    __slots__ = ("field", "file", "message", "record")

    def __init__(self, file: str, record: str, field: str, message: str) -> None:
        self.file, self.record, self.field, self.message = file, record, field, message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Issue) and str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __str__(self) -> str:
        where = self.file
        if self.record:
            where += f": {self.record}"
        if self.field:
            where += f": {self.field}"
        return f"{where}: {self.message}"


class InvalidFactsError(UsrufactsError):
    """The fact base failed validation; carries every issue found."""

    exit_code = EXIT_INVALID_FACTS

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        from .text import one_line

        first = one_line(str(issues[0])) if issues else "unknown problem"
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(
            f"invalid fact base: {first}{more}; run 'usrufacts check' for the full list"
        )


class WeakSourcesError(InvalidFactsError):
    """``check --strict-sources``: key records cite nothing above ``reference``."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        first = issues[0].record if issues else "?"
        more = f" and {len(issues) - 1} more" if len(issues) > 1 else ""
        self.args = (
            f"{first}{more} cite nothing above reference (listed above); "
            "add a primary, specialist or major-news source",
        )


class OutputError(UsrufactsError):
    """Standard output could not be written: a full disk, a file-size limit, a closed
    stream. What was asked for did not reach its reader, so the exit code is 1."""

    exit_code = 1


class ReaderGone(Exception):  # noqa: N818 - an event, not a failure of ours
    """The reader of standard output left (``| head``, ``| true``): stop quietly, exit 0.

    Deliberately not a BrokenPipeError, which Rich turns into ``SystemExit(1)``.
    """
