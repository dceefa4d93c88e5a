"""``python -m usrufacts``."""

from .cli import main

main()
