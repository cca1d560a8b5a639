"""Notices the user caused: a meet-up draft, a button that could not do its job, a reload
that kept the old configuration. Pure, like ``watcher.notify.texts``."""

from __future__ import annotations

from collections.abc import Sequence

from watcher.notify.texts import (
    COPY,
    REASON_LIMIT,
    TITLE_LIMIT,
    Action,
    Notice,
    NoticeKind,
    clip,
    id_line,
)


def draft_notice(name: str, invitation_id: int, text: str) -> Notice:
    """A meet-up draft the user asked for: it waits, with a button that copies it."""
    return Notice(
        title=clip(f"Meet-up draft for {name}", TITLE_LIMIT),
        body=f"{text}\n\n{id_line(invitation_id, 'draft')}",
        # a click on it copies too: what else would one do with a draft on screen
        actions=(Action(COPY, "Copy"),),
        invitation_ids=(invitation_id,),
        kind=NoticeKind.DRAFT,
        resident=True,
    )


def action_failed_notice(invitation_id: int, what: str, why: str) -> Notice:
    """A button that could not do its job (no browser, no clipboard): said where it was
    clicked, since the log is not where the user looks."""
    return Notice(
        title=clip(f"Could not {what}", TITLE_LIMIT),
        body=f"{clip(why, 2 * REASON_LIMIT)}\n{id_line(invitation_id)}",
        invitation_ids=(invitation_id,),
        kind=NoticeKind.DRAFT,  # the user asked for it: never held back
        resident=True,
    )


def config_refused_notice(problems: Sequence[str]) -> Notice:
    """A reload (SIGHUP, ``service reload``) found the configuration broken and kept the old."""
    shown = [f"• {clip(problem, REASON_LIMIT)}" for problem in problems[:3]]
    return Notice(
        title="Configuration not reloaded",
        body="\n".join(
            [
                *shown,
                "The old configuration stays in effect. Fix it, check it with "
                "`invite-watcher config check`, then reload again.",
            ]
        ),
        kind=NoticeKind.FAILURE,
        resident=True,
    )
