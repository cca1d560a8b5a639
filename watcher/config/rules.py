"""Configuration of the rules: points, phrase lists, verdict thresholds, welcome/block lists.

Owned by the evaluation stage; ``watcher.config.settings`` includes these sections. The
defaults here are the shipped ones: ``config/invite-watcher.toml`` repeats them with a comment
for each key.
Phrase patterns use the small language of ``watcher.core.phrases`` (``a|b``, ``stem*``, ``word?``,
``...``) and are matched after normalisation, so case, accents, punctuation, apostrophe styles
and contractions do not matter.
"""

from __future__ import annotations

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from watcher.config.phrase_lists import PHRASES
from watcher.core.phrases import check_pattern

DEFAULT_POINTS: dict[str, int] = {
    "note.missing": -1,
    "note.stock": -1,
    "note.present": 1,
    "note.admits-not-met": 3,
    "note.says-met": 3,
    "note.says-why": 2,
    "note.proposes-meeting": 1,
    "note.addresses-by-name": 1,
    "note.mentions-shared": 1,
    "note.pitch": -6,
    "note.recruiting": -5,
    "note.crypto": -8,
    "note.scam": -8,
    "note.has-link": -2,
    "note.template": -3,
    "history.connected": 7,
    "history.messages": 7,
    "history.inbound-messages": 1,
    "history.address-book": 7,
    "history.calendar": 7,
    "history.endorsed": 7,
    "history.same-employer": 7,
    "history.same-school": 4,
    "history.event": 5,
    "value.field": 4,
    "value.mutual-connections": 2,
    "value.collector": -3,
    "meetup.unanswered": -10,
}

#: phrase class -> patterns, every shipped language (``watcher.config.phrase_lists``). Which
#: rule reads which class is documented in the shipped TOML.
DEFAULT_PHRASES: dict[str, list[str]] = {name: list(p) for name, p in PHRASES.items()}

#: term -> other ways to say it, used when matching your interests. Common fields also list
#: their names in German, French, Spanish, Italian, Portuguese and Dutch, so a headline written
#: in another language than your interests still names your field; a table rather than machine
#: translation: the fields are few, the names are fixed terms, and it stays offline and
#: editable. Words are compared by their stems in each of those languages
#: (``core.phrases.stems_by_language``), so a plural needs no entry of its own.
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "pr": ["public relations", "press relations", "media relations", "pressearbeit"],
    "public relations": [
        "pr",
        "communications",
        "comms",
        "offentlichkeitsarbeit",
        "relations publiques",
        "relaciones publicas",
        "relazioni pubbliche",
        "relacoes publicas",
    ],
    "marketing": ["advertising", "brand", "growth", "werbung", "publicite", "publicidad"],
    "hr": ["human resources", "people operations", "talent", "personalwesen", "personalabteilung"],
    "human resources": [
        "hr",
        "personalwesen",
        "ressources humaines",
        "recursos humanos",
        "risorse umane",
    ],
    "ux": ["user experience", "product design", "nutzererfahrung", "experience utilisateur"],
    "ai": [
        "artificial intelligence",
        "machine learning",
        "ml",
        "ki",
        "kunstliche intelligenz",
        "intelligence artificielle",
        "inteligencia artificial",
        "intelligenza artificiale",
    ],
    "data engineering": [
        "datenengineering",
        "data engineer",
        "dateningenieur",
        "dateningenieurin",
        "ingenierie des donnees",
        "ingenieria de datos",
        "ingegneria dei dati",
        "engenharia de dados",
    ],
    "data platform": [
        "datenplattform",
        "datenplattformen",
        "plateforme de donnees",
        "plataforma de datos",
        "piattaforma dati",
        "plataforma de dados",
        "dataplatform",
    ],
    "data science": [
        "datenwissenschaft",
        "science des donnees",
        "ciencia de datos",
        "scienza dei dati",
        "ciencia de dados",
    ],
    "software engineering": [
        "softwareentwicklung",
        "softwaretechnik",
        "genie logiciel",
        "developpement logiciel",
        "ingenieria de software",
        "ingegneria del software",
        "engenharia de software",
        "softwareontwikkeling",
    ],
    "product management": [
        "produktmanagement",
        "gestion de produit",
        "gestion de producto",
        "gestione del prodotto",
        "gestao de produto",
        "productmanagement",
    ],
    "sales": ["vertrieb", "ventes", "ventas", "vendite", "vendas", "verkoop"],
    "finance": ["finanzen", "finanzas", "finanza", "financas", "financien"],
}

#: rules that, when they fire, mark the note as a pitch (see RulesSettings.pitch_rules)
DEFAULT_PITCH_RULES = ["note.pitch", "note.recruiting", "note.crypto", "note.scam"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class RulesSettings(_Section):
    #: a score at or above this (and below accept_at): meet first; below: ignore
    meet_first_at: int = 3
    #: a score at or above this: accept (declared second so its check sees meet_first_at)
    accept_at: int = Field(default=6, validate_default=True)
    #: rule id -> points when it fires; 0 turns a rule off
    points: dict[str, int] = Field(default_factory=lambda: dict(DEFAULT_POINTS))
    #: phrase class -> patterns
    phrases: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_PHRASES.items()}
    )
    #: term -> synonyms, for matching your interests
    synonyms: dict[str, list[str]] = Field(
        default_factory=lambda: {k: list(v) for k, v in DEFAULT_SYNONYMS.items()}
    )
    #: a note that this many other inviters sent word for word is a template
    template_min_senders: int = Field(default=2, ge=1)
    #: value.mutual-connections gives one point per this many mutual connections, up to its points
    mutual_connections_per_point: int = Field(default=10, ge=1)
    #: a pitch means ignore; meet-first when the history rules alone reach accept_at
    pitch_rules: list[str] = Field(default_factory=lambda: list(DEFAULT_PITCH_RULES))

    @field_validator("phrases")
    @classmethod
    def _known_classes_and_valid_patterns(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        problems = [
            f"unknown phrase class {name!r} (known: {', '.join(DEFAULT_PHRASES)})"
            for name in value
            if name not in DEFAULT_PHRASES
        ]
        for name, patterns in value.items():
            # The shipped patterns are checked by the tests; compiling their hundreds again at
            # every start was a tenth of a CLI command's time.
            shipped = set(DEFAULT_PHRASES.get(name, ()))
            for pattern in patterns:
                problem = None if pattern in shipped else check_pattern(pattern)
                if problem:
                    problems.append(f"phrases.{name}: {problem}")
        if problems:
            raise ValueError("; ".join(problems))
        # A class left out keeps no patterns: fill it so a rule never meets a missing key.
        return {name: list(value.get(name, [])) for name in DEFAULT_PHRASES}

    @field_validator("accept_at")
    @classmethod
    def _above_meet_first(cls, value: int, info: ValidationInfo) -> int:
        # A field error (not a model one) so the message names rules.accept_at and its layer.
        meet_first_at = info.data.get("meet_first_at")
        if meet_first_at is not None and value <= meet_first_at:
            raise ValueError(
                f"must be greater than rules.meet_first_at ({meet_first_at}), got {value}"
            )
        return value

    @model_validator(mode="after")
    def _thresholds_in_order(self) -> RulesSettings:
        # Also catches raising meet_first_at alone by assignment.
        if self.accept_at <= self.meet_first_at:
            raise ValueError(
                f"rules.accept_at ({self.accept_at}) must be greater than "
                f"rules.meet_first_at ({self.meet_first_at})"
            )
        return self


class PeopleList(_Section):
    """People picked out by name, profile URL, company (in their headline) or email domain."""

    names: list[str] = []
    profile_urls: list[str] = []
    companies: list[str] = []
    email_domains: list[str] = []

    @field_validator("profile_urls")
    @classmethod
    def _profile_urls(cls, value: list[str]) -> list[str]:
        wrong = [url for url in value if "/in/" not in url]
        if wrong:
            raise ValueError(f"not a profile URL (https://www.linkedin.com/in/<name>): {wrong}")
        return value

    @field_validator("email_domains")
    @classmethod
    def _email_domains(cls, value: list[str]) -> list[str]:
        wrong = [d for d in value if "." not in d or " " in d.strip()]
        if wrong:
            raise ValueError(f"not an email domain (like example.com): {wrong}")
        return value

    def entries(self) -> list[str]:
        return [*self.names, *self.profile_urls, *self.companies, *self.email_domains]


class ListsSettings(_Section):
    #: people always accepted
    welcome: PeopleList = PeopleList()
    #: people always ignored
    block: PeopleList = PeopleList()

    @model_validator(mode="after")
    def _not_on_both(self) -> ListsSettings:
        welcome = {entry.strip().casefold() for entry in self.welcome.entries()}
        both = sorted(e for e in self.block.entries() if e.strip().casefold() in welcome)
        if both:
            raise ValueError(f"on both the welcome and the block list: {both}")
        return self
