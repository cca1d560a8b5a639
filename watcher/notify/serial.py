"""Notices as JSON, for the outbox (``watcher.store.outbox``): pure, like the texts.

A stored notice keeps what it says and its buttons; the buttons' handler is not data, so it is
rebuilt from :attr:`Notice.subject` (``ActionRouter.handler_for``) when the notice is sent.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from watcher.notify.texts import FIRST_ACTION, Action, Notice, NoticeKind, Urgency


def notice_json(notice: Notice) -> str:
    """The notice as JSON, for the outbox: what it says and its buttons; the buttons' handler is
    rebuilt from :attr:`Notice.subject` when it is sent."""
    data = asdict(notice)
    data["actions"] = [[action.id, action.label] for action in notice.actions]
    return json.dumps(data)  # ASCII: a lone surrogate from a bad file still stores


def notice_from_json(text: str) -> Notice:
    data = json.loads(text)
    return Notice(
        title=str(data["title"]),
        body=str(data["body"]),
        urgency=Urgency(data.get("urgency", Urgency.NORMAL)),
        actions=tuple(Action(str(id_), str(label)) for id_, label in data.get("actions", ())),
        url=data.get("url"),
        invitation_ids=tuple(int(i) for i in data.get("invitation_ids", ())),
        click=data.get("click", FIRST_ACTION),
        kind=NoticeKind(data.get("kind", NoticeKind.OTHER)),
        resident=bool(data.get("resident", False)),
        settled=int(data.get("settled", 0)),
    )
