"""The phrase classes in French (patterns of ``watcher.core.phrases``, over folded text: é -> e)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "je souhaiterais|voudrais|aimerais vous|te ajouter a mon reseau professionnel sur? linkedin?",  # noqa: E501
        "j aimerais vous|te ajouter a mon reseau professionnel sur? linkedin?",
        "j aimerais vous|te inviter a rejoindre mon reseau professionnel en? ligne? sur? le? site? linkedin?",  # noqa: E501
        "je souhaiterais|voudrais vous|te inviter a rejoindre mon reseau professionnel en? ligne? sur? le? site? linkedin?",  # noqa: E501
        "je souhaiterais|voudrais rejoindre votre reseau sur? linkedin?",
    ],
    "not_met": [
        "on ne se connait pas",
        "nous ne nous connaissons pas",
        "ne nous|se|s sommes|est jamais|pas encore? rencontr*|croise*|parle*",
        "ne me connaissez|connais pas",
        "je me permets de vous|te contacter|ecrire|solliciter|inviter",
        "sans nous connaitre",
        "je me presente",
        "pas encore? eu l|le occasion|plaisir",
    ],
    "met": [
        "nous|s|se sommes|est|sont rencontr*|croise*|parle*|vu*",
        "ravi*|heureu*|content* de vous|t avoir? rencontr*|vu*|parle*",
        "merci pour notre|la|cet|cette|le echange|discussion|conversation|rencontre|cafe|appel",
        "suite a notre|votre|la echange|discussion|conversation|rencontre|appel",
        "ca fait longtemps",
    ],
    "why": [
        "parce que|qu",
        "en cherchant|preparant|travaillant|etudiant|ecrivant",
        "car je|j|nous|vous|tu",
        "votre|ton|ta|tes|vos article*|publication*|post*|conference|intervention|podcast|livre|travail|travaux|projet*|parcours|experience|expertise|entreprise|equipe|newsletter|blog|presentation|talk|recherche*",  # noqa: E501
        "je travaille|cherche|developpe|construis|lance|organise|ecris|prepare|monte",
        "je suis en train",
        "echanger|collaborer|apprendre",
        "meme secteur|domaine|ville|milieu|industrie",
        "passionne*",
        "impressionne*|inspire*|admire",
        "je viens de|d",
    ],
    "meeting": [
        "appel|visio*|dejeuner|apero|verre",
        "prendre un cafe|the|verre",
        "nous|se|vous|te rencontrer|voir|retrouver|parler",
        "un court|petit|rapide echange|appel|entretien",
    ],
    "pitch": [
        "gratuit*|offert* ... demo|audit|consultation|essai|diagnostic",
        "nous aidons ... entreprises|societes|clients|marques|pme|startups",
        "notre|nos solution*|logiciel|plateforme|outil|offre*|produit*",
        "augmenter|booster|doubler ... ventes|chiffre|leads|clients|revenus",
        "remise|promotion|reduction",
    ],
    "recruiting": [
        "offre* d emploi",
        "opportunite* professionnelle*|de carriere|de poste",
        "un poste|une mission ... qui|correspond*|pourrait",
        "envoyez ... cv",
    ],
    "crypto": [
        "cryptomonnaie*|crypto monnaie*",
        "revenu* passif*",
        "liberte financiere",
        "gagner de l argent",
        "rendement* ... garanti*|quotidien*|eleve*",
    ],
    "collector": ["suivez moi", "j accepte toutes|tous"],
    "colleague": ["collegue*", "travaille*|etais chez", "ancien*|ancienne*", "equipe"],
    "scam": [
        "j ai vu|remarque|decouvert ... votre|ton profil|photo",
        "magnifique|beau|joli|charmant ... sourire|photo|visage",
        "votre|ton sourire",
        "plateforme petroliere",
        "sur un navire|bateau|petrolier",
        "en mission",
        "veuf|veuve",
        "ecrivez|ecris|contactez moi ... whatsapp|telegram|mail|email|prive",
        "relation|amitie serieuse|sincere",
    ],
}
