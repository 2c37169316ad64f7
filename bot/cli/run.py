"""`digestbot run`: the bot itself."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.cli import app
from bot.cli.common import settings


@app.command("run")
def run_command(
    once: Annotated[bool, typer.Option("--once", help="Poll, plan and deliver once, then exit.")] = False,
) -> None:
    """Run the bot: poll the sources, post digests on each channel's schedule, answer slash commands.

    With SLACK_BOT_TOKEN and SLACK_APP_TOKEN it connects over Socket Mode; with SLACK_BOT_TOKEN and
    SLACK_SIGNING_SECRET it serves HTTP on PORT (/slack/events, /healthz). With no Slack
    credentials it prints each digest here. Settings come from the environment, .env and
    config/digestbot.toml (see the README).
    """
    from bot import logs
    from bot.runtime import build, check_slack, serve
    from bot.settings import SettingsError

    config = settings()
    secrets = [s.get_secret_value() for s in (config.slack_bot_token, config.slack_signing_secret, config.slack_app_token,
                                              config.slack_client_secret) if s]
    logs.setup(config.log_level, secrets)
    try:
        runtime = build(config)
        if once:
            if config.mode != "console" and not check_slack(runtime):
                typer.echo("digestbot: Slack did not answer auth.test; nothing was posted", err=True)
                raise typer.Exit(1)
            runtime.runner.tick()
            return
        serve(runtime)
    except SettingsError as exc:
        typer.echo(f"digestbot: {exc}", err=True)
        raise typer.Exit(2) from None
