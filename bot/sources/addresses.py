"""Which hosts a fetch may connect to: public addresses only, unless private ones are allowed.

`ipaddress.is_global` alone is not enough: it calls the NAT64 form `64:ff9b::7f00:1` and the
IPv4-compatible form `::127.0.0.1` global, so embedded IPv4 addresses are unwrapped and checked too.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Collection

from bot.sources.base import SourceError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_CGNAT = ipaddress.ip_network("100.64.0.0/10")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")
_COMPAT = ipaddress.ip_network("::/96")


def embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address carried inside an IPv6 one (mapped, NAT64, compatible, 6to4), if any."""
    if ip.version != 6:
        return None
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in _NAT64 or (ip in _COMPAT and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour


def address_problem(ip: IPAddress) -> str | None:
    """Why `ip` must not be fetched from ("a loopback address"), or None when it is public."""
    inner = embedded_ipv4(ip)
    if inner is not None:
        problem = address_problem(inner)
        return f"{problem} ({inner} inside)" if problem else None
    if ip.version == 6 and ip.teredo:
        return "a Teredo tunnel address"
    if ip.version == 6 and ip in _NAT64_LOCAL:
        return "a local-use NAT64 address"
    checks = (
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.version == 4 and ip in _CGNAT, "a shared (CGNAT) address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (not ip.is_global, "a non-public address"),
    )
    return next((reason for hit, reason in checks if hit), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses `host` resolves to. Numeric spellings (2130706433, 0x7f000001, 0177.0.0.1) resolve too."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(f"cannot resolve {host}: {exc}") from None
    found: list[IPAddress] = []
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if ip not in found:
            found.append(ip)
    if not found:
        raise SourceError(f"cannot resolve {host}: no addresses")
    return found


AllowPrivate = bool | Collection[str]


def checked_address(host: str, port: int, *, allow_private: AllowPrivate = False) -> IPAddress:
    """The address to connect to for `host`; refuses when ANY resolved address is not public.

    `allow_private`: True allows every address; a collection of networks ("127.0.0.1/32") allows those only.
    """
    if not host:
        raise SourceError("refused: URL has no host")
    addresses = resolve(host, port)
    if allow_private is not True:
        allowed = [ipaddress.ip_network(n, strict=False) for n in (allow_private or ())]
        for ip in addresses:
            problem = None if any(ip in net for net in allowed) else address_problem(ip)
            if problem:
                shown = f"{host} ({ip})" if host.strip("[]") != str(ip) else str(ip)
                raise SourceError(f"refused: {shown} is {problem}")
    return addresses[0]
