"""Errors raised by tql. Everything a user can get wrong in a query is a QueryError."""


class QueryError(Exception):
    """A query that cannot be parsed, planned or evaluated.

    `pos` is the character offset in the query text where the problem was found, when known; the CLI
    uses it to point at the spot.
    """

    def __init__(self, message: str, pos: int = None):
        super().__init__(message)
        self.message = message
        self.pos = pos

    def __str__(self):
        if self.pos is None:
            return self.message
        return f"{self.message} (at offset {self.pos})"


class CatalogError(Exception):
    """A table file that cannot be loaded: bad header, a value that does not fit its column type."""
