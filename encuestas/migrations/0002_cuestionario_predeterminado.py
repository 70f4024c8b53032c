"""The default questionnaire: the usual evaluation of an accountability space.

Modelled on the evaluation forms of the MURC (Manual Único de Rendición de
Cuentas): clarity of the information, time for the citizens' questions,
usefulness of the answers, whether they would take part again, how they
heard of the space, and their suggestions. Every kind of question appears.

Its introduction named one municipality until issue 16 («the entity as configuration»):
edited so a new database speaks for no one in particular; the databases that already ran
it keep their text, which their OPGI edits in the admin like any questionnaire.
"""

from django.db import migrations

NOMBRE = "Evaluación del espacio de rendición de cuentas"
PRESENTACION = (
    "Gracias por participar. Esta encuesta es anónima: no le pedimos su nombre ni "
    "ningún dato personal. Sus respuestas nos ayudan a mejorar los próximos espacios "
    "de rendición de cuentas. Toma menos de tres minutos."
)
ACUERDO = [
    "Totalmente en desacuerdo",
    "En desacuerdo",
    "Ni de acuerdo ni en desacuerdo",
    "De acuerdo",
    "Totalmente de acuerdo",
]
PREGUNTAS = [
    ("escala", "La información presentada fue clara y fácil de entender.", "", True, ACUERDO),
    (
        "escala",
        "Hubo tiempo suficiente para las preguntas e intervenciones de la ciudadanía.",
        "",
        True,
        ACUERDO,
    ),
    (
        "escala",
        "Las respuestas de la Administración a las preguntas fueron útiles.",
        "",
        True,
        ACUERDO,
    ),
    ("unica", "¿Cómo participó en el espacio?", "", True, ["Presencial", "Virtual"]),
    (
        "si_no",
        "¿Volvería a participar en un espacio de rendición de cuentas?",
        "",
        True,
        ["Sí", "No"],
    ),
    (
        "multiple",
        "¿Cómo se enteró de este espacio?",
        "Puede marcar varias opciones.",
        False,
        [
            "Redes sociales de la Alcaldía",
            "Página web de la Alcaldía",
            "Radio, prensa o televisión",
            "Invitación directa (carta, correo o llamada)",
            "Junta de Acción Comunal o líder comunitario",
            "Me contó otra persona",
            "Otro medio",
        ],
    ),
    (
        "texto_corto",
        "¿Sobre qué tema le gustaría que se rindiera cuentas en el próximo espacio?",
        "",
        False,
        [],
    ),
    (
        "texto_largo",
        "¿Qué sugerencias tiene para mejorar los próximos espacios?",
        "No escriba datos personales (nombre, teléfono, correo).",
        False,
        [],
    ),
]


def crear(apps, schema_editor):
    Cuestionario = apps.get_model("encuestas", "Cuestionario")
    PreguntaEncuesta = apps.get_model("encuestas", "PreguntaEncuesta")
    Opcion = apps.get_model("encuestas", "Opcion")
    if Cuestionario.objects.filter(nombre=NOMBRE).exists():
        return
    cuestionario = Cuestionario.objects.create(
        nombre=NOMBRE, presentacion=PRESENTACION, predeterminado=True
    )
    for orden, (tipo, texto, ayuda, obligatoria, opciones) in enumerate(PREGUNTAS, start=1):
        pregunta = PreguntaEncuesta.objects.create(
            cuestionario=cuestionario,
            orden=orden,
            tipo=tipo,
            texto=texto,
            ayuda=ayuda,
            obligatoria=obligatoria,
        )
        for posicion, opcion in enumerate(opciones, start=1):
            Opcion.objects.create(
                pregunta=pregunta,
                orden=posicion,
                texto=opcion,
                valor=posicion if tipo == "escala" else None,
            )


def quitar(apps, schema_editor):
    Cuestionario = apps.get_model("encuestas", "Cuestionario")
    Cuestionario.objects.filter(nombre=NOMBRE, encuestas__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("encuestas", "0001_initial")]

    operations = [migrations.RunPython(crear, quitar)]
