"""The phrase classes in Portuguese (patterns of ``watcher.core.phrases``, over folded text)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "gostaria de adiciona* lo|la|te|voce? a|na minha rede profissional no? linkedin?",
    ],
    "not_met": [
        "nao nos conhecemos",
        "nao|nunca nos ... conhecemos|falamos|encontramos|cruzamos|vimos",
        "voce nao me conhece",
        "permita|permite me apresentar",
        "me apresentar",
        "ainda nao tivemos ... oportunidade|prazer",
    ],
    "met": [
        "nos conhecemos|falamos|encontramos em|na|no|ontem",
        "foi um prazer conhece*|falar",
        "obrigad* pela|pelo nossa? conversa|reuniao|cafe|chamada|papo",
    ],
    "why": [
        "porque|pois",
        "enquanto pesquisava|procurava|preparava|escrevia|estudava",
        "ja que",
        "seu|sua|teu|tua|seus|suas artigo*|post*|palestra|podcast|livro|trabalho|projeto*|trajetoria|experiencia|empresa|equipe|equipa|newsletter|blog|apresentacao|pesquisa",  # noqa: E501
        "estou ... construindo|procurando|trabalhando|lancando|organizando|escrevendo|criando",
        "estou a construir|procurar|trabalhar|lancar|organizar|escrever|criar",
        "trabalho com|em|na|no|como",
        "gostaria|adoraria de? ... aprender|trocar|conhecer|saber|colaborar|entender",
        "troca* ideias|experiencias",
        "colabor*",
        "mesmo setor|campo|ramo",
        "mesma cidade|area|industria",
        "apaixonad*",
        "me inspira|impressiona",
    ],
    "meeting": [
        "cafe|chamada|ligacao|videochamada|almoco",
        "nos encontrar*|conversar",
        "bater um papo",
        "tomar um",
    ],
    "pitch": [
        "gratis|gratuit* ... demo|consultoria|auditoria|teste|avaliacao",
        "ajudamos ... empresas|negocios|marcas|clientes",
        "nossa|nosso|nossos|nossas ... solucao|solucoes|software|plataforma|ferramenta|servico*|produto*",  # noqa: E501
        "aumentar|dobrar|triplicar ... vendas|clientes|leads|faturamento|receita",
        "desconto*",
    ],
    "recruiting": [
        "vaga|vagas",
        "oportunidade* de emprego|de trabalho",
        "proposta de emprego|trabalho",
        "envi* ... cv|curriculo",
    ],
    "crypto": [
        "cripto*",
        "renda passiva",
        "liberdade financeira",
        "ganhar dinheiro",
        "lucro* ... garantid*|diario*",
    ],
    "collector": ["me siga", "siga me"],
    "colleague": ["colega*", "trabalho|trabalhei|trabalhava em|na|no|com", "ex|antig*"],
    "scam": [
        "vi ... seu|teu|sua perfil|foto",
        "lindo|linda|bonito|bonita|belo ... sorriso|foto|rosto",
        "seu|teu sorriso",
        "plataforma de petroleo",
        "um|num navio|petroleiro",
        "missao da? onu|paz",
        "viuvo|viuva",
        "chame|escreva|fale ... whatsapp|telegram|email",
        "relacionamento|amizade serio|sincera|sincero",
    ],
}
