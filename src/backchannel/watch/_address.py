"""Which addresses a fetch may reach: public ones only, unless the user allows private ones.

A host name is resolved and *every* address it resolves to is checked, IPv4 and IPv6 alike, so
that a name with one public and one private address is refused. IPv6 forms that carry an IPv4
address inside them (mapped ``::ffff:a.b.c.d``, 6to4 ``2002::/16``, NAT64 ``64:ff9b::/96``, the
old IPv4-compatible ``::a.b.c.d``, Teredo) are judged by that IPv4 address as well.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from backchannel.watch._errors import BlockedAddress, FetchError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_COMPATIBLE = ipaddress.ip_network("::/96")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host``, in its order, without repeats."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _embedded(ip: Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside an IPv6 one."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    if ip in _NAT64 or ip in _COMPATIBLE:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return [v4 for v4 in found if v4 is not None]


def why_refused(ip: Address) -> str | None:
    """Why a fetch may not reach ``ip`` (loopback, private, ...), or None for a public address."""
    for inner in _embedded(ip):
        reason = why_refused(inner)
        if reason:
            return f"{reason} (inside {ip})"
    checks = (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("unspecified", ip.is_unspecified),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), None)


def parse_ip(text: str) -> Address | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0].strip("[]"))  # a zone id is no part of it
    except ValueError:
        return None


def public_addresses(url: str, host: str, port: int, resolver: Resolver) -> list[str]:
    """The addresses of ``host``, all checked; ``BlockedAddress`` names the first one refused."""
    literal = parse_ip(host)
    if literal is not None:
        found = [str(literal)]
    else:
        try:
            found = resolver(host, port)
        except (OSError, UnicodeError) as exc:
            raise FetchError(url, f"cannot resolve {host} ({exc})", retryable=True) from None
        if not found:
            raise FetchError(url, f"{host} resolves to no address", retryable=True)
    for text in found:
        ip = parse_ip(text)
        reason = "not an IP address" if ip is None else why_refused(ip)
        if reason:
            raise BlockedAddress(
                url, f"{host} resolves to {text}, a {reason} address; pass --allow-private to fetch it"
            )
    return found
