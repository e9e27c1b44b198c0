"""Key names of the tools' settings view, in one place."""
_SMTP = "smtp"


def _join(*parts):
    return "_".join(parts)


SMTP = _SMTP
SMTP_HOST = _SMTP + "_host"
SMTP_PORT = _SMTP + "_port"
SMTP_USER = _SMTP + "_user"
USE_TLS = _join("use", "tls")
TIMEOUT_MS = _join("timeout", "ms")
LOG_LEVEL = f"{'log'}_level"
LOOKBACK_HOURS = _join("lookback", "hours")
RETENTION = "reten" + "tion"
ARCHIVE_DIR = _join("archive", "dir")
