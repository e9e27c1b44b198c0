"""latefees: the nightly late-fee (dunning) job of the billing service (see README.md)."""
