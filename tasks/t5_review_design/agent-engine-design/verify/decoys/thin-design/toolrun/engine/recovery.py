"""Recovery."""
from ..audit import read_records


class RecoveryReport:
    """Report."""


def recover(path: str) -> RecoveryReport:
    """Recover."""
    raise NotImplementedError
