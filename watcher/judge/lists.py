"""The user's welcome and block lists: which entry, if any, settles an invitation outright."""

from __future__ import annotations

from collections.abc import Callable

from watcher.config.rules import ListsSettings
from watcher.core.identity import name_key, normalise_url
from watcher.core.phrases import contains_sequence, normalise
from watcher.judge.owner_terms import company_core
from watcher.models import EvaluationInput, Finding


def _same_url(entry: str, item: EvaluationInput) -> bool:
    url = item.invitation.profile_url
    return url is not None and normalise_url(entry) == normalise_url(url)


def _same_name(entry: str, item: EvaluationInput) -> bool:
    key = name_key(entry)
    return bool(key) and key == name_key(item.invitation.name)


def _works_at(company: str, item: EvaluationInput) -> bool:
    core = company_core(company)
    if not core:
        return False
    companies = [company_core(t.company) for t in item.history.acquaintances]
    return contains_sequence(tuple(normalise(item.invitation.headline).split()), core) or (
        core in companies
    )


def _has_domain(domain: str, item: EvaluationInput) -> bool:
    domain = domain.strip().lstrip("@").casefold()
    traces = item.history.acquaintances
    hosts = {email.rpartition("@")[2].casefold() for t in traces for email in t.emails}
    return any(host == domain or host.endswith("." + domain) for host in hosts)


#: most specific first: a person before a company or a domain
_LIST_MATCHERS: dict[str, Callable[[str, EvaluationInput], bool]] = {
    "profile_urls": _same_url,
    "names": _same_name,
    "companies": _works_at,
    "email_domains": _has_domain,
}


def listed(item: EvaluationInput, lists: ListsSettings) -> Finding | None:
    """The finding (``list.welcome`` or ``list.block``) of the entry that settles this, if any.

    A person (profile URL, then name) is more specific than a company or a domain, so the first
    kind that matches wins; within a kind the block list wins.
    """
    for kind, matches in _LIST_MATCHERS.items():
        for name, people in (("block", lists.block), ("welcome", lists.welcome)):
            entries: list[str] = getattr(people, kind)
            entry = next((e for e in entries if matches(e, item)), None)
            if entry is not None:
                what = kind.removesuffix("s").replace("_", " ")
                return Finding(
                    rule=f"list.{name}",
                    points=0,
                    detail=f"on your {name} list ({what} {entry!r})",
                    source=f"lists.{name}.{kind}",
                )
    return None
