"""The ``note.*`` rules: is there a personal note, and what does it say (DESIGN.md, step 1)?"""

from __future__ import annotations

from watcher.core.phrases import contains_sequence
from watcher.judge.notes import LINK
from watcher.judge.rule import Check, Context, Hit, Rule, quote

__all__ = ["NOTE_RULES"]


def _note_phrase(name: str, label: str) -> Check:
    """A rule that fires when a personal note matches a phrase class."""

    def check(context: Context) -> Hit | None:
        if not context.note.personal:
            return None
        matched = context.phrase(name)
        return Hit(f"{label}: {quote(matched)}", "note") if matched else None

    return check


def _says_met(context: Context) -> Hit | None:
    if not context.note.personal or context.phrase("not_met"):
        return None
    matched = context.phrase("met")
    return Hit(f"says you have met: {quote(matched)}", "note") if matched else None


def _note_missing(context: Context) -> Hit | None:
    if context.note.kind == "missing":
        return Hit("no note (free members may add one to only a few invitations a month)")
    if context.note.kind == "greeting":
        return Hit(f"a greeting only, no message: {quote(context.note.raw)}", "note")
    return None


def _note_stock(context: Context) -> Hit | None:
    if context.note.kind == "stock":
        return Hit(f"LinkedIn's stock text: {quote(context.note.raw)}", "note")
    return None


def _note_present(context: Context) -> Hit | None:
    if context.note.personal:
        return Hit(f"a personal note of {len(context.note.words)} words", "note")
    return None


def _addresses_by_name(context: Context) -> Hit | None:
    first = context.owner.first_name
    if context.note.personal and first and contains_sequence(context.note.words, first):
        return Hit(f"calls you by your first name, {' '.join(first).title()}", "note")
    return None


def _mentions_shared(context: Context) -> Hit | None:
    if not context.note.personal:
        return None
    match = context.owner.shared_in(context.note.words)
    return Hit(f"mentions {match.what}", match.source, match.at) if match else None


#: a romance scam shows several of its marks (flattery, a far-away job, a move off LinkedIn);
#: one alone ("I saw your profile", "I work offshore") is common in honest notes
_SCAM_MARKS = 2


def _scam(context: Context) -> Hit | None:
    if not context.note.personal:
        return None
    marks = context.phrases_all("scam")
    if len(marks) < _SCAM_MARKS:
        return None
    return Hit("reads as a romance scam: " + ", ".join(quote(m, 40) for m in marks), "note")


def _has_link(context: Context) -> Hit | None:
    found = LINK.search(context.note.raw) if context.note.personal else None
    return Hit(f"carries a link: {quote(found.group(0))}", "note") if found else None


def _template(context: Context) -> Hit | None:
    if not context.note.personal:
        return None
    others = context.history.same_note_senders
    shown = shown_template_senders(others, context.rules.template_min_senders)
    if shown is None:
        return None
    # The text depends on the shown count alone, as ``affected_ids`` relies on.
    count = f"{shown}" if shown < 10 else f"{shown:,} or more"
    return Hit(f"the same note came from {count} other inviters: a template", "note")


def shown_template_senders(others: int, min_senders: int) -> int | None:
    """How many other senders of the same note ``note.template`` names: None below the
    threshold, exact under 10, then rounded down to a step of 1, 2, 5 x 10^n ("2,000 or
    more"). Rounded so that one more sender of a template thousands share changes their
    finding only when it crosses a step: otherwise every drop would rewrite them all."""
    if others < min_senders:
        return None
    if others < 10:
        return others
    magnitude: int = 10 ** (len(str(others)) - 1)
    lead = others // magnitude
    return (5 if lead >= 5 else 2 if lead >= 2 else 1) * magnitude


NOTE_RULES: tuple[Rule, ...] = (
    Rule("note.missing", "no personal note (weak: notes are rationed)", _note_missing),
    Rule("note.stock", "only LinkedIn's stock text, which counts as no note", _note_stock),
    Rule("note.present", "a personal note", _note_present),
    Rule(
        "note.admits-not-met",
        "the note admits the two have not met",
        _note_phrase("not_met", "admits you have not met"),
    ),
    Rule(
        "note.says-met",
        "the note says the two have met (verify: you may have forgotten)",
        _says_met,
    ),
    Rule("note.says-why", "the note says why", _note_phrase("why", "says why")),
    Rule(
        "note.proposes-meeting",
        "the note proposes a coffee, a call or a meeting",
        _note_phrase("meeting", "proposes to meet"),
    ),
    Rule("note.addresses-by-name", "the note uses your first name", _addresses_by_name),
    Rule(
        "note.mentions-shared",
        "the note names your employer, school, event or field",
        _mentions_shared,
    ),
    Rule("note.pitch", "the note reads as a sales pitch", _note_phrase("pitch", "a sales pitch")),
    Rule(
        "note.recruiting",
        "the note reads as recruiting spam",
        _note_phrase("recruiting", "recruiting spam"),
    ),
    Rule(
        "note.crypto",
        "the note reads as crypto or investment bait",
        _note_phrase("crypto", "crypto/investment bait"),
    ),
    Rule(
        "note.scam",
        "the note reads as a romance scam (flattery, a far-away job, off LinkedIn)",
        _scam,
    ),
    Rule("note.has-link", "the note carries a link", _has_link),
    Rule("note.template", "several inviters sent this very note", _template),
)
