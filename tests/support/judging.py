"""One invitation through the rulebook, for the judge's unit tests: a realistic owner, a builder."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from watcher.config.rules import ListsSettings, RulesSettings
from watcher.judge.rulebook import evaluate
from watcher.models import (
    Acquaintance,
    Direction,
    Evaluation,
    EvaluationInput,
    Event,
    FollowUp,
    History,
    HistoryKind,
    InvitationView,
    Owner,
    Position,
    School,
    Status,
)

URL = "https://www.linkedin.com/in/jane-roe"
SENT = datetime(2026, 4, 1, 9, 30, tzinfo=UTC)
OWNER = Owner(
    first_name="William",
    last_name="Shaw",
    headline="PR lead at Acme Corp",
    positions=(
        Position("Acme Corp", "PR lead", date(2021, 3, 1)),
        Position("Brightwave GmbH", "Account manager", date(2015, 1, 1), date(2020, 12, 31)),
    ),
    schools=(School("University of Lisbon", 2008, 2012),),
    events=(
        Event("Lisbon PR Summit 2026", datetime(2026, 3, 12, tzinfo=UTC)),
        Event("Web Summit 2025", datetime(2025, 11, 10, tzinfo=UTC), attended=False),
    ),
    interests=("public relations", "marketing"),
)
PLAIN_OWNER = Owner(first_name="William", last_name="Shaw")


def run(
    note: str = "",
    headline: str = "",
    *,
    history: History | None = None,
    owner: Owner = OWNER,
    mutual: int | None = None,
    rules: RulesSettings | None = None,
    lists: ListsSettings | None = None,
    name: str = "Jane Roe",
    status: Status = Status.PENDING,
    followup: FollowUp | None = None,
) -> Evaluation:
    """Evaluate one incoming invitation from Jane Roe (by default) to William Shaw."""
    invitation = InvitationView(
        id=7,
        name=name,
        profile_url=URL,
        direction=Direction.INCOMING,
        sent_at=SENT,
        message=note,
        headline=headline,
        mutual_connections=mutual,
        status=status,
    )
    item = EvaluationInput(invitation, owner, history or History(), followup)
    return evaluate(item, rules or RulesSettings(), lists or ListsSettings())


def rules_of(evaluation: Evaluation) -> set[str]:
    return {finding.rule for finding in evaluation.findings}


def finding(evaluation: Evaluation, rule: str) -> str:
    return next(f.detail for f in evaluation.findings if f.rule == rule)


def trace(kind: HistoryKind, **fields: Any) -> Acquaintance:
    return replace(Acquaintance(kind, "Jane Roe", source="contacts.vcf"), **fields)
