"""The ``value.*`` rules one by one: the field, mutual connections, collectors."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tests.support.judging import OWNER, finding, rules_of, run
from watcher.config.settings import YouSettings
from watcher.models import Owner, Verdict


@pytest.mark.parametrize(
    "headline",
    [
        "PR manager at Brightside",
        "Public Relations Officer",
        "Marketer",
        "Content marketers lead",
        "Head of Communications",
    ],
)
def test_evaluate_field_matches_stems_and_synonyms(headline: str) -> None:
    assert "value.field" in rules_of(run(headline=headline))


@pytest.mark.parametrize("headline", ["Forklift operator", "Nurse", "Supermarket cashier"])
def test_evaluate_field_silent_outside_interests(headline: str) -> None:
    assert "value.field" not in rules_of(run(headline=headline))


def test_evaluate_mutual_connections_scale_with_a_cap() -> None:
    def points(count: int) -> int:
        found = run(mutual=count).findings
        return next((f.points for f in found if f.rule == "value.mutual-connections"), 0)

    assert [points(n) for n in (0, 1, 10, 11, 500)] == [0, 1, 1, 2, 2]


def test_evaluate_collector_counts_against() -> None:
    evaluation = run(headline="PR | LION | I accept all invites")
    assert "value.collector" in rules_of(evaluation)
    assert evaluation.verdict is Verdict.IGNORE


def _owner_with(*interests: object) -> Owner:
    return replace(OWNER, interests=tuple(YouSettings(interests=list(interests)).interests))


@pytest.mark.parametrize(
    "headline",
    [
        "Leiterin Nutzerforschung bei Bahnwerk",  # German, the user's own translation
        "Responsable recherche utilisateur",  # French
        "Senior User Researcher",  # the term itself, stemmed
    ],
)
def test_evaluate_field_matches_an_interest_in_the_words_the_user_listed(headline: str) -> None:
    owner = _owner_with(
        {"term": "user research", "also": ["Nutzerforschung", "recherche utilisateur"]}
    )
    assert "value.field" in rules_of(run(headline=headline, owner=owner))


def test_evaluate_field_reason_says_which_translation_matched() -> None:
    owner = _owner_with({"term": "user research", "also": ["Nutzerforschung"]})
    evaluation = run(headline="Teamleitung Nutzerforschung", owner=owner)
    assert "your interest 'user research' (written 'Nutzerforschung')" in finding(
        evaluation, "value.field"
    )


def test_evaluate_field_silent_for_a_translation_the_user_did_not_list() -> None:
    owner = _owner_with("user research")
    assert "value.field" not in rules_of(run(headline="Leiterin Nutzerforschung", owner=owner))


def test_evaluate_field_follows_a_change_of_translations_only() -> None:
    # An Interest equals its term as a string: the memoised owner terms must still differ.
    listed = _owner_with({"term": "user research", "also": ["Nutzerforschung"]})
    unlisted = _owner_with({"term": "user research", "also": ["Benutzerstudien"]})
    assert "value.field" in rules_of(run(headline="Nutzerforschung", owner=listed))
    assert "value.field" not in rules_of(run(headline="Nutzerforschung", owner=unlisted))


@pytest.mark.parametrize(
    ("also", "headline"),
    [
        ("Datenplattform", "Architektin für Datenplattformen"),  # German plural
        ("plataforma de datos", "Arquitecta de plataformas de datos"),  # Spanish plural
        ("piattaforma dati", "Responsabile piattaforme dati"),  # Italian plural
    ],
)
def test_evaluate_field_stems_a_translation_in_its_own_language(also: str, headline: str) -> None:
    owner = _owner_with({"term": "data infrastructure", "also": [also]})
    assert "value.field" in rules_of(run(headline=headline, owner=owner))
