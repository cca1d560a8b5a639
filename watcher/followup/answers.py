"""A meet-up draft that answers the note: what the note says, and the sentences that answer it.

Pure. The rules have already read the note (``watcher.judge``): their findings say whether it
admits the two have not met, says they have, says why, proposes to meet, and which of the user's
employers, schools, events and interests it (or the headline) names. This module takes those
findings, and the note's own words only for what no rule keeps: which meeting it proposes (a
coffee or a call), whether it speaks of the user's talk or post, whether it asks for advice.
The composer then picks one piece (``[meetup.pieces]``) per case and fills the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TypeVar

from watcher.core.phrases import compile_patterns, normalise, search
from watcher.followup.drafts import DraftFields, draft_fields, render_draft
from watcher.models import Finding, InvitationView, Owner, Position, School


class Opening(StrEnum):
    """The opening sentence, by what the note says about having met (the piece's name)."""

    NO_NOTE = "opening_no_note"  # no note, a greeting, or LinkedIn's stock text
    NOT_MET = "opening_not_met"  # the note admits it: never pretend to remember
    SAYS_MET = "opening_says_met"  # the note says they have met: the user may have forgotten
    NOTE = "opening_note"  # a personal note silent about it


#: meetings a note may propose: (kind, how the draft names it, patterns)
_OFFERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("coffee", "a coffee", ("coffee*", "cafe", "tea", "cup of")),
    ("lunch", "lunch", ("lunch", "brunch")),
    ("breakfast", "breakfast", ("breakfast",)),
    ("dinner", "dinner", ("dinner",)),
    ("drink", "a drink", ("beer*", "drink|drinks", "pint")),
    ("call", "a call", ("call", "phone", "zoom|facetime|skype", "video chat", "google meet")),
    ("chat", "a chat", ("chat",)),
)
_OFFER_WORDS = {kind: words for kind, words, _patterns in _OFFERS}
#: what a tone proposes, and accepts when the note proposed to meet without saying how
TONE_MEETINGS = {"coffee": "a coffee", "call": "a call", "short": "a coffee or a call"}
#: the user's work a note may mention; the first group are spoken, so they happen at an event
_SPOKEN = ("talk", "talks", "presentation", "keynote", "session", "panel", "workshop")
_WRITTEN = ("post", "article", "podcast", "episode", "newsletter", "book", "paper", "video")
_WORK = compile_patterns(("your ... " + "|".join(_SPOKEN + _WRITTEN + ("blog", "research")),))
_ADVICE = compile_patterns(("advice", "mentor*", "guidance", "learn from you", "pick your brain"))
#: how many answers a tone gives (the most specific first)
_ANSWERS = {"short": 1}
_DEFAULT_ANSWERS = 2
#: a finding that leads the reasons: it decided the verdict over the score
_OVERRIDES = ("verdict.", "list.")


@dataclass(frozen=True)
class Reading:
    """What a draft answers in one invitation."""

    opening: Opening
    #: the note proposes to meet (``note.proposes-meeting``)
    proposed: bool = False
    #: the meetings it names, in the note's order: "coffee", "call", "lunch", ...
    offers: tuple[str, ...] = ()
    #: the user's work it mentions ("talk", "post"), for ``your_work``
    work: str | None = None
    advice: bool = False
    says_why: bool = False
    employer: Position | None = None
    school: School | None = None


@dataclass(frozen=True)
class DraftStyle:
    """How to write it: the template, the pieces by name, the tone (``coffee|call|short``)."""

    template: str
    pieces: Mapping[str, str]
    tone: str = "coffee"


# --------------------------------------------------------------------------------------------
# Reading the invitation
# --------------------------------------------------------------------------------------------


def read_invitation(
    invitation: InvitationView, owner: Owner, findings: Sequence[Finding]
) -> Reading:
    """What the note and the findings give a draft to answer."""
    rules = {finding.rule for finding in findings}
    note = normalise(invitation.message)
    personal = "note.present" in rules or (not findings and bool(note))
    proposed = "note.proposes-meeting" in rules or (not findings and bool(_offers(note)))
    return Reading(
        opening=_opening(rules, personal=personal),
        proposed=personal and proposed,
        offers=_offers(note) if personal else (),
        work=_work(note) if personal else None,
        advice=personal and search(_ADVICE, note) is not None,
        says_why="note.says-why" in rules,
        employer=_named(owner.positions, lambda p: p.company, findings, "same-employer"),
        school=_named(owner.schools, lambda s: s.name, findings, "same-school"),
    )


def _opening(rules: set[str], *, personal: bool) -> Opening:
    if "note.admits-not-met" in rules:
        return Opening.NOT_MET
    if "note.says-met" in rules:
        return Opening.SAYS_MET
    return Opening.NOTE if personal else Opening.NO_NOTE


def _offers(note: str) -> tuple[str, ...]:
    """The kinds of meeting a normalised note names, where it first names each."""
    found: list[tuple[int, str]] = []
    for kind, _words, patterns in _OFFERS:
        match = _first_match(compile_patterns(patterns), note)
        if match is not None:
            found.append((match, kind))
    return tuple(kind for _start, kind in sorted(found))


def _first_match(regex: re.Pattern[str] | None, note: str) -> int | None:
    match = regex.search(f" {note} ") if regex is not None else None
    return match.start() if match else None


def _work(note: str) -> str | None:
    matched = search(_WORK, note)
    return matched.split()[-1] if matched else None


_Item = TypeVar("_Item", Position, School)


def _named(
    items: Iterable[_Item], name_of: Callable[[_Item], str], findings: Sequence[Finding], rule: str
) -> _Item | None:
    """The first of the owner's items that a finding of this rule (or the note's
    ``note.mentions-shared``) names: the finding says what matched, the owner what it is."""
    details = [
        f" {normalise(f.detail)} "
        for f in findings
        if f.rule in (f"history.{rule}", "note.mentions-shared")
    ]
    for item in items:
        name = normalise(name_of(item))
        if name and any(f" {name} " in detail for detail in details):
            return item
    return None


# --------------------------------------------------------------------------------------------
# Composing the draft
# --------------------------------------------------------------------------------------------


def compose_draft(
    invitation: InvitationView,
    owner: Owner,
    findings: Sequence[Finding],
    style: DraftStyle,
    *,
    your_name: str = "",
    interests: Sequence[str] = (),
) -> str:
    """The meet-up message: the template with the opening, proposal and answer filled in."""
    reading = read_invitation(invitation, owner, findings)
    proposal, meeting = _proposal(reading, style.tone)
    base = draft_fields(invitation, owner, findings, your_name=your_name, interests=interests)
    fields = replace(
        base,
        employer=reading.employer.company if reading.employer else None,
        school=reading.school.name if reading.school else None,
        meeting=meeting,
        work=_work_named(reading.work, base.event),
    )
    limit = _ANSWERS.get(style.tone, _DEFAULT_ANSWERS)
    answers = [_piece(style, name, fields) for name in answer_pieces(reading, fields)[:limit]]
    sentences = replace(
        fields,
        opening=_piece(style, reading.opening.value, fields),
        proposal=_piece(style, proposal, fields),
        answer=" ".join(answer for answer in answers if answer),
    )
    return render_draft(style.template, sentences)


def _proposal(reading: Reading, tone: str) -> tuple[str, str]:
    """The proposal's piece and the meeting it names: theirs accepted, else the tone's."""
    own = TONE_MEETINGS.get(tone, TONE_MEETINGS["coffee"])
    if not reading.proposed:
        return f"propose_{tone}", own
    # Both offered ("a coffee or a call"): the tone chooses; otherwise what they named first.
    if tone in reading.offers:
        return "accept", _OFFER_WORDS[tone]
    return "accept", _OFFER_WORDS[reading.offers[0]] if reading.offers else own


def _work_named(work: str | None, event: str | None) -> str | None:
    """A talk at an event the note names is that event's talk: "the PyCon Berlin talk"."""
    if work in _SPOKEN and event:
        return f"{event} {work}"
    return work


def answer_pieces(reading: Reading, fields: DraftFields) -> list[str]:
    """The answering pieces that apply, the most specific first."""
    names: list[str] = []
    if reading.work:
        names.append("your_work")
    elif fields.event:
        names.append("event")
    if reading.employer is not None:
        names.append("employer" if reading.employer.current else "former_employer")
    if reading.school is not None:
        names.append("school")
    if reading.advice:
        names.append("advice")
    elif reading.says_why:
        names.append("why")
    if fields.field:
        names.append("interest")
    return names


def _piece(style: DraftStyle, name: str, fields: DraftFields) -> str:
    """One piece filled in, as a sentence: it starts with a capital ("A coffee sounds good")."""
    text = render_draft(style.pieces.get(name, ""), fields).strip()
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------------------------
# Not drafting
# --------------------------------------------------------------------------------------------


def why_not(findings: Sequence[Finding], limit: int = 3) -> list[Finding]:
    """The top reasons against meeting: what overrode the score, then the heaviest penalties."""
    leading = [f for f in findings if f.rule.startswith(_OVERRIDES)]
    against = sorted((f for f in findings if f.points < 0), key=lambda f: f.points)
    return [*leading, *against][:limit]
