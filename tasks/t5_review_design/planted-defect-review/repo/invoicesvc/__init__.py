"""invoicesvc: a small invoicing service (HTTP + SQLite, standard library only)."""

__version__ = "0.9.2"
