"""The phrase classes in Italian (patterns of ``watcher.core.phrases``, over folded text)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "vorrei aggiungerti|aggiungerla alla mia rete professionale su? linkedin?",
    ],
    "not_met": [
        "non ci conosciamo",
        "non ci siamo ... conosciut*|incontrat*|sentit*|parlat*",
        "non mi conosci|conosce",
        "mi presento",
        "mi permetto di contattar*|scriver*",
        "non abbiamo ancora? avuto ... occasione|piacere|modo",
    ],
    "met": [
        "ci siamo conosciut*|incontrat*|sentit*|vist*",
        "e stato un piacere conoscerti|conoscerla|parlare",
        "grazie per la|il|nostra chiacchierata|conversazione|telefonata|caffe|incontro",
        "dopo la|il nostra? chiacchierata|conversazione|telefonata|incontro",
        "quanto tempo",
    ],
    "why": [
        "perche|poiche",
        "mentre cercavo|studiavo|scrivevo|preparavo|lavoravo|organizzavo",
        "dato che",
        "tuo|tua|suo|sua|tuoi|tue articol*|post|intervento|talk|podcast|libro|lavoro|progett*|percorso|esperienza|azienda|team|newsletter|blog|presentazione|ricerca",  # noqa: E501
        "sto ... costruendo|cercando|lavorando|lanciando|organizzando|scrivendo|creando",
        "lavoro in|come|con|nel|nella",
        "piacerebbe|vorrei ... imparare|scambiare|confrontarmi|conoscere|capire|collaborare",
        "collabor*",
        "stesso settore|campo|ambito",
        "stessa citta|industria",
        "appassionat*",
        "mi ha colpito|ispirato",
    ],
    "meeting": [
        "caffe|chiamata|telefonata|videochiamata|pranzo|aperitivo",
        "vederci|incontrarci|sentirci",
        "due chiacchiere",
        "una chiacchierata",
    ],
    "pitch": [
        "gratuit*|gratis ... demo|consulenza|audit|prova",
        "aiutiamo ... aziende|imprese|clienti|brand",
        "nostra|nostro|nostri|nostre ... soluzion*|software|piattaforma|strumento|servizi*|prodott*",  # noqa: E501
        "aumentare|raddoppiare ... vendite|clienti|lead|fatturato",
        "sconto*",
    ],
    "recruiting": [
        "offert* di lavoro",
        "opportunita lavorativ*|di lavoro|di carriera",
        "posizione ... aperta|perfetta",
        "invia* ... cv|curriculum",
        "lavoro da casa",
    ],
    "crypto": [
        "cripto*",
        "rendita|reddito passiv*",
        "liberta finanziaria",
        "guadagnare ... soldi|euro|denaro",
        "guadagn* garantit*|giornalier*",
    ],
    "collector": ["seguimi"],
    "colleague": ["collega|colleghi", "lavoro|lavoravo presso|in|con", "ex"],
    "scam": [
        "ho visto ... tuo|suo profilo|foto",
        "bellissimo|bel|bella|splendido|dolce ... sorriso|foto|viso",
        "tuo|suo sorriso",
        "piattaforma petrolifera",
        "su una nave",
        "missione onu|di pace",
        "vedovo|vedova",
        "scrivimi ... whatsapp|telegram|email",
        "relazione|amicizia seria|sincera",
    ],
}
