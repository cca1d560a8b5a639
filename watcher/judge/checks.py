"""Checking a rules configuration against the rulebook, for ``config check``.

Validation (``watcher.config.rules``) rejects what cannot work; these are the warnings for what
validates but will not do what was meant: unknown or misspelt rule ids, rules turned off, empty
phrase classes, thresholds no score can reach.
"""

from __future__ import annotations

import difflib

from watcher.config.rules import RulesSettings
from watcher.judge.rulebook import OVERRIDES, REGISTRY, RULES

__all__ = ["check_rules", "score_range"]

#: which rule reads which phrase class (for warnings about empty lists)
_PHRASE_USERS = {
    "stock": "note.stock",
    "not_met": "note.admits-not-met",
    "met": "note.says-met",
    "why": "note.says-why",
    "meeting": "note.proposes-meeting",
    "pitch": "note.pitch",
    "recruiting": "note.recruiting",
    "crypto": "note.crypto",
    "scam": "note.scam",
    "collector": "value.collector",
    "colleague": "history.same-employer",
}


def _unknown_id(rule_id: str, where: str) -> str:
    close = difflib.get_close_matches(rule_id, RULES, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{where}: unknown rule id {rule_id!r}{hint}"


def _id_warnings(rules: RulesSettings) -> list[str]:
    warnings = [_unknown_id(i, "points") for i in sorted(rules.points) if i not in RULES]
    warnings += [
        f"points: {i!r} takes no points (it explains an override)"
        for i in sorted(rules.points)
        if i in OVERRIDES
    ]
    warnings += [_unknown_id(i, "pitch_rules") for i in rules.pitch_rules if i not in RULES]
    warnings += [
        f"points: no points for {rule.id!r}, so it never fires"
        for rule in REGISTRY
        if rules.points.get(rule.id, 0) == 0
    ]
    warnings += [
        f"phrases.{name} is empty, so {_PHRASE_USERS[name]} never fires"
        for name, patterns in rules.phrases.items()
        if not patterns
    ]
    return warnings


#: rules whose firing settles the verdict by an override, so the thresholds never see them
_OVERRIDING = ("meetup.",)


def score_range(
    rules: RulesSettings, *, counting_value: bool = True, counting_overriding: bool = True
) -> tuple[int, int]:
    """Bounds of any score: every negative rule firing at once, every positive one at once."""
    left_out: tuple[str, ...] = ()
    if not counting_value:
        left_out += ("value.",)
    if not counting_overriding:
        left_out += _OVERRIDING
    values = [rules.points.get(rule.id, 0) for rule in REGISTRY if not rule.id.startswith(left_out)]
    return sum(v for v in values if v < 0), sum(v for v in values if v > 0)


def _threshold_warnings(rules: RulesSettings) -> list[str]:
    # An unanswered meet-up request is ignored whatever its score: only the scores the
    # thresholds decide count here.
    lowest, highest = score_range(rules, counting_overriding=False)
    _, highest_known = score_range(rules, counting_value=False, counting_overriding=False)
    warnings = []
    if rules.accept_at > highest_known:
        warnings.append(
            f"accept is unreachable: accept_at is {rules.accept_at}, but without the value rules "
            f"(which never accept on their own) no invitation scores more than {highest_known}"
        )
    if rules.meet_first_at > highest:
        warnings.append(
            f"meet-first is unreachable: meet_first_at is {rules.meet_first_at}, "
            f"but no invitation can score more than {highest}"
        )
    if rules.meet_first_at <= lowest:
        warnings.append(
            f"ignore is only given by an override (a pitch, the block list, an unanswered "
            f"meet-up request): meet_first_at is "
            f"{rules.meet_first_at}, but no invitation can score less than {lowest}"
        )
    return warnings


def check_rules(rules: RulesSettings) -> list[str]:
    """Warnings for a rules configuration that validates but will not do what was meant."""
    return _id_warnings(rules) + _threshold_warnings(rules)
