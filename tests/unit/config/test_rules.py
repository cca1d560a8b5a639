"""The rules' configuration: validation and the shipped defaults (warnings: judge/test_checks)."""

from __future__ import annotations

import tomllib

import pytest
from pydantic import ValidationError

from watcher.config.rules import DEFAULT_POINTS, ListsSettings, PeopleList, RulesSettings
from watcher.config.settings import shipped_config_path
from watcher.judge.rulebook import RULES


def test_rule_settings_default_points_cover_every_scored_rule() -> None:
    scored = {rule for rule in RULES if not rule.startswith(("list.", "verdict."))}
    assert set(DEFAULT_POINTS) == scored


def test_rule_settings_shipped_file_equals_the_defaults() -> None:
    with shipped_config_path().open("rb") as handle:
        shipped = tomllib.load(handle)
    assert RulesSettings(**shipped["rules"]) == RulesSettings()
    assert ListsSettings(**shipped["lists"]) == ListsSettings()
    assert shipped["rules"]["points"] == DEFAULT_POINTS


def test_rule_settings_accept_must_exceed_meet_first() -> None:
    with pytest.raises(ValidationError, match="accept_at"):
        RulesSettings(accept_at=3, meet_first_at=3)


def test_rule_settings_unknown_phrase_class_is_an_error() -> None:
    with pytest.raises(ValidationError, match="unknown phrase class 'notmet'"):
        RulesSettings(phrases={"notmet": ["never met"]})


@pytest.mark.parametrize("pattern", ["...", "word? ...", "a||b", "*"])
def test_rule_settings_broken_pattern_is_an_error(pattern: str) -> None:
    with pytest.raises(ValidationError, match=r"phrases\.why"):
        RulesSettings(phrases={"why": [pattern]})


def test_rule_settings_profile_urls_must_be_profiles() -> None:
    with pytest.raises(ValidationError, match="not a profile URL"):
        PeopleList(profile_urls=["https://www.linkedin.com/company/acme"])


def test_rule_settings_email_domains_must_look_like_domains() -> None:
    with pytest.raises(ValidationError, match="not an email domain"):
        PeopleList(email_domains=["acme"])


def test_rule_settings_entry_on_both_lists_is_an_error() -> None:
    with pytest.raises(ValidationError, match="both the welcome and the block list"):
        ListsSettings(welcome=PeopleList(names=["Jane Roe"]), block=PeopleList(names=["jane roe"]))


def test_rule_settings_unknown_keys_are_rejected() -> None:
    with pytest.raises(ValidationError):
        RulesSettings(accept=5)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        PeopleList(domains=["acme.com"])  # type: ignore[call-arg]


def test_rule_settings_meet_first_above_the_default_accept_is_an_error() -> None:
    with pytest.raises(ValidationError, match="accept_at"):
        RulesSettings(meet_first_at=9)


def test_rule_settings_thresholds_are_checked_on_assignment() -> None:
    rules = RulesSettings()
    with pytest.raises(ValidationError, match="accept_at"):
        rules.meet_first_at = rules.accept_at


def test_every_shipped_phrase_pattern_is_valid() -> None:
    """Settings skip checking the shipped patterns (hundreds of regexes at every start): this
    is where they are checked instead."""
    from watcher.config.rules import DEFAULT_PHRASES
    from watcher.core.phrases import check_pattern

    problems = {
        (name, pattern): problem
        for name, patterns in DEFAULT_PHRASES.items()
        for pattern in patterns
        if (problem := check_pattern(pattern)) is not None
    }
    assert problems == {}
