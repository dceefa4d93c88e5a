"""usrufacts: a command-line reference for facts on United States–Russia relations."""

__version__ = "0.1.0"


def _guard_start_up() -> None:
    # Ctrl-C while Typer and the rest are still importing ends quietly with 130.
    from . import _signals

    if _signals.is_program():
        _signals.install()


_guard_start_up()
