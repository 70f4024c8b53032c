"""The first page shows the plan as the seed document lays it out."""

import re


def test_inicio_muestra_el_plan_en_el_orden_del_documento(client, plan_2022):
    respuesta = client.get("/")

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    codigos = re.findall(r'class="actividad__codigo">([\d.]+)<', html)
    assert codigos == [
        *(f"1.{n}" for n in range(1, 12)),
        *(f"2.{n}" for n in range(1, 9)),
        *(f"3.{n}" for n in range(1, 5)),
    ]
    assert "Subcomponente 2. Diálogo de doble vía con la ciudadanía y sus organizaciones" in html


def test_inicio_muestra_responsables_y_todas_las_ventanas(client, plan_2022):
    # The home shows each activity as one compact row (offices by their short name); its
    # «Ver detalle» page has the offices' whole names and every window.
    html = client.get("/").content.decode()
    fila_16 = html.split('id="actividad-1.6"')[1].split("</li>")[0]
    assert "SBS · DAJ · MOSIG · SGM" in fila_16
    assert 'href="/plan/alcaldia-de-pasto-paac-2022/actividades/1.6/"' in fila_16
    detalle_16 = client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/1.6/").content.decode()
    for oficina in (
        "Secretaría de Bienestar Social",
        "Dirección Administrativa de Juventud",
        "Secretaría MOSIG",
        "Secretaría de Gobierno Municipal",
    ):
        assert oficina in detalle_16
    detalle_17 = client.get("/plan/alcaldia-de-pasto-paac-2022/actividades/1.7/").content.decode()
    assert "Del 01/07/2022 al 01/08/2022" in detalle_17
    assert "Del 01/11/2022 al 01/12/2022" in detalle_17


def test_inicio_usa_un_numero_fijo_de_consultas(client, plan_2022, django_assert_num_queries):
    # plan; every activity's figures, their windows and offices, the subcomponentes
    # and offices the summaries name; the page's actividades (+subcomponente, plan),
    # asignaciones (+responsable), ventanas, public evidence; componentes; other
    # vigencias; the published follow-ups; the filters' offices and subcomponentes; the
    # plan's cortes (chart over the cortes); the version of the public data (the cached
    # page's key: built here, the cache is empty)
    with django_assert_num_queries(17):
        client.get("/")


def test_inicio_sin_plan_lo_dice(client, db):
    respuesta = client.get("/")
    assert "Todavía no hay un plan publicado." in respuesta.content.decode()


def test_inicio_no_muestra_un_plan_sin_publicar(client, plan_2022):
    plan_2022.publicado = False
    plan_2022.save()
    assert "Todavía no hay un plan publicado." in client.get("/").content.decode()
