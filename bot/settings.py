"""Settings from the environment, a `.env` file and `config/digestbot.toml`, in that order of precedence.

Tokens are `SecretStr`: they print as `**********` in logs, reprs and error messages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from bot.schedule.triggers import ScheduleError, validate, zone

CONFIG_FILE = Path("config/digestbot.toml")
SLACK_API_URL = "https://slack.com/api/"


class SettingsError(ValueError):
    """Settings the bot cannot start with; the message names each setting and how to fix it."""


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Person(BaseModel):
    """A roster entry: how a name in the briefings is shown in digests."""

    full_name: str | None = None
    title: str | None = None
    link: str | None = None


class SourceConfig(BaseModel):
    """One `[[sources]]` table: where briefings come from. Kind-specific keys are passed through."""

    model_config = {"extra": "allow"}
    name: str
    kind: Literal["inbox", "feed", "web", "imap"]


class ChannelConfig(BaseModel):
    """One `[[channels]]` table: a Slack channel, the sources it follows and when it posts."""

    id: str
    sources: list[str] = Field(default_factory=lambda: ["*"])
    schedule: str = "asap"
    timezone: str = "UTC"

    @model_validator(mode="after")
    def _check_schedule(self) -> ChannelConfig:
        try:
            self.schedule = validate(self.schedule, self.timezone)
        except ScheduleError as exc:
            raise ValueError(str(exc)) from None
        return self


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", toml_file=CONFIG_FILE, populate_by_name=True
    )

    slack_bot_token: SecretStr | None = Field(None, validation_alias=_alias("SLACK_BOT_TOKEN", "slack_bot_token"))
    slack_signing_secret: SecretStr | None = Field(
        None, validation_alias=_alias("SLACK_SIGNING_SECRET", "slack_signing_secret")
    )
    slack_app_token: SecretStr | None = Field(None, validation_alias=_alias("SLACK_APP_TOKEN", "slack_app_token"))
    slack_api_url: str = Field(SLACK_API_URL, validation_alias=_alias("SLACK_API_URL", "slack_api_url"))
    database_url: str = Field(
        "sqlite:///data/digestbot.db", validation_alias=_alias("DIGEST_DATABASE_URL", "database_url")
    )
    inbox: Path = Field(Path("briefings"), validation_alias=_alias("DIGEST_INBOX", "inbox"))
    channel: str | None = Field(None, validation_alias=_alias("DIGEST_CHANNEL", "channel"))
    schedule: str = Field("asap", validation_alias=_alias("DIGEST_SCHEDULE", "schedule"))
    timezone: str = Field("UTC", validation_alias=_alias("DIGEST_TIMEZONE", "timezone"))
    poll_seconds: float = Field(60, gt=0, validation_alias=_alias("DIGEST_POLL_SECONDS", "poll_seconds"))
    inbox_settle_seconds: float = Field(
        2, ge=0, validation_alias=_alias("DIGEST_INBOX_SETTLE_SECONDS", "inbox_settle_seconds")
    )
    port: int = Field(3000, ge=1, le=65535, validation_alias=_alias("PORT", "port"))
    log_level: str = Field("INFO", validation_alias=_alias("DIGEST_LOG_LEVEL", "log_level"))
    sources: list[SourceConfig] = Field(default_factory=list)
    channels: list[ChannelConfig] = Field(default_factory=list)
    roster: dict[str, Person] = Field(default_factory=dict)
    delivery_alert_seconds: float = Field(
        10, ge=0, validation_alias=_alias("DIGEST_DELIVERY_ALERT_SECONDS", "delivery_alert_seconds"))
    history_reads_per_minute: float = Field(
        1, gt=0, validation_alias=_alias("DIGEST_HISTORY_READS_PER_MINUTE", "history_reads_per_minute"))
    # Installation by OAuth (many workspaces) instead of one SLACK_BOT_TOKEN; Bolt's conventional names.
    slack_client_id: str | None = Field(None, validation_alias=_alias("SLACK_CLIENT_ID", "slack_client_id"))
    slack_client_secret: SecretStr | None = Field(
        None, validation_alias=_alias("SLACK_CLIENT_SECRET", "slack_client_secret")
    )
    slack_scopes: str | None = Field(None, validation_alias=_alias("SLACK_SCOPES", "slack_scopes"))
    slack_redirect_uri: str | None = Field(None, validation_alias=_alias("SLACK_REDIRECT_URI", "slack_redirect_uri"))
    leader_lease_seconds: float = Field(
        15, ge=3, le=600, validation_alias=_alias("DIGEST_LEADER_LEASE_SECONDS", "leader_lease_seconds")
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return init_settings, env_settings, dotenv_settings, TomlConfigSettingsSource(settings_cls)

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            zone(value)
        except ScheduleError as exc:
            raise ValueError(str(exc)) from None
        return value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        try:
            self.schedule = validate(self.schedule, self.timezone)
        except ScheduleError as exc:
            raise ValueError(f"DIGEST_SCHEDULE: {exc}") from None
        if self.slack_bot_token and not (self.slack_signing_secret or self.slack_app_token):
            raise ValueError(
                "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is"
            )
        if (self.slack_signing_secret or self.slack_app_token) and not self.slack_bot_token \
                and not (self.slack_client_id or self.slack_client_secret):
            raise ValueError("SLACK_BOT_TOKEN is missing (the xoxb- token from the app's OAuth & Permissions page)")
        if self.slack_app_token and not self.slack_app_token.get_secret_value().startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information page)")
        if not self.slack_api_url.endswith("/"):
            self.slack_api_url += "/"
        names = [s.name for s in self.sources]
        if len(names) != len(set(names)):
            raise ValueError("sources: two [[sources]] entries share a name")
        return self

    @property
    def mode(self) -> Literal["console", "socket", "http"]:
        """How the bot talks to Slack: not at all (console), over Socket Mode, or over HTTP."""
        if not self.slack_bot_token:
            return "http" if self.oauth else "console"
        return "socket" if self.slack_app_token else "http"

    @model_validator(mode="after")
    def _check_oauth(self) -> Settings:
        if bool(self.slack_client_id) != bool(self.slack_client_secret):
            raise ValueError("SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together (Basic Information → App Credentials)")
        if not self.oauth:
            return self
        if self.slack_bot_token:
            raise ValueError("set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                             "(workspaces install the app by OAuth), not both")
        if self.slack_app_token or not self.slack_signing_secret:
            raise ValueError("installing by OAuth needs HTTP mode: set SLACK_SIGNING_SECRET and unset SLACK_APP_TOKEN")
        return self

    @property
    def oauth(self) -> bool:
        """Workspaces install the app from /slack/install; their tokens live in the database."""
        return bool(self.slack_client_id and self.slack_client_secret)

    def all_sources(self) -> list[dict[str, Any]]:
        """The configured sources, with the inbox folder first unless the config names its own inbox."""
        specs = [s.model_dump() for s in self.sources]
        if not any(s["kind"] == "inbox" for s in specs):
            specs.insert(0, {"name": "inbox", "kind": "inbox", "path": str(self.inbox),
                             "settle_seconds": self.inbox_settle_seconds})
        return specs

    def all_channels(self) -> list[ChannelConfig]:
        """Configured channels, plus DIGEST_CHANNEL on DIGEST_SCHEDULE when it is set."""
        channels = list(self.channels)
        if self.channel and all(c.id != self.channel for c in channels):
            channels.append(ChannelConfig(id=self.channel, schedule=self.schedule, timezone=self.timezone))
        return channels


def load(**overrides: Any) -> Settings:
    """Settings, or SettingsError with one line per problem (never echoing a secret's value)."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None


def _explain(exc: ValidationError) -> str:
    lines = []
    for err in exc.errors(include_input=False, include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "settings"
        msg = err["msg"].removeprefix("Value error, ")
        lines.append(f"{where}: {msg}" if where != "settings" else msg)
    return "invalid settings:\n  " + "\n  ".join(lines)
