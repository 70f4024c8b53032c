"""One log line per change of state, at INFO, with who did it and to what.

Every service that changes the state of a domain object (evidence approved, a
space realised, a question answered…) calls `registrar` once the change is
saved. The lines go to the logger «rdc.cambios» (configured in settings.LOGGING),
so operators can follow and keep them apart from the rest of the log:

    cambio=evidencia.aprobada usuario=alicia (3) objeto=plan.evidencia 12 anterior=enviada

The audit history (who changed what, kept in the database) builds on this.

Each record also carries its parts as fields (`action`, `model`, `pk`, `user_id`,
`details`): with LOG_JSON=1 (nucleo/registro_json.py) they are one JSON line.
"""

import logging

from django.db.models import Model

from nucleo.roles import Usuario

logger = logging.getLogger("rdc.cambios")


def _quien(usuario: Usuario | None) -> str:
    if usuario is None or not usuario.is_authenticated:
        return "ciudadano"
    return f"{usuario.get_username()} ({usuario.pk})"


def registrar(cambio: str, *, usuario: Usuario | None, objeto: Model, **detalles: object) -> None:
    """Log the change `cambio` («app_object.new_state», e.g. «evidencia.aprobada»)."""
    resto = "".join(f" {clave}={valor}" for clave, valor in detalles.items())
    logger.info(
        "cambio=%s usuario=%s objeto=%s %s%s",
        cambio,
        _quien(usuario),
        objeto._meta.label_lower,
        objeto.pk,
        resto,
        extra={
            "action": cambio,
            "model": objeto._meta.label_lower,
            "pk": objeto.pk,
            "user_id": usuario.pk if usuario is not None and usuario.is_authenticated else None,
            "details": {clave: str(valor) for clave, valor in detalles.items()},
        },
    )


def autor_del_historial(objeto: Model, usuario: Usuario | None) -> Model:
    """Name `usuario` as the author of `objeto`'s next history row (django-simple-history).

    Within a request its middleware records the request's user; a service also runs
    from tasks, commands and tests, where only this attribute (the library's documented
    `_history_user`) says who acted.
    """
    if usuario is not None and usuario.is_authenticated:
        objeto._history_user = usuario  # type: ignore[attr-defined]
    return objeto
