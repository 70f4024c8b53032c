"""Every date of dialogos between 01/01/2000 and 31/12/2100 (pasto_rdc/fechas.py).

Before adding the constraints, rows already out of range (e.g. a space dated
9999-12-31 23:59, which PostgreSQL stores as year 10000 in UTC and Python
cannot read) are moved to the nearest bound with UPDATEs that never load
them, so the migration applies and the pages work again; staff then correct
the date in the UI.
"""

import datetime

from django.conf import settings
from django.db import migrations, models
from django.db.models import Q

import nucleo.fechas
import dialogos.reglas
import django.core.validators


def llevar_al_rango(apps, schema_editor):
    fechas = nucleo.fechas
    minimo, maximo = fechas.FECHA_MINIMA, fechas.FECHA_MAXIMA
    primero, ultimo = fechas.momento_minimo(), fechas.momento_maximo()
    hora = datetime.timedelta(hours=1)
    minuto = datetime.timedelta(minutes=1)

    Espacio = apps.get_model("dialogos", "EspacioDialogo")
    Espacio.objects.filter(Q(inicio__gte=ultimo) | Q(fin__gte=ultimo)).update(
        inicio=ultimo - hora, fin=ultimo - minuto
    )
    Espacio.objects.filter(fin__lte=primero).update(inicio=primero, fin=primero + hora)
    Espacio.objects.filter(inicio__lt=primero).update(inicio=primero)

    Compromiso = apps.get_model("dialogos", "Compromiso")
    Compromiso.objects.filter(fecha_limite__gt=maximo).update(fecha_limite=maximo)
    Compromiso.objects.filter(fecha_limite__lt=minimo).update(fecha_limite=minimo)

    Pregunta = apps.get_model("dialogos", "Pregunta")
    Pregunta.objects.filter(recibida_el__gt=maximo).update(
        recibida_el=maximo, vence_el=dialogos.reglas.vencimiento(maximo)
    )
    Pregunta.objects.filter(recibida_el__lt=minimo).update(
        recibida_el=minimo, vence_el=dialogos.reglas.vencimiento(minimo)
    )

    Informe = apps.get_model("dialogos", "InformeRespuestas")
    for campo in ("desde", "hasta", "publicado_el"):
        Informe.objects.filter(**{f"{campo}__gt": maximo}).update(**{campo: maximo})
    Informe.objects.filter(hasta__lt=minimo).update(desde=minimo, hasta=minimo)
    for campo in ("desde", "publicado_el"):
        Informe.objects.filter(**{f"{campo}__lt": minimo}).update(**{campo: minimo})
    Informe.objects.filter(vigencia__gt=maximo.year).update(vigencia=maximo.year)
    Informe.objects.filter(vigencia__lt=minimo.year).update(vigencia=minimo.year)


class Migration(migrations.Migration):
    dependencies = [
        ("dialogos", "0003_pregunta_numero_publico"),
        ("plan", "0005_codigo_regex_estricta"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(llevar_al_rango, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="compromiso",
            name="fecha_limite",
            field=models.DateField(
                validators=[nucleo.fechas.validar_fecha], verbose_name="fecha límite"
            ),
        ),
        migrations.AlterField(
            model_name="espaciodialogo",
            name="fin",
            field=models.DateTimeField(
                validators=[nucleo.fechas.validar_momento], verbose_name="fin"
            ),
        ),
        migrations.AlterField(
            model_name="espaciodialogo",
            name="inicio",
            field=models.DateTimeField(
                validators=[nucleo.fechas.validar_momento], verbose_name="inicio"
            ),
        ),
        migrations.AlterField(
            model_name="informerespuestas",
            name="desde",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[nucleo.fechas.validar_fecha],
                verbose_name="desde",
            ),
        ),
        migrations.AlterField(
            model_name="informerespuestas",
            name="hasta",
            field=models.DateField(
                blank=True,
                null=True,
                validators=[nucleo.fechas.validar_fecha],
                verbose_name="hasta",
            ),
        ),
        migrations.AlterField(
            model_name="informerespuestas",
            name="publicado_el",
            field=models.DateField(
                validators=[nucleo.fechas.validar_fecha], verbose_name="publicado el"
            ),
        ),
        migrations.AlterField(
            model_name="informerespuestas",
            name="vigencia",
            field=models.PositiveSmallIntegerField(
                help_text="Año del plan al que suma el informe.",
                validators=[
                    django.core.validators.MinValueValidator(
                        2000, "La fecha debe estar entre el 01/01/2000 y el 31/12/2100."
                    ),
                    django.core.validators.MaxValueValidator(
                        2100, "La fecha debe estar entre el 01/01/2000 y el 31/12/2100."
                    ),
                ],
                verbose_name="vigencia",
            ),
        ),
        migrations.AlterField(
            model_name="pregunta",
            name="recibida_el",
            field=models.DateField(
                validators=[nucleo.fechas.validar_fecha], verbose_name="recibida el"
            ),
        ),
        migrations.AddConstraint(
            model_name="compromiso",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("fecha_limite__isnull", True),
                    models.Q(
                        ("fecha_limite__gte", datetime.date(2000, 1, 1)),
                        ("fecha_limite__lte", datetime.date(2100, 12, 31)),
                    ),
                    _connector="OR",
                ),
                name="compromiso_fecha_limite_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="espaciodialogo",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("inicio__isnull", True),
                    models.Q(
                        (
                            "inicio__gte",
                            datetime.datetime(2000, 1, 1, 5, 0, tzinfo=datetime.timezone.utc),
                        ),
                        (
                            "inicio__lt",
                            datetime.datetime(2101, 1, 1, 5, 0, tzinfo=datetime.timezone.utc),
                        ),
                    ),
                    _connector="OR",
                ),
                name="espacio_inicio_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="espaciodialogo",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("fin__isnull", True),
                    models.Q(
                        (
                            "fin__gte",
                            datetime.datetime(2000, 1, 1, 5, 0, tzinfo=datetime.timezone.utc),
                        ),
                        (
                            "fin__lt",
                            datetime.datetime(2101, 1, 1, 5, 0, tzinfo=datetime.timezone.utc),
                        ),
                    ),
                    _connector="OR",
                ),
                name="espacio_fin_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="informerespuestas",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("desde__isnull", True),
                    models.Q(
                        ("desde__gte", datetime.date(2000, 1, 1)),
                        ("desde__lte", datetime.date(2100, 12, 31)),
                    ),
                    _connector="OR",
                ),
                name="informe_desde_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="informerespuestas",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("hasta__isnull", True),
                    models.Q(
                        ("hasta__gte", datetime.date(2000, 1, 1)),
                        ("hasta__lte", datetime.date(2100, 12, 31)),
                    ),
                    _connector="OR",
                ),
                name="informe_hasta_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="informerespuestas",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("publicado_el__isnull", True),
                    models.Q(
                        ("publicado_el__gte", datetime.date(2000, 1, 1)),
                        ("publicado_el__lte", datetime.date(2100, 12, 31)),
                    ),
                    _connector="OR",
                ),
                name="informe_publicado_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="informerespuestas",
            constraint=models.CheckConstraint(
                condition=models.Q(("vigencia__gte", 2000), ("vigencia__lte", 2100)),
                name="informe_vigencia_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
        migrations.AddConstraint(
            model_name="pregunta",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("recibida_el__isnull", True),
                    models.Q(
                        ("recibida_el__gte", datetime.date(2000, 1, 1)),
                        ("recibida_el__lte", datetime.date(2100, 12, 31)),
                    ),
                    _connector="OR",
                ),
                name="pregunta_recibida_en_rango",
                violation_error_message="La fecha debe estar entre el 01/01/2000 y el 31/12/2100.",
            ),
        ),
    ]
