"""The invitation cards of a captured invitation manager page, read from its DOM.

Class names changed with every redesign (reference/browser-captures.md §1), so a card is found
from what survived them all: an Accept or Ignore control (its accessible label, in several
languages) and the card's ``/in/`` link. From the control the walk goes up to the card: the first
list item or card-like element holding a profile link, else the largest element holding only this
card's controls. Inside, the text is read line by line, as a browser lays it out, and each line
is told apart by its pattern (a relative time, a mutual-connection count, a label); the line
after the name is the headline, the rest is the note. The Ember era's BEM classes, where present,
only confirm what the text says.

Parsing uses selectolax's lexbor backend: lexbor implements the WHATWG HTML parsing algorithm, so
a saved page becomes the tree the browser had (lxml's libxml2 parser is an HTML 4 parser and
repairs modern markup differently); it is maintained, ships wheels and type hints, and its CSS
selectors cover the hooks we need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from watcher.core.identity import normalise_url
from watcher.sources.linkedin import page_text as text


@dataclass(frozen=True, slots=True)
class Card:
    """One connection invitation as the page showed it (``sent_text`` still relative)."""

    name: str
    profile_url: str
    headline: str | None
    mutual_connections: int | None
    note: str
    note_truncated: bool
    sent_text: str | None


def _words(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Elements that lay out as their own line (what a browser puts on a new line by default, and
#: ``time``, which LinkedIn always set apart as the card's own field).
_BLOCK = _words(
    "address article aside blockquote dd details div dl dt fieldset figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td "
    "tfoot th thead tr ul time"
)
#: Elements whose text is not what a reader of the card sees as its text.
_UNREAD = _words(
    "script style template noscript svg img picture video audio iframe object canvas input "
    "select textarea button code head title meta link"
)
#: Ember-era class hints for fields laid out as their own line by the stylesheet (inline spans).
_FIELD_CLASSES = (
    "invitation-card__title",
    "invitation-card__subtitle",
    "member-insights",
    "time-badge",
)
#: Class hints for text only screen readers get; LinkedIn repeats names and labels in them.
_HIDDEN_CLASSES = ("visually-hidden", "a11y-text", "sr-only", "screen-reader-text")
#: Elements that are a card in some era (list items, SDUI components, the Ember card).
_CARD_HOOKS = (
    'li, [role="listitem"], article, [data-view-name="pending-invitation"], [componentkey], '
    ".invitation-card"
)
#: Cards found by their hook alone, for labels in a language we do not know.
_HOOK_ONLY = '[data-view-name="pending-invitation"], .invitation-card, .mn-invitation-list > li'
#: Where the walk from a control up to its card stops: lists, regions, the page itself.
_STOP_TAGS = frozenset(
    {"body", "html", "main", "ul", "ol", "section", "nav", "aside", "header", "footer"}
)
_STOP_ROLES = frozenset({"main", "list", "navigation", "region", "feed"})
_CONTROLS = 'button, a, [role="button"], [role="link"]'


def find_cards(document: LexborHTMLParser) -> list[Card]:
    """Every connection invitation on the page, in page order, each profile once."""
    root = document.root
    if root is None:
        return []
    decisions = _decision_controls(root.css(_CONTROLS))
    roots = _card_roots(root, decisions)
    cards: list[Card] = []
    seen: set[str] = set()
    for card_root in roots:
        card = _read_card(card_root, decisions)
        if card is not None and card.profile_url not in seen:
            seen.add(card.profile_url)
            cards.append(card)
    return cards


def has_rendered_content(document: LexborHTMLParser) -> bool:
    """True when the page's main region holds text: a live page, not the server's empty shell."""
    return any(
        main.text(strip=True, separator=" ").strip() for main in document.css('main, [role="main"]')
    )


# --------------------------------------------------------------------------------------------
# Finding the cards
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Decision:
    node: LexborNode
    accept: bool
    label: str


def _decision_controls(controls: Iterable[LexborNode]) -> dict[int, _Decision]:
    """The Accept and Ignore controls, by node id."""
    found: dict[int, _Decision] = {}
    for node in controls:
        if _profile_href(node) is not None:
            continue
        label = _label(node)
        hint = (node.attrs.get("data-control-name") or "").lower()
        if hint == "accept" or text.is_accept(label):
            found[node.mem_id] = _Decision(node, True, label)
        elif hint in ("decline", "ignore") or text.is_ignore(label):
            found[node.mem_id] = _Decision(node, False, label)
    return found


def _card_roots(root: LexborNode, decisions: dict[int, _Decision]) -> list[LexborNode]:
    """The card of each decision control, plus hooked cards without a control we understood."""
    accepts, ignores, profiles = _tally(root, decisions)
    found: dict[int, LexborNode] = {}
    for decision in decisions.values():
        card = _climb(decision.node, accepts, ignores, profiles)
        if card is not None:
            found[card.mem_id] = card
    for hooked in root.css(_HOOK_ONLY):
        if hooked.mem_id in profiles and not _overlaps(hooked, found):
            found[hooked.mem_id] = hooked
    order = {node.mem_id: index for index, node in enumerate(root.traverse())}
    outermost = [n for n in found.values() if not _has_ancestor_in(n, found)]
    return sorted(outermost, key=lambda node: order.get(node.mem_id, 0))


def _tally(
    root: LexborNode, decisions: dict[int, _Decision]
) -> tuple[dict[int, int], dict[int, int], set[int]]:
    """For every element: how many Accept and Ignore controls it holds; which hold a profile."""
    accepts: dict[int, int] = {}
    ignores: dict[int, int] = {}
    for decision in decisions.values():
        counter = accepts if decision.accept else ignores
        for ancestor in _ancestors(decision.node):
            counter[ancestor.mem_id] = counter.get(ancestor.mem_id, 0) + 1
    profiles: set[int] = set()
    for link in root.css("a[href]"):
        if _profile_href(link) is not None:
            profiles.add(link.mem_id)
            profiles.update(ancestor.mem_id for ancestor in _ancestors(link))
    return accepts, ignores, profiles


def _climb(
    control: LexborNode, accepts: dict[int, int], ignores: dict[int, int], profiles: set[int]
) -> LexborNode | None:
    """From a control up to its card: the first card-like element holding a profile link, else
    the largest element holding a profile link and no other card's controls."""
    best: LexborNode | None = None
    for ancestor in _ancestors(control):
        key = ancestor.mem_id
        if accepts.get(key, 0) > 1 or ignores.get(key, 0) > 1 or _is_stop(ancestor):
            break
        if key in profiles:
            if ancestor.css_matches(_CARD_HOOKS):
                return ancestor
            if ancestor.css_first("h1, h2") is not None:
                break  # a page or section heading: past the card
            best = ancestor
    return best


def _is_stop(node: LexborNode) -> bool:
    return (node.tag or "") in _STOP_TAGS or (node.attrs.get("role") or "") in _STOP_ROLES


def _ancestors(node: LexborNode) -> Iterator[LexborNode]:
    parent = node.parent
    while parent is not None and parent.is_element_node:
        yield parent
        parent = parent.parent


def _has_ancestor_in(node: LexborNode, nodes: dict[int, LexborNode]) -> bool:
    return any(ancestor.mem_id in nodes for ancestor in _ancestors(node))


def _overlaps(node: LexborNode, nodes: dict[int, LexborNode]) -> bool:
    if node.mem_id in nodes or _has_ancestor_in(node, nodes):
        return True
    return any(_inside(other, node) for other in nodes.values())


# --------------------------------------------------------------------------------------------
# Reading one card
# --------------------------------------------------------------------------------------------


def _read_card(root: LexborNode, decisions: dict[int, _Decision]) -> Card | None:
    profile, name = _inviter(root, decisions)
    if profile is None or not name:
        return None
    layout = _Lines(skip=set(decisions))
    layout.walk(root)
    lines = _split_name_line(layout.lines, name)
    if any(text.marks_other_invitation(line, name=name) for line in lines):
        return None  # a page to follow, a newsletter, an event, a "Follows you"
    fields = _classify(lines, name)
    note, truncated = text.cut_note(_hinted_note(root) or fields.note, expandable=layout.more)
    return Card(
        name=name,
        profile_url=profile,
        headline=_hinted(root, ".invitation-card__subtitle") or fields.headline,
        mutual_connections=fields.mutual,
        note=note,
        note_truncated=truncated,
        sent_text=fields.sent_text,
    )


def _inviter(root: LexborNode, decisions: dict[int, _Decision]) -> tuple[str | None, str]:
    """The card's profile (its first ``/in/`` link) and the name shown for it."""
    links = [(link, _profile_href(link)) for link in root.css("a[href]")]
    profiles = [(link, url) for link, url in links if url is not None]
    if not profiles:
        return None, ""
    profile = profiles[0][1]
    name = _hinted(root, ".invitation-card__title")
    for link, url in profiles:
        if name or url != profile:
            break
        layout = _Lines(skip=set())
        layout.walk(link)
        name = layout.lines[0] if layout.lines else ""
    labels = (d.label for d in decisions.values() if _inside(d.node, root))
    labelled = next((found for label in labels if (found := text.name_in_label(label))), "")
    # a link laid out inline holds more than the name ("Jane Doe Product lead"): the label
    # names the person exactly
    if not name or (labelled and name.startswith(labelled + " ")):
        name = labelled
    return profile, name


@dataclass(frozen=True, slots=True)
class _Fields:
    headline: str | None
    mutual: int | None
    note: str
    sent_text: str | None


def _classify(lines: list[str], name: str) -> _Fields:
    """Tell the lines apart: after the name, the line before the first time or mutual line is
    the headline; every other line that is no time, count or chrome belongs to the note."""
    start = next((i for i, line in enumerate(lines) if line == name), None)
    sent_text: str | None = None
    mutual: int | None = None
    before_meta: list[str] = []
    after_meta: list[str] = []
    for index, line in enumerate(lines):
        if index == start:
            continue
        if text.is_relative_time(line):
            sent_text = sent_text or line
        elif (count := text.mutual_connections(line)) is not None:
            mutual = count if mutual is None else mutual
        elif start is not None and index > start and not text.is_chrome(line):
            (after_meta if sent_text or mutual is not None else before_meta).append(line)
    headline = before_meta[0] if before_meta else None
    return _Fields(headline, mutual, "\n".join(before_meta[1:] + after_meta), sent_text)


def _split_name_line(lines: list[str], name: str) -> list[str]:
    """A name laid out inline with what follows it ("Jane Doe Product lead") becomes two lines."""
    for index, line in enumerate(lines):
        if line == name:
            return lines
        if line.startswith(name + " "):
            return [*lines[:index], name, line[len(name) + 1 :], *lines[index + 1 :]]
    return lines


def _hinted(root: LexborNode, selector: str) -> str | None:
    """The text of an Ember-era class hook, when the card has it."""
    node = root.css_first(selector)
    if node is None:
        return None
    layout = _Lines(skip=set())
    layout.walk(node)
    return " ".join(layout.lines) or None


def _hinted_note(root: LexborNode) -> str | None:
    node = root.css_first(".invitation-card__custom-message")
    if node is None:
        return None
    layout = _Lines(skip=set())
    layout.walk(node)
    return "\n".join(layout.lines) or None


# --------------------------------------------------------------------------------------------
# Text as laid out
# --------------------------------------------------------------------------------------------


class _Lines:
    """The visible text of an element as lines, like ``innerText``: blocks and ``<br>`` break
    lines, whitespace collapses, controls and screen-reader-only text are left out. ``more``
    tells whether a "See more" control was seen."""

    def __init__(self, skip: set[int]) -> None:
        self.lines: list[str] = []
        self.more = False
        self._skip = skip
        self._current: list[str] = []

    def walk(self, node: LexborNode) -> None:
        self._visit(node)
        self._flush()

    def _visit(self, node: LexborNode) -> None:
        for child in node.iter(include_text=True):
            if child.is_text_node:
                self._current.append(child.text_content or "")
            elif child.tag == "br":
                self._flush()
            elif child.is_element_node and self._readable(child):
                block = (child.tag or "") in _BLOCK
                if block:
                    self._flush()
                self._visit(child)
                if block:
                    self._flush()

    def _readable(self, node: LexborNode) -> bool:
        tag = node.tag or ""
        role = node.attrs.get("role") or ""
        control = tag == "button" or role in ("button", "link")
        if control or (tag == "a" and _profile_href(node) is None):
            if text.is_more_control(_label(node)):
                self.more = True
                return False
            if node.mem_id in self._skip or "/compose/" in (node.attrs.get("href") or ""):
                return False
        if tag in _UNREAD or "hidden" in node.attrs:
            return False
        return not _has_class(node, _HIDDEN_CLASSES)

    def _flush(self) -> None:
        line = " ".join("".join(self._current).split())
        if line:
            self.lines.append(line)
        self._current = []


def _has_class(node: LexborNode, names: tuple[str, ...]) -> bool:
    classes = (node.attrs.get("class") or "").split()
    return any(name in classes for name in names)


def _label(node: LexborNode) -> str:
    label = node.attrs.get("aria-label") or node.text(separator=" ", strip=True)
    return " ".join(label.split())


def _inside(node: LexborNode, root: LexborNode) -> bool:
    return any(ancestor.mem_id == root.mem_id for ancestor in _ancestors(node))


def _profile_href(node: LexborNode) -> str | None:
    """The normalised profile a link points to (``/in/<slug>`` on LinkedIn or relative)."""
    if (node.tag or "") != "a":
        return None
    href = (node.attrs.get("href") or "").strip()
    parts = urlsplit(href)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("", "http", "https") or (
        host and host != "linkedin.com" and not host.endswith(".linkedin.com")
    ):
        return None
    if not parts.path.startswith("/in/"):
        return None
    # Relative links and links saved from a local copy name the same member: keep the path.
    return normalise_url("https://www.linkedin.com" + parts.path)
