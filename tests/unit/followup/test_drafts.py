"""The drafted meet-up message: templates, fallbacks for missing fields, and the derived fields."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from watcher.config.drafting import DraftPieces, DraftTemplates, Tone
from watcher.followup.drafts import (
    FIELDS,
    DraftFields,
    check_piece,
    check_template,
    company_of,
    draft_fields,
    first_name_of,
    render_draft,
)
from watcher.models import Direction, Event, Finding, InvitationView, Owner

#: the letter shipped before tones: a user's own ``meetup.template`` may still hold it
OLD_LETTER = (
    "Hi {first_name},\n\n"
    "Thank you for the invitation. I'm afraid I don't remember us meeting{event_clause} — "
    "forgive me if we have. {field_clause}"
    "Before I connect, I like to put a voice to a name: would you have time for a coffee or a "
    "short call in the coming weeks? I'd be glad to hear what you're working on and see where "
    "we might help each other.\n\n"
    "Best,\n{your_name}"
)

ALL = DraftFields(
    first_name="Ana",
    name="Ana Silva",
    your_name="Jo Bloggs",
    field="public relations",
    event="the Lisbon PR Summit",
    company="Acme",
)


def invitation(name: str = "Ana Silva", headline: str = "", message: str = "") -> InvitationView:
    return InvitationView(
        id=1,
        name=name,
        profile_url=None,
        direction=Direction.INCOMING,
        sent_at=datetime(2024, 5, 6, tzinfo=UTC),
        message=message,
        headline=headline,
    )


# --------------------------------------------------------------------------------------------
# render_draft
# --------------------------------------------------------------------------------------------


def test_render_draft_old_letter_with_all_fields() -> None:
    text = render_draft(OLD_LETTER, ALL)
    assert text.startswith("Hi Ana,\n\n")
    assert "don't remember us meeting at the Lisbon PR Summit — forgive me" in text
    assert "I see you work in public relations, which is close to my own work. Before" in text
    assert text.endswith("Best,\nJo Bloggs")


def test_render_draft_old_letter_with_no_fields() -> None:
    text = render_draft(OLD_LETTER, DraftFields())
    assert text.startswith("Hi there,\n\n")
    assert "don't remember us meeting — forgive me if we have. Before I connect" in text
    assert text.endswith("Best,")  # the empty signature line is gone
    assert "{" not in text
    assert "None" not in text


def test_render_draft_first_name_comes_from_name() -> None:
    assert render_draft("Hi {first_name},", DraftFields(name="Dr. Ana Silva")) == "Hi Ana,"


def test_render_draft_blank_values_count_as_missing() -> None:
    fields = DraftFields(first_name="  ", your_name="\n", event="")
    assert render_draft("Hi {first_name},\nmet{event_clause}?\n{your_name}", fields) == (
        "Hi there,\nmet?"
    )


def test_render_draft_value_with_line_breaks_stays_on_one_line() -> None:
    assert render_draft("Hi {name}!", DraftFields(name="Ana\n  Silva")) == "Hi Ana Silva!"


def test_render_draft_plain_fields_fall_back_to_natural_words() -> None:
    template = "{name}: we met at {event}? You work at {company} in {field}."
    assert render_draft(template, DraftFields()) == (
        "there: we met at an event? You work at your company in your field."
    )


def test_render_draft_unknown_placeholders_are_left_out() -> None:
    template = "Hi {frist_name}, {name.upper} and {0} {} ok"
    assert render_draft(template, ALL) == "Hi, and ok"


def test_render_draft_empty_value_before_punctuation_leaves_no_space() -> None:
    assert render_draft("Thanks {your_name}. Bye {your_name}!", DraftFields()) == "Thanks. Bye!"


def test_render_draft_empty_value_between_words_keeps_one_space() -> None:
    assert render_draft("I am {your_name} from here", DraftFields()) == "I am from here"


def test_render_draft_broken_template_still_renders_without_braces() -> None:
    text = render_draft("Hi {first_name}, a } b { c }} d {name", ALL)
    assert text == "Hi Ana, a b d name"


def test_render_draft_escaped_braces_are_literal() -> None:
    assert render_draft("{{first_name}} is {first_name}", ALL) == "{first_name} is Ana"


def test_render_draft_format_specs_and_conversions_ignored() -> None:
    assert render_draft("{first_name!r:>10}.", ALL) == "Ana."


def test_render_draft_collapses_blank_lines_left_by_empty_fields() -> None:
    template = "Hi,\n\n{field_clause}\n\nBest,\n{your_name}\n\n"
    assert render_draft(template, DraftFields()) == "Hi,\n\nBest,"


# --------------------------------------------------------------------------------------------
# check_template
# --------------------------------------------------------------------------------------------


def test_check_template_shipped_templates_and_pieces_are_clean() -> None:
    assert check_template(OLD_LETTER) == []
    for tone in Tone:
        assert check_template(DraftTemplates().for_tone(tone)) == [], tone
    for name, piece in DraftPieces().texts().items():
        assert check_piece(piece) == [], name


def test_check_piece_refuses_the_composed_sentences() -> None:
    assert check_piece("Hi. {opening} {meeting}") == [
        "{opening} is left out of a piece: only a template may use it"
    ]
    assert check_template("{opening} {proposal} {answer}") == []


def test_check_template_typo_suggests_the_field() -> None:
    assert check_template("Hi {frist_name}") == [
        "unknown placeholder {frist_name} is left out; did you mean {first_name}?"
    ]


def test_check_template_unknown_without_close_match_lists_fields() -> None:
    (warning,) = check_template("{xyzzy}")
    assert "{xyzzy}" in warning
    assert "{first_name}" in warning
    assert "{field_clause}" in warning


def test_check_template_positional_attribute_and_spec() -> None:
    warnings = check_template("{} {0} {name.upper} {name[0]} {company:>3}")
    assert warnings == [
        "positional placeholder {} is left out; use a named field like {name}",
        "positional placeholder {0} is left out; use a named field like {name}",
        "unknown placeholder {name.upper} is left out; attribute and index access is not "
        "supported, write {name}",
        "unknown placeholder {name[0]} is left out; attribute and index access is not "
        "supported, write {name}",
        "{company}: conversions and format specs (! and :) are ignored",
    ]


def test_check_template_stray_brace_is_reported_with_fields_after_it() -> None:
    warnings = check_template("Hi { there } {frist_name} }")
    assert len(warnings) == 2
    assert warnings[0].startswith("the template has a stray brace")
    assert "{frist_name}" in warnings[1]


def test_check_template_reports_each_problem_once() -> None:
    assert len(check_template("{nme} {nme}")) == 1


# --------------------------------------------------------------------------------------------
# draft_fields
# --------------------------------------------------------------------------------------------


def test_draft_fields_from_invitation_and_owner() -> None:
    owner = Owner(
        first_name="Jo",
        last_name="Bloggs",
        events=(Event("Lisbon PR Summit"), Event("Web Summit", attended=False)),
        interests=("machine learning", "public relations"),
    )
    view = invitation(
        name="Dr. Ana Silva, PhD",
        headline="Head of Public Relations at Acme Corp | Speaker",
        message="We were both at the Lisbon PR Summit and the Web Summit.",
    )
    assert draft_fields(view, owner) == DraftFields(
        first_name="Ana",
        name="Dr. Ana Silva, PhD",
        your_name="Jo Bloggs",
        field="public relations",
        event="Lisbon PR Summit",
        company="Acme Corp",
    )


def test_draft_fields_configured_name_and_interests_win() -> None:
    owner = Owner(first_name="Jo", last_name="Bloggs", interests=("public relations",))
    view = invitation(headline="PR and crisis communication at Acme")
    fields = draft_fields(view, owner, your_name="Joanna", interests=("crisis communication",))
    assert (fields.your_name, fields.field) == ("Joanna", "crisis communication")


def test_draft_fields_interest_matches_whole_words_only() -> None:
    owner = Owner(interests=("pr",))
    assert draft_fields(invitation(headline="Product manager"), owner).field is None
    assert draft_fields(invitation(headline="PR manager"), owner).field == "pr"


def test_draft_fields_interest_from_note_when_headline_is_silent() -> None:
    owner = Owner(interests=("robotics",))
    view = invitation(headline="Engineer", message="I love robotics too")
    assert draft_fields(view, owner).field == "robotics"


def test_draft_fields_event_from_a_finding() -> None:
    owner = Owner(events=(Event("PyCon DE"),))
    finding = Finding(rule="history.event", points=2, detail="both attended PyCon DE 2024")
    assert draft_fields(invitation(), owner, [finding]).event == "PyCon DE"


def test_draft_fields_unrelated_finding_does_not_name_an_event() -> None:
    owner = Owner(events=(Event("PyCon DE"),))
    finding = Finding(rule="note.personal", points=2, detail="mentions PyCon DE")
    assert draft_fields(invitation(), owner, [finding]).event is None


def test_draft_fields_nothing_known() -> None:
    assert draft_fields(invitation(name=""), Owner()) == DraftFields()


def test_first_name_of_skips_honorifics() -> None:
    assert first_name_of("Prof Jane Doe") == "Jane"
    assert first_name_of("Mr. ") == ""


def test_first_name_of_keeps_the_name_as_written() -> None:
    # folding only decides what is an honorific: the greeting shows the letters the person chose
    assert first_name_of("𝐃𝐫 𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡") == "𝐉𝐨𝐡𝐧"
    assert first_name_of("ＭＲＳ Réka Fekete") == "Réka"
    assert first_name_of("محمد علي") == "محمد"
    assert first_name_of("דוד כהן") == "דוד"
    styled = draft_fields(invitation(name="𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡"), Owner())
    assert (styled.first_name, styled.name) == ("𝐉𝐨𝐡𝐧", "𝐉𝐨𝐡𝐧 𝐒𝐦𝐢𝐭𝐡")


def test_draft_fields_event_and_interest_named_with_other_accents_or_letters() -> None:
    owner = Owner(events=(Event("Café Summit Zürich"),), interests=("relações públicas",))
    view = invitation(
        headline="𝐑𝐞𝐥𝐚𝐜𝐨𝐞𝐬 𝐩𝐮𝐛𝐥𝐢𝐜𝐚𝐬 at Acme",
        message="Good to meet you at the cafe summit zurich!",
    )
    fields = draft_fields(view, owner)
    assert (fields.event, fields.field) == ("Café Summit Zürich", "relações públicas")


def test_company_of_headline_forms() -> None:
    assert company_of("Engineer @ Initech, Berlin") == "Initech"
    assert company_of("Senior Partner at Smith at Jones · Law") == "Jones"
    assert company_of("Freelancer") is None


# --------------------------------------------------------------------------------------------
# properties
# --------------------------------------------------------------------------------------------

words = st.text(alphabet="abcdefghij ÄéKLM-'", max_size=20).filter(lambda t: "None" not in t)
optional = st.none() | words
field_sets = st.builds(DraftFields, optional, optional, optional, optional, optional, optional)
literals = st.text(alphabet="abc ,.!?\n—", max_size=12)
placeholders = st.sampled_from([*FIELDS, "frist_name", "nme", "0", "", "name.upper"])
templates = st.lists(st.tuples(literals, placeholders), max_size=8).map(
    lambda parts: "".join(literal + "{" + name + "}" for literal, name in parts)
)


@given(field_sets)
def test_render_draft_property_old_letter_never_shows_braces_or_none(
    fields: DraftFields,
) -> None:
    text = render_draft(OLD_LETTER, fields)
    assert "{" not in text
    assert "}" not in text
    assert "None" not in text
    assert text.startswith("Hi ")
    assert text == text.strip()


@given(templates, field_sets)
def test_render_draft_property_any_template_never_shows_braces_or_none(
    template: str, fields: DraftFields
) -> None:
    text = render_draft(template, fields)
    assert "{" not in text
    assert "}" not in text
    assert "None" not in text
    assert all(line == line.rstrip() for line in text.splitlines())
    assert "\n\n\n" not in text


@given(st.text(alphabet="ab {}!:.0_\n", max_size=30), field_sets)
def test_render_draft_property_arbitrary_text_never_crashes(
    template: str, fields: DraftFields
) -> None:
    text = render_draft(template, fields)
    assert "None" not in text
    assert isinstance(check_template(template), list)
