"""Writes of dialogos, by subdomain: espacios, compromisos, preguntas, informes.

As in plan.services: keyword-only typed arguments, the permission checked
inside (views may not forget), one transaction per call, bad input raises
ValidationError with Spanish messages and writes nothing, the states change
through the model's transition table and every change of state is logged once
(nucleo.cambios).

dialogos' own code imports the submodules; the names below are for the callers
outside dialogos (tests/, encuestas) that write `from dialogos import services`.
"""

from .compromisos import actualizar_compromiso, agregar_compromiso
from .espacios import (
    cancelar_espacio,
    editar_espacio,
    programar_espacio,
    registrar_convocatoria,
    registrar_informe_gestion,
    registrar_realizacion,
    subir_adjunto,
)
from .informes import registrar_informe
from .plazos import (
    cerrar_desistidas,
    cerrar_por_desistimiento,
    prorrogar_plazo,
    recalcular_vencimientos,
    reclasificar_pregunta,
    registrar_complemento,
    solicitar_completar,
    trasladar_pregunta,
)
from .preguntas import (
    asignar_pregunta,
    datos_personales_en,
    publicar_pregunta,
    recibir_pregunta,
    registrar_pregunta_formato,
    responder_pregunta,
)

__all__ = [
    "cerrar_desistidas",
    "cerrar_por_desistimiento",
    "prorrogar_plazo",
    "recalcular_vencimientos",
    "reclasificar_pregunta",
    "registrar_complemento",
    "solicitar_completar",
    "trasladar_pregunta",
    "actualizar_compromiso",
    "agregar_compromiso",
    "asignar_pregunta",
    "cancelar_espacio",
    "datos_personales_en",
    "editar_espacio",
    "programar_espacio",
    "publicar_pregunta",
    "recibir_pregunta",
    "registrar_convocatoria",
    "registrar_informe",
    "registrar_informe_gestion",
    "registrar_pregunta_formato",
    "registrar_realizacion",
    "responder_pregunta",
    "subir_adjunto",
]
