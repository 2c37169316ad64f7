"""Pytest fixtures shared across test packages (register with `pytest_plugins` in tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.slack_standin import STANDIN_TOKEN, SlackStandin


@pytest.fixture
def slack_standin() -> Iterator[SlackStandin]:
    """A running Slack Web API stand-in on 127.0.0.1; `slack_standin.url` is the client's base_url."""
    with SlackStandin() as standin:
        yield standin


@pytest.fixture
def slack_token() -> str:
    return STANDIN_TOKEN
