"""The iCal feed speaks for the site's entity (issue 16): its PRODID, its name and, in
each event's place, its municipality and department; never a hard-coded one."""

import icalendar

from conftest import OTRA
from dialogos.models import EspacioDialogo
from dialogos.tests.conftest import momento
from tests.test_sin_pasto import menciones


def test_el_calendario_de_otra_entidad_lleva_su_nombre_y_su_lugar(
    client, crear_espacio, otra_entidad
):
    crear_espacio(
        tipo=EspacioDialogo.Tipo.ESPACIO_TERRITORIAL,
        titulo="Diálogo en el territorio",
        territorio="Genoy",
        codigo="2.2",
        inicio=momento(2022, 8, 2),
    )

    respuesta = client.get("/dialogos/calendario.ics")

    assert respuesta.status_code == 200
    assert respuesta["Content-Disposition"] == 'inline; filename="rendicion-de-cuentas.ics"'
    cal = icalendar.Calendar.from_ical(respuesta.content)
    assert str(cal["PRODID"]) == f"-//{OTRA['nombre']}//Rendición de cuentas//ES"
    assert str(cal["X-WR-CALNAME"]) == f"Rendición de cuentas – {OTRA['nombre']}"
    (evento,) = cal.events
    assert str(evento["LOCATION"]) == "Casa de la Cultura, Genoy, Villa de Leyva, Boyacá"
    # The UID keeps the product's domain (pasto-rdc), which the rule allows.
    assert menciones(respuesta.content.decode()) == []


def test_sin_municipio_el_lugar_del_evento_no_inventa_uno(client, crear_espacio, otra_entidad):
    otra_entidad.municipio = otra_entidad.departamento = ""
    otra_entidad.save()
    crear_espacio(inicio=momento(2022, 8, 2))

    cal = icalendar.Calendar.from_ical(client.get("/dialogos/calendario.ics").content)

    (evento,) = cal.events
    assert str(evento["LOCATION"]) == "Casa de la Cultura"
