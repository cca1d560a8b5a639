"""`config check` for the rules: unknown ids, rules turned off, empty phrases, thresholds."""

from __future__ import annotations

from watcher.config.rules import DEFAULT_POINTS, RulesSettings
from watcher.judge.checks import check_rules, score_range
from watcher.judge.rulebook import RULES


def test_check_rules_defaults_raise_no_warnings() -> None:
    assert check_rules(RulesSettings()) == []


def test_check_rules_left_out_phrase_class_is_empty_and_warned() -> None:
    rules = RulesSettings(phrases={"why": ["because"]})
    assert rules.phrases["not_met"] == []
    assert any("phrases.not_met is empty" in w for w in check_rules(rules))


def test_check_rules_unknown_and_misspelt_rule_ids_are_warned() -> None:
    rules = RulesSettings(points=DEFAULT_POINTS | {"note.pitchh": -3, "list.block": 5})
    warnings = check_rules(rules)
    assert any("'note.pitchh'" in w and "did you mean 'note.pitch'" in w for w in warnings)
    assert any("'list.block' takes no points" in w for w in warnings)


def test_check_rules_unknown_pitch_rule_is_warned() -> None:
    warnings = check_rules(RulesSettings(pitch_rules=["note.spam"]))
    assert any("pitch_rules: unknown rule id 'note.spam'" in w for w in warnings)


def test_check_rules_unreachable_accept_is_warned() -> None:
    warnings = check_rules(RulesSettings(accept_at=500, meet_first_at=3))
    assert any(w.startswith("accept is unreachable") for w in warnings)
    assert not any(w.startswith("meet-first is unreachable") for w in warnings)


def test_check_rules_unreachable_meet_first_and_ignore_are_warned() -> None:
    assert any(
        w.startswith("meet-first is unreachable")
        for w in check_rules(RulesSettings(accept_at=1000, meet_first_at=999))
    )
    assert any(
        w.startswith("ignore is only given")
        for w in check_rules(RulesSettings(accept_at=0, meet_first_at=-100))
    )


def test_check_rules_knows_the_unanswered_rule_and_its_override() -> None:
    assert "meetup.unanswered" in RULES
    assert "verdict.unanswered" in RULES
    custom = RulesSettings(points=DEFAULT_POINTS | {"meetup.unanswered": -3})
    assert not any("meetup.unanswered" in w for w in check_rules(custom))


def test_check_rules_warns_when_the_unanswered_rule_is_off_or_misspelt() -> None:
    off = RulesSettings(points=DEFAULT_POINTS | {"meetup.unanswered": 0})
    assert "points: no points for 'meetup.unanswered', so it never fires" in check_rules(off)
    points = {k: v for k, v in DEFAULT_POINTS.items() if k != "meetup.unanswered"}
    misspelt = RulesSettings(points=points | {"meetup.unanswerd": -10, "verdict.unanswered": 1})
    warnings = check_rules(misspelt)
    assert any(
        "'meetup.unanswerd'" in w and "did you mean 'meetup.unanswered'" in w for w in warnings
    )
    assert any("'verdict.unanswered' takes no points" in w for w in warnings)


def test_check_rules_score_range_counts_the_unanswered_rule() -> None:
    with_it = score_range(RulesSettings(points=DEFAULT_POINTS | {"meetup.unanswered": -3}))
    without = score_range(RulesSettings(points=DEFAULT_POINTS | {"meetup.unanswered": 0}))
    assert with_it[0] == without[0] - 3
    assert with_it[1] == without[1]


def test_check_rules_thresholds_leave_out_the_unanswered_rule() -> None:
    # It settles the verdict itself, so it cannot make a low meet_first_at reachable.
    lowest, _ = score_range(RulesSettings(), counting_overriding=False)
    rules = RulesSettings(meet_first_at=lowest - 5, accept_at=6)
    assert score_range(rules)[0] < rules.meet_first_at
    assert any(w.startswith("ignore is only given by an override") for w in check_rules(rules))
