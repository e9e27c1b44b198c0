"""fetchsvc: download and import-from-URL helpers of the reporting app (see README.md)."""
