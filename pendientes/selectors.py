"""The groups of «Mis pendientes» for a user's role (each app states its own items).

This app sits on top: it reads plan, dialogos and encuestas; none of them reads it.
"""

from datetime import date

from django.urls import reverse

from dialogos import pendientes as dialogos
from encuestas import pendientes as encuestas
from nucleo import generados, roles
from nucleo.pendientes import Grupo, Pendiente
from plan import pendientes as plan
from plan import selectors as plan_selectors


def documentos_de(usuario: roles.Usuario) -> Grupo:
    """The large reports the user asked for this week (built by a background task)."""
    items = []
    for documento in generados.recientes_de(usuario):
        if documento.listo:
            texto, enlace = (
                f"Descargar: {documento.titulo}",
                reverse("documento_generado", args=(documento.pk,)),
            )
        elif documento.fallido:
            texto, enlace = f"No se pudo generar: {documento.titulo}", reverse("mis_pendientes")
        else:
            texto, enlace = f"Generándose: {documento.titulo}", reverse("mis_pendientes")
        items.append(Pendiente(texto=texto, enlace=enlace, urgente=documento.fallido))
    return Grupo("documentos", "Sus informes", items, "No ha pedido informes esta semana.")


def grupos_de(usuario: roles.Usuario, *, hoy: date) -> list[Grupo]:
    """What is the user's to do, by role; [] for a user without one."""
    if roles.rol_de(usuario) is None:
        return []
    return [documentos_de(usuario), *_grupos_del_rol(usuario, hoy=hoy)]


def _grupos_del_rol(usuario: roles.Usuario, *, hoy: date) -> list[Grupo]:
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
        grupos.append(dialogos.audiencias_sin_informe(hoy=hoy))
        if vigente is not None:
            grupos += [
                plan.oficinas_sin_reporte(plan=vigente, hoy=hoy),
                plan.cortes_por_cerrar(plan=vigente, hoy=hoy, para_control_interno=False),
            ]
        return grupos
    return []
