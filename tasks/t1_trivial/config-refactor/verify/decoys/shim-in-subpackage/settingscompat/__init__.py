"""Keeps the tools' view of the settings stable while the file layout moves to v2."""
from . import names as N


def tool_view(cfg: dict) -> dict:
    """The loaded v2 settings, plus the view the digest and cleanup code was written against."""
    smtp = cfg["mail"]["smtp"]
    view = dict(cfg)
    view[N.LOG_LEVEL] = cfg["logging"]["level"]
    view[N.SMTP] = {N.SMTP_HOST: smtp["host"], N.SMTP_PORT: smtp["port"], N.SMTP_USER: smtp["user"],
                    N.USE_TLS: smtp["tls"], N.TIMEOUT_MS: smtp["timeout_s"] * 1000}
    digest = dict(cfg["digest"])
    digest[N.LOOKBACK_HOURS] = digest["window_minutes"] / 60
    digest["recipients"] = cfg["mail"]["recipients"]
    view["digest"] = digest
    view[N.RETENTION] = {N.ARCHIVE_DIR: cfg["archive"]["dir"], "keep_days": cfg["archive"]["keep_days"]}
    return view
