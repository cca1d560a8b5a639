"""``you.interests``: plain terms or tables with translations; validated; printed as written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from watcher.cli.render import settings_toml
from watcher.config.interests import Interest, also_of
from watcher.config.settings import ConfigError, Settings, YouSettings, load_settings


def test_interests_plain_terms_and_tables_validate_to_terms_with_their_words() -> None:
    you = YouSettings(
        interests=[
            "ux",
            {"term": "user research", "also": ["Nutzerforschung", "recherche utilisateur"]},
        ]
    )
    assert you.interests == ["ux", "user research"]  # an Interest is its term, as a string
    assert [also_of(i) for i in you.interests] == [
        (),
        ("Nutzerforschung", "recherche utilisateur"),
    ]
    assert isinstance(you.interests[1], Interest)


def test_interests_config_show_prints_them_as_written_and_reads_back() -> None:
    settings = Settings(you=YouSettings(interests=["ux", {"term": "pr", "also": ["Pressearbeit"]}]))
    shown = tomllib.loads(settings_toml(settings))["you"]["interests"]
    assert shown == ["ux", {"term": "pr", "also": ["Pressearbeit"]}]
    again = YouSettings(interests=shown).interests
    assert [(str(i), also_of(i)) for i in again] == [("ux", ()), ("pr", ("Pressearbeit",))]


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ('[""]', "interests.0: term: an interest needs a term with letters or digits"),
        ('[{term = " ", also = []}]', "an interest needs a term"),
        ('[{term = "ux", also = ["  "]}]', "an entry of 'also' has no letters or digits"),
        ('[{also = ["ux"]}]', "term: Field required"),
        ('[{term = "ux", als = ["x"]}]', "unknown key 'als'"),
        ("[3]", "not a term or a table"),
        ('["UX", "ux"]', "an interest is written twice: 'ux' (also under 'UX')"),
        (
            '[{term = "design", also = ["UX"]}, "ux"]',
            "an interest is written twice: 'ux' (also under 'design')",
        ),
    ],
)
def test_interests_config_check_names_the_file_and_the_problem(
    tmp_path: Path, written: str, said: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f"[you]\ninterests = {written}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        load_settings(config)
    (problem,) = raised.value.problems
    assert problem.startswith(f"{config}: you.interests")
    assert said in problem
