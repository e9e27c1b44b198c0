"""Service configuration: a JSON file named by INVOICESVC_CONFIG, with defaults for local runs."""
import json
import logging
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

log = logging.getLogger("invoicesvc.config")


@dataclass
class Settings:
    db_path: str = "invoices.db"
    host: str = "127.0.0.1"
    port: int = 8080
    export_dir: str = "exports"
    page_size: int = 20
    signing_key: str = field(default="dev-only-signing-key")
    payment_api_key: str = field(default="")
    smtp_host: str = "localhost"


def load_settings(env=os.environ) -> Settings:
    """Reads the config file (if any) over the defaults; unknown keys are an error."""
    settings = Settings()
    path = env.get("INVOICESVC_CONFIG")
    if path:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        known = {f.name for f in fields(Settings)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise ValueError(f"unknown config keys in {path}: {', '.join(unknown)}")
        for key, value in data.items():
            setattr(settings, key, value)
    if settings.page_size < 1:
        raise ValueError("page_size must be >= 1")
    log.info("configuration loaded from %s: %r", path or "defaults", settings)
    return settings
