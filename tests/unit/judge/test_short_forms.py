"""Schools written short, events named by their brand, fields named in another language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.support.judging import PLAIN_OWNER, finding, rules_of, run
from watcher.judge.short_forms import event_brand, school_variants
from watcher.models import Event, Owner, School


def _owner(*schools: str, events: tuple[Event, ...] = (), interests: tuple[str, ...] = ()) -> Owner:
    return Owner(
        first_name="William",
        last_name="Shaw",
        schools=tuple(School(name) for name in schools),
        events=events,
        interests=interests,
    )


@pytest.mark.parametrize(
    ("school", "headline"),
    [
        ("Technische Universität München", "Werkstudent | TUM"),
        ("Technische Universität München", "Alumna der TU München"),
        ("University College London", "PhD candidate, UCL"),
        ("Massachusetts Institute of Technology", "Research scientist (MIT)"),
        ("Boston University", "BU '12 | Product"),
        ("Eidgenössische Technische Hochschule Zürich", "Doktorand an der ETH Zürich"),
        ("ETH Zürich", "Robotics, ETH"),
        ("Universität Wien", "Jurist, Uni Wien"),
    ],
)
def test_school_written_short_in_the_headline_is_the_same_school(
    school: str, headline: str
) -> None:
    evaluation = run("", headline, owner=_owner(school))
    assert school in finding(evaluation, "history.same-school")


def test_school_short_form_names_how_it_was_written() -> None:
    detail = finding(
        run("", "Alumna der TU München", owner=_owner("Technische Universität München")),
        "history.same-school",
    )
    assert "written “TU Munchen”" in detail


@pytest.mark.parametrize(
    ("school", "note"),
    [
        ("Massachusetts Institute of Technology", "Ich würde mich gerne mit Ihnen austauschen."),
        ("Boston University", "Bu is how my friends call me, nice to meet you."),
        ("Technische Universität München", "Ich habe an der TU Berlin studiert, wie Sie?"),
    ],
)
def test_school_initials_that_spell_a_word_do_not_match_in_a_note(school: str, note: str) -> None:
    assert "history.same-school" not in rules_of(run(note, owner=_owner(school)))


def test_school_variants_are_initials_kind_and_city_and_short_forms() -> None:
    assert school_variants("Technische Universität München") == [
        (("tum",), False),
        (("tu", "munchen"), False),
    ]
    assert school_variants("London School of Economics") == [(("lse",), False)]


PYCON = Event("PyCon Berlin 2026", datetime(2026, 4, 20, tzinfo=UTC))


@pytest.mark.parametrize(
    "note",
    [
        "Your session at PyCon was the best of the week, thank you!",
        "Ich war auch auf der PyCon und fand Ihren Vortrag super.",
        "J'étais à la PyCon, votre intervention m'a beaucoup plu.",
    ],
)
def test_event_named_by_its_brand_is_a_shared_event(note: str) -> None:
    evaluation = run(note, owner=_owner(events=(PYCON,)))
    assert "PyCon Berlin 2026" in finding(evaluation, "history.event")


def test_event_brand_is_never_a_city_or_a_common_word() -> None:
    assert event_brand("PyCon Berlin 2026") == "pycon"
    assert event_brand("FOSDEM 2025") == "fosdem"
    assert event_brand("Lisbon PR Summit 2026") is None
    assert event_brand("Berlin Buzzwords 2025") is None
    lisbon = Event("Lisbon PR Summit 2026", datetime(2026, 3, 12, tzinfo=UTC))
    note = "I just moved to Lisbon and would love to learn about PR here."
    assert "history.event" not in rules_of(run(note, owner=_owner(events=(lisbon,))))


@pytest.mark.parametrize(
    ("interest", "headline"),
    [
        ("data platform", "Leiterin Datenplattform bei Stadtwerke Süd"),
        ("data engineering", "Teamlead Datenengineering | Cloud"),
        ("human resources", "Responsable ressources humaines chez Dupont"),
        ("software engineering", "Teamleiter Softwareentwicklung"),
        ("sales", "Leiter Vertrieb DACH"),
    ],
)
def test_field_named_in_another_language_is_the_owners_field(interest: str, headline: str) -> None:
    evaluation = run("", headline, owner=_owner(interests=(interest,)))
    assert interest in finding(evaluation, "value.field")


def test_field_in_another_language_does_not_match_an_unrelated_headline() -> None:
    owner = _owner(interests=("data platform",))
    assert "value.field" not in rules_of(run("", "Leiter Vertrieb DACH", owner=owner))
    assert "value.field" not in rules_of(run("", "Leiter Vertrieb DACH", owner=PLAIN_OWNER))
