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

#: phrase class -> patterns. Which rule reads which class is documented in the shipped TOML.
DEFAULT_PHRASES: dict[str, list[str]] = {
    "stock": [
        "i would like to add you to my professional network on? linkedin?",
        "i would like to add you to my network on? linkedin?",
        "i would like to join your professional? linkedin? network",
        "i would like to connect with you on linkedin",
        "ich mochte sie|dich|ihnen gerne? zu|in meinem|mein beruflichen|berufliches netzwerk auf? linkedin? hinzufugen|aufnehmen",  # noqa: E501
        "je souhaiterais|voudrais|j aimerais vous|te ajouter|inviter a rejoindre? mon reseau professionnel en? ligne? sur? le? site? linkedin?",  # noqa: E501
        "j aimerais vous|te inviter a rejoindre mon reseau professionnel en ligne sur le site linkedin",  # noqa: E501
        "me gustaria anadirte|agregarte|anadirle|agregarle a mi red profesional en? linkedin?",
        "gostaria de adiciona* lo|la|te? a|na minha rede profissional no? linkedin?",
        "vorrei aggiungerti|aggiungerla alla mia rete professionale su? linkedin?",
        "ik wil je|u graag toevoegen aan mijn professionele netwerk op? linkedin?",
    ],
    "not_met": [
        "never met|meet",
        "not ... met",
        "yet to meet",
        "not|never had the chance|pleasure|opportunity|occasion",
        "not|never ... crossed|cross paths",
        "not ... know each|one other|another",
        "not ... know me|you",
        "not ... acquainted",
        "unacquainted",
        "stranger|strangers",
        "not|never ... been introduced",
        "not|never ... spoken|talked|interacted|chatted|corresponded",
        "out of the blue",
        "cold message|note|invite|invitation|request|outreach",
        "random invite|invitation|request|message|note",
        "introduce|introducing myself",
        "quick introduction",
        "not sure ... met|crossed|spoken|talked",
        "unsolicited",
        "no nos conocemos",
        "wir kennen uns noch? nicht",
        "on ne se connait pas",
        "nous ne nous connaissons pas",
        "nao nos conhecemos",
        "non ci conosciamo",
        "we kennen elkaar nog? niet",
    ],
    "met": [
        "we met|spoke|talked|chatted at|during|in|last|yesterday|earlier|on|after|briefly",
        "great|nice|lovely|good|fun|pleasure meeting|talking|chatting|speaking with? you",
        "great|nice|lovely|good|pleasure to meet|see|chat|talk with? you",
        "thanks|thank you? for the|our chat|call|conversation|meeting|coffee|talk|lunch",
        "after|following our chat|call|conversation|meeting|talk|coffee|lunch",
        "as promised|discussed",
        "remember me",
        "long time no see",
        "been ages|years|forever",
        "been a while",
        "see you again",
    ],
    "why": [
        "because",
        "since you|we|i|your",
        "the reason",
        "i am growing|building|expanding|looking|hoping|trying|reaching|keen|eager|interested|curious|putting|starting|launching|researching|writing|gathering|organi*",  # noqa: E501
        "reach|reaching out",
        "would love|like to learn|hear|exchange|discuss|swap|share|pick|ask|understand|compare|collaborate",  # noqa: E501
        "followed|following your",
        "your agency|firm|brand|content|post*|article*|talk|talks|presentation*|podcast*|book|work|research|comment*|video*|newsletter*|paper*|panel|keynote|session|webinar*|blog*|piece|thread|writing|project*|campaign*|portfolio|experience|background|journey|insight*|perspective*|expertise|advice|thoughts|take|story|career|path|achievements|company|team",  # noqa: E501
        "we both|share",
        "in common",
        "fellow|similar",
        "like minded",
        "same field|industry|space|sector|area|city|town|line|community|circles|interests",
        "interested|working|focus*|specializ*|specialis* in|on",
        "passionate about",
        "you look*|seem*|sound* like",
        "i just|recently moved|started|joined|relocated|graduated|launched",
        "new to",
        "admir*|impress*|inspir*",
        "fan of",
        "learn from",
        "exchange ideas|notes|experiences|thoughts",
        "advice|mentor*|guidance",
        "collaborat*",
        "work together",
        "hoping to",
        "in order to",
        "so that",
        "so we can",
        "i work*|worked in|on|with|at|for",
    ],
    "meeting": [
        "coffee*|cafe|lunch|breakfast|dinner|beer*|drink|drinks",
        "cup of",
        "call|phone|zoom|facetime|skype",
        "video chat",
        "google meet",
        "a|quick|short|brief|virtual|informal|little chat|chats",
        "meet up",
        "meetup",
        "catch up",
        "get together",
        "connect over",
        "let us meet|talk|chat|grab",
        "would|could|like|love|happy|glad|keen|hoping|want|wanted to meet|speak|talk",
        "shall|can|could|should we meet|talk|speak",
        "meet ... in person|sometime|soon|next|for",
        "minutes|mins|min",
        "a|short|quick|brief meeting",
    ],
    "pitch": [
        "free demo|trial|consult*|audit|quote|strategy|session|assessment|estimate|sample",
        "free call|pilot|beta",
        "demo|demos",
        "i|we help* ... companies|agencies|businesses|brands|startups|founders|firms|organi*|clients|coaches|ceos|owners|executives|leaders|teams|b2b|saas|ecommerce|shops|stores|practices",  # noqa: E501
        "help you|your ... grow|scale|increase|boost|generate|save|cut|reduce|double|triple|automate",  # noqa: E501
        "companies|businesses|brands|agencies|teams|people like yours",
        "double|triple|10x|2x|3x|boost*|increase|skyrocket|grow|scale ... leads|sales|revenue|traffic|conversions|roi|profits|clients|customers|pipeline|bookings|appointments|engagement|mrr|arr",  # noqa: E501
        "cut|cutting|reduce|slash|lower|save ... cost|costs|spend|spending|expenses|bills|taxes",
        "lead gen*",
        "our services|service|solution*|platform|product*|agency|software|tool|offer*|packages|pricing",  # noqa: E501
        "we offer|provide|deliver",
        "our ... tool|tools|platform|software|app|solution|solutions|services",
        "we ... launching|launched|built|developed ... tool|platform|app|software|saas|plugin",
        "special|exclusive|limited ... offer|discount|deal|price",
        "discount*",
        "percent off",
        "no obligation",
        "risk free",
        "money back",
        "guaranteed",
        "affordable|cheapest",
        "outsourc*",
        "white label",
        "seo|ppc services",
        "appointment setting",
        "business opportunit*",
    ],
    "recruiting": [
        "lucrative ... opportunit*|role|position|offer",
        "exciting|excellent|great career|job|work|employment opportunit*|role|position|offer",
        "are you open|interested ... opportunit*|roles|offers|position*",
        "job offer*|opportunit*",
        "vacanc*",
        "i have a|an ... role|position|opening|job",
        "role|position|opening|vacancy ... that|which ... fit*|match*|suit*",
        "perfect fit|match|candidate",
        "work from home",
        "part time ... job|jobs|work|position",
        "remote job|jobs|position",
        "no experience needed|required|necessary",
        "flexible hours",
        "apply now",
        "send ... cv|resume",
    ],
    "crypto": [
        "crypto|cryptos|cryptocurrency|cryptocurrencies",
        "bitcoin*|btc|ethereum|usdt|binance",
        "forex",
        "binary option*",
        "trading signal*|platform|account|bot",
        "nft|nfts",
        "invest* opportunit*|platform|plan|scheme",
        "high|guaranteed|daily|weekly|monthly returns",
        "passive income",
        "financial freedom",
        "make money",
        "earn ... dollars|euros|pounds|usd|daily|weekly|per",
        "profit* daily|weekly|per",
        "double your money|investment",
        "expert trader",
        "grow your wealth|money|portfolio",
        "whatsapp|telegram me",
    ],
    "collector": [
        "lion",
        "open networker",
        "opennetworker",
        "opentoconnect",
        "open to connect",
        "accept* all|every|any ... invit*|request*|connections",
        "accept all",
        "never ignore|decline|reject",
        "follow me",
        "follow back",
        "followback",
        "# followers|connections",
        "more followers",
        "follow4follow|f4f",
        "connect with everyone|anyone",
        "toplinked",
        "growmynetwork",
    ],
    "colleague": [
        "work*|am|was at|for|with|in",
        "colleague*|coworker*",
        "co worker*",
        "team|department|office|division|unit",
        "former*|ex|alum*|alumni",
        "also at",
        "same company|employer",
        "joined",
        "together",
    ],
}

#: term -> other ways to say it, used when matching your interests
DEFAULT_SYNONYMS: dict[str, list[str]] = {
    "pr": ["public relations", "press relations", "media relations"],
    "public relations": ["pr", "communications", "comms"],
    "marketing": ["advertising", "brand", "growth"],
    "hr": ["human resources", "people operations", "talent"],
    "ux": ["user experience", "product design"],
    "ai": ["artificial intelligence", "machine learning", "ml"],
}

#: rules that, when they fire, mark the note as a pitch (see RulesSettings.pitch_rules)
DEFAULT_PITCH_RULES = ["note.pitch", "note.recruiting", "note.crypto"]


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
            for pattern in patterns:
                problem = check_pattern(pattern)
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
