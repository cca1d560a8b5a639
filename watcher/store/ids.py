"""Lists of ids (or keys) in SQL: the one way the store asks for "one of these".

The list travels as ONE parameter, a JSON array that SQLite unpacks with ``json_each``, instead
of a ``?`` per element: no limit on bound variables to chunk around, one statement per question
whatever the list's length, and one cached statement instead of one per length.
"""

from __future__ import annotations

import json
from collections.abc import Iterable


def among(column: str, values: Iterable[int] | Iterable[str]) -> tuple[str, tuple[str]]:
    """SQL saying ``column`` is one of ``values``, and the one parameter it binds.

    ``values`` may repeat and come in any order; an empty list matches nothing. Use as
    ``sql, args = among("i.id", ids)`` then ``f"... WHERE {sql}"`` with ``args`` in place.
    """
    return f"{column} IN (SELECT value FROM json_each(?))", (json.dumps(list(values)),)
