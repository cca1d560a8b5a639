"""The note rules in the languages LinkedIn members write most: each class, each language.

Every note here was written for these tests; a class fires on its own example and the stock
text of each language counts as no note.
"""

from __future__ import annotations

import pytest

from tests.support.judging import PLAIN_OWNER, finding, rules_of, run
from watcher.config.rules import RulesSettings
from watcher.judge.checks import check_rules
from watcher.models import Verdict

STOCK = {
    "de": "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
    "de-du": "Hallo William, ich möchte mich gerne mit dir auf LinkedIn vernetzen.",
    "fr": "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.",
    "fr-old": "J'aimerais vous inviter à rejoindre mon réseau professionnel en ligne sur le "
    "site LinkedIn.",
    "es": "Me gustaría añadirte a mi red profesional de LinkedIn.",
    "it": "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
    "pt": "Olá, gostaria de adicionar você à minha rede profissional no LinkedIn.",
    "pt-lo": "Gostaria de adicioná-lo à minha rede profissional no LinkedIn.",
    "nl": "Ik wil je graag uitnodigen voor mijn LinkedIn-netwerk.",
    "nl-u": "Graag voeg ik u toe aan mijn professionele netwerk op LinkedIn.",
}


@pytest.mark.parametrize("language", sorted(STOCK))
def test_note_stock_text_of_each_language_counts_as_no_note(language: str) -> None:
    evaluation = run(STOCK[language], owner=PLAIN_OWNER)
    assert "note.stock" in rules_of(evaluation)
    assert "note.present" not in rules_of(evaluation)


# (class's rule, language, a note that says it)
CLASSES = [
    ("note.admits-not-met", "de", "Wir sind uns noch nie begegnet, trotzdem hallo."),
    ("note.admits-not-met", "de", "Sie kennen mich nicht, aber ich lese Ihre Beiträge."),
    ("note.admits-not-met", "fr", "On ne s'est jamais rencontrés, mais bonjour quand même."),
    ("note.admits-not-met", "fr", "Je me permets de vous contacter après votre conférence."),
    ("note.admits-not-met", "es", "No nos hemos visto nunca, pero sigo tus publicaciones."),
    ("note.admits-not-met", "it", "Non ci siamo mai sentiti, ma seguo i tuoi post."),
    ("note.admits-not-met", "pt", "Nunca nos falamos, mas acompanho as suas publicações."),
    ("note.admits-not-met", "nl", "We hebben elkaar nooit gesproken, maar ik volg je posts."),
    ("note.says-met", "de", "Danke für das nette Gespräch gestern auf dem Sommerfest."),
    ("note.says-met", "fr", "Ravie de vous avoir rencontrée au salon de Lyon hier soir."),
    ("note.says-met", "es", "Nos conocimos en la feria de Bilbao la semana pasada."),
    ("note.says-met", "it", "È stato un piacere conoscerti alla fiera di Bologna."),
    ("note.says-met", "pt", "Foi um prazer conhecê-la no evento de Braga ontem."),
    ("note.says-met", "nl", "Bedankt voor het fijne gesprek op de beurs in Utrecht."),
    ("note.says-why", "de", "Ihr Artikel über Wärmepumpen hat mir sehr geholfen."),
    ("note.says-why", "fr", "Votre travail sur les réseaux de chaleur m'a marqué."),
    ("note.says-why", "es", "Estoy investigando cómo las ciudades gestionan el agua."),
    ("note.says-why", "it", "Sto scrivendo una tesi sui trasporti pubblici a Torino."),
    ("note.says-why", "pt", "Trabalho com logística portuária e gostaria de trocar ideias."),
    ("note.says-why", "nl", "Ik werk aan een onderzoek naar fietsparkeren in Gent."),
    ("note.proposes-meeting", "de", "Hätten Sie nächste Woche Zeit für ein kurzes Telefonat?"),
    ("note.proposes-meeting", "de", "Vielleicht auf einen Kaffee in Hamburg, bei Gelegenheit?"),
    ("note.proposes-meeting", "fr", "Seriez-vous disponible pour un appel la semaine prochaine ?"),
    ("note.proposes-meeting", "es", "¿Te parece si hacemos una videollamada el jueves?"),
    ("note.proposes-meeting", "it", "Ti andrebbe di prendere un caffè a Roma qualche volta?"),
    ("note.proposes-meeting", "pt", "Podemos marcar uma chamada rápida na próxima semana?"),
    ("note.proposes-meeting", "nl", "Zullen we een keer een kop koffie drinken in Delft?"),
    ("note.pitch", "de", "Wir helfen Agenturen, mehr Leads zu gewinnen, mit unserer Software."),
    ("note.pitch", "fr", "Nous aidons les PME à réduire leurs coûts, audit gratuit offert."),
    ("note.pitch", "es", "Nuestra agencia ofrece una auditoría gratis para tu empresa."),
    ("note.pitch", "it", "Aiutiamo le aziende a raddoppiare le vendite, sconto del 30%."),
    ("note.pitch", "pt", "Ajudamos empresas a aumentar as vendas com a nossa plataforma."),
    ("note.pitch", "nl", "Wij helpen ondernemers aan meer omzet, nu met 20% korting."),
    ("note.recruiting", "de", "Ich habe ein spannendes Stellenangebot, das zu Ihnen passt."),
    ("note.recruiting", "fr", "J'ai une offre d'emploi qui pourrait vous intéresser."),
    ("note.recruiting", "es", "Tenemos una vacante en Valencia, envía tu CV por favor."),
    ("note.recruiting", "it", "Abbiamo un'offerta di lavoro da remoto, inviami il tuo CV."),
    ("note.recruiting", "pt", "Temos uma vaga aberta em Lisboa que combina com você."),
    ("note.recruiting", "nl", "Ik heb een vacature in Eindhoven die goed bij je past."),
    ("note.crypto", "de", "Mit Krypto zur finanziellen Freiheit, passives Einkommen!"),
    ("note.crypto", "fr", "Des revenus passifs grâce aux cryptomonnaies, contactez-moi."),
    ("note.crypto", "es", "Gana dinero con criptomonedas: libertad financiera real."),
    ("note.crypto", "it", "Rendita passiva con le cripto, scrivimi per i dettagli."),
    ("note.crypto", "pt", "Renda passiva todos os meses com investimento em cripto."),
    ("note.crypto", "nl", "Passief inkomen en financiële vrijheid, vraag me hoe."),
]


@pytest.mark.parametrize(("rule", "language", "note"), CLASSES)
def test_note_phrase_class_fires_in_each_language(rule: str, language: str, note: str) -> None:
    assert rule in rules_of(run(note, owner=PLAIN_OWNER)), language


SCAMS = {
    "en": "I saw your profile and you look stunning. I'm a navy doctor deployed abroad; "
    "write me on WhatsApp.",
    "de": "Ich habe dein Profil gesehen, was für ein wunderschönes Lächeln. Ich bin Witwer "
    "und arbeite auf einem Tanker.",
    "fr": "J'ai remarqué votre profil, votre sourire est charmant. Je suis veuf et je "
    "travaille sur un navire.",
    "es": "Vi tu perfil y me encantó tu sonrisa. Estoy en una misión de paz y soy viudo.",
    "it": "Ho visto il tuo profilo, che sorriso dolce. Sono vedovo e lavoro su una nave.",
    "pt": "Vi o seu perfil, que sorriso bonito. Sou viúva e trabalho num navio.",
    "nl": "Ik heb je profiel gezien, wat een mooie glimlach. Ik werk op een booreiland.",
}


@pytest.mark.parametrize("language", sorted(SCAMS))
def test_note_scam_in_each_language_is_ignored(language: str) -> None:
    evaluation = run(SCAMS[language], owner=PLAIN_OWNER)
    assert "note.scam" in rules_of(evaluation)
    assert evaluation.verdict is Verdict.IGNORE


def test_note_scam_names_its_marks_and_needs_two() -> None:
    detail = finding(run(SCAMS["en"], owner=PLAIN_OWNER), "note.scam")
    assert "saw your profile" in detail and "whatsapp" in detail
    honest = "We have never met; I saw your profile and would love to hear about your work."
    assert "note.scam" not in rules_of(run(honest, owner=PLAIN_OWNER))


def test_note_scam_is_checked_like_the_other_phrase_classes() -> None:
    phrases = RulesSettings().phrases | {"scam": []}
    assert any(
        "phrases.scam is empty, so note.scam never fires" in w
        for w in check_rules(RulesSettings(phrases=phrases))
    )
    assert "note.scam" in RulesSettings().pitch_rules


def test_note_interest_initials_that_spell_a_short_word_do_not_match() -> None:
    # "data engineering" -> "de", which every French, Spanish or Portuguese note contains
    owner = PLAIN_OWNER.__class__(
        first_name="William", last_name="Shaw", interests=("data engineering",)
    )
    note = "Je travaille sur la prévision de la demande et j'aimerais échanger."
    assert "value.field" not in rules_of(run(note, owner=owner))
