"""usrufacts: a command-line reference for facts on United States–Russia relations."""

__version__ = "0.1.0"
