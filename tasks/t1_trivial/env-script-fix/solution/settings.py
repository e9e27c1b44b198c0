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
    """The settings file is missing, malformed or incomplete; the message says what is wrong."""


@dataclass(frozen=True)
class Settings:
    database_url: str
    dump_dir: str
    label: str
    keep: int
    format: str
    exclude_tables: tuple


def load(path) -> Settings:
    try:
        values = {**DEFAULTS, **envfile.load(path)}
    except envfile.EnvFileError as e:
        raise SettingsError(str(e)) from None
    # Report every missing key at once: fixing a file one error per run is tedious.
    missing = [key for key in REQUIRED if not values.get(key)]
    if missing:
        raise SettingsError(f"{path}: missing required setting(s): {', '.join(missing)}")
    try:
        keep = int(values["DUMP_KEEP"])
    except ValueError:
        raise SettingsError(f"{path}: DUMP_KEEP must be a whole number, got {values['DUMP_KEEP']!r}") from None
    return Settings(
        database_url=values["DATABASE_URL"],
        dump_dir=values["DUMP_DIR"],
        label=values["DUMP_LABEL"],
        keep=keep,
        format=values["DUMP_FORMAT"],
        exclude_tables=tuple(t.strip() for t in values["DUMP_EXCLUDE_TABLES"].split(",") if t.strip()),
    )
