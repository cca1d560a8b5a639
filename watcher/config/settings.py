"""Configuration: shipped defaults, then the user's file, then ``INVITE_WATCHER_<SECTION>__<KEY>``.

``config/invite-watcher.toml`` is the documented base layer and must agree with the defaults
below (a test compares them). Every section forbids unknown keys so a typo is reported, not
silently ignored.

Loading takes that base layer from the models rather than parsing the file: the test keeps the
two equal, and reading the file's thousand lines with ``tomllib`` was ~40 M instructions (3%
of ``show``) at every command's start; the models' defaults dump in a fraction of that.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import platformdirs
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from watcher.config.drafting import DraftPieces, DraftTemplates, Tone
from watcher.config.durations import Duration
from watcher.config.interests import InterestEntry, check_interests
from watcher.config.rules import ListsSettings, RulesSettings
from watcher.config.shipped import shipped_path

APP = "invite-watcher"
ENV_PREFIX = "INVITE_WATCHER_"


def _empty_is_none(value: object) -> object:
    return None if value == "" else value


#: A path setting where "" (the TOML way to leave it unset) means "use the default".
OptionalPath = Annotated[
    Path | None,
    BeforeValidator(_empty_is_none),
    PlainSerializer(lambda value: "" if value is None else str(value), return_type=str),
]


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


def default_downloads() -> Path:
    """The user's Downloads folder as XDG reports it, else ``~/Downloads``."""
    return Path(platformdirs.user_downloads_dir())


class AfterImport(StrEnum):
    KEEP = "keep"
    MOVE = "move"
    DELETE = "delete"


class NotificationBackend(StrEnum):
    AUTO = "auto"
    DESKTOP = "desktop"
    LOG = "log"
    NONE = "none"


class YouSettings(Section):
    name: str = ""  # overrides Profile.csv when set
    #: each a term, or {term = "...", also = [synonyms and translations]}
    interests: list[InterestEntry] = []

    @field_validator("interests")
    @classmethod
    def _each_once(cls, value: list[str]) -> list[str]:
        return check_interests(value)


class StorageSettings(Section):
    #: empty: the XDG data dir
    database: OptionalPath = None

    def database_path(self) -> Path:
        return self.database or Path(platformdirs.user_data_dir(APP)) / "invite-watcher.db"


class WatchSettings(Section):
    #: empty: the Downloads folder
    folders: list[Path] = []
    recursive: bool = False
    settle: Duration = timedelta(seconds=2)
    rescan: Duration = timedelta(minutes=10)
    polling: bool = False
    ignore: list[str] = [
        ".*",
        "*.crdownload",
        "*.part",
        "*.partial",
        "*.download",
        "*.tmp",
        "~$*",
        "*~",
        "Thumbs.db",
        "desktop.ini",
    ]
    after_import: AfterImport = AfterImport.KEEP
    #: for after_import = "move"; empty: a "processed" folder inside the watched folder
    processed_folder: OptionalPath = None

    def watched_folders(self) -> list[Path]:
        return [p.expanduser() for p in self.folders] or [default_downloads()]


class LimitsSettings(Section):
    """Caps that protect the daemon against hostile or broken files (ZIP bombs, huge fields)."""

    max_file_bytes: int = 2_000_000_000
    zip_max_members: int = 10_000
    zip_max_total_bytes: int = 4_000_000_000
    zip_max_ratio: int = 200
    #: members smaller than this (uncompressed) are spared the ratio cap: a small, repetitive
    #: messages.csv compresses past 200:1 and is harmless; the count and total caps still hold
    zip_ratio_floor_bytes: int = Field(default=10 * 1024 * 1024, ge=0)
    max_field_bytes: int = 1_000_000


_QUIET = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True)
class QuietHours:
    start: time
    end: time


def parse_quiet_hours(text: str) -> QuietHours | None:
    """``"21:00-08:00"`` -> QuietHours; ``""`` -> None (off)."""
    if not text.strip():
        return None
    match = _QUIET.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a time range; write it like 21:00-08:00, or '' for none")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        return QuietHours(time(h1, m1), time(h2, m2))
    except ValueError as error:
        raise ValueError(f"{text!r}: {error}") from None


class NotificationSettings(Section):
    backend: NotificationBackend = NotificationBackend.AUTO
    #: at most this many notices for one import; more become one summary notification
    budget_per_import: int = Field(default=3, ge=0)
    #: at most this many notices a minute; the rest fold into one "and N more" notice
    budget_per_minute: int = Field(default=10, ge=1)
    quiet_hours: str = ""
    app_name: str = "invite-watcher"
    #: what opens a terminal running the words after it (the summary's "Review" button);
    #: "" is x-terminal-emulator -e when it is installed
    terminal: str = ""

    @model_validator(mode="before")
    @classmethod
    def _old_names(cls, values: Any) -> Any:
        # budget_per_import was called summary_threshold (it folded only new invitations):
        # a file or variable written for that name keeps working. It wins over the new name,
        # which the shipped file always sets: only the user writes the old one.
        if isinstance(values, dict) and "summary_threshold" in values:
            values = dict(values)
            values["budget_per_import"] = values.pop("summary_threshold")
        return values

    @field_validator("quiet_hours")
    @classmethod
    def _valid_quiet_hours(cls, value: str) -> str:
        parse_quiet_hours(value)
        return value

    def quiet(self) -> QuietHours | None:
        return parse_quiet_hours(self.quiet_hours)


class MeetupSettings(Section):
    #: which template drafts use (``draft --tone`` picks another)
    tone: Tone = Tone.COFFEE
    #: one template for every tone, instead of ``templates``; "" uses the tone's (the key
    #: predates tones: a file that sets it keeps its letter)
    template: str = ""
    templates: DraftTemplates = DraftTemplates()
    pieces: DraftPieces = DraftPieces()
    remind_after: list[Duration] = [timedelta(days=3), timedelta(days=7)]
    give_up_after: Duration = timedelta(days=14)
    snooze: Duration = timedelta(days=1)

    @model_validator(mode="after")
    def _give_up_after_reminders(self) -> MeetupSettings:
        if any(r >= self.give_up_after for r in self.remind_after):
            raise ValueError("every meetup.remind_after must come before meetup.give_up_after")
        return self


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_nested_delimiter="__",
        extra="forbid",
        validate_assignment=True,
    )

    you: YouSettings = YouSettings()
    storage: StorageSettings = StorageSettings()
    watch: WatchSettings = WatchSettings()
    limits: LimitsSettings = LimitsSettings()
    notifications: NotificationSettings = NotificationSettings()
    meetup: MeetupSettings = MeetupSettings()
    rules: RulesSettings = RulesSettings()
    lists: ListsSettings = ListsSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The files arrive as init values (already merged, see load_settings); the environment
        # wins over them. No .env or secrets directory: a daemon should not read the cwd.
        return (env_settings, init_settings)


# --------------------------------------------------------------------------------------------
# Loading and checking
# --------------------------------------------------------------------------------------------


def user_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP)) / "config.toml"


def shipped_config_path() -> Path:
    return shipped_path("invite-watcher.toml")


class ConfigError(Exception):
    """The configuration cannot be used; ``problems`` holds one line per problem."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _read_toml(path: Path) -> dict[str, Any]:
    # Imported here: without a user's file (the defaults, the environment) there is nothing to
    # parse, and loading the parser (its regular expressions compiled) was ~2 ms of a start.
    import tomllib  # noqa: PLC0415

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError([f"{path}: not valid TOML: {error}"]) from None
    except OSError as error:
        raise ConfigError([f"{path}: cannot read: {error.strerror}"]) from None


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def shipped_values() -> dict[str, Any]:
    """What the shipped file sets, as the settings models' defaults (``model_construct``: no
    validation, no environment); ``test_shipped_config_equals_model_defaults`` keeps the file
    and these in step."""
    return Settings.model_construct().model_dump(mode="json")


@dataclass(frozen=True)
class ConfigLayers:
    """The files that made a configuration, in order of precedence (lowest first)."""

    shipped: Path
    user: Path | None

    def values(self) -> dict[str, Any]:
        values = shipped_values()
        if self.user is not None:
            values = deep_merge(values, _read_toml(self.user))
        return values


def config_layers(explicit: Path | None = None) -> ConfigLayers:
    """Which files apply: ``--config PATH`` (must exist) or the user's file if it exists."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError([f"{explicit}: no such configuration file"])
        return ConfigLayers(shipped_config_path(), explicit)
    user = user_config_path()
    return ConfigLayers(shipped_config_path(), user if user.is_file() else None)


def load_settings(explicit: Path | None = None) -> Settings:
    """The effective settings, or ConfigError listing every problem as ``FILE: key: message``."""
    layers = config_layers(explicit)
    values = layers.values()
    try:
        return Settings(**values)
    except ValidationError as error:
        raise ConfigError(describe_errors(error, layers)) from None


def _blame(loc: tuple[int | str, ...], layers: ConfigLayers) -> str:
    """Which layer set the offending key: the environment, the user's file, or the shipped file."""
    env_name = ENV_PREFIX + "__".join(str(part) for part in loc[:2]).upper()
    if env_name in os.environ:
        return f"environment {env_name}"
    if layers.user is not None:
        node: Any = _read_toml(layers.user)
        for part in loc:
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
        else:
            return str(layers.user)
        if isinstance(loc[0], str) and loc[0] in _read_toml(layers.user):
            return str(layers.user)
    return str(layers.shipped)


def describe_errors(error: ValidationError, layers: ConfigLayers) -> list[str]:
    problems = []
    for item in error.errors():
        loc = tuple(item["loc"])
        key = ".".join(str(part) for part in loc) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown setting"
        shown = item.get("input")
        suffix = f" (got {shown!r})" if shown is not None and not isinstance(shown, dict) else ""
        problems.append(f"{_blame(loc, layers)}: {key}: {message}{suffix}")
    return problems
