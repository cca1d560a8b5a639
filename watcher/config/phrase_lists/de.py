"""The phrase classes in German (patterns of ``watcher.core.phrases``, over folded text: ä -> a)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "ich mochte sie|dich|ihnen gerne? zu|in meinem|mein beruflichen|berufliches netzwerk auf? linkedin? hinzufugen|aufnehmen",  # noqa: E501
        "ich mochte mich gerne? mit ihnen|dir auf? linkedin? vernetzen",
    ],
    "not_met": [
        "wir kennen uns noch? nicht|kaum",
        "uns noch? nicht|nie ... kennen|kennengelernt|begegnet|getroffen|gesprochen",
        "noch? nicht|nie das? vergnugen|gelegenheit",
        "sie|du kennen|kennst mich nicht|noch",
        "unbekannterweise",
        "ich stelle mich kurz? vor",
        "darf ich mich kurz? vorstellen",
    ],
    "met": [
        "wir haben uns ... kennengelernt|getroffen|gesprochen|unterhalten",
        "danke fur das|unser|unseren|den|die ... gesprach|telefonat|treffen|kaffee|austausch",
        "nach unserem|dem gesprach|telefonat|treffen|austausch",
        "schon|nett|toll sie|dich ... kennengelernt|getroffen|gesehen",
        "lange nicht gesehen",
    ],
    "why": [
        "weil",
        "bei der|meiner recherche|suche",
        "da ich|wir|sie|du|ihr",
        "ihr|ihre|ihren|ihrem|dein|deine|deinen|deinem beitrag*|artikel|vortrag|post*|arbeit|buch|podcast*|newsletter|projekt*|erfahrung|forschung|talk|keynote|session|panel|unternehmen|team|blog|werdegang",  # noqa: E501
        "interessiere mich",
        "ich arbeite|forsche|schreibe|baue|grunde|organisiere|suche|beschaftige",
        "gerne ... austauschen|lernen|erfahren|zusammenarbeiten|fragen",
        "austausch",
        "zusammenarbeit",
        "gleichen|selben|ahnlichen branche|bereich|feld|stadt",
        "begeistert|beeindruckt|inspiriert",
        "ich bin neu",
        "mit interesse",
        "ich verfolge",
    ],
    "meeting": [
        "kaffee*|kaffeetrinken|telefonat*|anruf|videocall|mittagessen|feierabendbier",
        "telefonieren",
        "kennenlernen|kennenzulernen",
        "kurz* ... austausch*|gesprach|sprechen",
        "uns ... treffen|sehen|sprechen",
    ],
    "pitch": [
        "kostenlos*|gratis|unverbindlich* ... demo|beratung|erstgesprach|analyse|test*|audit",
        "wir helfen ... unternehmen|firmen|kunden|agenturen|teams|mittelstand*",
        "unser*|unsere ... losung|losungen|software|plattform|tool|produkt*|dienstleistung*",
        "mehr umsatz|kunden|leads|anfragen",
        "rabatt*",
    ],
    "recruiting": [
        "stellenangebot*|jobangebot*|karrierechance*",
        "spannende|interessante|attraktive ... position|stelle|rolle|vakanz",
        "offene position|stelle|stellen",
        "offen fur ... neue herausforderung*|stellen|positionen",
        "lebenslauf",
    ],
    "crypto": [
        "krypto*",
        "passives|passive einkommen",
        "finanzielle freiheit",
        "geld verdienen",
        "garantierte|hohe|tagliche rendite*",
    ],
    "collector": ["folge mir", "ich nehme alle ... an"],
    "colleague": [
        "kolleg*",
        "arbeite*|war bei|fur|im",
        "ehemalig*|fruher",
        "abteilung|team",
    ],
    "scam": [
        "ihr|dein profil|foto|bild ... gesehen|entdeckt|bemerkt",
        "schones|wunderschones|hubsches|bezauberndes lacheln|foto|bild|gesicht",
        "ihr|dein lacheln",
        "bohrinsel",
        "auf einem schiff|tanker|frachter",
        "auslandseinsatz|einsatz|blauhelm*",
        "un mission",
        "witwe|witwer|verwitwet",
        "schreib*|kontaktier* mir|mich ... whatsapp|telegram|e mail|email|privat",
        "ernsthafte|ehrliche|aufrichtige ... beziehung|freundschaft|partner*",
    ],
}
