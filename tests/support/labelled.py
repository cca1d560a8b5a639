"""A labelled set of invitations in seven languages: each with the verdict a careful reader gives.

The owner writes in German and English (Katharina Brandt, data platform lead, TU München,
PyCon Berlin 2026); the inviters are strangers unless the case says otherwise. Written for
issue 15, not taken from the README or other tests. ``agreement`` is what the judgment
benchmark reports.
"""

from __future__ import annotations

from tests.support.labelled_case import ACCEPT, IGNORE, MEET, Case, verdict
from tests.support.labelled_history import HISTORY_CASES

__all__ = ["CASES", "Case", "agreement", "verdict"]

#: the notes: good ones, why only, stock texts, scams, pitches; fields, schools, events
NOTE_CASES: tuple[Case, ...] = (
    # a stranger who admits it, says why and proposes a coffee or a call: accept
    Case(
        "en",
        "good note",
        "We have never met, but I'm building a reading group on "
        "stream processing. Would you join us for a coffee?",
        ACCEPT,
    ),
    Case(
        "de",
        "good note",
        "Hallo Katharina, wir kennen uns noch nicht, aber ich baue gerade "
        "ein Netzwerk für Energieanalysten auf. Hätten Sie Lust auf einen Kaffee?",
        ACCEPT,
    ),
    Case(
        "de",
        "good note",
        "Wir sind uns noch nie begegnet. Ich habe Ihren Artikel über "
        "Lastprognosen gelesen und würde mich gerne austauschen, vielleicht bei einem "
        "kurzen Telefonat?",
        ACCEPT,
    ),
    Case(
        "fr",
        "good note",
        "Bonjour Katharina, nous ne nous connaissons pas, mais votre "
        "article sur les réseaux électriques m'a beaucoup appris. Un café à Munich ?",
        ACCEPT,
    ),
    Case(
        "fr",
        "good note",
        "On ne s'est jamais rencontrées : je travaille sur la prévision "
        "de la demande et j'aimerais échanger avec vous lors d'un appel.",
        ACCEPT,
    ),
    Case(
        "es",
        "good note",
        "Hola Katharina, no nos conocemos, pero tu charla sobre "
        "calidad de datos me inspiró. ¿Te apetece una llamada de 20 minutos?",
        ACCEPT,
    ),
    Case(
        "es",
        "good note",
        "Permíteme presentarme: estoy construyendo una comunidad de "
        "analistas de energía en Madrid. ¿Tomamos un café cuando pases por aquí?",
        ACCEPT,
    ),
    Case(
        "it",
        "good note",
        "Ciao Katharina, non ci conosciamo ancora, ma il tuo lavoro "
        "sulle reti intelligenti mi ha colpito. Ti andrebbe un caffè virtuale?",
        ACCEPT,
    ),
    Case(
        "it",
        "good note",
        "Non ci siamo mai incontrati: sto organizzando un meetup sui "
        "dati energetici a Milano e vorrei conoscere la tua esperienza con una telefonata.",
        ACCEPT,
    ),
    Case(
        "pt",
        "good note",
        "Olá Katharina, ainda não nos conhecemos, mas o seu artigo "
        "sobre redes elétricas foi muito útil. Podemos tomar um café online?",
        ACCEPT,
    ),
    Case(
        "pt",
        "good note",
        "Você não me conhece, mas estou a construir uma equipa de "
        "dados em Lisboa e gostaria de aprender consigo numa chamada rápida.",
        ACCEPT,
    ),
    Case(
        "nl",
        "good note",
        "Hoi Katharina, we kennen elkaar nog niet, maar jouw artikel "
        "over netbeheer vond ik erg sterk. Zin in een kop koffie?",
        ACCEPT,
    ),
    Case(
        "nl",
        "good note",
        "We hebben elkaar nog nooit ontmoet. Ik werk aan een "
        "open-source tool voor energiedata en wil graag even bellen om te sparren.",
        ACCEPT,
    ),
    # says why, proposes to meet, but does not admit being strangers: meet first
    Case(
        "de",
        "why only",
        "Ihr Vortrag über Datenqualität hat mir sehr gefallen. Gerne würde ich mich austauschen.",
        MEET,
    ),
    Case(
        "fr",
        "why only",
        "Votre parcours m'impressionne, je serais ravi de prendre un café avec vous.",
        MEET,
    ),
    Case(
        "es",
        "why only",
        "Me encantaría aprender de tu experiencia en el sector energético. ¿Una llamada?",
        MEET,
    ),
    Case(
        "it",
        "why only",
        "Il tuo percorso è molto interessante, mi piacerebbe confrontarmi con te.",
        MEET,
    ),
    # LinkedIn's stock text in each language: no note
    Case("en", "stock", "I'd like to add you to my professional network on LinkedIn.", IGNORE),
    Case(
        "de",
        "stock",
        "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
        IGNORE,
    ),
    Case(
        "de",
        "stock",
        "Hallo Katharina, ich möchte mich gerne mit Ihnen auf LinkedIn vernetzen.",
        IGNORE,
    ),
    Case(
        "fr",
        "stock",
        "Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.",
        IGNORE,
    ),
    Case("es", "stock", "Me gustaría añadirte a mi red profesional de LinkedIn.", IGNORE),
    Case(
        "it", "stock", "Salve, vorrei aggiungerla alla mia rete professionale su LinkedIn.", IGNORE
    ),
    Case(
        "pt",
        "stock",
        "Olá, gostaria de adicionar você à minha rede profissional no LinkedIn.",
        IGNORE,
    ),
    Case("nl", "stock", "Ik wil je graag uitnodigen voor mijn LinkedIn-netwerk.", IGNORE),
    # romance scams that read personal: ignore
    Case(
        "en",
        "scam",
        "Hello dear, I saw your profile and your smile caught my eye. I am "
        "a surgeon with a UN mission in Yemen, so I rarely get online. Write me on "
        "WhatsApp, I would love to know you better.",
        IGNORE,
    ),
    Case(
        "en",
        "scam",
        "I came across your profile and you look gorgeous. I work on an "
        "oil rig in the North Sea and I'm looking for an honest friendship. "
        "My email is below.",
        IGNORE,
    ),
    Case(
        "de",
        "scam",
        "Hallo meine Liebe, ich habe dein Profil gesehen und dein Lächeln "
        "hat mich berührt. Ich arbeite auf einer Bohrinsel vor Norwegen. Schreib mir "
        "doch auf WhatsApp.",
        IGNORE,
    ),
    Case(
        "fr",
        "scam",
        "Bonjour, j'ai vu votre profil et votre sourire est magnifique. "
        "Je suis médecin militaire en mission au Mali, écrivez-moi sur WhatsApp.",
        IGNORE,
    ),
    Case(
        "es",
        "scam",
        "Hola, vi tu perfil y tu sonrisa es preciosa. Soy ingeniero en "
        "una plataforma petrolera y busco una amistad sincera.",
        IGNORE,
    ),
    Case(
        "it",
        "scam",
        "Ciao, ho visto il tuo profilo, hai un sorriso bellissimo. Sono "
        "un ufficiale su una nave e cerco un'amicizia sincera.",
        IGNORE,
    ),
    Case(
        "pt",
        "scam",
        "Olá, vi o seu perfil e o seu sorriso é lindo. Sou viúvo e "
        "trabalho numa plataforma de petróleo.",
        IGNORE,
    ),
    Case(
        "nl",
        "scam",
        "Hallo, ik heb je profiel gezien en je glimlach is prachtig. Ik "
        "werk op een booreiland, stuur me een bericht op WhatsApp.",
        IGNORE,
    ),
    # pitches and bait in other languages: ignore
    Case(
        "de",
        "pitch",
        "Wir helfen Energieunternehmen wie Ihrem, mehr Umsatz zu machen. "
        "Darf ich Ihnen eine kostenlose Demo zeigen?",
        IGNORE,
    ),
    Case(
        "fr",
        "pitch",
        "Nous aidons les entreprises de l'énergie à doubler leurs ventes. "
        "Je vous propose une démo gratuite.",
        IGNORE,
    ),
    Case(
        "es",
        "pitch",
        "Ayudamos a empresas como la tuya a aumentar sus ventas con "
        "nuestra plataforma. ¿Una demo gratis?",
        IGNORE,
    ),
    Case(
        "it",
        "pitch",
        "Ho un'opportunità di lavoro da casa: guadagnare 500 euro al giorno con le cripto.",
        IGNORE,
    ),
    Case(
        "pt",
        "pitch",
        "Renda passiva garantida com cripto, fale comigo para liberdade financeira!",
        IGNORE,
    ),
    Case(
        "nl",
        "pitch",
        "Wij helpen bedrijven aan meer klanten met onze software. Gratis demo?",
        IGNORE,
    ),
    # honest notes with one scam-like mark: not a scam
    Case(
        "en",
        "not a scam",
        "We haven't met; I saw your profile while researching grid "
        "data teams and would love a short call about your platform.",
        ACCEPT,
    ),
    Case(
        "de",
        "not a scam",
        "Wir kennen uns noch nicht. Ich arbeite offshore an "
        "Windparks und würde gerne von Ihrer Erfahrung lernen, vielleicht bei einem "
        "Kaffee?",
        ACCEPT,
    ),
    # value in the owner's field, written in German: meet first
    Case("de", "field", "", MEET, headline="Leiterin Datenplattform bei Stadtwerke Süd"),
    Case("de", "field", "", MEET, headline="Teamlead Datenengineering | Cloud"),
    Case("en", "unrelated", "", IGNORE, headline="Sales Director DACH"),
    # more of each class, written after the first run
    Case(
        "fr",
        "good note",
        "Nous ne nous sommes jamais parlé, mais je lance une association "
        "d'ingénieures des données à Lyon. Auriez-vous un moment pour un appel ?",
        ACCEPT,
    ),
    Case(
        "es",
        "good note",
        "No nos hemos cruzado nunca; trabajo en redes eléctricas en "
        "Sevilla y me encantaría conocer tu experiencia. ¿Una videollamada?",
        ACCEPT,
    ),
    Case(
        "pt",
        "good note",
        "Ainda não tivemos oportunidade de falar. Trabalho com dados "
        "de energia no Porto e gostaria de trocar ideias num café.",
        ACCEPT,
    ),
    Case(
        "nl",
        "why only",
        "Jouw presentatie over netcongestie was heel sterk, zullen we eens koffie drinken?",
        MEET,
    ),
    Case(
        "pt", "why only", "Adorei o seu artigo sobre redes inteligentes, podemos conversar?", MEET
    ),
    Case(
        "es",
        "stock",
        "Hola Katharina, me gustaría agregarte a mi red profesional en LinkedIn.",
        IGNORE,
    ),
    Case("nl", "stock", "Graag voeg ik u toe aan mijn professionele netwerk op LinkedIn.", IGNORE),
    Case(
        "es",
        "scam",
        "Hola querida, vi tu foto y tu sonrisa es hermosa. Soy viuda, "
        "médica en una misión de la ONU. Escríbeme por WhatsApp.",
        IGNORE,
    ),
    Case(
        "de",
        "scam",
        "Dein Foto hat mich sofort angesprochen, so ein schönes Lächeln. "
        "Ich bin Witwer und suche eine ehrliche Beziehung.",
        IGNORE,
    ),
    Case(
        "it",
        "not a scam",
        "Non ci conosciamo: ho visto il tuo profilo mentre cercavo "
        "esperti di dati energetici e vorrei una breve chiamata.",
        ACCEPT,
    ),
    Case(
        "fr",
        "pitch",
        "Notre plateforme aide les équipes data à réduire leurs coûts "
        "cloud. Démo gratuite cette semaine ?",
        IGNORE,
    ),
    Case(
        "de",
        "pitch",
        "Spannende Position als Data Engineer in Frankfurt, passt perfekt "
        "zu Ihrem Profil. Schicken Sie mir Ihren Lebenslauf.",
        IGNORE,
    ),
    Case("fr", "field", "", MEET, headline="Responsable plateforme de données, Lyon"),
    Case("es", "field", "", MEET, headline="Ingeniería de datos | Energía"),
    # a school written short, an event named without year or city
    Case("de", "school", "", MEET, headline="Data Scientist | TUM Alumna"),
    Case("en", "school", "", MEET, headline="Analyst, alumnus of TU München"),
    Case(
        "de",
        "event",
        "Ich habe Ihren Vortrag auf der PyCon gehört und würde mich gerne austauschen.",
        ACCEPT,
    ),
    Case(
        "en",
        "event",
        "Your session at PyCon was the best of the week, I'd love to learn more about it.",
        ACCEPT,
    ),
)


#: every case: the notes, then history matched like a person (nicknames, addresses, letters)
CASES = NOTE_CASES + HISTORY_CASES


def agreement(cases: tuple[Case, ...] = CASES) -> dict[str, tuple[int, int]]:
    """(agreeing, total) per language and per kind, and overall under ``"all"``."""
    table: dict[str, tuple[int, int]] = {}
    for case in cases:
        hit = verdict(case) is case.expected
        for key in ("all", f"language {case.language}", f"kind {case.kind}"):
            agreed, total = table.get(key, (0, 0))
            table[key] = (agreed + hit, total + 1)
    return table
