"""``you.interests``: the fields you care about, each with other ways to say it.

An interest is written either as its term (``"user research"``) or as a table with the
synonyms and translations that should count as the same field (``{term = "user research",
also = ["Nutzerforschung", "recherche utilisateur"]}``), so a headline written in another
language than your configuration still names your field.

A validated interest is an :class:`Interest`: a ``str`` (its term) that carries its ``also``
words. Being a string keeps every reader of ``you.interests`` that wants the term alone (the
owner's profile, the drafts' field) working unchanged; the matcher (``judge.owner_terms``)
asks for the other words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainSerializer,
    PlainValidator,
    ValidationError,
    field_validator,
    model_validator,
)

from watcher.core.phrases import normalise


class Interest(str):
    """An interest's term, with the synonyms and translations that mean the same field."""

    also: tuple[str, ...]

    def __new__(cls, term: str, also: Iterable[str] = ()) -> Interest:
        interest = super().__new__(cls, term)
        interest.also = tuple(also)
        return interest

    @property
    def term(self) -> str:
        return str(self)

    def __repr__(self) -> str:
        return f"Interest({str(self)!r}, also={list(self.also)!r})"


def also_of(interest: str) -> tuple[str, ...]:
    """The other ways to say an interest: none for a plain string (the profile's industry)."""
    return interest.also if isinstance(interest, Interest) else ()


class _WrittenInterest(BaseModel):
    """One entry of ``you.interests`` as the file writes it: a string, or a term and ``also``."""

    model_config = ConfigDict(extra="forbid")

    term: str
    also: list[str] = []

    @model_validator(mode="before")
    @classmethod
    def _plain_term(cls, value: Any) -> Any:
        return {"term": value} if isinstance(value, str) else value

    @field_validator("term")
    @classmethod
    def _has_words(cls, value: str) -> str:
        if not normalise(value):
            raise ValueError("an interest needs a term with letters or digits")
        return value.strip()

    @field_validator("also")
    @classmethod
    def _no_empty_words(cls, value: list[str]) -> list[str]:
        if any(not normalise(word) for word in value):
            raise ValueError("an entry of 'also' has no letters or digits")
        return [word.strip() for word in value]


def _interest(value: Any) -> Interest:
    if isinstance(value, Interest):
        return value
    try:
        written = _WrittenInterest.model_validate(value)
    except ValidationError as error:
        raise ValueError(
            "; ".join(_problem(item) for item in error.errors())
            + ' (write "a term" or {term = "...", also = ["..."]})'
        ) from None
    return Interest(written.term, written.also)


def _problem(item: Any) -> str:
    """One validation problem of an entry, named after its key ("term", "also")."""
    key = ".".join(str(part) for part in item["loc"])
    if item["type"] == "extra_forbidden":
        return f"unknown key {key!r}"
    if item["type"] == "model_type":
        return "not a term or a table"
    return f"{key}: {item['msg'].removeprefix('Value error, ')}"


def _written(interest: str) -> str | dict[str, Any]:
    """How ``config show`` prints an interest: as it is written, a table only with ``also``."""
    also = also_of(interest)
    return {"term": str(interest), "also": list(also)} if also else str(interest)


#: one entry of ``you.interests``; typed ``str`` because an Interest is one (see the module)
InterestEntry = Annotated[str, PlainValidator(_interest), PlainSerializer(_written)]


def check_interests(interests: list[str]) -> list[str]:
    """The interests, or ValueError naming each term written twice (after normalisation)."""
    seen: dict[str, str] = {}
    duplicates = []
    for interest in interests:
        for word in (interest, *also_of(interest)):
            key = normalise(word)
            if key in seen and seen[key] is not interest:
                duplicates.append(f"{str(word)!r} (also under {str(seen[key])!r})")
            seen.setdefault(key, interest)
    if duplicates:
        raise ValueError("an interest is written twice: " + ", ".join(duplicates))
    return interests
