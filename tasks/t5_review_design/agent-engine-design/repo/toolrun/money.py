"""Money is an integer number of micro-dollars (1 USD = 1_000_000 micros) everywhere in toolrun.

Finance reconciles our spend against provider invoices to the micro; floats lost cents over a month of
small calls (FIN-88), so a float amount is refused rather than rounded. Use `micros()` at the edges
(config, provider price tables) and pass `Micros` values everywhere else.
"""
from typing import NewType

Micros = NewType("Micros", int)
PER_USD = 1_000_000


def micros(value) -> Micros:
    """An amount as Micros: from an int (already micros) or a decimal string in USD ("0.0025")."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError("money must be an int number of micros or a decimal string, never a float")
    if isinstance(value, int):
        return Micros(value)
    if isinstance(value, str):
        whole, _, frac = value.strip().partition(".")
        if not (whole.lstrip("-").isdigit() and (frac == "" or frac.isdigit())) or len(frac) > 6:
            raise ValueError(f"not a USD amount with at most 6 decimals: {value!r}")
        sign = -1 if whole.startswith("-") else 1
        return Micros(sign * (abs(int(whole)) * PER_USD + int(frac.ljust(6, "0") or 0)))
    raise TypeError(f"cannot read {type(value).__name__} as money")


def format_usd(amount: Micros) -> str:
    sign = "-" if amount < 0 else ""
    whole, frac = divmod(abs(int(amount)), PER_USD)
    return f"{sign}${whole}.{frac:06d}"
