"""jobboard: the in-memory job board behind the build workers (see README.md)."""
