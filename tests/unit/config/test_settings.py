import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from watcher.config.rules import DEFAULT_POINTS
from watcher.config.settings import (
    ConfigError,
    Settings,
    deep_merge,
    load_settings,
    parse_quiet_hours,
    shipped_config_path,
    user_config_path,
)


def _keys(node: dict[str, object], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in node.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
            nested = _keys(value, dotted + ".")
            keys |= nested if nested else {dotted}
        else:
            keys.add(dotted)
    return keys


def test_shipped_config_equals_model_defaults() -> None:
    shipped = tomllib.loads(shipped_config_path().read_text(encoding="utf-8"))
    assert Settings(**shipped).model_dump(mode="json") == Settings().model_dump(mode="json")


def test_loading_without_a_user_file_gives_what_the_shipped_file_says() -> None:
    # the base layer is the models' defaults dumped (shipped_values), read back through
    # validation: it must give what reading the shipped file gives
    shipped = tomllib.loads(shipped_config_path().read_text(encoding="utf-8"))
    assert load_settings().model_dump(mode="json") == Settings(**shipped).model_dump(mode="json")


def test_a_user_file_is_layered_over_the_shipped_values_as_over_the_file(tmp_path: Path) -> None:
    # tables the user fills in part (one point, one phrase class) keep every other default
    user = tmp_path / "c.toml"
    user.write_text(
        '[rules.points]\n"note.pitch" = -4\n[rules.phrases]\npitch = ["buy my thing"]\n'
        '[meetup.templates]\ncoffee = "Coffee, {first_name}?"\n'
        '[lists.welcome]\nnames = ["Ada Quill"]\n'
    )
    shipped = tomllib.loads(shipped_config_path().read_text(encoding="utf-8"))
    over_the_file = Settings(**deep_merge(shipped, tomllib.loads(user.read_text())))
    loaded = load_settings(user)
    assert loaded.model_dump(mode="json") == over_the_file.model_dump(mode="json")
    assert loaded.rules.points["note.pitch"] == -4
    assert loaded.rules.points["note.scam"] == DEFAULT_POINTS["note.scam"]


def test_shipped_config_documents_every_section_and_key() -> None:
    shipped = tomllib.loads(shipped_config_path().read_text(encoding="utf-8"))
    defaults = Settings().model_dump(mode="json")
    assert set(shipped) == set(defaults)
    for section, values in defaults.items():
        assert set(shipped[section]) == set(values), section


def test_load_settings_user_file_overrides_shipped(tmp_path: Path) -> None:
    user = user_config_path()
    user.parent.mkdir(parents=True)
    user.write_text('[watch]\nsettle = "5s"\n[you]\ninterests = ["public relations"]\n')
    settings = load_settings()
    assert settings.watch.settle == timedelta(seconds=5)
    assert settings.you.interests == ["public relations"]
    assert settings.meetup.give_up_after == timedelta(days=14)  # untouched default


def test_load_settings_environment_overrides_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[watch]\nsettle = "5s"\n')
    monkeypatch.setenv("INVITE_WATCHER_WATCH__SETTLE", "7s")
    monkeypatch.setenv("INVITE_WATCHER_MEETUP__REMIND_AFTER", '["2s", "4s"]')
    settings = load_settings(config)
    assert settings.watch.settle == timedelta(seconds=7)
    assert settings.meetup.remind_after == [timedelta(seconds=2), timedelta(seconds=4)]


def test_load_settings_reports_file_key_and_problem(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text(
        '[watch]\nsettle = "soon"\nsetle = "2s"\n[notifications]\nquiet_hours = "9-5"\n'
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    problems = caught.value.problems
    assert (
        f"{config}: watch.settle: 'soon' is not a duration; "
        "write it like 90s, 15m, 2h, 3d or 1w (got 'soon')" in problems
    )
    assert f"{config}: watch.setle: unknown setting (got '2s')" in problems
    assert any(p.startswith(f"{config}: notifications.quiet_hours: ") for p in problems)


def test_load_settings_blames_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INVITE_WATCHER_WATCH__RESCAN", "often")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert caught.value.problems[0].startswith(
        "environment INVITE_WATCHER_WATCH__RESCAN: watch.rescan: "
    )


def test_load_settings_names_broken_toml(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[watch\n")
    with pytest.raises(ConfigError, match=r"c\.toml: not valid TOML"):
        load_settings(config)


def test_load_settings_missing_explicit_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_settings(tmp_path / "absent.toml")


def test_meetup_reminders_must_precede_give_up(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text('[meetup]\nremind_after = ["3d", "20d"]\ngive_up_after = "14d"\n')
    with pytest.raises(ConfigError, match=r"before meetup\.give_up_after"):
        load_settings(config)


def test_parse_quiet_hours_wraps_and_can_be_off() -> None:
    quiet = parse_quiet_hours("21:00-08:00")
    assert quiet is not None and quiet.start.hour == 21 and quiet.end.hour == 8
    assert parse_quiet_hours("") is None
    with pytest.raises(ValueError, match="25:00"):
        parse_quiet_hours("25:00-08:00")


def test_empty_paths_mean_defaults() -> None:
    settings = Settings(storage={"database": ""}, watch={"processed_folder": ""})
    assert settings.storage.database is None
    assert settings.storage.database_path().name == "invite-watcher.db"
    assert settings.watch.watched_folders()[0].name == "Downloads"


def test_settings_summary_threshold_is_the_old_name_of_budget_per_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[notifications]\nsummary_threshold = 7\n")
    assert load_settings(config).notifications.budget_per_import == 7
    monkeypatch.setenv("INVITE_WATCHER_NOTIFICATIONS__SUMMARY_THRESHOLD", "2")
    assert load_settings(config).notifications.budget_per_import == 2


def test_settings_notification_budget_must_let_something_through() -> None:
    with pytest.raises(ValueError, match="budget_per_minute"):
        Settings(notifications={"budget_per_minute": 0})
