"""The readers' profile URLs: the normal form passes as it is, everything else is normalised."""

from __future__ import annotations

import random
import string

import pytest

from watcher.core.identity import normalise_url
from watcher.sources.linkedin.urls import profile_url


@pytest.mark.parametrize(
    "text",
    [
        "https://www.linkedin.com/in/ana-reyes-5635a017",
        "https://www.linkedin.com/in/r%C3%A9ka-fekete-b60542b9",
        "https://www.linkedin.com/in/niko-gál-b60542b9",
        "https://www.linkedin.com/in/Ana-Reyes/",
        "https://www.linkedin.com/in/ana?trk=x",
        "www.linkedin.com/in/robdale",
        "https://www.linkedin.com/company/acme",
        "https://www.linkedin.com/in/",
        "urn:li:member:123",
        "",
    ],
)
def test_profile_url_is_normalise_url(text: str) -> None:
    assert profile_url(text) == normalise_url(text)


def test_profile_url_is_normalise_url_for_random_slugs() -> None:
    rng = random.Random(12)
    alphabet = string.ascii_letters + string.digits + "-_%/?#. é:"
    for _ in range(3000):
        slug = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        for text in (
            f"https://www.linkedin.com/in/{slug}",
            f"https://www.linkedin.com/in/{slug}".lower(),
        ):
            assert profile_url(text) == normalise_url(text), text
