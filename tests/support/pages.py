"""Captures of LinkedIn's invitation manager, built in memory (reference/browser-captures.md).

Cards are small dataclasses; ``live_page`` renders them as the page's live DOM in one markup
era, and the ``save_*`` functions write that DOM the way a browser's "Save page as" (or our
bookmarklet) does, returning the file's bytes::

    from tests.support.pages import CardSpec, live_page, save_complete

    jane = CardSpec("Jane Doe", "jane-doe", headline="Product lead", note="Hi!")
    dom = live_page([jane], era="sdui")
    page, files = save_complete(dom, "Manage invitations _ LinkedIn")  # bytes, {name: bytes}

Eras: ``"ember"`` (2017–2024: BEM classes, ``li.invitation-card``), ``"sdui"`` (2025–:
hashed classes, ``data-view-name``, ``componentkey``, Accept as a link), ``"eraless"`` (hashed
classes only: the accessible labels, ``/in/`` links and text are all there is).

Saves: ``save_complete`` (Chromium "Webpage, Complete": the "saved from" mark and a
``_files/`` folder), ``save_mhtml`` (Chromium "Single File", built with the ``email`` package
as Blink writes it), ``save_firefox`` (Firefox "Web Page, complete": no mark, a charset meta
first), ``save_bookmarklet`` (our bookmarklet's file), ``html_only_shell`` (the server's
response, no cards), and ``other_page`` (another LinkedIn page or another site).
"""

from __future__ import annotations

import email.policy
import json
import quopri
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.header import Header
from email.message import Message
from email.utils import format_datetime
from html import escape
from typing import Literal

Era = Literal["ember", "sdui", "eraless"]
Kind = Literal["connection", "follow", "newsletter", "follows-you"]

MANAGER_URL = "https://www.linkedin.com/mynetwork/invitation-manager/"
OWNER_SLUG = "eve-owner"
STOCK_NOTE = "I'd like to add you to my professional network on LinkedIn."
_CSS = "https://static.licdn.com/aero-v1/sc/h/8a1b2c3d.css"
_JS = "https://static.licdn.com/aero-v1/sc/h/9f8e7d6c.js"
_IMG = "https://media.licdn.com/dms/image/v2/C4E03AQ/profile-displayphoto-shrink_100_100/0/1.jpg"


@dataclass(frozen=True)
class CardSpec:
    """One card on the page. ``slug`` is written into the link as given (percent-encoded or
    not); ``mutual`` and ``time`` are the phrases as shown; ``labels`` replaces the English
    (accept, ignore) accessible labels; ``kind`` makes it a card that is no connection
    invitation."""

    name: str
    slug: str
    headline: str = ""
    mutual: str = ""
    time: str = "3 days ago"
    note: str = ""
    truncated: bool = False
    kind: Kind = "connection"
    labels: tuple[str, str] | None = None
    button_texts: tuple[str, str] = ("Accept", "Ignore")
    #: era-less only: name and headline as inline spans in one link, set apart by CSS alone
    inline_title: bool = False

    @property
    def href(self) -> str:
        return f"https://www.linkedin.com/in/{self.slug}/?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3AACoAAB12"

    def accept_label(self) -> str:
        return self.labels[0] if self.labels else f"Accept {self.name}’s invitation"

    def ignore_label(self) -> str:
        return (
            self.labels[1] if self.labels else f"Ignore an invitation to connect from {self.name}"
        )


@dataclass(frozen=True)
class Suggestion:
    """A "People you may know" card: a profile link and Connect, no invitation."""

    name: str
    slug: str
    headline: str = "Designer at Somewhere"
    mutual: str = "5 mutual connections"


@dataclass
class _Page:
    cards: list[CardSpec]
    suggestions: list[Suggestion] = field(default_factory=list)
    promo: bool = False


# --------------------------------------------------------------------------------------------
# The live DOM, by era
# --------------------------------------------------------------------------------------------


def live_page(
    cards: list[CardSpec],
    *,
    era: Era = "sdui",
    suggestions: list[Suggestion] | None = None,
    title: str = "(3) Manage invitations | LinkedIn",
    canonical: bool = True,
    promo: bool = False,
) -> str:
    """The page as the browser holds it after the cards loaded (what a save serialises);
    ``promo`` puts an advertisement among the SDUI cards, as LinkedIn's lists carry."""
    render = {"ember": _ember, "sdui": _sdui, "eraless": _eraless}[era]
    head = (
        '<meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        + (f'<link rel="canonical" href="{MANAGER_URL}">' if canonical else "")
        + f'<link rel="stylesheet" href="{_CSS}"><script src="{_JS}"></script>'
    )
    nav = (
        '<header class="global-nav"><nav aria-label="Primary Navigation"><ul>'
        '<li><a href="https://www.linkedin.com/feed/">Home</a></li>'
        '<li><a href="https://www.linkedin.com/mynetwork/">My Network</a></li>'
        f'<li><a href="https://www.linkedin.com/in/{OWNER_SLUG}/"><img alt="Eve Owner" '
        f'src="{_IMG}"><span>Me</span></a></li></ul></nav></header>'
    )
    body = render(_Page(cards, suggestions or [], promo))
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{nav}{body}</body></html>'


def _ember(page: _Page) -> str:
    items = "".join(_ember_card(card) for card in page.cards)
    pymk = "".join(
        f'<li class="discover-entity-card artdeco-list__item"><a href="/in/{s.slug}/">'
        f'<span class="discover-person-card__name">{escape(s.name)}</span></a>'
        f'<span class="discover-person-card__occupation">{escape(s.headline)}</span>'
        f'<span class="member-insights__count">{escape(s.mutual)}</span>'
        f'<button aria-label="Invite {escape(s.name)} to connect">Connect</button>'
        '<button aria-label="Dismiss">Dismiss</button></li>'
        for s in page.suggestions
    )
    return (
        '<div class="application-outlet"><main id="main" class="scaffold-layout__main">'
        '<section class="mn-invitation-manager artdeco-card"><header><h2 class="t-18">'
        f"Invitations ({len(page.cards)})</h2></header>"
        f'<ul class="mn-invitation-list artdeco-list">{items}</ul></section>'
        + (
            '<section class="mn-pymk-list artdeco-card"><h2>People you may know</h2>'
            f'<ul class="discover-fluid-entity-list">{pymk}</ul></section>'
            if page.suggestions
            else ""
        )
        + "</main></div>"
    )


def _ember_card(card: CardSpec) -> str:
    name = escape(card.name)
    if _person(card):
        title = (
            f'<a class="invitation-card__link app-aware-link" href="{card.href}" '
            f'data-control-name="profile"><span class="invitation-card__title t-16 t-bold">'
            f'{name}</span>\n<span class="invitation-card__subtitle t-14 t-normal">'
            f"{escape(card.headline)}</span></a>"
        )
        if card.kind == "follows-you":
            title += '<p class="invitation-card__insight t-12">Follows you</p>'
    else:
        title = (
            '<a class="invitation-card__link" href="/company/acme-corp/">'
            '<span class="invitation-card__title">Acme Corp</span></a>'
            f'<p class="invitation-card__subtitle"><a href="{card.href}">{name}</a> '
            f"{_other_words(card)}</p>"
        )
    mutual = (
        '<div class="member-insights"><a href="/search/results/people/?facetNetwork=F">'
        f'<span class="member-insights__count">{escape(card.mutual)}</span></a></div>'
        if card.mutual
        else ""
    )
    return (
        '<li class="invitation-card artdeco-list__item"><div class="invitation-card__container">'
        f'<a class="invitation-card__picture" href="{card.href}" data-control-name="profile">'
        f'<img alt="{name}" src="{_IMG}"></a>{title}{mutual}'
        f'<time class="time-badge t-12">{escape(card.time)}</time></div>'
        + _ember_note(card)
        + '<div class="invitation-card__action-container">'
        f'<button class="invitation-card__action-btn" aria-label="{escape(card.ignore_label())}"'
        f' data-control-name="decline"><span>{card.button_texts[1]}</span></button>'
        f'<button class="invitation-card__action-btn" aria-label="{escape(card.accept_label())}"'
        f' data-control-name="accept"><span>{card.button_texts[0]}</span></button>'
        "</div></li>"
    )


def _ember_note(card: CardSpec) -> str:
    if not card.note:
        return ""
    name = escape(card.name)
    if card.truncated:
        shown = escape(card.note[: len(card.note) // 2])
        body = (
            f'<span class="lt-line-clamp__line">{shown}</span>'
            '<span class="lt-line-clamp__ellipsis">...<a class="lt-line-clamp__more" href="#" '
            'role="button">See more</a></span>'
        )
    else:
        body = _with_breaks(card.note)
    return (
        '<div class="invitation-card__custom-message-container">'
        f'<span class="invitation-card__custom-message lt-line-clamp">'
        f'<span class="visually-hidden">Message from {name}: </span>{body}</span></div>'
    )


def _sdui(page: _Page) -> str:
    items = "".join(
        f'<div componentkey="urn:li:invitation:{index}" class="_0a1b2c">{_sdui_card(card)}</div>'
        for index, card in enumerate(page.cards)
    )
    if page.promo:
        items += (
            '<div componentkey="urn:li:promo:1" class="_0a1b2c"><div class="_q1">'
            "<p>Try Premium for €0</p><p>See who viewed your profile</p></div></div>"
        )
    pymk = "".join(
        f'<div role="listitem" data-view-name="cohort-card" class="_7c6d"><a href="'
        f'https://www.linkedin.com/in/{s.slug}/"><p><strong>{escape(s.name)}</strong></p></a>'
        f"<p>{escape(s.headline)}</p><p>{escape(s.mutual)}</p>"
        f'<button aria-label="Invite {escape(s.name)} to connect"><span>Connect</span></button>'
        "</div>"
        for s in page.suggestions
    )
    screen = "com.linkedin.sdui.flagshipnav.mynetwork.invitations.InvitationReceivedWithType"
    count = len(page.cards)
    return (
        f'<div role="main" data-sdui-screen="{screen}" class="_5e4f3a">'
        f'<nav class="_9b8a"><a href="#">All ({count})</a><a href="#">People ({count})</a></nav>'
        f'<div data-testid="lazy-column" class="_1d2e">{items}</div>'
        f'<button class="_3c4d">Load more</button>'
        + (
            f'<section class="_8f7e"><h2>People you may know</h2><div role="list">{pymk}</div>'
            "</section>"
            if page.suggestions
            else ""
        )
        + "</div>"
    )


def _sdui_card(card: CardSpec) -> str:
    name = escape(card.name)
    if _person(card):
        title = (
            f'<a href="{card.href}" class="_e11"><p class="_f3a"><strong>{name}</strong></p></a>'
        )
    else:
        title = (
            f'<p class="_f3a"><a href="{card.href}"><strong>{name}</strong></a> '
            f'{_other_words(card)} <a href="https://www.linkedin.com/company/acme-corp/">Acme</a></p>'
        )
    lines = "".join(f'<p class="_g6b">{escape(value)}</p>' for value in _shown_lines(card))
    return (
        f'<div data-view-name="pending-invitation" role="listitem" class="_a8c9">'
        f'<a href="{card.href}" class="_b71e"><figure><img alt="" src="{_IMG}"></figure></a>'
        f'<div class="_d9a">{title}{lines}</div>'
        + _sdui_note(card)
        + '<div data-view-name="invitation-action" class="_m7">'
        f'<button aria-label="{escape(card.ignore_label())}" class="_n8">'
        f"<span>{card.button_texts[1]}</span></button>"
        f'<a href="https://www.linkedin.com/mynetwork/invitation-manager/?accept=1" '
        f'aria-label="{escape(card.accept_label())}" class="_o9">'
        f"<span>{card.button_texts[0]}</span></a></div></div>"
    )


def _sdui_note(card: CardSpec) -> str:
    if not card.note:
        return ""
    reply = (
        '<a href="https://www.linkedin.com/messaging/compose/?recipient=ACoAAB12" '
        f'aria-label="Reply to {escape(card.name)}">Reply to {escape(card.name.split()[0])}</a>'
    )
    if card.truncated:
        shown = escape(card.note[: len(card.note) // 2])
        return (
            f'<div class="_j4e"><p class="_k5f"><span>{shown}</span>'
            f'<button data-testid="expandable-text-button" class="_l6">…more</button></p>'
            f"{reply}</div>"
        )
    return (
        f'<div class="_j4e"><p class="_k5f"><span>{_with_breaks(card.note)}</span></p>{reply}</div>'
    )


def _eraless(page: _Page) -> str:
    """Hashed classes only: no BEM, no data-view-name, no componentkey, no list roles."""
    items = "".join(_eraless_card(card) for card in page.cards)
    pymk = "".join(
        f'<div class="_p1"><a href="https://www.linkedin.com/in/{s.slug}/">'
        f'<div class="_p2">{escape(s.name)}</div></a><div class="_p3">{escape(s.headline)}</div>'
        f'<div class="_p4">{escape(s.mutual)}</div>'
        f'<button aria-label="Invite {escape(s.name)} to connect">Connect</button></div>'
        for s in page.suggestions
    )
    return (
        '<div role="main" class="_x0"><div class="_xw"><div class="_x1"><div class="_x2">'
        f'<span class="_x3">Invitations</span></div><div class="_x4">{items}</div></div>'
        + (f'<div class="_x5"><h2>People you may know</h2>{pymk}</div>' if page.suggestions else "")
        + "</div></div>"
    )


def _eraless_card(card: CardSpec) -> str:
    name = escape(card.name)
    if _person(card) and card.inline_title:
        title = (
            f'<a href="{card.href}" class="_c3"><span class="_c4">{name}</span> '
            f'<span class="_c5">{escape(card.headline)}</span></a>'
        )
    elif _person(card):
        title = f'<a href="{card.href}" class="_c3"><div class="_c4">{name}</div></a>'
    else:
        title = f'<div class="_c4"><a href="{card.href}">{name}</a> {_other_words(card)}</div>'
    shown = _shown_lines(replace(card, headline="") if card.inline_title else card)
    lines = "".join(f'<div class="_c5">{escape(value)}</div>' for value in shown)
    note = ""
    if card.note:
        shown = card.note[: len(card.note) // 2] + "…more" if card.truncated else card.note
        note = f'<div class="_c6"><span class="_c7">{_with_breaks(shown)}</span></div>'
    return (
        f'<div class="_c1"><a href="{card.href}" class="_c2"><img alt="" src="{_IMG}"></a>'
        f"{title}{lines}{note}"
        f'<div class="_c8"><button aria-label="{escape(card.ignore_label())}" class="_c9">'
        f"{card.button_texts[1]}</button>"
        f'<button aria-label="{escape(card.accept_label())}" class="_ca">'
        f"{card.button_texts[0]}</button></div></div>"
    )


def _with_breaks(note: str) -> str:
    return "<br>".join(escape(line) for line in note.split("\n"))


def _other_words(card: CardSpec) -> str:
    return {
        "follow": "invited you to follow",
        "newsletter": "invited you to subscribe to The Weekly Brief",
    }[card.kind]


def _person(card: CardSpec) -> bool:
    """A card about a person (a connection invitation, or someone who "Follows you")."""
    return card.kind in ("connection", "follows-you")


def _shown_lines(card: CardSpec) -> tuple[str, ...]:
    chip = ("Follows you",) if card.kind == "follows-you" else ()
    return tuple(v for v in (card.headline, *chip, card.mutual, card.time) if v)


# --------------------------------------------------------------------------------------------
# What each save writes
# --------------------------------------------------------------------------------------------


def _without_doctype(dom: str) -> str:
    return dom.removeprefix("<!DOCTYPE html>")


def save_complete(dom: str, title: str, url: str = MANAGER_URL) -> tuple[bytes, dict[str, bytes]]:
    """Chromium "Webpage, Complete": the live DOM after the "saved from" mark, a charset meta
    first in the head, resources moved to ``<title>_files/``. Returns the page and the folder's
    files (name -> bytes)."""
    folder = f"{title}_files"
    html = (
        _without_doctype(dom)
        .replace(
            "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', 1
        )
        .replace(_CSS, f"./{folder}/8a1b2c3d.css")
        .replace(_JS, f"./{folder}/9f8e7d6c.js.download")
        .replace(_IMG, f"./{folder}/1.jpg")
    )
    mark = f"<!-- saved from url=({len(url):04d}){url} -->"
    page = f"<!DOCTYPE html>\n{mark}\n{html}".encode()
    return page, _resources()


def _resources() -> dict[str, bytes]:
    frame_url = "https://www.linkedin.com/preload/"
    frame = (
        f"<!DOCTYPE html>\n<!-- saved from url=({len(frame_url):04d}){frame_url} -->\n"
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
        "</head><body></body></html>"
    )
    return {
        "8a1b2c3d.css": b".invitation-card{display:block}\n",
        "9f8e7d6c.js.download": b"(function(){window.__li=1;})();\n",
        "1.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64),
        "saved_resource.html": frame.encode(),
    }


def save_firefox(dom: str, title: str) -> tuple[bytes, dict[str, bytes]]:
    """Firefox "Web Page, complete": no "saved from" mark; a charset meta inserted first in the
    head; resources in ``<title>_files/`` referred to without ``./``."""
    folder = f"{title}_files"
    html = (
        dom.replace("<!DOCTYPE html>", "<!DOCTYPE html>\n", 1)
        .replace(
            "<head>", '<head><meta http-equiv="content-type" content="text/html; charset=UTF-8">', 1
        )
        .replace(_CSS, f"{folder}/8a1b2c3d.css")
        .replace(_JS, f"{folder}/9f8e7d6c.js")
        .replace(_IMG, f"{folder}/1.jpg")
    )
    return html.encode(), _resources()


def save_mhtml(
    dom: str,
    title: str,
    saved_at: datetime,
    url: str = MANAGER_URL,
    *,
    charset_in_meta: bool = True,
) -> bytes:
    """Chromium "Webpage, Single File": MIME headers as Blink writes them, the HTML part
    quoted-printable with no charset parameter (UTF-8 only in the inner meta), scripts gone,
    resources as further parts; CRLF line ends."""
    boundary = "----MultipartBoundary--Vh3kQ0dTzN8xY1pR5sLmC7aW2eF6gJ9bU4oI----"
    root = Message()
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = url
    root["Subject"] = title if title.isascii() else Header(title, "utf-8").encode()
    root["Date"] = format_datetime(saved_at)
    root["MIME-Version"] = "1.0"
    root["Content-Type"] = f'multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"'
    html = _without_doctype(dom).replace(f'<script src="{_JS}"></script>', "")
    if not charset_in_meta:
        html = html.replace('<meta charset="utf-8">', "")
    else:
        html = html.replace(
            '<meta charset="utf-8">',
            '<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">',
        )
    root.attach(_part("text/html", "<frame-1C7A@mhtml.blink>", url, "<!DOCTYPE html>" + html))
    root.attach(_part("text/css", None, "cid:css-8a1b@mhtml.blink", ".invitation-card{}"))
    return root.as_bytes(policy=email.policy.compat32.clone(linesep="\r\n"))


def _part(kind: str, content_id: str | None, location: str, text: str) -> Message:
    part = Message()
    part["Content-Type"] = kind
    if content_id:
        part["Content-ID"] = content_id
    part["Content-Transfer-Encoding"] = "quoted-printable"
    part["Content-Location"] = location
    part.set_payload(quopri.encodestring(text.encode("utf-8")).decode("ascii"))
    return part


def save_bookmarklet(dom: str, captured_at: str, url: str = MANAGER_URL) -> bytes:
    """Our bookmarklet's file: the capture mark, then the live DOM (``outerHTML``)."""
    meta = json.dumps({"url": url, "captured_at": captured_at}).replace("<", "\\u003c")
    mark = f"<!-- invite-watcher/capture@1 {meta} -->"
    return f"<!DOCTYPE html>\n{mark}\n{_without_doctype(dom)}".encode()


def html_only_shell(era: Era = "sdui") -> bytes:
    """What "HTML only" writes: the server's response, scripts and data, no rendered cards."""
    data = (
        '<code id="bpr-guid-1" style="display: none">{"data":{"$type":"com.linkedin.voyager.'
        'common.Me"},"included":[]}</code>'
        if era == "ember"
        else ""
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>LinkedIn</title>"
        '<meta name="pageKey" content="d_flagship3_people_invitations">'
        f'<link rel="canonical" href="{MANAGER_URL}">'
        f'<link rel="stylesheet" href="{_CSS}"><script src="{_JS}" defer></script></head>'
        '<body class="render-mode-BIGPIPE"><noscript>Please enable JavaScript.</noscript>'
        f'{data}<div id="root" class="application-outlet"></div></body></html>'
    ).encode()


def other_page(kind: Literal["feed", "grow", "site"]) -> bytes:
    """A page that is not the invitation manager, saved as Complete: LinkedIn's feed, the
    "grow" page (which links to the invitation manager), or another site entirely."""
    if kind == "site":
        url = "https://blog.example.org/mynetwork-tips/"
        body = (
            "<main><h1>How to handle LinkedIn invitations</h1><p>Open "
            '<a href="https://www.linkedin.com/mynetwork/invitation-manager/">the invitation '
            'manager</a> and click <button aria-label="Accept">Accept</button> on '
            '<a href="https://www.linkedin.com/in/jane-doe/">Jane Doe</a>.</p></main>'
        )
    else:
        url = f"https://www.linkedin.com/{'feed' if kind == 'feed' else 'mynetwork/grow'}/"
        body = (
            '<main><a href="/mynetwork/invitation-manager/">Show all invitations</a>'
            f'<a href="/in/{OWNER_SLUG}/">Eve Owner</a><p>Start a post</p></main>'
        )
    html = (
        f'<html lang="en"><head><meta charset="utf-8"><title>Feed | LinkedIn</title>'
        f'<link rel="canonical" href="{url}"></head><body>{body}</body></html>'
    )
    return f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n{html}".encode()
