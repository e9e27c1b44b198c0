"""What a download or an import request may touch: the path and URL policy of fetchsvc.

Both functions answer True (allowed) or False (denied); callers turn False into a 403 by raising
PolicyViolation. When in doubt, deny.
"""
import ipaddress
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit


class PolicyViolation(Exception):
    """A request was denied by the path or URL policy."""


# More nested percent-encoding than this is not a file name, it is an attack.
MAX_DECODE_DEPTH = 4
# One part of a numeric IPv4 host as inet_aton reads it: decimal, octal (leading 0) or hex (0x).
_NUMERIC_PART = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")


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
    if not isinstance(user_path, str) or not user_path:
        return False
    layers = _decoding_layers(user_path)
    if layers is None:
        return False
    for layer in layers:
        if "\x00" in layer or "\\" in layer or layer.startswith("/"):
            return False
        if ".." in layer.split("/"):
            return False
    # What the download handler opens, with every symlink resolved, must stay strictly inside base.
    try:
        root = Path(os.path.realpath(base))
        target = Path(os.path.realpath(os.path.join(root, unquote(user_path))))
    except (OSError, ValueError):
        return False
    return target != root and root in target.parents


def _decoding_layers(text: str):
    """The text and each successive percent-decoding of it, until it stops changing (None: too deep)."""
    layers = [text]
    for _ in range(MAX_DECODE_DEPTH):
        decoded = unquote(layers[-1])
        if decoded == layers[-1]:
            return layers
        layers.append(decoded)
    return None


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
    try:
        parts = urlsplit(url)
        parts.port  # raises ValueError for a malformed port
    except (ValueError, TypeError, AttributeError):
        return False
    if parts.scheme.lower() not in ("http", "https"):
        return False
    host = parts.hostname  # lower-cased, without user info, port or IPv6 brackets
    if not host or any(c in host for c in "%\\ \t\r\n"):
        return False  # zone ids and junk that different HTTP clients parse differently
    try:
        literal = _ip(host) or _ipv4_any_form(host.removesuffix("."))
    except ValueError:
        return False  # looks numeric but is no address: clients disagree on what it means
    if literal is not None:
        return _is_public(literal)
    # A name: every address it resolves to must be public.
    try:
        addresses = list(resolver(host))
    except Exception:
        return False
    if not addresses:
        return False
    for address in addresses:
        ip = _ip(str(address).split("%", 1)[0])
        if ip is None or not _is_public(ip):
            return False
    return True


def _ipv4_any_form(host: str):
    """The IPv4 address of a host written the way inet_aton reads it (1 to 4 dot-separated parts, each
    decimal, octal with a leading 0 or hex with 0x; the last part fills the remaining bytes), None for a
    host that is not numeric, ValueError for a numeric one that is no valid address."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_NUMERIC_PART.fullmatch(p) for p in parts):
        return None
    values = [int(p, 16) if p.lower().startswith("0x") else int(p, 8) if len(p) > 1 and p.startswith("0")
              else int(p) for p in parts]
    *head, last = values
    if any(v > 255 for v in head) or last >= 256 ** (4 - len(head)):
        raise ValueError(f"numeric host out of range: {host}")
    number = last
    for i, v in enumerate(head):
        number += v << (8 * (3 - i))
    return ipaddress.IPv4Address(number)


def _ip(text: str):
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _is_public(ip) -> bool:
    if ip.version == 6 and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
