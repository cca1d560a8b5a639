"""Labelled cases of history a person would recognise: nicknames in the address book, calendar
guests known by address only, names in styled letters, a field named in another language than
the interests. The traces come out of the real readers (vCard, iCalendar), so what is judged is
what an import would store. Written for issue 15, not taken from the README or other tests.
"""

from __future__ import annotations

from dataclasses import replace

from tests.support.labelled_case import ACCEPT, IGNORE, MEET, OWNER, Case
from watcher.config.interests import Interest
from watcher.models import Acquaintance
from watcher.sources.calendar import read_calendar
from watcher.sources.vcard import read_cards

_LIMIT = 100_000


def card(name: str, email: str = "") -> tuple[Acquaintance, ...]:
    """The address book's card for ``name``, as the vCard reader reads it."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{name}"]
    lines += [f"EMAIL:{email}"] if email else []
    lines += ["END:VCARD"]
    return tuple(read_cards((f"{line}\r\n" for line in lines), "contacts.vcf", _LIMIT))


def guest(email: str, summary: str) -> tuple[Acquaintance, ...]:
    """A meeting the owner held with one guest listed by address only (no ``CN``)."""
    owner = "katharina.brandt@nordlicht.example"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"X-WR-CALNAME:{owner}",
        "BEGIN:VEVENT",
        "UID:1@labelled",
        "DTSTART:20260302T100000Z",
        "DTEND:20260302T110000Z",
        f"SUMMARY:{summary}",
        f"ORGANIZER;CN=Katharina Brandt:mailto:{owner}",
        f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{email}",
        f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Katharina Brandt:mailto:{owner}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    records = read_calendar((f"{line}\r\n" for line in lines), "kalender.ics", _LIMIT)
    return tuple(record for record in records if isinstance(record, Acquaintance))


#: the owner also lists her field with its words in other languages
_FORECASTING = replace(
    OWNER,
    interests=(
        *OWNER.interests,
        Interest("energy forecasting", ("Energieprognose", "prévision énergétique")),
    ),
)

HISTORY_CASES: tuple[Case, ...] = (
    # a nickname in the address book: the same person, whatever the note says
    Case("de", "nickname", "", ACCEPT, name="Johannes Keller", traces=card("Hannes Keller")),
    Case("it", "nickname", "", ACCEPT, name="Giuseppe Ferri", traces=card("Beppe Ferri")),
    Case("es", "nickname", "", ACCEPT, name="Francisco Ruiz", traces=card("Paco Ruiz")),
    Case("en", "nickname", "", ACCEPT, name="Margaret Doyle", traces=card("Peggy Doyle")),
    # two given names of their own are two people: no match, a bare invitation
    Case("nl", "nickname", "", IGNORE, name="Maria Jansen", traces=card("Marie Jansen")),
    # a calendar guest known by address only
    Case(
        "fr",
        "calendar by e-mail",
        "Ravie de notre atelier de mars, restons en contact !",
        ACCEPT,
        name="Camille Girard",
        traces=guest("camille.girard@reseau-ouest.example", "Atelier prévision"),
    ),
    Case(
        "nl",
        "calendar by e-mail",
        "",
        ACCEPT,
        name="Sanne de Vries",
        traces=guest("sanne.de-vries@netbeheer.example", "Afstemming data"),
    ),
    Case(
        "pt",
        "calendar by e-mail",
        "",
        ACCEPT,
        name="Rui Barros",
        traces=guest("rui_barros@redes-sul.example", "Revisão do projeto"),
    ),
    # a role mailbox names nobody: no match
    Case(
        "de",
        "calendar by e-mail",
        "",
        IGNORE,
        name="Info Team",
        traces=guest("info.team@messe.example", "Standplanung"),
    ),
    # names in styled letters against their plain form in the address book
    Case("en", "styled letters", "", ACCEPT, name="𝓔𝓶𝓶𝓪 𝓛𝓪𝓷𝓰𝓯𝓸𝓻𝓭", traces=card("Emma Langford")),
    Case("pt", "styled letters", "", ACCEPT, name="𝐉𝐨𝐚̃𝐨 𝐏𝐞𝐫𝐞𝐢𝐫𝐚", traces=card("João Pereira")),
    Case("de", "styled letters", "", ACCEPT, name="𝙅𝙪̈𝙧𝙜𝙚𝙣 𝙃𝙖𝙖𝙨", traces=card("Jürgen Haas")),
    # the field in another language than the interests: worth meeting first
    Case("es", "field in another language", "", MEET, headline="Ingeniera de datos en Banco Sol"),
    Case("it", "field in another language", "", MEET, headline="Responsabile piattaforme dati"),
    Case("nl", "field in another language", "", MEET, headline="Dataplatform engineer bij Enexis"),
    Case(
        "de",
        "field in another language",
        "",
        MEET,
        headline="Architektin für Datenplattformen",
    ),
    Case(
        "de",
        "field in another language",
        "",
        MEET,
        headline="Spezialistin für Energieprognosen",
        owner=_FORECASTING,
    ),
    Case(
        "fr",
        "field in another language",
        "",
        MEET,
        headline="Chargée de prévision énergétique",
        owner=_FORECASTING,
    ),
    # a headline in another language that is not the field
    Case("it", "field in another language", "", IGNORE, headline="Infermiera pediatrica"),
)
