"""Fixtures shared by every test package."""

pytest_plugins = ["tests.support.fixtures", "tests.support.bot_server"]
