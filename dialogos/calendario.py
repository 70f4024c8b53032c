"""The schedule as iCalendar (RFC 5545), for Google Calendar, Outlook and phones to subscribe to.

- UID: the space's UUID, which never changes, so a subscribed calendar
  updates the same event when its date, place or status changes;
- SEQUENCE goes up with every such change (EspacioDialogo.secuencia);
- DTSTART/DTEND carry TZID=America/Bogota, with its VTIMEZONE;
- a cancelled space keeps its event with STATUS:CANCELLED.
"""

from collections.abc import Callable, Iterable
from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from nucleo.entidad import entidad_actual

from .models import EspacioDialogo

# The product's name, not the entity's: a subscribed calendar matches events by UID, so
# it never changes (changing it would duplicate every event in every subscriber's calendar).
DOMINIO_UID = "pasto-rdc"


def prodid() -> str:
    """Who publishes the calendar (RFC 5545 PRODID): the site's entity."""
    return f"-//{entidad_actual().nombre}//Rendición de cuentas//ES"


def uid_de(espacio: EspacioDialogo) -> str:
    return f"{espacio.uid}@{DOMINIO_UID}"


def _descripcion(espacio: EspacioDialogo, url: str) -> str:
    lineas = [espacio.get_tipo_display()]
    if espacio.tema:
        lineas.append(espacio.tema)
    oficinas = ", ".join(o.nombre for o in espacio.oficinas.all())
    if oficinas:
        lineas.append(f"Organiza: {oficinas}")
    if espacio.enlace:
        lineas.append(f"Enlace: {espacio.enlace}")
    if espacio.estado == EspacioDialogo.Estado.CANCELADO:
        lineas.append(f"Cancelado: {espacio.motivo_cancelacion}")
    lineas.append(f"Más información y preguntas: {url}")
    return "\n\n".join(lineas)


def _lugar(espacio: EspacioDialogo) -> str:
    partes = [
        espacio.lugar,
        espacio.territorio.nombre if espacio.territorio else "",
        entidad_actual().lugar,
    ]
    if not espacio.lugar and espacio.enlace:
        return espacio.enlace
    return ", ".join(parte for parte in partes if parte)


def evento(espacio: EspacioDialogo, url: str) -> Event:
    zona = ZoneInfo(settings.TIME_ZONE)
    cancelado = espacio.estado == EspacioDialogo.Estado.CANCELADO
    ev = Event()
    ev.add("uid", uid_de(espacio))
    ev.add("sequence", espacio.secuencia)
    ev.add("dtstamp", espacio.actualizado_en.astimezone(UTC))
    ev.add("created", espacio.creado_en.astimezone(UTC))
    ev.add("last-modified", espacio.actualizado_en.astimezone(UTC))
    ev.add("dtstart", timezone.localtime(espacio.inicio, zona))
    ev.add("dtend", timezone.localtime(espacio.fin, zona))
    ev.add("summary", f"CANCELADO: {espacio.titulo}" if cancelado else espacio.titulo)
    ev.add("description", _descripcion(espacio, url))
    ev.add("location", _lugar(espacio))
    ev.add("url", url)
    ev.add("categories", [espacio.get_tipo_display()])
    ev.add("status", "CANCELLED" if cancelado else "CONFIRMED")
    ev.add("transp", "OPAQUE")
    return ev


def calendario(
    espacios: Iterable[EspacioDialogo], *, nombre: str, url_de: Callable[[EspacioDialogo], str]
) -> bytes:
    cal = Calendar()
    cal.add("prodid", prodid())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", nombre)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    for espacio in espacios:
        cal.add_component(evento(espacio, url_de(espacio)))
    # VTIMEZONE for America/Bogota, as RFC 5545 requires for every TZID used.
    cal.add_missing_timezones()
    return cal.to_ical()
