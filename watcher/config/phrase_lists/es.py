"""The phrase classes in Spanish (patterns of ``watcher.core.phrases``, over folded text)."""

from __future__ import annotations

PHRASES: dict[str, list[str]] = {
    "stock": [
        "me gustaria anadirte|agregarte|anadirle|agregarle a mi red profesional en? linkedin?",
    ],
    "not_met": [
        "no nos conocemos",
        "no nos hemos ... conocido|visto|cruzado|coincidido|hablado",
        "nunca hemos|nos hemos? conocido|hablado|coincidido|visto",
        "no me conoce|conoces",
        "permite*|permita* presentarme",
        "me presento",
        "no hemos tenido ... oportunidad|gusto|placer",
    ],
    "met": [
        "nos conocimos|vimos",
        "fue un placer|gusto conocerte|conocerle|hablar|charlar",
        "gracias por la|nuestra|el charla|conversacion|reunion|llamada|cafe",
        "despues de|tras nuestra|la charla|conversacion|reunion|llamada",
        "cuanto tiempo",
    ],
    "why": [
        "porque",
        "mientras buscaba|investigaba|preparaba|escribia|estudiaba",
        "ya que",
        "tu|su|sus|tus articulo*|publicacion*|post*|charla|ponencia|podcast|libro|trabajo|proyecto*|trayectoria|experiencia|empresa|equipo|newsletter|blog|presentacion|investigacion",  # noqa: E501
        "estoy ... construyendo|buscando|trabajando|lanzando|organizando|investigando|escribiendo|creando",  # noqa: E501
        "trabajo en|como|con",
        "me gustaria|encantaria ... aprender|intercambiar|conocer|saber|colaborar",
        "intercambiar|colabor*",
        "mismo sector|campo|ambito",
        "misma ciudad|industria|area",
        "me apasiona",
        "me inspira|impresiona",
    ],
    "meeting": [
        "llamada|videollamada|almuerzo|comida",
        "vernos|quedar|reunirnos",
        "tomar algo|un",
        "un cafe",
    ],
    "pitch": [
        "gratis|gratuit* ... demo|consulta|auditoria|prueba|asesoria",
        "ayudamos a? ... empresas|negocios|marcas|clientes|pymes",
        "nuestra|nuestro|nuestros|nuestras ... solucion*|software|plataforma|herramienta|servicio*|producto*|agencia",  # noqa: E501
        "aumentar|duplicar|impulsar ... ventas|clientes|leads|ingresos",
        "descuento*",
    ],
    "recruiting": [
        "oferta* de empleo|trabajo",
        "oportunidad* laboral*|profesional*|de empleo|de trabajo",
        "vacante*",
        "envia* ... cv|curriculum",
        "trabajo desde casa",
    ],
    "crypto": [
        "cripto*",
        "ingreso* pasivo*",
        "libertad financiera",
        "ganar dinero",
        "rentabilidad*|ganancia* ... garantizad*|diari*",
    ],
    "collector": ["sigueme"],
    "colleague": ["companer*|colega*", "trabaje|trabajaba|trabajo en|con", "ex|antiguo*", "equipo"],
    "scam": [
        "vi|visto ... tu|su perfil|foto",
        "hermosa|bonita|linda|preciosa ... sonrisa|foto|cara",
        "tu|su sonrisa",
        "plataforma petrolera",
        "en un barco|buque",
        "mision de la? onu|paz",
        "viudo|viuda",
        "escribeme ... whatsapp|telegram|correo",
        "relacion|amistad seria|sincera",
    ],
}
