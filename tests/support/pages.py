"""The live DOM of LinkedIn's invitation manager, built in memory (reference/browser-captures.md
§1); ``tests.support.page_saves`` writes it the way each browser save does.

Cards are small dataclasses; ``live_page`` renders them as the page's DOM in one markup era::

    from tests.support.pages import CardSpec, live_page
    from tests.support.page_saves import save_complete

    jane = CardSpec("Jane Doe", "jane-doe", headline="Product lead", note="Hi!")
    dom = live_page([jane], era="sdui")
    page, files = save_complete(dom, "Manage invitations _ LinkedIn")  # bytes, {name: bytes}

Eras: ``"ember"`` (2017–2024: BEM classes, ``li.invitation-card``), ``"sdui"`` (2025–:
hashed classes, ``data-view-name``, ``componentkey``, Accept as a link), ``"eraless"`` (hashed
classes only: the accessible labels, ``/in/`` links and text are all there is). A card can be
a connection invitation or another kind (follow a page, subscribe to a newsletter, "Follows
you"); suggestions ("People you may know"), the navigation and the owner's own link are there
too, as on the real page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from html import escape
from typing import Literal

Era = Literal["ember", "sdui", "eraless"]
Kind = Literal["connection", "follow", "newsletter", "follows-you"]

MANAGER_URL = "https://www.linkedin.com/mynetwork/invitation-manager/"
OWNER_SLUG = "eve-owner"
STOCK_NOTE = "I'd like to add you to my professional network on LinkedIn."
CSS_URL = "https://static.licdn.com/aero-v1/sc/h/8a1b2c3d.css"
JS_URL = "https://static.licdn.com/aero-v1/sc/h/9f8e7d6c.js"
IMG_URL = "https://media.licdn.com/dms/image/v2/C4E03AQ/profile-displayphoto-shrink_100_100/0/1.jpg"


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


#: A card with everything the page shows, for tests that need one realistic invitation.
ADA = CardSpec(
    "Ada Nwosu",
    "ada-nwosu",
    headline="PR manager at Brightside",
    mutual="Jane Roe and 3 other mutual connections",
    time="2 days ago",
    note="We have not met, but I'd love a coffee to talk about climate PR.",
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
        + f'<link rel="stylesheet" href="{CSS_URL}"><script src="{JS_URL}"></script>'
    )
    nav = (
        '<header class="global-nav"><nav aria-label="Primary Navigation"><ul>'
        '<li><a href="https://www.linkedin.com/feed/">Home</a></li>'
        '<li><a href="https://www.linkedin.com/mynetwork/">My Network</a></li>'
        f'<li><a href="https://www.linkedin.com/in/{OWNER_SLUG}/"><img alt="Eve Owner" '
        f'src="{IMG_URL}"><span>Me</span></a></li></ul></nav></header>'
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
        f'<img alt="{name}" src="{IMG_URL}"></a>{title}{mutual}'
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
        f'<a href="{card.href}" class="_b71e"><figure><img alt="" src="{IMG_URL}"></figure></a>'
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
        f'<div class="_c1"><a href="{card.href}" class="_c2"><img alt="" src="{IMG_URL}"></a>'
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
