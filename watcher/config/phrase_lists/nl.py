"""The phrase classes in Dutch (patterns of ``watcher.core.phrases``, over folded text)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "ik wil je|u graag toevoegen aan mijn professionele? netwerk op? linkedin?",
        "ik wil je|u graag uitnodigen voor mijn linkedin? netwerk",
        "graag voeg ik je|u toe aan mijn professionele? netwerk op? linkedin?",
    ],
    "not_met": [
        "we kennen elkaar nog? niet",
        "we hebben elkaar nog? nooit|niet ontmoet|gesproken|gezien",
        "je|u kent me|mij niet",
        "graag stel ik me|mij even? voor",
        "ik stel me|mij even? voor",
    ],
    "met": [
        "we hebben elkaar ... ontmoet|gesproken|gezien",
        "leuk|fijn|goed je|u ... ontmoet|gesproken|ontmoeten|spreken",
        "bedankt voor ... gesprek|koffie|telefoontje|afspraak",
        "na ons gesprek",
    ],
    "why": [
        "omdat|aangezien",
        "tijdens mijn onderzoek|studie|zoektocht",
        "je|jouw|uw artikel*|post*|bericht*|presentatie|talk|podcast|boek|werk|project*|ervaring|bedrijf|team|nieuwsbrief|blog|onderzoek",  # noqa: E501
        "ik ben ... bezig",
        "op zoek naar",
        "ik werk aan|bij|in|als|met",
        "graag ... leren|uitwisselen|samenwerken|sparren|weten",
        "zelfde sector|vakgebied|branche|stad",
        "samenwerk*",
        "geinspireerd|onder de indruk",
    ],
    "meeting": [
        "koffie|bakkie|belletje|telefoontje|videocall|lunch",
        "kop koffie",
        "afspreken|kennismak*",
        "even bellen|spreken|sparren",
    ],
    "pitch": [
        "gratis ... demo|adviesgesprek|consult|scan|proefperiode",
        "wij helpen ... bedrijven|ondernemers|organisaties|klanten|merken",
        "onze ... oplossing*|software|platform|tool|dienst*|product*",
        "meer ... omzet|klanten|leads",
        "korting",
    ],
    "recruiting": [
        "vacature*",
        "functie ... die ... past",
        "mooie|leuke|interessante ... functie|rol|baan",
    ],
    "crypto": ["passief inkomen", "financiele vrijheid", "geld verdienen"],
    "collector": ["volg mij"],
    "colleague": ["collega*", "werk*|werkte bij", "oud collega*", "afdeling|team"],
    "scam": [
        "je|uw profiel|foto gezien|zag",
        "mooie|prachtige ... glimlach|foto",
        "je|uw glimlach",
        "booreiland",
        "op een schip",
        "vn missie",
        "weduwe|weduwnaar",
        "whatsapp|telegram",
        "serieuze|oprechte relatie|vriendschap",
    ],
}
