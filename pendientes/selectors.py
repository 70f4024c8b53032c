"""The groups of «Mis pendientes» for a user's role (each app states its own items).

This app sits on top: it reads plan, dialogos and encuestas; none of them reads it.
"""

from datetime import date

from dialogos import pendientes as dialogos
from encuestas import pendientes as encuestas
from nucleo import roles
from nucleo.pendientes import Grupo
from plan import pendientes as plan
from plan import selectors as plan_selectors


def grupos_de(usuario: roles.Usuario, *, hoy: date) -> list[Grupo]:
    """What is the user's to do, by role; [] for a user without one."""
    rol = roles.rol_de(usuario)
    vigente = plan_selectors.plan_vigente(solo_publicados=False)
    oficina = roles.oficina_de(usuario)
    if oficina is not None:
        grupos = [plan.devueltos(responsable=oficina)]
        if vigente is not None:
            grupos.append(plan.por_reportar(plan=vigente, responsable=oficina, hoy=hoy))
        return [
            *grupos,
            dialogos.preguntas_de_oficina(responsable=oficina, hoy=hoy),
            dialogos.compromisos_de_oficina(responsable=oficina, hoy=hoy),
            dialogos.espacios_sin_acta(oficina=oficina),
            encuestas.encuestas_por_digitar(responsable=oficina),
        ]
    if rol == roles.CONTROL_INTERNO:
        if vigente is None:
            return []
        return [plan.cortes_por_cerrar(plan=vigente, hoy=hoy, para_control_interno=True)]
    if roles.es_opgi(usuario):
        grupos = [plan.por_revisar(), *dialogos.preguntas_para_opgi(hoy=hoy)]
        grupos.append(dialogos.espacios_sin_acta())
        if vigente is not None:
            grupos += [
                plan.oficinas_sin_reporte(plan=vigente, hoy=hoy),
                plan.cortes_por_cerrar(plan=vigente, hoy=hoy, para_control_interno=False),
            ]
        return grupos
    return []
