"""The request check that runs before Bolt: Slack's published vector, malformed headers, staleness, replays."""

from __future__ import annotations

import pytest

from bot.slack.http import SignatureCheck

# Slack's documented example (docs.slack.dev, "Verifying requests from Slack").
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TIMESTAMP = "1531420618"
BODY = (
    b"token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    b"&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    b"&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    b"&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def check(now: float = 1531420618 + 10) -> SignatureCheck:
    return SignatureCheck(SECRET, clock=lambda: now)


def headers(ts: str = TIMESTAMP, sig: str = SIGNATURE) -> dict[str, str]:
    return {"x-slack-request-timestamp": ts, "x-slack-signature": sig}


def test_slacks_published_vector_is_accepted():
    assert check().problem(headers(), BODY) is None


def test_one_changed_body_byte_is_refused():
    assert check().problem(headers(), BODY.replace(b"foobar", b"foobaz")) == "bad signature"


@pytest.mark.parametrize(
    "ts, sig, reason",
    [
        ("abc", SIGNATURE, "missing or malformed timestamp"),
        ("9" * 5000, SIGNATURE, "missing or malformed timestamp"),
        ("", SIGNATURE, "missing or malformed timestamp"),
        ("-1531420618", SIGNATURE, "missing or malformed timestamp"),
        (TIMESTAMP, "v0=" + "é" * 64, "missing or malformed signature"),
        (TIMESTAMP, SIGNATURE.upper(), "missing or malformed signature"),
        (TIMESTAMP, "v1=" + SIGNATURE[3:], "missing or malformed signature"),
        (TIMESTAMP, "", "missing or malformed signature"),
    ],
)
def test_malformed_headers_are_refused_with_a_reason(ts, sig, reason):
    assert check().problem(headers(ts, sig), BODY) == reason


def test_a_request_more_than_five_minutes_old_or_ahead_is_stale():
    assert check(now=1531420618 + 301).problem(headers(), BODY) == "stale timestamp"
    assert check(now=1531420618 - 301).problem(headers(), BODY) == "stale timestamp"


def test_a_body_that_is_not_utf8_is_refused():
    assert check().problem(headers(), BODY + b"\xff") == "body is not UTF-8"


def test_the_same_signed_request_twice_is_a_replay():
    verifier = check()
    assert verifier.problem(headers(), BODY) is None
    assert verifier.problem(headers(), BODY) == "replayed request"
