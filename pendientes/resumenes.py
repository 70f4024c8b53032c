"""The digests: each user's «Mis pendientes», by e-mail, on the days their role gets one.

- OPGI: every business day, when something waits for review or a legal deadline is within
  3 business days (or past).
- An office: every Monday, and 10 days before the end of each corte of the current plan.
- Control Interno: every Monday while a corte is waiting to be closed, and the day after
  each corte ends (a corte to observe and close).

`manage.py enviar_resumenes` (cron / systemd timer, once a day) sends them; each digest
has the key «resumen:<date>:<user>», so running it twice in a day sends nothing twice.
Users turn them off in «Mis notificaciones» (PreferenciaNotificaciones).
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse

from nucleo import correo, dias_habiles, roles
from nucleo.pendientes import Grupo
from pendientes.selectors import grupos_de
from plan import selectors as plan_selectors

DIAS_ANTES_DEL_CORTE = 10
LUNES = 0
# What makes OPGI's daily digest worth sending (the rest waits for the page).
GRUPOS_DIARIOS_OPGI = {"por_revisar", "plazos"}


def _fines_de_corte() -> list[date]:
    """The end dates of the current plan's cortes (read once per run)."""
    plan = plan_selectors.plan_vigente(solo_publicados=False)
    return [] if plan is None else [corte.fin for corte in plan.cortes_del_seguimiento]


def _le_toca(usuario: roles.Usuario, *, hoy: date, fines: list[date]) -> bool:
    """Whether today is a digest day for the user's role (decided before counting)."""
    lunes = hoy.weekday() == LUNES
    if roles.oficina_de(usuario) is not None:
        return lunes or any(fin - timedelta(days=DIAS_ANTES_DEL_CORTE) == hoy for fin in fines)
    if roles.es_opgi(usuario):
        return dias_habiles.es_dia_habil(hoy)
    if roles.rol_de(usuario) == roles.CONTROL_INTERNO:
        return lunes or any(fin + timedelta(days=1) == hoy for fin in fines)
    return False


def grupos_del_resumen(
    usuario: roles.Usuario, *, hoy: date, fines: list[date] | None = None
) -> list[Grupo]:
    """The groups with items of today's digest for `usuario` ([] if none is due today)."""
    if not _le_toca(usuario, hoy=hoy, fines=_fines_de_corte() if fines is None else fines):
        return []
    # «Sus informes» is not work to do: each one has its own e-mail when ready.
    grupos = [g for g in grupos_de(usuario, hoy=hoy) if g.items and g.clave != "documentos"]
    if roles.es_opgi(usuario) and not any(g.clave in GRUPOS_DIARIOS_OPGI for g in grupos):
        return []
    return grupos


def destinatarios():
    """Active users with a role and an address, who did not turn the digests off."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .exclude(email="")
        .exclude(preferencia_notificaciones__resumenes=False)
        .filter(Q(perfil__isnull=False) | Q(groups__name__in=[roles.OPGI, roles.CONTROL_INTERNO]))
        .distinct()
        .order_by("pk")
    )


def enviar_resumenes(*, hoy: date) -> int:
    """Program today's digests; returns how many were new (a repeated run adds none)."""
    enviados = 0
    fines = _fines_de_corte()
    for usuario in destinatarios():
        grupos = grupos_del_resumen(usuario, hoy=hoy, fines=fines)
        if not grupos:
            continue
        total = sum(g.cantidad for g in grupos)
        programado = correo.programar(
            para=usuario.email,
            asunto=f"Sus pendientes al {hoy:%d/%m/%Y}: {total}",
            plantilla="pendientes/correo/resumen",
            contexto={
                "usuario": usuario,
                "grupos": grupos,
                "hoy": hoy,
                "enlace": correo.enlace(reverse("mis_pendientes")),
                "preferencias": correo.enlace(reverse("mis_notificaciones")),
                "sitio_url": correo.enlace(""),
            },
            clave=f"resumen:{hoy.isoformat()}:{usuario.pk}",
        )
        enviados += programado is not None
    return enviados
