"""`digestbot run`: the bot itself."""

from __future__ import annotations

import logging
from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import EXIT_DATABASE, EXIT_SETTINGS, fail, settings


@app.command("run")
def run_command(
    once: Annotated[bool, typer.Option("--once", help="Poll, plan and deliver once, then exit.")] = False,
) -> None:
    """Run the bot: poll the sources, post digests on each channel's schedule, answer slash commands.

    With SLACK_BOT_TOKEN and SLACK_APP_TOKEN it connects over Socket Mode; with SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET it serves HTTP on PORT (/slack/events, /healthz). With no Slack
    credentials it prints each digest here. Settings come from the environment, .env and
    config/digestbot.toml (see the README). Relative paths resolve against the home folder:
    DIGEST_HOME, else the nearest folder holding config/digestbot.toml.

    Exit codes: 0 stopped normally, 2 a setting is wrong, 3 the database cannot be opened.
    """
    from bot import logs
    from bot.runtime import build, check_slack, serve
    from bot.settings import CONFIG_FILE, SettingsError
    from bot.store import StoreUnavailable

    config = settings()
    secrets = [
        s.get_secret_value()
        for s in (
            config.slack_bot_token,
            config.slack_signing_secret,
            config.slack_app_token,
            config.slack_client_secret,
        )
        if s
    ]
    logs.setup(config.log_level, secrets)
    try:
        runtime = build(config)
        if not (config.home / CONFIG_FILE).is_file():
            logging.getLogger("bot").warning(
                "no %s here or in a folder above; %s is the home folder (set DIGEST_HOME to the bot's folder to use "
                "its archive)",
                CONFIG_FILE,
                config.home,
            )
        if once:
            if config.mode != "console" and not check_slack(runtime):
                typer.echo("digestbot: Slack did not answer auth.test; nothing was posted", err=True)
                raise typer.Exit(1)
            runtime.runner.tick()
            return
        serve(runtime)
    except SettingsError as exc:
        fail(str(exc), EXIT_SETTINGS)
    except StoreUnavailable as exc:
        fail(f"DIGEST_DATABASE_URL: {exc}", EXIT_DATABASE)
