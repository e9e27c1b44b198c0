"""Settings of dbdump, taken from a .env file: required keys, defaults and types."""
from dataclasses import dataclass

import envfile

REQUIRED = ("DATABASE_URL", "DUMP_DIR")
DEFAULTS = {
    "DUMP_LABEL": "nightly",
    "DUMP_KEEP": "7",
    "DUMP_FORMAT": "custom",
    "DUMP_EXCLUDE_TABLES": "",
}


class SettingsError(Exception):
    pass


@dataclass(frozen=True)
class Settings:
    database_url: str
    dump_dir: str
    label: str
    keep: int
    format: str
    exclude_tables: tuple


def load(path) -> Settings:
    values = {**DEFAULTS, **envfile.load(path)}
    for key in REQUIRED:
        if not values.get(key):
            raise SettingsError(f"missing required setting {key}")
    return Settings(
        database_url=values["DATABASE_URL"],
        dump_dir=values["DUMP_DIR"],
        label=values["DUMP_LABEL"],
        keep=int(values["DUMP_KEEP"]),
        format=values["DUMP_FORMAT"],
        exclude_tables=tuple(t.strip() for t in values["DUMP_EXCLUDE_TABLES"].split(",") if t.strip()),
    )
