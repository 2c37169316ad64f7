"""The address checker refuses every non-public spelling without connecting anywhere."""

from __future__ import annotations

import ipaddress

import pytest

from bot.sources.addresses import address_problem, checked_address
from bot.sources.base import SourceError
from bot.sources.fetch import check_url

REFUSED = {
    "http://127.0.0.1/": "loopback",
    "http://127.1/": "loopback",
    "http://2130706433/": "loopback",
    "http://0x7f000001/": "loopback",
    "http://localhost/": "loopback",
    "http://[::1]/": "loopback",
    "http://[::ffff:127.0.0.1]/": "loopback",
    "http://[::ffff:7f00:1]/": "loopback",
    "http://[64:ff9b::7f00:1]/": "loopback",
    "http://[::127.0.0.1]/": "loopback",
    "http://[2002:7f00:1::]/": "loopback",
    "http://0/": "unspecified",
    "http://0.0.0.0/": "unspecified",
    "http://169.254.169.254/latest/meta-data/": "link-local",
    "http://[fe80::1]/": "link-local",
    "http://100.64.0.1/": "CGNAT",
    "http://10.0.0.1/": "private",
    "http://192.168.1.1/": "private",
    "http://172.16.0.1/": "private",
    "http://[fd00::1]/": "private",
    "http://[::ffff:10.0.0.1]/": "private",
    "http://[64:ff9b::a9fe:a9fe]/": "link-local",
    "http://224.0.0.1/": "multicast",
    "http://[ff02::1]/": "multicast",
    "http://240.0.0.1/": "reserved",
}


@pytest.mark.parametrize("url, reason", sorted(REFUSED.items()))
def test_non_public_addresses_are_refused(url, reason):
    with pytest.raises(SourceError, match=reason) as err:
        check_url(url)
    assert str(err.value).startswith("refused: ")
    assert "\n" not in str(err.value)


def test_loopback_message_is_plain():
    with pytest.raises(SourceError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        check_url("http://127.0.0.1:8080/feed.xml")


def test_numeric_spelling_names_the_real_address():
    with pytest.raises(SourceError, match=r"2130706433 \(127\.0\.0\.1\) is a loopback address"):
        check_url("http://2130706433/")


def test_octal_spelling_is_refused():
    # httpx itself rejects the leading-zero form; either way no request is made
    with pytest.raises(SourceError, match="refused"):
        check_url("http://0177.0.0.1/")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/", "gopher://x/", "javascript:alert(1)"])
def test_only_http_and_https(url):
    with pytest.raises(SourceError, match="refused: scheme"):
        check_url(url)


def test_credentials_in_url_are_refused():
    with pytest.raises(SourceError, match="credentials"):
        check_url("http://user:pw@8.8.8.8/")


@pytest.mark.parametrize("ip", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"])
def test_public_addresses_pass(ip):
    assert address_problem(ipaddress.ip_address(ip)) is None


def test_public_literal_resolves_without_network():
    assert check_url("https://8.8.8.8/feed") == "8.8.8.8"
    assert check_url("http://[2606:4700:4700::1111]/") == "2606:4700:4700::1111"


def test_allow_private_true_allows_everything():
    assert str(checked_address("127.0.0.1", 80, allow_private=True)) == "127.0.0.1"


def test_allowlist_allows_only_its_networks():
    assert str(checked_address("127.0.0.1", 80, allow_private=["127.0.0.1/32"])) == "127.0.0.1"
    with pytest.raises(SourceError, match=r"127\.0\.0\.2 is a loopback"):
        checked_address("127.0.0.2", 80, allow_private=["127.0.0.1/32"])
    with pytest.raises(SourceError, match=r"169\.254\.169\.254 is a link-local"):
        checked_address("169.254.169.254", 80, allow_private=["127.0.0.0/8"])


def test_empty_host_is_refused():
    with pytest.raises(SourceError, match="no host"):
        checked_address("", 80)
