"""Settings from the environment, a `.env` file and `config/digestbot.toml`, in that order of precedence.

Tokens are `SecretStr`: they print as `**********` in logs, reprs and error messages.

Relative paths (the config file, `.env`, the inbox, a SQLite database) resolve against the bot's
home folder: DIGEST_HOME when set, else the nearest folder (the current one or one above it) that
holds `config/digestbot.toml`, else the current folder. So `digestbot run` started from another
folder still finds its archive.
"""

from __future__ import annotations

import os
import re
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, TomlConfigSettingsSource

from bot.schedule.triggers import ScheduleError, validate, zone

CONFIG_FILE = Path("config/digestbot.toml")  # relative to the home folder
SAMPLES = Path("examples")  # the sample briefing, read in console mode only
SLACK_API_URL = "https://slack.com/api/"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_HOME: ContextVar[Path | None] = ContextVar("digestbot_home", default=None)
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]+$")
_CHANNEL_LINK = re.compile(r"/archives/([CGD][A-Z0-9]+)(?:[/?#]|$)")
_CLIENT_ID = re.compile(r"^\d+\.\d+$")
_SCOPE = re.compile(r"^[a-z_]+(?::[a-z_.]+)*$")
OAUTH_REDIRECT_PATH = "/slack/oauth_redirect"


class SettingsError(ValueError):
    """Settings the bot cannot start with; the message names each setting and how to fix it."""


def _alias(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Person(BaseModel):
    """A roster entry: how a name in the briefings is shown in digests."""

    full_name: str | None = None
    title: str | None = None
    link: str | None = None


# -- [[sources]]: one typed model per kind. A key the kind does not know (a typo such as `urll`) or a
# value of the wrong type is a settings error at start, naming the source and the key.

#: Reach private networks: True for all, or a list of networks such as ["10.1.2.0/24"].
AllowPrivate = bool | list[str]


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)

    def options(self) -> dict[str, Any]:
        """The keyword arguments of the kind's source class."""
        return self.model_dump(exclude={"name", "kind"})


class InboxConfig(_Source):
    """A watched folder: text, Markdown, HTML and e-mail files."""

    kind: Literal["inbox"]
    path: str = Field(min_length=1)
    settle_seconds: float | None = Field(None, ge=0)  # None: DIGEST_INBOX_SETTLE_SECONDS

    def options(self) -> dict[str, Any]:
        return self.model_dump(exclude={"name", "kind"}, exclude_none=True)


class FeedConfig(_Source):
    """An RSS or Atom feed, polled with conditional GET."""

    kind: Literal["feed"]
    url: str = Field(min_length=1)
    fetch_teasers: bool = True  # fetch the linked article when an entry is only a teaser
    allow_private: AllowPrivate = False
    timeout: float = Field(10, gt=0)


class WebConfig(_Source):
    """Web pages reduced to their article text (`url` for one page, `urls` for several or a sitemap)."""

    kind: Literal["web"]
    urls: list[str] = Field(min_length=1)
    allow_private: AllowPrivate = False
    timeout: float = Field(10, gt=0)

    @model_validator(mode="before")
    @classmethod
    def _one_url(cls, data: Any) -> Any:
        if isinstance(data, dict) and "url" in data:
            data = dict(data)
            url = data.pop("url")
            data["urls"] = [*data.get("urls", []), url]
        return data


class ImapConfig(_Source):
    """Unseen messages in an IMAP folder, flagged once stored."""

    kind: Literal["imap"]
    host: str = Field(min_length=1)
    user: str = Field(min_length=1)
    password: SecretStr | None = None  # better: password_env, resolved by the settings
    password_env: str | None = None  # the variable (environment or .env) that holds the password
    port: int = Field(993, gt=0, lt=65536)
    folder: str = "INBOX"
    sender: str | None = None  # only messages from this sender
    ssl: bool = True
    mark: str | None = "\\Seen"
    timeout: float = Field(30, gt=0)

    @model_validator(mode="after")
    def _needs_a_password(self) -> ImapConfig:
        if self.password is None and not self.password_env:
            raise ValueError('needs password_env = "NAME" (the password in $NAME or .env) or password')
        return self

    def options(self) -> dict[str, Any]:
        options = self.model_dump(exclude={"name", "kind", "password_env"})
        options["password"] = self.password.get_secret_value() if self.password else ""
        return options


AnySource = InboxConfig | FeedConfig | WebConfig | ImapConfig
SourceConfig = Annotated[AnySource, Field(discriminator="kind")]
KIND_MODELS: dict[str, type[_Source]] = {"inbox": InboxConfig, "feed": FeedConfig, "web": WebConfig, "imap": ImapConfig}


def keys_of(kind: str) -> list[str]:
    """The keys a `[[sources]]` table of `kind` may have besides name and kind (for error messages)."""
    model = KIND_MODELS.get(kind)
    return [k for k in model.model_fields if k not in ("name", "kind")] if model else []


def channel_id(value: str) -> str:
    """A channel ID from an ID or a channel link (`…/archives/C0123456789`); ValueError says how to find one."""
    value = value.strip()
    if _CHANNEL_ID.match(value):
        return value
    found = _CHANNEL_LINK.search(value)
    if found:
        return found.group(1)
    raise ValueError(
        "not a channel ID: use the ID such as C0123456789 (right-click the channel → Copy link; the ID is its last part), "
        "not a #name"
    )


class ChannelConfig(BaseModel):
    """One `[[channels]]` table: a Slack channel, the sources it follows and when it posts."""

    id: str
    sources: list[str] = Field(default_factory=lambda: ["*"])
    schedule: str = "asap"
    timezone: str = "UTC"
    team: str | None = None  # with installs by OAuth: the workspace (T…) whose token posts here
    enterprise: str | None = None  # and its Enterprise Grid org (E…), for an org-wide install

    @field_validator("team", "enterprise")
    @classmethod
    def _check_workspace(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        value = value.strip()
        first = "T" if info.field_name == "team" else "E"
        if not re.fullmatch(rf"{first}[A-Z0-9]{{2,}}", value):
            kind = "a workspace" if first == "T" else "an Enterprise Grid org"
            raise ValueError(
                f"{info.field_name} {value[:40]!r} is not {kind} ID: use the ID such as {first}0123456789 "
                "(the bot logs it when the app is installed)"
            )
        return value

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

    home: Path = Field(default_factory=Path.cwd, validation_alias=_alias("DIGEST_HOME", "home"))

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
        10, ge=0, validation_alias=_alias("DIGEST_DELIVERY_ALERT_SECONDS", "delivery_alert_seconds")
    )
    history_reads_per_minute: float = Field(
        1, gt=0, validation_alias=_alias("DIGEST_HISTORY_READS_PER_MINUTE", "history_reads_per_minute")
    )
    post_interval_seconds: float = Field(  # between posts to one channel, shared by every replica
        1, ge=0.05, le=60, validation_alias=_alias("DIGEST_POST_INTERVAL_SECONDS", "post_interval_seconds")
    )
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
        return init_settings, env_settings, dotenv_settings, TomlConfigSettingsSource(settings_cls, config_file())

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            zone(value)
        except ScheduleError as exc:
            raise ValueError(str(exc)) from None
        return value

    @field_validator("log_level")
    @classmethod
    def _check_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"unknown log level; use one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("channel")
    @classmethod
    def _check_channel(cls, value: str | None) -> str | None:
        return channel_id(value) if value else None

    @field_validator("channels")
    @classmethod
    def _check_channels(cls, channels: list[ChannelConfig]) -> list[ChannelConfig]:
        for channel in channels:
            try:
                channel.id = channel_id(channel.id)
            except ValueError as exc:
                raise ValueError(f"[[channels]] id {channel.id[:40]!r}: {exc}") from None
        return channels

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        return database_url(value)

    @field_validator("slack_client_id")
    @classmethod
    def _check_client_id(cls, value: str | None) -> str | None:
        value = (value or "").strip() or None
        if value and not _CLIENT_ID.match(value):
            raise ValueError(
                "not a client ID: copy the Client ID (digits, a dot, digits) from Basic Information → App Credentials"
            )
        return value

    @field_validator("slack_scopes")
    @classmethod
    def _check_scopes(cls, value: str | None) -> str | None:
        scopes = [s.strip() for s in (value or "").split(",") if s.strip()]
        bad = [s for s in scopes if not _SCOPE.match(s)]
        if bad:
            raise ValueError(
                f"{bad[0][:40]!r} is not a scope; list scopes separated by commas, "
                "e.g. commands,chat:write,app_mentions:read"
            )
        return ",".join(scopes) or None

    @field_validator("slack_redirect_uri")
    @classmethod
    def _check_redirect_uri(cls, value: str | None) -> str | None:
        value = (value or "").strip() or None
        if value and not re.match(rf"^https?://[^\s/?#]+(/[^\s?#]*)?{OAUTH_REDIRECT_PATH}$", value):
            raise ValueError(
                f"use the bot's full address ending in {OAUTH_REDIRECT_PATH}, e.g. "
                f"https://bot.example.org{OAUTH_REDIRECT_PATH} (the same in the app's OAuth & Permissions page)"
            )
        return value

    @model_validator(mode="after")
    def _check(self) -> Settings:
        self._resolve_paths()
        self._resolve_secrets()
        try:
            self.schedule = validate(self.schedule, self.timezone)
        except ScheduleError as exc:
            raise ValueError(f"DIGEST_SCHEDULE: {exc}") from None
        if self.slack_bot_token and not (self.slack_signing_secret or self.slack_app_token):
            raise ValueError(
                "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) nor SLACK_SIGNING_SECRET (HTTP mode) is"
            )
        if (
            (self.slack_signing_secret or self.slack_app_token)
            and not self.slack_bot_token
            and not (self.slack_client_id or self.slack_client_secret)
        ):
            raise ValueError("SLACK_BOT_TOKEN is missing (the xoxb- token from the app's OAuth & Permissions page)")
        if self.slack_app_token and not self.slack_app_token.get_secret_value().startswith("xapp-"):
            raise ValueError("SLACK_APP_TOKEN must be an app-level token starting with xapp- (Basic Information page)")
        if not self.slack_api_url.endswith("/"):
            self.slack_api_url += "/"
        names = [s.name for s in self.sources]
        if len(names) != len(set(names)):
            raise ValueError("sources: two [[sources]] entries share a name")
        return self

    def _resolve_secrets(self) -> None:
        """`password_env = "NAME"` in a [[sources]] table: the password comes from $NAME or NAME in .env."""
        from dotenv import dotenv_values

        for source in self.sources:
            if not isinstance(source, ImapConfig) or not source.password_env:
                continue
            var = source.password_env
            value = os.environ.get(var) or dotenv_values(self.home / ".env").get(var)
            if not value:
                raise ValueError(
                    f"sources: {source.name}: password_env names {var}, which is set neither in the "
                    "environment nor in .env; add it there"
                )
            source.password = SecretStr(value)

    def _resolve_paths(self) -> None:
        """Relative paths, resolved against the home folder (see the module's docstring)."""
        self.home = self.home.expanduser().resolve()
        self.inbox = self.home / self.inbox.expanduser()
        self.database_url = database_url(self.database_url, self.home)
        for source in self.sources:
            if isinstance(source, InboxConfig):
                source.path = str(self.home / Path(source.path).expanduser())

    @property
    def mode(self) -> Literal["console", "socket", "http"]:
        """How the bot talks to Slack: not at all (console), over Socket Mode, or over HTTP."""
        if not self.slack_bot_token:
            return "http" if self.oauth else "console"
        return "socket" if self.slack_app_token else "http"

    @model_validator(mode="after")
    def _check_oauth(self) -> Settings:
        if bool(self.slack_client_id) != bool(self.slack_client_secret):
            raise ValueError(
                "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET go together (Basic Information → App Credentials)"
            )
        if not self.oauth:
            return self
        if self.slack_bot_token:
            raise ValueError(
                "set SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET "
                "(workspaces install the app by OAuth), not both"
            )
        if self.slack_app_token or not self.slack_signing_secret:
            raise ValueError("installing by OAuth needs HTTP mode: set SLACK_SIGNING_SECRET and unset SLACK_APP_TOKEN")
        return self

    @property
    def oauth(self) -> bool:
        """Workspaces install the app from /slack/install; their tokens live in the database."""
        return bool(self.slack_client_id and self.slack_client_secret)

    def source_configs(self) -> list[AnySource]:
        """The configured sources, with the inbox folder first unless the config names its own inbox.

        In console mode, with the default inbox, the sample briefing in `examples/` is read too, so a
        first run shows a digest; with Slack credentials it is never read, so it never reaches a channel.
        """
        settle = self.inbox_settle_seconds
        configs: list[AnySource] = [
            c.model_copy(update={"settle_seconds": settle})
            if isinstance(c, InboxConfig) and c.settle_seconds is None
            else c
            for c in self.sources
        ]
        if not any(s.kind == "inbox" for s in configs):
            configs.insert(0, InboxConfig(name="inbox", kind="inbox", path=str(self.inbox), settle_seconds=settle))
            samples = self.home / SAMPLES
            if self.mode == "console" and self.inbox == self.home / "briefings" and samples.is_dir():
                configs.append(InboxConfig(name="sample", kind="inbox", path=str(samples), settle_seconds=0))
        return configs

    def all_sources(self) -> list[dict[str, Any]]:
        """`source_configs()` as plain dicts, for listings (`digestbot sources`, `/digest sources`)."""
        return [c.model_dump(exclude={"password", "password_env"}) for c in self.source_configs()]

    def all_channels(self) -> list[ChannelConfig]:
        """Configured channels, plus DIGEST_CHANNEL on DIGEST_SCHEDULE when it is set."""
        channels = list(self.channels)
        if self.channel and all(c.id != self.channel for c in channels):
            channels.append(ChannelConfig(id=self.channel, schedule=self.schedule, timezone=self.timezone))
        return channels


def database_url(url: str, home: Path | None = None) -> str:
    """The URL with a driver we ship (postgres:// becomes postgresql+psycopg://) and, given `home`, a
    relative SQLite path made absolute; ValueError names the fix."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url.strip())
    except ArgumentError:
        raise ValueError(
            "not a database URL; use sqlite:///data/digestbot.db or postgresql+psycopg://user:pass@host/db"
        ) from None
    if parsed.drivername in ("postgres", "postgresql", "postgresql+psycopg2", "postgres+psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.drivername not in ("sqlite", "sqlite+pysqlite", "postgresql+psycopg"):
        raise ValueError(
            f"unsupported database {parsed.drivername!r}; use sqlite:///path/to/file.db or "
            "postgresql+psycopg://user:pass@host/db"
        )
    database = parsed.database or ""
    if (
        home is not None
        and parsed.get_backend_name() == "sqlite"
        and database
        and database != ":memory:"
        and not database.startswith("file:")
        and not Path(database).expanduser().is_absolute()
    ):
        parsed = parsed.set(database=str(home / database))
    return parsed.render_as_string(hide_password=False)


def find_home(environ: Any = os.environ, cwd: Path | None = None) -> Path:
    """DIGEST_HOME, else the nearest folder from `cwd` up holding config/digestbot.toml, else `cwd`."""
    explicit = environ.get("DIGEST_HOME")
    if explicit:
        home = Path(explicit).expanduser().resolve()
        if not home.is_dir():
            raise SettingsError(
                f"DIGEST_HOME: {home} is not a folder; create it or point DIGEST_HOME at the "
                "folder that holds config/ and data/"
            )
        return home
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return here


def config_file() -> Path:
    """The config file of the home folder being loaded."""
    return (_HOME.get() or Path.cwd()) / CONFIG_FILE


def load(**overrides: Any) -> Settings:
    """Settings, or SettingsError with one line per problem (never echoing a secret's value)."""
    home = find_home()
    token = _HOME.set(home)
    try:
        return Settings(_env_file=home / ".env", **{"home": home, **overrides})  # type: ignore[call-arg]
    except ValidationError as exc:
        raise SettingsError(_explain(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{config_file()}: TOML syntax error: {exc}; fix that line of the file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{config_file()}: cannot read it ({exc}); check the file") from None
    finally:
        _HOME.reset(token)


def _explain(exc: ValidationError) -> str:
    """One line per problem: the setting's name, what is wrong and how to fix it."""
    lines = []
    for err in exc.errors(include_input=False, include_url=False):
        where = _where(err["loc"]) or "settings"
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden" and len(err["loc"]) > 2 and err["loc"][0] == "sources":
            msg = f"not a key of a {err['loc'][2]} source (it takes {', '.join(keys_of(str(err['loc'][2])))})"
        lines.append(f"{where}: {msg}" if where != "settings" else msg)
    return "\n".join(lines)


def _where(loc: tuple[int | str, ...]) -> str:
    """`sources.0.feed.url` as `[[sources]] 1 (feed): url`; other settings by their dotted name."""
    if len(loc) > 1 and loc[0] == "sources" and isinstance(loc[1], int):
        rest = ".".join(str(p) for p in loc[3:])
        kind = f" ({loc[2]})" if len(loc) > 2 else ""
        return f"[[sources]] {loc[1] + 1}{kind}" + (f": {rest}" if rest else "")
    return ".".join(str(p) for p in loc)
