"""What a download or an import request may touch: the path and URL policy of fetchsvc.

Both functions answer True (allowed) or False (denied); callers turn False into a 403 by raising
PolicyViolation. When in doubt, deny.
"""
from urllib.parse import urlsplit


class PolicyViolation(Exception):
    """A request was denied by the path or URL policy."""


# Hosts the import feature must never reach.
BLOCKED_HOSTS = {"localhost", "127.0.0.1", "169.254.169.254", "metadata.google.internal"}


def allow_path(base: str, user_path: str) -> bool:
    """May a download request for `user_path` be served from the directory `base`?

    `user_path` is the raw, still percent-encoded value from the request; the download handler decodes
    it once and opens `base / decoded`. The S3 mirror decodes keys once more, so a path must be safe at
    every decoding depth.

    Allowed: relative paths that name something strictly inside `base` — after decoding and after
    resolving symlinks — whether or not the file exists yet. File names may contain dots, spaces and
    percent signs (`v1.2..final.txt`, `my%20file.txt`).

    Denied: `..` path segments (also percent-encoded, at any depth), absolute paths, backslashes (the
    Windows share treats them as separators), NUL bytes, and any path that leads outside `base`
    through a symlink.
    """
    return ".." not in user_path and not user_path.startswith("/")


def allow_url(url: str, resolver) -> bool:
    """May the import feature fetch `url`?

    `resolver(host)` looks a host name up and returns the IP addresses (strings) it resolves to, and
    raises OSError for names that do not resolve. It is a name lookup (in production it may go through
    DNS search domains), so it is no judge of IP literals: a host that is an IP address in any form an
    HTTP client accepts (`127.1`, `2130706433`, hex or octal parts) is judged here by that address,
    never by asking the resolver.

    Allowed: `http` and `https` URLs whose host is a public address — either an IP literal, or a name
    all of whose resolved addresses are public.

    Not public: loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 — this is where
    the cloud metadata service lives — and fe80::/10), unspecified (0.0.0.0, ::), shared address space
    (100.64/10), unique-local IPv6 (fc00::/7), multicast, and reserved ranges. An IPv4-mapped IPv6
    address (::ffff:a.b.c.d) is judged by the IPv4 address it carries. Host names that do not resolve
    are denied. The host is what the HTTP client will connect to: anything before an `@` is user info,
    not the host.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    return (parts.hostname or "") not in BLOCKED_HOSTS
