"""The rulebook's verdicts: the issue's examples, more in other words, the overrides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.judging import PLAIN_OWNER, finding, rules_of, run, trace
from watcher.config.rules import RulesSettings
from watcher.judge.rulebook import RULES
from watcher.models import History, HistoryKind, Verdict

# --------------------------------------------------------------------------------------------
# The examples
# --------------------------------------------------------------------------------------------


def test_evaluate_admitted_stranger_with_a_reason_is_accepted() -> None:
    note = (
        "Hi William — we've never met, but I'd like to. I'm growing a network of young "
        "marketers and you look like someone to have coffee with. Interested?"
    )
    evaluation = run(note, owner=PLAIN_OWNER)
    assert evaluation.verdict is Verdict.ACCEPT
    assert {"note.admits-not-met", "note.says-why", "note.proposes-meeting"} <= rules_of(evaluation)


def test_evaluate_no_note_in_the_users_field_is_meet_first() -> None:
    evaluation = run(headline="PR manager at Brightside")
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert "public relations" in finding(evaluation, "value.field")


def test_evaluate_no_note_outside_the_users_field_is_ignored() -> None:
    assert run(headline="Forklift operator").verdict is Verdict.IGNORE


def test_evaluate_stock_text_is_ignored() -> None:
    evaluation = run("I'd like to add you to my professional network on LinkedIn.")
    assert evaluation.verdict is Verdict.IGNORE
    assert "note.stock" in rules_of(evaluation)


def test_evaluate_pitch_with_a_link_is_ignored() -> None:
    evaluation = run(
        "I help agencies triple their leads in 30 days — book a free demo: https://bit.ly/x"
    )
    assert evaluation.verdict is Verdict.IGNORE
    assert {"note.pitch", "note.has-link", "verdict.pitch"} <= rules_of(evaluation)


def test_evaluate_no_note_from_the_address_book_is_accepted() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK, emails=("jane@roe.example",), source="contacts.vcf")
    evaluation = run(history=History(acquaintances=(card,)), owner=PLAIN_OWNER)
    assert evaluation.verdict is Verdict.ACCEPT
    found = next(f for f in evaluation.findings if f.rule == "history.address-book")
    assert found.source == "contacts.vcf"


def test_evaluate_note_naming_an_attended_event_is_accepted() -> None:
    evaluation = run("Great talking with you at the Lisbon PR Summit last week!")
    assert evaluation.verdict is Verdict.ACCEPT
    event = next(f for f in evaluation.findings if f.rule == "history.event")
    assert "Lisbon PR Summit 2026" in event.detail
    assert event.at == datetime(2026, 3, 12, tzinfo=UTC)


def test_evaluate_no_note_from_the_same_employer_is_accepted() -> None:
    evaluation = run(headline="Finance at Acme Corp")
    assert evaluation.verdict is Verdict.ACCEPT
    assert "Acme Corp" in finding(evaluation, "history.same-employer")


def test_evaluate_pitch_beats_a_polite_opening() -> None:
    note = "Hi Anna, we haven't met, but I help companies like yours cut costs 40% — free demo?"
    evaluation = run(note)
    assert evaluation.verdict is Verdict.IGNORE
    assert "note.admits-not-met" in rules_of(evaluation)


def test_evaluate_pitch_from_someone_in_the_address_book_is_meet_first() -> None:
    card = trace(HistoryKind.ADDRESS_BOOK)
    evaluation = run(
        "Hi William, we help companies like yours cut costs — free demo?",
        history=History(acquaintances=(card,)),
    )
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert evaluation.findings[0].rule == "verdict.pitch-known"


# --------------------------------------------------------------------------------------------
# More examples in other words
# --------------------------------------------------------------------------------------------


MORE = [
    (
        "Hello William, I know we haven't met yet, but I'm starting out in PR and would really "
        "value 15 minutes of your time.",
        "",
        Verdict.ACCEPT,
    ),
    (
        "Hi! We don't know each other personally, but I'm a communications student and would love "
        "your advice over a coffee.",
        "",
        Verdict.ACCEPT,
    ),
    (
        "Dear William, although we haven't met, I've followed your agency's work for years. Would "
        "you be open to a call?",
        "",
        Verdict.ACCEPT,
    ),
    ("Hola William, no nos conocemos pero me encantaria tomar un cafe.", "", Verdict.ACCEPT),
    ("Hi William, I came across your profile and would like to connect.", "", Verdict.IGNORE),
    ("Hi William, let's connect!", "", Verdict.IGNORE),
    ("", "Senior Public Relations Specialist", Verdict.MEET_FIRST),
    ("", "Head of Growth Marketing", Verdict.MEET_FIRST),
    ("", "Barista", Verdict.IGNORE),
    ("", "Studying at University of Lisbon", Verdict.MEET_FIRST),
    ("", "Ex-Brightwave, now freelance writer", Verdict.ACCEPT),
    ("Hey William! Great meeting you at the Web Summit.", "", Verdict.MEET_FIRST),
    (
        "Hi William, I noticed you're in PR — we're launching an AI press release tool and would "
        "love your feedback on a free pilot.",
        "",
        Verdict.IGNORE,
    ),
    ("Earn daily profits with my expert trader signals, WhatsApp me.", "", Verdict.IGNORE),
    (
        "Hi William. I have an exciting job opportunity, are you open to new opportunities?",
        "",
        Verdict.IGNORE,
    ),
    ("Hi William, I work in marketing too, would love to connect.", "", Verdict.MEET_FIRST),
]


@pytest.mark.parametrize(("note", "headline", "verdict"), MORE)
def test_evaluate_more_examples(note: str, headline: str, verdict: Verdict) -> None:
    assert run(note, headline).verdict is verdict


# --------------------------------------------------------------------------------------------
# Scoring and overrides
# --------------------------------------------------------------------------------------------


def test_evaluate_value_alone_never_accepts() -> None:
    evaluation = run("Hi William, I work in marketing too, keen to connect.", mutual=80)
    assert evaluation.score >= RulesSettings().accept_at
    assert evaluation.verdict is Verdict.MEET_FIRST
    assert evaluation.findings[0].rule == "verdict.value-only"


def test_evaluate_zero_points_turn_a_rule_off() -> None:
    rules = RulesSettings(points=RulesSettings().points | {"note.missing": 0})
    assert run(rules=rules).findings == []


def test_evaluate_findings_use_only_known_rule_ids() -> None:
    evaluation = run("We've never met — coffee? https://x.example/ I help brands grow sales")
    assert rules_of(evaluation) <= set(RULES)
