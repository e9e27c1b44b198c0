"""Settings: defaults, then a JSON file, then DEPOT_* environment variables (highest precedence)."""
import json
import os
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Dict, Optional


@dataclass
class Settings:
    data_dir: str = "/var/lib/depot"
    listen: str = "127.0.0.1:8700"
    max_upload_bytes: int = 2 * 1024 ** 3
    signing_key: str = ""                  # required in production; see validate()
    signed_url_ttl_s: int = 3600
    default_keep_versions: int = 20        # per branch, unless the project sets its own
    default_quota_bytes: int = 50 * 1024 ** 3
    rate_limit_per_s: float = 20.0
    rate_limit_burst: int = 60
    webhook_timeout_s: float = 5.0
    webhook_max_attempts: int = 5
    preview_max_bytes: int = 256 * 1024
    trusted_proxies: tuple = ()
    extra: Dict[str, str] = field(default_factory=dict)

    @property
    def blob_dir(self) -> Path:
        return Path(self.data_dir) / "blobs"

    @property
    def tmp_dir(self) -> Path:
        return Path(self.data_dir) / "tmp"

    @property
    def preview_dir(self) -> Path:
        return Path(self.data_dir) / "preview"

    @property
    def db_path(self) -> Path:
        return Path(self.data_dir) / "depot.sqlite3"

    def validate(self):
        problems = []
        if len(self.signing_key) < 32:
            problems.append("signing_key must be at least 32 characters")
        if self.max_upload_bytes <= 0:
            problems.append("max_upload_bytes must be positive")
        if self.default_keep_versions < 1:
            problems.append("default_keep_versions must be at least 1")
        if self.rate_limit_per_s <= 0 or self.rate_limit_burst < 1:
            problems.append("rate limits must be positive")
        if problems:
            raise ValueError("; ".join(problems))
        return self


_CASTS = {int: int, float: float, str: str}


def load(path: Optional[str] = None, environ=None) -> Settings:
    environ = os.environ if environ is None else environ
    values = {}
    if path:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: the settings file must hold a JSON object")
        values.update(data)
    known = {f.name: f for f in fields(Settings)}
    for key, raw in environ.items():
        if not key.startswith("DEPOT_"):
            continue
        name = key[len("DEPOT_"):].lower()
        f = known.get(name)
        if f is None or name == "extra":
            continue
        if name == "trusted_proxies":
            values[name] = tuple(p.strip() for p in raw.split(",") if p.strip())
            continue
        cast = _CASTS.get(type(getattr(Settings, name, "")), str)
        try:
            values[name] = cast(raw)
        except ValueError:
            raise ValueError(f"{key}: cannot read {raw!r} as {cast.__name__}") from None
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown settings: {', '.join(unknown)}")
    if "trusted_proxies" in values:
        values["trusted_proxies"] = tuple(values["trusted_proxies"])
    return Settings(**values)
