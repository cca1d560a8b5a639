"""The ``note.*`` rules one by one: each fires on its evidence and stays silent without it."""

from __future__ import annotations

import pytest

from tests.support.judging import PLAIN_OWNER, finding, rules_of, run
from watcher.config.rules import RulesSettings
from watcher.judge.rules_note import shown_template_senders
from watcher.models import History, Verdict


def test_evaluate_missing_note_weighs_little() -> None:
    evaluation = run()
    assert [f.rule for f in evaluation.findings] == ["note.missing"]
    assert evaluation.score == -1


def test_evaluate_greeting_alone_counts_as_no_note() -> None:
    evaluation = run("Hi William!")
    assert "note.missing" in rules_of(evaluation)
    assert "note.present" not in rules_of(evaluation)


def test_evaluate_addresses_by_name_fires_only_for_the_users_first_name() -> None:
    note = "Hello William, I enjoyed your talk about brand trust."
    assert "note.addresses-by-name" in rules_of(run(note))
    assert "note.addresses-by-name" not in rules_of(run(note.replace("William", "Anna")))


def test_evaluate_mentions_shared_names_the_school() -> None:
    evaluation = run("Fellow University of Lisbon graduate here, class of 2011!")
    assert "University of Lisbon" in finding(evaluation, "note.mentions-shared")
    assert "history.same-school" in rules_of(evaluation)


def test_evaluate_mentions_shared_silent_for_unrelated_note() -> None:
    assert "note.mentions-shared" not in rules_of(run("I enjoyed your talk about gardening."))


def test_evaluate_template_fires_when_several_inviters_sent_the_note() -> None:
    note = "We've never met, but I'm building a network of PR people. Coffee?"
    assert "note.template" in rules_of(run(note, history=History(same_note_senders=4)))
    assert "note.template" not in rules_of(run(note, history=History(same_note_senders=1)))


def test_evaluate_template_turns_an_accept_into_meet_first() -> None:
    note = "We've never met, but I'm building a network of young founders. Coffee?"
    assert run(note, owner=PLAIN_OWNER).verdict is Verdict.ACCEPT
    templated = run(note, owner=PLAIN_OWNER, history=History(same_note_senders=5))
    assert templated.verdict is Verdict.MEET_FIRST


def test_evaluate_link_fires_for_bare_domains_and_urls() -> None:
    assert "note.has-link" in rules_of(run("Check my portfolio at behance.net/janeroe please"))
    assert "note.has-link" in rules_of(run("My site: https://jane.example/work is new"))
    assert "note.has-link" not in rules_of(run("I enjoyed your talk about brand trust."))


def test_evaluate_custom_phrases_are_used() -> None:
    phrases = RulesSettings().phrases | {"not_met": ["kennen uns nicht"]}
    rules = RulesSettings(phrases=phrases)
    assert "note.admits-not-met" in rules_of(run("Wir kennen uns nicht, aber hallo!", rules=rules))
    assert "note.admits-not-met" not in rules_of(run("We have never met.", rules=rules))


@pytest.mark.parametrize(
    ("others", "shown"),
    [
        (1, None),
        (2, 2),
        (9, 9),
        (10, 10),
        (19, 10),
        (20, 20),
        (49, 20),
        (50, 50),
        (99, 50),
        (100, 100),
        (3_783, 2_000),
        (5_000, 5_000),
        (12_345, 10_000),
    ],
)
def test_template_count_is_exact_below_ten_then_a_step_of_one_two_five(
    others: int, shown: int | None
) -> None:
    assert shown_template_senders(others, min_senders=2) == shown
