"""The drafted meet-up message: a user template filled with what we know about the inviter.

Pure. A template is read with :class:`string.Formatter` so the syntax is Python's own
(``{first_name}``, ``{{`` for a literal brace), but rendering never fails: a field we do not know
falls back to natural words, an unknown placeholder is left out, and a template with stray braces
still renders. :func:`check_template` tells ``config check`` about all of that.
"""

from __future__ import annotations

import difflib
import string
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from watcher.core.folding import fold
from watcher.models import Event, Finding, InvitationView, Owner

#: The sentences the composer picks (``watcher.followup.answers``): a template's, never a piece's.
SENTENCES = ("opening", "proposal", "answer")

#: Every placeholder a template may use.
FIELDS = (
    "first_name",
    "name",
    "your_name",
    "field",
    "event",
    "company",
    "event_clause",
    "field_clause",
    "employer",
    "school",
    "meeting",
    "work",
    *SENTENCES,
)

#: An empty value followed by one of these takes the spaces before it along ("Hi ," -> "Hi,").
_CLOSING = (" ", ",", ".", ";", ":", "!", "?", ")", "\n")
_HONORIFICS = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "sir", "dame"})


@dataclass(frozen=True)
class DraftFields:
    """What we know about the inviter and the user; None (or blank) means unknown."""

    first_name: str | None = None
    name: str | None = None
    your_name: str | None = None
    field: str | None = None  # the user's field the inviter shares, e.g. "public relations"
    event: str | None = None  # an event both attended, e.g. "the Lisbon PR Summit"
    company: str | None = None  # the inviter's company
    employer: str | None = None  # the user's employer (or former one) the inviter names
    school: str | None = None  # the user's school the inviter names
    meeting: str | None = None  # what the draft proposes or accepts, e.g. "a coffee"
    work: str | None = None  # the user's work the note mentions, e.g. "PyCon Berlin talk"
    opening: str | None = None  # the composed sentences (``watcher.followup.answers``)
    proposal: str | None = None
    answer: str | None = None


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def render_draft(template: str, fields: DraftFields) -> str:
    """The template filled in; never shows ``{...}`` or ``None`` for a missing field.

    Literal braces written ``{{`` and ``}}`` stay, as the user asked for them.
    """
    values = _values(fields)
    parts = _placeholders(template)
    following = [literal for literal, _name in parts[1:]] + [""]  # what comes after each value

    text = ""
    for (literal, name), after in zip(parts, following, strict=False):
        text += literal
        value = values.get(name, "") if name is not None else None
        if value:
            text += value
        elif value == "" and (after == "" or after.startswith(_CLOSING)):
            text = text.rstrip(" \t")  # "Hi {your_name}," -> "Hi," not "Hi ,"
    return _tidy(text)


def _values(fields: DraftFields) -> dict[str, str]:
    first = _clean(fields.first_name) or first_name_of(_clean(fields.name))
    name = _clean(fields.name) or first
    field = _clean(fields.field)
    event = _clean(fields.event)
    return {
        "first_name": first or "there",
        "name": name or "there",
        "your_name": _clean(fields.your_name) or "",
        "field": field or "your field",
        "event": event or "an event",
        "company": _clean(fields.company) or "your company",
        "event_clause": f" at {event}" if event else "",
        "field_clause": (
            f"I see you work in {field}, which is close to my own work. " if field else ""
        ),
        "employer": _clean(fields.employer) or "our company",
        "school": _clean(fields.school) or "our school",
        "meeting": _clean(fields.meeting) or "a coffee",
        "work": _clean(fields.work) or "work",
        # sentences keep their line breaks: a user's piece may hold one
        **{name: (getattr(fields, name) or "").strip() for name in SENTENCES},
    }


def _clean(value: str | None) -> str:
    """One line of text without surrounding blanks; "" for None (a name must not break lines)."""
    return " ".join(value.split()) if value else ""


def _placeholders(template: str) -> list[tuple[str, str | None]]:
    """(literal text, field name or None) pairs; a broken template is read without its strays."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        parsed = list(string.Formatter().parse(_without_stray_braces(template)))
    # Conversions (!r) and format specs (:>10) are ignored: a letter has no use for them.
    return [(literal, name) for literal, name, _spec, _conversion in parsed]


def _without_stray_braces(template: str) -> str:
    """Keep ``{identifier}`` placeholders; any other group or lone brace becomes ``{}``.

    ``{}`` renders as nothing, with the same care for the spaces around it as a missing field.
    """
    kept: list[str] = []
    position = 0
    while position < len(template):
        char = template[position]
        close = template.find("}", position + 1) if char == "{" else -1
        group = template[position + 1 : close]
        if close != -1 and "{" not in group:
            kept.append("{" + group + "}" if group.isidentifier() else "{}")
            position = close + 1
            continue
        kept.append("{}" if char in "{}" else char)
        position += 1
    return "".join(kept)


def _tidy(text: str) -> str:
    """Drop the traces of empty values: spaces at line ends, doubled and trailing blank lines."""
    lines: list[str] = []
    for line in (raw.rstrip() for raw in text.splitlines()):
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Checking (config check)
# --------------------------------------------------------------------------------------------


def check_template(template: str) -> list[str]:
    """Warnings about placeholders that will be left out or ignored; [] for a good template."""
    warnings: list[str] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as error:
        warnings.append(
            f"the template has a stray brace ({error}); it is left out when drafting — "
            "write {{ or }} for a literal brace"
        )
        # after the repair, "{}" stands for a group the stray-brace warning already covers
        repaired = string.Formatter().parse(_without_stray_braces(template))
        parsed = [part for part in repaired if part[1] != ""]
    for _literal, name, spec, conversion in parsed:
        if name is not None:
            warnings += _field_warnings(name, spec, conversion)
    return list(dict.fromkeys(warnings))


def check_piece(piece: str) -> list[str]:
    """``check_template`` for a sentence piece, which cannot hold the composed sentences."""
    warnings = check_template(piece)
    for _literal, name in _placeholders(piece):
        if name in SENTENCES:
            warnings.append(f"{{{name}}} is left out of a piece: only a template may use it")
    return list(dict.fromkeys(warnings))


def _field_warnings(name: str, spec: str | None, conversion: str | None) -> list[str]:
    shown = "{" + name + "}"
    if name == "" or name.isdigit():
        return [f"positional placeholder {shown} is left out; use a named field like {{name}}"]
    if name not in FIELDS:
        return [f"unknown placeholder {shown} is left out{_suggestion(name)}"]
    if spec or conversion:
        return [f"{{{name}}}: conversions and format specs (! and :) are ignored"]
    return []


def _suggestion(name: str) -> str:
    base = name.split(".", maxsplit=1)[0].split("[", maxsplit=1)[0]
    if base in FIELDS:
        return f"; attribute and index access is not supported, write {{{base}}}"
    close = difflib.get_close_matches(name, FIELDS, n=1)
    known = ", ".join("{" + field + "}" for field in FIELDS)
    return f"; did you mean {{{close[0]}}}?" if close else f" (known fields: {known})"


# --------------------------------------------------------------------------------------------
# Deriving the fields
# --------------------------------------------------------------------------------------------


def draft_fields(
    invitation: InvitationView,
    owner: Owner,
    findings: Sequence[Finding] = (),
    *,
    your_name: str = "",
    interests: Sequence[str] = (),
) -> DraftFields:
    """The fields for one invitation.

    ``your_name`` (settings ``you.name``) wins over the owner's profile; ``interests`` (settings
    ``you.interests``) come before the owner's. The field is the first interest the inviter's
    headline (else note) names; the event is one the user attended that an event finding or the
    note names.
    """
    own_name = your_name.strip() or f"{owner.first_name} {owner.last_name}".strip()
    wanted = [*interests, *owner.interests]
    return DraftFields(
        first_name=first_name_of(invitation.name) or None,
        name=invitation.name.strip() or None,
        your_name=own_name or None,
        field=_first_named(wanted, invitation.headline) or _first_named(wanted, invitation.message),
        event=_shared_event(owner.events, invitation.message, findings),
        company=company_of(invitation.headline),
    )


def first_name_of(name: str) -> str:
    """The first given name as written: "Dr. Jane Doe, PhD" -> "Jane", "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡" -> "𝐉𝐨𝐡𝐧";
    "" when there is none."""
    for word in name.replace(",", " ").split():
        if not word.endswith(".") and fold(word) not in _HONORIFICS:
            return word
    return ""


def company_of(headline: str) -> str | None:
    """The company in a headline like "Head of PR at Acme Corp | Speaker"; None if none."""
    for marker in (" at ", " @ "):
        _role, found, rest = headline.rpartition(marker)
        if found:
            company = rest.split("|")[0].split(" · ")[0].split(",")[0].strip()
            return company or None
    return None


def _words(text: str) -> str:
    """Folded words (``folding.fold``) between single spaces, padded, so `in` matches whole
    words only: "Café Summit" is named in "great to meet at the cafe summit"."""
    letters = "".join(char if char.isalnum() else " " for char in fold(text))
    return f" {' '.join(letters.split())} "


def _first_named(candidates: Iterable[str], text: str) -> str | None:
    haystack = _words(text)
    return next((c for c in candidates if c.strip() and _words(c) in haystack), None)


def _shared_event(events: Sequence[Event], message: str, findings: Sequence[Finding]) -> str | None:
    attended = [event.name for event in events if event.attended]
    evidence = [f.detail for f in findings if "event" in f.rule.casefold()]
    for text in [*evidence, message]:
        named = _first_named(attended, text)
        if named:
            return named
    return None
