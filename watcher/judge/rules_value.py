"""The ``value.*`` rules: is the person worth meeting (DESIGN.md, step 3)?

Their gains never reach accept on their own (see ``rulebook.verdict_for``): a valuable stranger
is worth meeting first.
"""

from __future__ import annotations

import math

from watcher.core.phrases import words
from watcher.judge.owner_terms import OwnerTerms, TermMatch
from watcher.judge.rule import Context, Hit, Rule, owner_term, quote

__all__ = ["VALUE_RULES"]


def _field(terms: OwnerTerms, context: Context) -> TermMatch | None:
    found = terms.interest_in(tuple(words(context.item.invitation.headline)), "headline")
    if found is None and context.note.personal:
        found = terms.interest_in(context.note.words, "note")
    return found


def _mutual(context: Context) -> Hit | None:
    count = context.item.invitation.mutual_connections or 0
    cap = context.rules.points.get("value.mutual-connections", 0)
    if count <= 0 or cap <= 0:
        return None
    points = min(cap, math.ceil(count / context.rules.mutual_connections_per_point))
    return Hit(f"{count} mutual connection(s)", "invitation", points=points)


def _collector(context: Context) -> Hit | None:
    headline = context.phrase("collector", " ".join(context.headline))
    if headline:
        return Hit(f"the headline advertises collecting: {quote(headline)}", "headline")
    note = context.phrase("collector") if context.note.personal else None
    return Hit(f"the note advertises collecting: {quote(note)}", "note") if note else None


VALUE_RULES: tuple[Rule, ...] = (
    Rule("value.field", "headline or note matches your interests", owner_term(_field)),
    Rule("value.mutual-connections", "mutual connections (more is better, capped)", _mutual),
    Rule("value.collector", "collects connections or followers (LION, ...)", _collector),
)
