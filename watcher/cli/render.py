"""Text and JSON the command line prints. Pure: values in, strings and dicts out."""

# ``clip`` is notify's: one way to shorten untrusted text, on the desktop and in the terminal.

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from watcher.config.durations import format_duration
from watcher.judge.confidence import confidence, missing_evidence, missing_line
from watcher.models import (
    AlreadyImported,
    Failed,
    Imported,
    ImportOutcome,
    Interrupted,
    NotOurs,
)
from watcher.store import Sighting, StoredInvitation, Transition, VerdictChange, iso

if TYPE_CHECKING:  # types only: list and show need neither the reminder plan nor the settings
    from watcher.config.settings import Settings
    from watcher.followup.plan import Reminder

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def plain(text: str) -> str:
    """Untrusted text made safe for one terminal line: control characters become spaces."""
    return _CONTROL.sub(" ", text).strip()


def outcome_line(outcome: ImportOutcome, *, dry_run: bool = False) -> str:
    name = plain(outcome.path.name)
    match outcome:
        case Imported(kind=kind, changes=changes):
            verb = "would import" if dry_run else "imported"
            parts = []
            kinds = sorted(set(changes.new) | set(changes.updated) | set(changes.unchanged))
            for k in kinds:
                bits = [
                    f"{n} {label}"
                    for label, n in (
                        ("new", changes.new.get(k, 0)),
                        ("updated", changes.updated.get(k, 0)),
                        ("unchanged", changes.unchanged.get(k, 0)),
                    )
                    if n
                ]
                parts.append(f"{k} {', '.join(bits)}")
            summary = "; ".join(parts) or "nothing in it"
            moves = f"; {len(changes.transitions)} status changes" if changes.transitions else ""
            if settled := len(changes.settled):
                plural = "s" if settled != 1 else ""
                moves += f"; {settled} past meet-up request{plural} settled as unanswered"
            return f"{verb} {name} ({kind}): {summary}{moves}"
        case AlreadyImported(kind=kind):
            return f"unchanged {name} ({kind}): already imported"
        case NotOurs():
            return f"skipped {name}: not an export invite-watcher reads"
        case Interrupted():
            return f"{name}: interrupted; nothing was imported"
        case Failed(kind=kind, reason=reason):
            what = f" ({kind})" if kind else ""
            return f"failed {name}{what}: {plain(reason)}"
    raise AssertionError(f"unknown outcome {outcome!r}")


def invitation_json(
    invitation: StoredInvitation, seen_in: Sequence[Sighting] | None = None
) -> dict[str, Any]:
    """The DESIGN.md contract for ``list --json`` and ``show --json`` (extend, never rename)."""
    missing = missing_evidence(invitation.view())
    data = {
        "id": invitation.id,
        "name": invitation.name,
        "profile_url": invitation.profile_url,
        "direction": invitation.direction.value,
        "sent_at": invitation.sent_at.isoformat(),
        "message": invitation.message,
        "headline": invitation.headline,
        "mutual_connections": invitation.mutual_connections,
        "note_truncated": invitation.note_truncated,
        "verdict": invitation.verdict.value if invitation.verdict else None,
        "score": invitation.score,
        "status": invitation.status.value,
        "reasons": [
            {
                "rule": f.rule,
                "points": f.points,
                "detail": f.detail,
                "source": f.source,
                "at": f.at.isoformat() if f.at else None,
            }
            for f in invitation.findings
        ],
        "confidence": confidence(missing),
        "missing": list(missing),
    }
    if seen_in is not None:
        data["seen_in"] = [sighting_json(s) for s in seen_in]
    return data


def transition_json(transition: Transition) -> dict[str, Any]:
    return {
        "at": iso(transition.at),
        "from": transition.old.value,
        "to": transition.new.value,
        "cause": transition.cause,
        "event": transition.event or None,
    }


def sighting_json(sighting: Sighting) -> dict[str, Any]:
    """One file that listed the invitation (``show --json``'s ``seen_in``)."""
    return {
        "file": sighting.file,
        "as_of": iso(sighting.as_of),
        "listing": _listing(sighting),
        "as_of_from": sighting.basis,
    }


def _listing(sighting: Sighting) -> str:
    return "complete" if sighting.complete else "partial"


def verdict_change_json(change: VerdictChange) -> dict[str, Any]:
    return {
        "at": iso(change.at),
        "from": change.old.value if change.old else None,
        "to": change.new.value,
        "cause": change.cause,
    }


def report(
    invitation: StoredInvitation,
    transitions: list[Transition],
    changes: list[VerdictChange],
    seen_in: Sequence[Sighting] = (),
) -> str:
    """A SpamAssassin-style report: verdict and score, then one row per rule that fired."""
    lines = [f"#{invitation.id}  {plain(invitation.name)}"]
    if invitation.profile_url:
        lines.append(f"profile   {invitation.profile_url}")
    if invitation.headline:
        lines.append(f"headline  {plain(invitation.headline)}")
    lines.append(f"sent      {invitation.sent_at:%Y-%m-%d %H:%M} ({invitation.direction.value})")
    cut = "  (cut short by the page; a fuller sighting replaces it)"
    lines.append(
        f"note      {plain(invitation.message) or '(none)'}"
        + (cut if invitation.note_truncated else "")
    )
    lines.append(f"status    {invitation.status.value}")
    if invitation.verdict is None:
        lines.append("verdict   (not evaluated)")
    else:
        lines.append(f"verdict   {invitation.verdict.value}   score {invitation.score:+d}")
        missing = missing_evidence(invitation.view())
        lines.append(
            f"confidence {confidence(missing)}" + (f": {missing_line(missing)}" if missing else "")
        )
        lines.append("")
        lines.append(" pts  rule                          evidence")
        for finding in invitation.findings:
            evidence = plain(finding.detail)
            if finding.source:
                evidence += f"  [{plain(finding.source)}"
                evidence += f", {finding.at:%Y-%m-%d}]" if finding.at else "]"
            lines.append(f"{finding.points:+4d}  {finding.rule:<29} {evidence}")
    lines.extend(_seen_in_lines(seen_in))
    if transitions or changes:
        lines.append("")
        lines.append("history")
        for change in changes:
            old = change.old.value if change.old else "-"
            lines.append(
                f"  {iso(change.at)}  verdict {old} -> {change.new.value}  ({plain(change.cause)})"
            )
        for transition in transitions:
            lines.append(
                f"  {iso(transition.at)}  {transition.old.value} -> {transition.new.value}"
                f"  ({plain(transition.cause)})"
            )
    return "\n".join(lines)


def _seen_in_lines(seen_in: Sequence[Sighting]) -> list[str]:
    """Which files listed the invitation and as of when (how that time was read, so a file
    whose own date could not be read says it stood in with its modification time)."""
    if not seen_in:
        return []
    lines = ["", "seen in"]
    for sighting in seen_in:
        name = plain(sighting.file) or "(an import from before files were kept)"
        lines.append(
            f"  {iso(sighting.as_of)}  {name}  ({_listing(sighting)} listing; as of "
            f"{plain(sighting.basis)})"
        )
    return lines


def starter_config(shipped: str) -> str:
    """The shipped defaults with every setting commented out: a file that changes nothing yet."""
    lines = [
        "# Your invite-watcher configuration. Uncomment and change what you need;",
        "# anything left commented keeps the default shown.",
        "",
    ]
    for line in shipped.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("["):
            lines.append(line)
        else:
            lines.append(f"# {line}")
    return "\n".join(lines) + "\n"


def settings_toml(settings: Settings) -> str:
    import tomli_w  # noqa: PLC0415 (config show alone writes TOML)

    return tomli_w.dumps(settings.model_dump(mode="json"))


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    return {
        "invitation_id": reminder.invitation_id,
        "stage": reminder.stage + 1,
        "due_at": reminder.due_at.isoformat(),
        "final": reminder.final,
        "waited": format_duration(reminder.waited),
    }


def reminder_line(reminder: Reminder, zone: tzinfo) -> str:
    what = "give up" if reminder.final else f"reminder {reminder.stage + 1}"
    due = reminder.due_at.astimezone(zone)
    return (
        f"#{reminder.invitation_id}  {what:<12} due {due:%a %Y-%m-%d %H:%M}"
        f"  (after {format_duration(reminder.waited)} without an answer)"
    )


def sent_plan_line(plan: Sequence[Reminder], now: datetime, zone: tzinfo) -> str:
    """What ``sent --at`` means for the reminders: the next one, or that the time given is so
    long ago that some (or all) fell due already, since the daemon never sends a missed
    reminder late but only the latest one (a give-up among them ends the meet-up)."""
    overdue = [reminder for reminder in plan if reminder.due_at <= now]
    upcoming = [reminder for reminder in plan if reminder.due_at > now]
    if not overdue:
        return f"next: {_stage(plan[0])} due {_when(plan[0], zone)}" if plan else ""
    latest = overdue[-1]
    if latest.final:
        return (
            f"every reminder fell due already (the give-up on {_when(latest, zone)}): the "
            "meet-up is given up now, as unanswered"
        )
    then = f"; then {_stage(upcoming[0])} due {_when(upcoming[0], zone)}" if upcoming else ""
    return f"{_stage(latest)} fell due already ({_when(latest, zone)}) and comes now{then}"


def _stage(reminder: Reminder) -> str:
    return "the give-up" if reminder.final else f"reminder {reminder.stage + 1}"


def _when(reminder: Reminder, zone: tzinfo) -> str:
    return f"{reminder.due_at.astimezone(zone):%a %Y-%m-%d %H:%M}"
