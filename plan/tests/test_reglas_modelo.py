"""The rules of the plan's models, as a specification.

Each rule is checked where the application relies on it: ``full_clean`` (what
forms and the admin use, with Spanish messages) and, when the model declares a
database constraint, the database itself, bypassing validation.
"""

import datetime as dt
from contextlib import contextmanager
from decimal import Decimal

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction

from nucleo.models import Entidad
from plan.models import (
    MENSAJE_CODIGO,
    MENSAJE_CUALITATIVA_SIN_CANTIDAD,
    MENSAJE_META_POSITIVA,
    Actividad,
    ActividadResponsable,
    Componente,
    Evidencia,
    Plan,
    Responsable,
    Subcomponente,
    Ventana,
)

pytestmark = pytest.mark.django_db

MENSAJE_FECHAS = "La fecha final no puede ser anterior a la fecha de inicio."
MENSAJE_META = "La cantidad de la meta debe ser mayor que 0."
MENSAJE_PORCENTAJE = "Una meta en porcentaje no puede superar el 100 %."


# --- Helpers -----------------------------------------------------------------------------


def crear_plan(vigencia=2022, entidad="Alcaldía Municipal de Pasto", publicado=True):
    """A published plan (a new plan is born a draft; most of these rules are about the
    published ones)."""
    return Plan.objects.create(
        entidad=Entidad.objects.de_nombre(entidad),
        vigencia=vigencia,
        titulo="Estrategia de Rendición de Cuentas",
        publicado=publicado,
    )


def crear_subcomponente(plan=None, numero=1):
    plan = plan or crear_plan()
    componente, _ = Componente.objects.get_or_create(plan=plan, nombre="Rendición de cuentas")
    return Subcomponente.objects.create(
        componente=componente, numero=numero, nombre=f"Subcomponente {numero}"
    )


def nueva_actividad(subcomponente=None, codigo="1.1", **campos):
    """An unsaved activity with valid values, overridable field by field."""
    valores = {
        "descripcion": "Realizar jornada de sensibilización.",
        "producto": "Jornada realizada.",
        "meta_texto": "1 jornada realizada.",
        "meta_cantidad": Decimal(1),
        "meta_unidad": "jornada realizada",
        "meta_tipo": Actividad.TipoMeta.EXACTA,
    }
    valores.update(campos)
    return Actividad(subcomponente=subcomponente or crear_subcomponente(), codigo=codigo, **valores)


def crear_actividad(subcomponente=None, codigo="1.1", **campos):
    actividad = nueva_actividad(subcomponente, codigo, **campos)
    actividad.save()
    return actividad


def crear_responsable(nombre, slug, tipo=Responsable.Tipo.OFICINA):
    return Responsable.objects.create(
        entidad=Entidad.objects.del_sitio(), nombre=nombre, slug=slug, tipo=tipo
    )


def errores(instancia, **kwargs):
    """The message_dict of full_clean(); fails if the instance is valid."""
    with pytest.raises(ValidationError) as info:
        instancia.full_clean(**kwargs)
    return info.value.message_dict


@contextmanager
def rechazado_por_la_base(*marcas):
    """Expects an IntegrityError naming the constraint (or, in SQLite, its columns)."""
    with pytest.raises(IntegrityError) as info, transaction.atomic():
        yield
    mensaje = str(info.value)
    assert any(marca in mensaje for marca in marcas), mensaje


# --- Ventana: fin ≥ inicio ---------------------------------------------------------------


def test_ventana_con_fin_anterior_al_inicio_no_valida():
    ventana = Ventana(
        actividad=crear_actividad(), inicio=dt.date(2022, 9, 1), fin=dt.date(2022, 8, 31)
    )
    assert errores(ventana)["fin"] == [MENSAJE_FECHAS]


def test_ventana_de_un_solo_dia_es_valida():
    ventana = Ventana(
        actividad=crear_actividad(), inicio=dt.date(2022, 9, 1), fin=dt.date(2022, 9, 1)
    )
    ventana.full_clean()
    ventana.save()
    assert Ventana.objects.filter(pk=ventana.pk).exists()


def test_la_base_rechaza_una_ventana_con_fin_anterior_al_inicio():
    actividad = crear_actividad()
    with rechazado_por_la_base("ventana_fin_despues_de_inicio"):
        Ventana.objects.create(
            actividad=actividad, inicio=dt.date(2022, 9, 1), fin=dt.date(2022, 8, 31)
        )
    ventana = Ventana.objects.create(
        actividad=actividad, inicio=dt.date(2022, 9, 1), fin=dt.date(2022, 12, 20)
    )
    with rechazado_por_la_base("ventana_fin_despues_de_inicio"):
        Ventana.objects.filter(pk=ventana.pk).update(fin=dt.date(2022, 1, 1))


# --- Meta: cantidad > 0 y porcentaje ≤ 100 -------------------------------------------------


@pytest.mark.parametrize("cantidad", ["0", "-1", "0.00"])
def test_meta_sin_cantidad_positiva_no_valida(cantidad):
    actividad = nueva_actividad(meta_cantidad=Decimal(cantidad))
    assert MENSAJE_META in errores(actividad)["meta_cantidad"]


def test_la_menor_cantidad_positiva_es_valida():
    nueva_actividad(meta_cantidad=Decimal("0.01")).full_clean()


@pytest.mark.parametrize("cantidad", ["0", "-5"])
def test_la_base_rechaza_una_meta_sin_cantidad_positiva(cantidad):
    subcomponente = crear_subcomponente()
    with rechazado_por_la_base("actividad_meta_positiva"):
        crear_actividad(subcomponente, meta_cantidad=Decimal(cantidad))


def test_porcentaje_por_encima_de_100_no_valida():
    actividad = nueva_actividad(
        meta_cantidad=Decimal("100.01"), meta_tipo=Actividad.TipoMeta.PORCENTAJE
    )
    assert errores(actividad)["meta_cantidad"] == [MENSAJE_PORCENTAJE]


def test_porcentaje_de_100_es_valido_y_el_limite_solo_aplica_a_porcentajes():
    subcomponente = crear_subcomponente()
    nueva_actividad(
        subcomponente, meta_cantidad=Decimal(100), meta_tipo=Actividad.TipoMeta.PORCENTAJE
    ).full_clean()
    for tipo in (Actividad.TipoMeta.EXACTA, Actividad.TipoMeta.MINIMO):
        nueva_actividad(subcomponente, meta_cantidad=Decimal(15000), meta_tipo=tipo).full_clean()


def test_la_base_rechaza_un_porcentaje_por_encima_de_100():
    subcomponente = crear_subcomponente()
    with rechazado_por_la_base("actividad_porcentaje_hasta_100"):
        crear_actividad(
            subcomponente, meta_cantidad=Decimal("100.5"), meta_tipo=Actividad.TipoMeta.PORCENTAJE
        )
    actividad = crear_actividad(subcomponente, meta_cantidad=Decimal(150))
    with rechazado_por_la_base("actividad_porcentaje_hasta_100"):
        Actividad.objects.filter(pk=actividad.pk).update(meta_tipo=Actividad.TipoMeta.PORCENTAJE)


# --- Código de la actividad ----------------------------------------------------------------


@pytest.mark.parametrize(("codigo", "numero"), [("1.1", 1), ("3.4", 3), ("1.10", 1), ("12.99", 12)])
def test_codigos_validos(codigo, numero):
    actividad = nueva_actividad(crear_subcomponente(numero=numero), codigo)
    actividad.full_clean()


@pytest.mark.parametrize(
    "codigo", ["1", "1.", "a.b", "1.1.1.1", "01.1", "1.01", ".1", "1,1", "1.0", "1.1.0", "1.1000"]
)
def test_codigos_mal_formados(codigo):
    actividad = nueva_actividad(codigo=codigo)
    assert errores(actividad)["codigo"] == [MENSAJE_CODIGO]


def test_codigo_vacio():
    # Django's own message, in the project's only language (es-co).
    mensajes = errores(nueva_actividad(codigo=""))["codigo"]
    assert mensajes == ["Este campo no puede estar en blanco."]


def test_codigo_con_salto_de_linea_final_no_valida():
    assert errores(nueva_actividad(codigo="1.1\n"))["codigo"] == [MENSAJE_CODIGO]


@pytest.mark.parametrize(("codigo", "numero"), [("2.1", 1), ("11.1", 1), ("1.1", 11)])
def test_el_codigo_empieza_por_el_numero_del_subcomponente(codigo, numero):
    actividad = nueva_actividad(crear_subcomponente(numero=numero), codigo)
    assert errores(actividad)["codigo"] == [
        f"El código {codigo} no corresponde al subcomponente {numero}: "
        f"debe empezar por «{numero}.»."
    ]


def test_el_codigo_es_unico_en_el_plan():
    subcomponente = crear_subcomponente()
    crear_actividad(subcomponente, "1.1")
    duplicada = nueva_actividad(subcomponente, "1.1")
    assert errores(duplicada)[NON_FIELD_ERRORS] == [
        "Ya existe una actividad con ese código en el plan."
    ]
    # Also when validated as a form does, with the non-editable plan excluded.
    assert NON_FIELD_ERRORS in errores(nueva_actividad(subcomponente, "1.1"), exclude=["plan"])
    with rechazado_por_la_base(
        "actividad_codigo_unico_por_plan", "plan_actividad.plan_id, plan_actividad.codigo"
    ):
        duplicada.save()


def test_el_codigo_es_unico_en_el_plan_aunque_cambie_el_subcomponente():
    plan = crear_plan()
    crear_actividad(crear_subcomponente(plan, numero=1), "1.1")
    otro_componente = Componente.objects.create(plan=plan, nombre="Otro componente")
    otro = Subcomponente.objects.create(componente=otro_componente, numero=1, nombre="Otro")
    assert NON_FIELD_ERRORS in errores(nueva_actividad(otro, "1.1"))
    with rechazado_por_la_base(
        "actividad_codigo_unico_por_plan", "plan_actividad.plan_id, plan_actividad.codigo"
    ):
        crear_actividad(otro, "1.1")


def test_el_mismo_codigo_en_otra_vigencia():
    actividad_2022 = crear_actividad(crear_subcomponente(crear_plan(2022)), "1.1")
    en_2023 = nueva_actividad(crear_subcomponente(crear_plan(2023)), "1.1")
    en_2023.full_clean()
    en_2023.save()
    assert {a.plan.vigencia for a in Actividad.objects.filter(codigo="1.1")} == {2022, 2023}
    assert en_2023.plan_id != actividad_2022.plan_id


# --- Orden numérico ----------------------------------------------------------------------


def test_las_actividades_se_ordenan_numericamente():
    plan = crear_plan()
    subcomponentes = {n: crear_subcomponente(plan, numero=n) for n in (1, 2, 10)}
    for codigo in ["1.10", "10.1", "2.1", "1.9", "1.2", "1.1", "2.10", "1.11"]:
        crear_actividad(subcomponentes[int(codigo.split(".")[0])], codigo)
    esperado = ["1.1", "1.2", "1.9", "1.10", "1.11", "2.1", "2.10", "10.1"]
    assert list(Actividad.objects.values_list("codigo", flat=True)) == esperado
    assert list(plan.actividades.values_list("codigo", flat=True)) == esperado
    assert Actividad.objects.get(codigo="1.10").orden == 1_010_000


def test_el_orden_lo_calcula_la_base_tambien_en_bulk_create():
    subcomponente = crear_subcomponente()
    plan_id = subcomponente.componente.plan_id
    Actividad.objects.bulk_create(
        [nueva_actividad(subcomponente, c, plan_id=plan_id) for c in ["1.10", "1.9", "1.1"]]
    )
    assert list(Actividad.objects.values_list("codigo", "orden")) == [
        ("1.1", 1_001_000),
        ("1.9", 1_009_000),
        ("1.10", 1_010_000),
    ]


# --- El plan viene del subcomponente ------------------------------------------------------


def test_el_plan_se_toma_del_subcomponente_al_guardar():
    plan_2022, plan_2023 = crear_plan(2022), crear_plan(2023)
    subcomponente = crear_subcomponente(plan_2022)
    actividad = nueva_actividad(subcomponente, plan=plan_2023)  # a wrong plan is ignored
    actividad.save()
    actividad.refresh_from_db()
    assert actividad.plan == plan_2022
    # Moving the activity to a subcomponente of another plan moves its plan too.
    actividad.subcomponente = crear_subcomponente(plan_2023)
    actividad.save()
    actividad.refresh_from_db()
    assert actividad.plan == plan_2023


def test_el_plan_se_toma_del_subcomponente_al_validar():
    subcomponente = crear_subcomponente()
    actividad = nueva_actividad(subcomponente)
    assert actividad.plan_id is None
    actividad.full_clean(exclude=["plan"])
    assert actividad.plan_id == subcomponente.componente.plan_id


# --- Evidencia -----------------------------------------------------------------------------


def crear_evidencia(actividad, **campos):
    return Evidencia.objects.create(actividad=actividad, descripcion="Acta de la jornada", **campos)


ARCHIVO = {"archivo": "evidencias/2022/1.1/abc/acta.pdf", "sha256": "a" * 64}
ENLACE = {"enlace": "https://www.pasto.gov.co/rendicion-de-cuentas"}


def test_evidencia_con_archivo_o_con_enlace():
    actividad = crear_actividad()
    assert crear_evidencia(actividad, **ARCHIVO).es_enlace is False
    assert crear_evidencia(actividad, **ENLACE).es_enlace is True


@pytest.mark.parametrize("campos", [{}, {**ARCHIVO, **ENLACE}], ids=["ninguno", "ambos"])
def test_la_base_exige_exactamente_archivo_o_enlace(campos):
    actividad = crear_actividad()
    with rechazado_por_la_base("evidencia_archivo_o_enlace"):
        crear_evidencia(actividad, **campos)
    assert not Evidencia.objects.exists()


def test_la_base_exige_la_huella_de_un_archivo():
    actividad = crear_actividad()
    with rechazado_por_la_base("evidencia_archivo_con_sha256"):
        crear_evidencia(actividad, archivo=ARCHIVO["archivo"])


@pytest.mark.parametrize("estado", [Evidencia.Estado.ENVIADA, Evidencia.Estado.DEVUELTA])
def test_la_base_impide_publicar_una_evidencia_no_aprobada(estado):
    actividad = crear_actividad()
    with rechazado_por_la_base("evidencia_publica_solo_aprobada"):
        crear_evidencia(actividad, estado=estado, publica=True, **ENLACE)


def test_una_evidencia_aprobada_puede_ser_publica_y_no_puede_volver_atras_siendo_publica():
    actividad = crear_actividad()
    evidencia = crear_evidencia(actividad, estado=Evidencia.Estado.APROBADA, publica=True, **ENLACE)
    with rechazado_por_la_base("evidencia_publica_solo_aprobada"):
        Evidencia.objects.filter(pk=evidencia.pk).update(estado=Evidencia.Estado.DEVUELTA)
    Evidencia.objects.filter(pk=evidencia.pk).update(
        estado=Evidencia.Estado.DEVUELTA, publica=False
    )
    evidencia.refresh_from_db()
    assert (evidencia.estado, evidencia.publica) == (Evidencia.Estado.DEVUELTA, False)


def test_la_validacion_explica_en_espanol_las_reglas_de_la_evidencia():
    actividad = crear_actividad()
    evidencia = Evidencia(
        actividad=actividad, descripcion="Acta", publica=True, **ARCHIVO, **ENLACE
    )
    assert set(errores(evidencia)[NON_FIELD_ERRORS]) == {
        "Adjunte un archivo o un enlace (uno de los dos, no ambos).",
        "Solo una evidencia aprobada puede ser pública.",
    }


# --- Responsables de la actividad ----------------------------------------------------------


def test_un_responsable_una_sola_vez_por_actividad():
    actividad = crear_actividad()
    opgi = crear_responsable("Oficina de Planeación de Gestión Institucional", "opgi")
    ActividadResponsable.objects.create(actividad=actividad, responsable=opgi, orden=1)
    repetida = ActividadResponsable(actividad=actividad, responsable=opgi, orden=2)
    assert errores(repetida)[NON_FIELD_ERRORS] == [
        "Esa dependencia ya es responsable de la actividad."
    ]
    with rechazado_por_la_base(
        "responsable_unico_por_actividad",
        "plan_actividadresponsable.actividad_id, plan_actividadresponsable.responsable_id",
    ):
        repetida.save()
    # The same office can be responsible for another activity.
    otra = crear_actividad(actividad.subcomponente, "1.2")
    ActividadResponsable(actividad=otra, responsable=opgi).full_clean()
    ActividadResponsable.objects.create(actividad=otra, responsable=opgi)
    assert opgi.actividades.count() == 2


def test_los_responsables_se_conservan_en_su_orden():
    actividad = crear_actividad()
    # Names chosen so that alphabetical and insertion order both differ from «orden».
    nombres = {
        1: "Secretaría de Bienestar Social",
        2: "Dirección Administrativa de Juventud",
        3: "Secretaría MOSIG",
        4: "Oficina de Comunicación Social",
    }
    for orden in (3, 1, 4, 2):
        responsable = crear_responsable(nombres[orden], f"r{orden}")
        ActividadResponsable.objects.create(
            actividad=actividad, responsable=responsable, orden=orden
        )
    en_orden = [a.responsable.nombre for a in actividad.asignaciones.all()]
    assert en_orden == [nombres[n] for n in (1, 2, 3, 4)]


def test_a_igual_orden_los_responsables_quedan_en_el_orden_en_que_se_asignaron():
    actividad = crear_actividad()
    for nombre, slug in [("Secretaría MOSIG", "mosig"), ("Dirección de Juventud", "juventud")]:
        ActividadResponsable.objects.create(
            actividad=actividad, responsable=crear_responsable(nombre, slug)
        )
    assert [a.responsable.slug for a in actividad.asignaciones.all()] == ["mosig", "juventud"]


def test_los_codigos_de_tres_niveles_se_ordenan_por_componente_subcomponente_y_actividad():
    subcomponente = crear_subcomponente()
    plan_id = subcomponente.componente.plan_id
    Actividad.objects.bulk_create(
        [
            nueva_actividad(subcomponente, c, plan_id=plan_id)
            for c in ["1.1.10", "1.1.9", "1.1.1", "1.2"]
        ]
    )
    assert list(Actividad.objects.values_list("codigo", "orden")) == [
        ("1.1.1", 1_001_001),
        ("1.1.9", 1_001_009),
        ("1.1.10", 1_001_010),
        ("1.2", 1_002_000),
    ]


def test_un_codigo_de_tres_niveles_empieza_por_el_componente_y_el_subcomponente():
    subcomponente = crear_subcomponente()  # componente orden 1, subcomponente 1
    nueva_actividad(subcomponente, "1.1.4").full_clean()
    assert errores(nueva_actividad(subcomponente, "2.1.4"))["codigo"] == [
        "El código 2.1.4 no corresponde al componente y subcomponente 1.1: debe empezar por «1.1.»."
    ]


def test_una_meta_cualitativa_no_lleva_cantidad_y_se_sigue_por_su_porcentaje_de_cumplimiento():
    subcomponente = crear_subcomponente()
    actividad = nueva_actividad(
        subcomponente, meta_tipo=Actividad.TipoMeta.CUALITATIVA, meta_cantidad=None
    )
    actividad.full_clean()
    actividad.save()
    assert actividad.porcentaje_de(Decimal("40")) == Decimal("40.0")
    assert actividad.porcentaje_de(Decimal("130")) == Decimal("100")
    con_cantidad = nueva_actividad(
        subcomponente, "1.2", meta_tipo=Actividad.TipoMeta.CUALITATIVA, meta_cantidad=3
    )
    assert errores(con_cantidad)["meta_cantidad"] == [MENSAJE_CUALITATIVA_SIN_CANTIDAD]
    sin_cantidad = nueva_actividad(subcomponente, "1.3", meta_cantidad=None)
    assert errores(sin_cantidad)["meta_cantidad"] == [MENSAJE_META_POSITIVA]


def test_la_base_rechaza_una_meta_cuantitativa_sin_cantidad_y_una_cualitativa_con_cantidad():
    subcomponente = crear_subcomponente()
    plan_id = subcomponente.componente.plan_id
    with rechazado_por_la_base("actividad_meta_positiva", "meta_cantidad"):
        Actividad.objects.bulk_create(
            [nueva_actividad(subcomponente, "1.1", plan_id=plan_id, meta_cantidad=None)]
        )
    with rechazado_por_la_base("actividad_cualitativa_sin_cantidad", "meta_cantidad"):
        Actividad.objects.bulk_create(
            [
                nueva_actividad(
                    subcomponente, "1.2", plan_id=plan_id, meta_tipo="cualitativa", meta_cantidad=5
                )
            ]
        )
