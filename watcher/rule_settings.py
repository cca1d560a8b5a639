"""Configuration of the rules: points, phrase lists, verdict thresholds, welcome/block lists.

Owned by the evaluation stage; ``watcher.settings`` includes these sections.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RulesSettings(_Section):
    accept_at: int = 5
    meet_first_at: int = 1


class ListsSettings(_Section):
    welcome: list[str] = []
    block: list[str] = []
