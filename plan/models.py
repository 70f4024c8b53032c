"""The accountability plan: Plan → Componente → Subcomponente → Actividad.

An activity has a structured meta (quantity, unit, kind), one or more
responsible offices (ordered) and one or more date windows.
"""

import re
from collections.abc import Collection
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Cast, Left, StrIndex, Substr
from django.db.models.lookups import GreaterThan
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from nucleo.estados import ConEstados, Transicion
from nucleo.fechas import (
    MENSAJE_VIGENCIA,
    VIGENCIA_MAXIMA,
    VIGENCIA_MINIMA,
    rango_de_vigencia,
    restriccion_fecha,
    restriccion_momento,
    validar_fecha,
)
from nucleo.models import ArchivoGuardado, ruta_unica
from plan import cortes as periodos
from plan.importacion import oficinas

# One message per rule, shared by the field validator or clean(), the database
# constraint and the services (the forms show them, they do not repeat them).
MENSAJE_CANTIDAD_NEGATIVA = "La cantidad no puede ser negativa."
MENSAJE_META_POSITIVA = "La cantidad de la meta debe ser mayor que 0."
MENSAJE_PORCENTAJE_MAXIMO = "Una meta en porcentaje no puede superar el 100 %."
MENSAJE_VENTANA_INVERTIDA = "La fecha final no puede ser anterior a la fecha de inicio."
MENSAJE_ARCHIVO_O_ENLACE = "Adjunte un archivo o un enlace (uno de los dos, no ambos)."

# A plan may cut its follow-up monthly at most (the default is three cuatrimestres).
MAXIMO_CORTES = periodos.MAXIMO_CORTES

# Two levels (subcomponente.actividad: 1.1, 3.4) as the Estrategia de Rendición de
# Cuentas numbers them, or three (componente.subcomponente.actividad: 1.1.1) as a whole
# PAAC/PTEP does; each number 1 to 999. The entity's own code, whatever its shape, is
# kept beside it as `codigo_oficial`.
PATRON_CODIGO = r"\A[1-9][0-9]{0,2}\.[1-9][0-9]{0,2}(\.[1-9][0-9]{0,2})?\Z"
FORMA_CODIGO = re.compile(PATRON_CODIGO)
MENSAJE_CODIGO = (
    "El código debe tener la forma «número.número» o «número.número.número», "
    "por ejemplo 1.1, 3.4 o 2.1.3."
)
CODIGO_ACTIVIDAD = RegexValidator(PATRON_CODIGO, MENSAJE_CODIGO)
MENSAJE_CUALITATIVA_SIN_CANTIDAD = (
    "Una meta cualitativa no lleva cantidad: se sigue por su porcentaje de cumplimiento."
)
MENSAJE_CUMPLIMIENTO_MAXIMO = (
    "En una meta cualitativa se reporta el porcentaje de cumplimiento: de 0 a 100."
)
ETIQUETA_CUMPLIMIENTO = "Porcentaje de cumplimiento (0 a 100)"


def _orden_del_codigo(campo: str) -> models.Expression:
    """1.10 → 1 010 000, 2.1.3 → 2 001 003: the numeric sort key of a code of two or
    three levels (each up to 999), in SQL both SQLite and PostgreSQL compute."""
    punto = StrIndex(campo, models.Value("."))
    resto = Substr(campo, punto + 1)
    segundo_punto = StrIndex(resto, models.Value("."))
    tiene_tres: GreaterThan[int] = GreaterThan(segundo_punto, 0)
    primero = Cast(Left(campo, punto - 1), models.IntegerField())
    segundo = Cast(
        Case(When(tiene_tres, then=Left(resto, segundo_punto - 1)), default=resto),
        models.IntegerField(),
    )
    tercero = Case(
        When(tiene_tres, then=Cast(Substr(resto, segundo_punto + 1), models.IntegerField())),
        default=models.Value(0),
    )
    return primero * 1_000_000 + segundo * 1000 + tercero


MENSAJE_SLUG_SOLO_DIGITOS = (
    "El identificador del plan no puede ser solo números: use entidad, instrumento y "
    "vigencia, por ejemplo «alcaldia-de-pasto-paac-2026»."
)


class Instrumento(models.TextChoices):
    """The legal instrument a plan belongs to (Ley 2195 de 2022, art. 31, turned the
    PAAC into the PTEP; Decreto 1122 de 2024 regulates it)."""

    PAAC = "paac", "Plan Anticorrupción y de Atención al Ciudadano"
    PTEP = "ptep", "Programa de Transparencia y Ética Pública"


class EstadoPlan(models.TextChoices):
    """Where a plan is in its lifecycle (issue 16), read from `publicado` and `en_vigor`:
    born a draft, published by OPGI, and at most one per entity marked as in force."""

    BORRADOR = "borrador", "Borrador (sin publicar)"
    PUBLICADO = "publicado", "Publicado"
    EN_VIGOR = "en_vigor", "Publicado, plan en vigor"


class PlanManager(models.Manager["Plan"]):
    # Every page that shows a plan names its entity: read it in the same query.
    def get_queryset(self) -> "models.QuerySet[Plan]":
        return super().get_queryset().select_related("entidad")


class Plan(ConEstados, models.Model):
    Estado = EstadoPlan

    # The lifecycle's rules (plan/servicios_ciclo.py applies them; /planes/ offers them
    # through the `puede_*` properties). The state is derived, not stored: the
    # services set the two flags.
    TRANSICIONES = {
        "publicar": Transicion(
            desde={EstadoPlan.BORRADOR},
            hacia=EstadoPlan.PUBLICADO,
            mensaje="El plan ya está publicado.",
        ),
        "retirar": Transicion(
            desde={EstadoPlan.PUBLICADO, EstadoPlan.EN_VIGOR},
            hacia=EstadoPlan.BORRADOR,
            mensaje="El plan no está publicado: no hay nada que retirar.",
        ),
        "marcar_en_vigor": Transicion(
            desde={EstadoPlan.PUBLICADO},
            hacia=EstadoPlan.EN_VIGOR,
            mensaje=(
                "Solo un plan publicado que no sea ya el plan en vigor puede marcarse "
                "como plan en vigor."
            ),
        ),
    }

    entidad = models.ForeignKey(
        "nucleo.Entidad", on_delete=models.PROTECT, related_name="planes", verbose_name="entidad"
    )
    slug = models.SlugField(
        "identificador en la URL",
        max_length=120,
        unique=True,
        blank=True,
        help_text=(
            "Entidad, instrumento y vigencia, por ejemplo «alcaldia-de-pasto-paac-2026». "
            "Vacío: se propone."
        ),
    )
    vigencia = models.PositiveSmallIntegerField(
        "vigencia",
        validators=[
            MinValueValidator(VIGENCIA_MINIMA, MENSAJE_VIGENCIA),
            MaxValueValidator(VIGENCIA_MAXIMA, MENSAJE_VIGENCIA),
        ],
    )
    titulo = models.CharField("título", max_length=250)
    dependencia = models.CharField(
        "dependencia que lo elabora",
        max_length=200,
        blank=True,
        help_text="Por ejemplo, Oficina de Planeación de Gestión Institucional.",
    )
    introduccion = models.TextField("introducción", blank=True)
    # A plan is born a draft: OPGI publishes it when it is ready (issue 16).
    publicado = models.BooleanField(
        "publicado",
        default=False,
        help_text="Solo los planes publicados se muestran a la ciudadanía.",
    )
    en_vigor = models.BooleanField(
        "plan en vigor",
        default=False,
        help_text=(
            "El plan que la página de inicio muestra. Si ningún plan de la entidad está "
            "marcado, se muestra el publicado cuya vigencia es el año en curso."
        ),
    )
    instrumento = models.CharField(
        "instrumento",
        max_length=4,
        choices=Instrumento.choices,
        default=Instrumento.PAAC,
        help_text="PAAC hasta la vigencia en que la entidad adopta el PTEP (Ley 2195 de 2022).",
    )
    history = HistoricalRecords()

    objects = PlanManager()

    class Meta:
        verbose_name = "plan"
        verbose_name_plural = "planes"
        ordering = ["-vigencia", "entidad"]
        constraints = [
            models.UniqueConstraint(
                fields=["entidad", "instrumento", "vigencia"],
                name="plan_unico_por_entidad_instrumento_y_vigencia",
                violation_error_message=(
                    "Ya existe un plan de esa entidad, de ese instrumento, para esa vigencia."
                ),
            ),
            models.UniqueConstraint(
                fields=["entidad"],
                condition=Q(en_vigor=True),
                name="plan_un_solo_en_vigor_por_entidad",
                violation_error_message="Ya hay otro plan de la entidad marcado como en vigor.",
            ),
            models.CheckConstraint(
                condition=Q(vigencia__gte=VIGENCIA_MINIMA, vigencia__lte=VIGENCIA_MAXIMA),
                name="plan_vigencia_en_rango",
                violation_error_message=MENSAJE_VIGENCIA,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.titulo} {self.vigencia} – {self.entidad}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = self.slug_propuesto()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        # Proposed before the uniqueness checks run, so a clash is a form error.
        if not self.slug and self.entidad_id and self.vigencia:
            self.slug = self.slug_propuesto()
        # «/plan/2022/» is the old address by vigencia (plan/views_direcciones.py): a slug
        # of digits alone would be shadowed by it.
        if self.slug and self.slug.isdigit():
            raise ValidationError({"slug": MENSAJE_SLUG_SOLO_DIGITOS})

    def slug_propuesto(self) -> str:
        """«<entidad>-<instrumento>-<vigencia>»: stable, readable, unique with the
        constraint on those three (its length is bounded by theirs)."""
        return f"{self.entidad.slug}-{self.instrumento}-{self.vigencia}"

    @cached_property
    def cortes_del_seguimiento(self) -> list[periodos.Corte]:
        """Its cortes: its CortePlan rows (prefetch `cortes` to save the query), or
        else the three cuatrimestres."""
        return periodos.cortes_de(self.vigencia, [corte.fin for corte in self.cortes.all()])

    def corte(self, numero: object) -> periodos.Corte:
        """Its corte `numero`; ValidationError (the one message) if it has no such corte."""
        return periodos.corte_numero(self.cortes_del_seguimiento, numero)

    # Derived, so read-only: ConEstados.aplicar (which sets it) is not used on a plan.
    @property
    def estado(self) -> str:  # type: ignore[override]
        """A draft stays a draft even if (by a stray admin edit) it is marked in force:
        the home never shows it (plan.selectors.plan_vigente reads published plans)."""
        if not self.publicado:
            return EstadoPlan.BORRADOR
        return EstadoPlan.EN_VIGOR if self.en_vigor else EstadoPlan.PUBLICADO

    @property
    def estado_mostrado(self) -> str:
        return EstadoPlan(self.estado).label

    @property
    def es_borrador(self) -> bool:
        return not self.publicado

    @property
    def puede_publicarse(self) -> bool:
        return self.admite("publicar")

    @property
    def puede_retirarse(self) -> bool:
        return self.admite("retirar")

    @property
    def puede_marcarse_en_vigor(self) -> bool:
        return self.admite("marcar_en_vigor")


class Componente(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="componentes")
    nombre = models.CharField("nombre", max_length=200)
    orden = models.PositiveSmallIntegerField("orden", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "componente"
        verbose_name_plural = "componentes"
        ordering = ["plan", "orden", "nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "nombre"],
                name="componente_unico_por_plan",
                violation_error_message="Ese componente ya existe en el plan.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.nombre} ({self.plan.vigencia})"


class Subcomponente(models.Model):
    componente = models.ForeignKey(
        Componente, on_delete=models.CASCADE, related_name="subcomponentes"
    )
    numero = models.PositiveSmallIntegerField(
        "número", validators=[MinValueValidator(1, "El número debe ser 1 o mayor.")]
    )
    nombre = models.CharField("nombre", max_length=250)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "subcomponente"
        verbose_name_plural = "subcomponentes"
        ordering = ["componente", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["componente", "numero"],
                name="subcomponente_numero_unico",
                violation_error_message="Ya hay un subcomponente con ese número en el componente.",
            ),
        ]

    def __str__(self) -> str:
        return f"Subcomponente {self.numero}. {self.nombre}"

    @property
    def clave_de_orden(self) -> tuple[int, int, int]:
        """Componente first: a plan's subcomponentes are numbered from 1 in each of its
        componentes, so «Subcomponente 1» of componente 2 sorts after componente 1's
        (select_related the componente to read it without a query)."""
        return (self.componente.orden, self.componente_id, self.numero)


class Responsable(models.Model):
    """An office (dependencia) of an entity; shared by the entity's plans."""

    class Tipo(models.TextChoices):
        SECRETARIA = "secretaria", "Secretaría"
        OFICINA = "oficina", "Oficina"
        DIRECCION = "direccion", "Dirección"
        EQUIPO = "equipo", "Equipo"
        COMITE = "comite", "Comité"
        GRUPO = "grupo", "Grupo"
        COLECTIVO = "colectivo", "Conjunto de dependencias"

    entidad = models.ForeignKey(
        "nucleo.Entidad",
        on_delete=models.PROTECT,
        related_name="responsables",
        verbose_name="entidad",
    )
    nombre = models.CharField("nombre", max_length=200)
    sigla = models.CharField("sigla", max_length=20, blank=True)
    slug = models.SlugField(
        "identificador en la URL",
        max_length=60,
        unique=True,
        help_text="Se usa en la dirección del tablero de la oficina, por ejemplo «opgi».",
    )
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "responsable"
        verbose_name_plural = "responsables"
        ordering = ["nombre"]
        constraints = [
            models.UniqueConstraint(
                fields=["entidad", "nombre"],
                name="responsable_nombre_unico_por_entidad",
                violation_error_message="La entidad ya tiene una dependencia con ese nombre.",
            ),
            models.UniqueConstraint(
                fields=["entidad", "sigla"],
                condition=~Q(sigla=""),
                name="responsable_sigla_unica_por_entidad",
                violation_error_message="La entidad ya tiene una dependencia con esa sigla.",
            ),
        ]

    def __str__(self) -> str:
        return self.nombre

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.completar()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        # Before the field checks, so a blank slug or tipo (as people write an office:
        # just its name) is filled rather than refused.
        self.completar()
        super().clean_fields(exclude)

    def completar(self) -> None:
        """A blank tipo guessed from the name («Secretaría de…» → secretaría, «Comité…»
        → comité; «oficina» when nothing says), a blank slug made from the sigla or the
        name, «-2», «-3»… if taken (slugs are unique across entities: they are URLs)."""
        self.nombre = " ".join((self.nombre or "").split())
        self.sigla = (self.sigla or "").strip()
        if not self.tipo and self.nombre:
            self.tipo = oficinas.tipo_de(self.nombre)
        if not self.slug and (self.nombre or self.sigla):
            ocupados = Responsable.objects.exclude(pk=self.pk).values_list("slug", flat=True)
            self.slug = oficinas.slug_de(self.nombre, sigla=self.sigla, ocupados=set(ocupados))

    @property
    def nombre_corto(self) -> str:
        return self.sigla or self.nombre


class Actividad(models.Model):
    class TipoMeta(models.TextChoices):
        EXACTA = "exacta", "Cantidad exacta"
        MINIMO = "minimo", "Al menos / mínimo"
        PORCENTAJE = "porcentaje", "Porcentaje"
        # «N/A» or a text without a number: followed by its percentage of completion.
        CUALITATIVA = "cualitativa", "Cualitativa (porcentaje de cumplimiento)"

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="actividades", editable=False
    )
    subcomponente = models.ForeignKey(
        Subcomponente, on_delete=models.PROTECT, related_name="actividades"
    )
    codigo = models.CharField("código", max_length=11, validators=[CODIGO_ACTIVIDAD])
    codigo_oficial = models.CharField(
        "código en el plan de la entidad",
        max_length=40,
        blank=True,
        help_text="El código como lo escribió la entidad, si es distinto (por ejemplo «A-3»).",
    )
    # Numeric sort key computed by the database from the code, so that 1.10
    # follows 1.9 in every query, fixture load and bulk insert alike.
    orden = models.GeneratedField(
        expression=_orden_del_codigo("codigo"),
        output_field=models.IntegerField(),
        db_persist=True,
    )
    descripcion = models.TextField("actividad")
    producto = models.TextField("producto")
    meta_texto = models.CharField("meta (texto original)", max_length=300)
    meta_cantidad = models.DecimalField(
        "cantidad de la meta",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), MENSAJE_META_POSITIVA)],
        help_text="Vacía solo en una meta cualitativa.",
    )
    meta_unidad = models.CharField(
        "unidad de la meta",
        max_length=150,
        help_text="Por ejemplo «ejemplares» o «encuestas aplicadas».",
    )
    meta_tipo = models.CharField(
        "tipo de meta", max_length=12, choices=TipoMeta.choices, default=TipoMeta.EXACTA
    )
    fuente_avance = models.CharField(
        "fuente del avance",
        max_length=40,
        blank=True,
        help_text=(
            "Vacío: el avance se toma de los reportes de avance. Si se elige una fuente "
            "automática, la actividad cuenta sus propios registros (espacios realizados, "
            "preguntas respondidas, encuestas…)."
        ),
    )
    responsables: "models.ManyToManyField[Responsable, ActividadResponsable]" = (
        models.ManyToManyField(
            Responsable,
            through="ActividadResponsable",
            related_name="actividades",
            verbose_name="responsables",
        )
    )

    # `orden` is computed by the database from `codigo`; the copy keeps `codigo`.
    history = HistoricalRecords(excluded_fields=["orden"])

    class Meta:
        verbose_name = "actividad"
        verbose_name_plural = "actividades"
        ordering = ["plan", "orden"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "codigo"],
                name="actividad_codigo_unico_por_plan",
                violation_error_message="Ya existe una actividad con ese código en el plan.",
            ),
            # A NULL passes a CHECK: «not null» is spelt out for quantified metas.
            models.CheckConstraint(
                condition=Q(meta_tipo="cualitativa")
                | Q(meta_cantidad__isnull=False, meta_cantidad__gt=0),
                name="actividad_meta_positiva",
                violation_error_message=MENSAJE_META_POSITIVA,
            ),
            models.CheckConstraint(
                condition=~Q(meta_tipo="cualitativa") | Q(meta_cantidad__isnull=True),
                name="actividad_cualitativa_sin_cantidad",
                violation_error_message=MENSAJE_CUALITATIVA_SIN_CANTIDAD,
            ),
            models.CheckConstraint(
                condition=~Q(meta_tipo="porcentaje") | Q(meta_cantidad__lte=100),
                name="actividad_porcentaje_hasta_100",
                violation_error_message=MENSAJE_PORCENTAJE_MAXIMO,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.codigo} {self.descripcion[:80]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The plan is denormalised from the subcomponente so the database can
        # enforce «one code per plan»; it is never chosen independently.
        self.plan_id = self.subcomponente.componente.plan_id
        super().save(*args, **kwargs)

    def clean(self) -> None:
        errors = {}
        es_porcentaje = self.meta_tipo == self.TipoMeta.PORCENTAJE
        if es_porcentaje and self.meta_cantidad is not None and self.meta_cantidad > 100:
            errors["meta_cantidad"] = MENSAJE_PORCENTAJE_MAXIMO
        if self.es_cualitativa and self.meta_cantidad is not None:
            errors["meta_cantidad"] = MENSAJE_CUALITATIVA_SIN_CANTIDAD
        elif not self.es_cualitativa and self.meta_cantidad is None:
            errors["meta_cantidad"] = MENSAJE_META_POSITIVA
        if self.subcomponente_id and self.codigo and FORMA_CODIGO.match(self.codigo):
            self.plan_id = self.subcomponente.componente.plan_id
            error = self._error_de_codigo()
            if error:
                errors["codigo"] = error
        if errors:
            raise ValidationError(errors)

    def _error_de_codigo(self) -> str | None:
        """1.1 starts with its subcomponente's number; 2.1.3 with its componente's
        `orden` and then its subcomponente's number."""
        subcomponente = self.subcomponente
        numeros = [int(parte) for parte in self.codigo.split(".")]
        esperado = [subcomponente.numero]
        if len(numeros) == 3:
            esperado = [subcomponente.componente.orden, subcomponente.numero]
        if numeros[: len(esperado)] == esperado:
            return None
        prefijo = ".".join(str(n) for n in esperado)
        donde = "al subcomponente" if len(numeros) == 2 else "al componente y subcomponente"
        return (
            f"El código {self.codigo} no corresponde {donde} {prefijo}: "
            f"debe empezar por «{prefijo}.»."
        )

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        # `plan` is not a form field; check code uniqueness with it anyway.
        if exclude and "plan" in exclude:
            exclude = set(exclude) - {"plan"}
        super().validate_constraints(exclude=exclude)

    @property
    def es_porcentaje(self) -> bool:
        return self.meta_tipo == self.TipoMeta.PORCENTAJE

    @property
    def es_cualitativa(self) -> bool:
        return self.meta_tipo == self.TipoMeta.CUALITATIVA

    @property
    def meta_mostrada(self) -> str:
        """The meta as the plan writes it; a qualitative one says so, since it has no
        quantity to show beside it."""
        return f"{self.meta_texto} (cualitativa)" if self.es_cualitativa else self.meta_texto

    @property
    def codigo_mostrado(self) -> str:
        """«2.1.3», or «2.1.3 (A-3)» beside the entity's own code when it has one."""
        if self.codigo_oficial and self.codigo_oficial != self.codigo:
            return f"{self.codigo} ({self.codigo_oficial})"
        return self.codigo

    @property
    def meta_base(self) -> Decimal:
        """What 100 % of the meta is: its quantity, or 100 for a qualitative meta (the
        office reports its percentage of completion)."""
        if self.meta_cantidad is None:
            return Decimal("100")
        return Decimal(self.meta_cantidad)

    @property
    def es_automatica(self) -> bool:
        # Which sources exist is known at run time (plan.fuentes, filled by the apps
        # that count): the service and the admin's choices check the value, the
        # model does not depend on the registry.
        return bool(self.fuente_avance)

    def porcentaje_de(self, cantidad: Decimal | None) -> Decimal:
        """Progress % for an achieved quantity: achieved / meta, capped at 100.

        The same rule for every kind of meta: for a percentage meta the
        quantity reported is itself a percentage («80» of «100% líderes»).
        """
        if not cantidad:
            return Decimal("0")
        porcentaje = Decimal(cantidad) * 100 / self.meta_base
        return min(Decimal("100"), porcentaje).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class ActividadResponsable(models.Model):
    actividad = models.ForeignKey(Actividad, on_delete=models.CASCADE, related_name="asignaciones")
    responsable = models.ForeignKey(
        Responsable,
        on_delete=models.PROTECT,
        related_name="asignaciones",
        verbose_name="responsable",
    )
    orden = models.PositiveSmallIntegerField("orden", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "responsable de la actividad"
        verbose_name_plural = "responsables de la actividad"
        ordering = ["actividad", "orden", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["actividad", "responsable"],
                name="responsable_unico_por_actividad",
                violation_error_message="Esa dependencia ya es responsable de la actividad.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} – {self.responsable}"


class Ventana(models.Model):
    """A date window (fecha inicio → fecha final) in which an activity runs."""

    actividad = models.ForeignKey(Actividad, on_delete=models.CASCADE, related_name="ventanas")
    inicio = models.DateField("fecha inicio", validators=[validar_fecha])
    fin = models.DateField("fecha final", validators=[validar_fecha])

    history = HistoricalRecords()

    class Meta:
        verbose_name = "ventana de fechas"
        verbose_name_plural = "ventanas de fechas"
        ordering = ["actividad", "inicio", "fin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gte=F("inicio")),
                name="ventana_fin_despues_de_inicio",
                violation_error_message=MENSAJE_VENTANA_INVERTIDA,
            ),
            restriccion_fecha("inicio", "ventana_inicio_en_rango"),
            restriccion_fecha("fin", "ventana_fin_en_rango"),
        ]

    def __str__(self) -> str:
        return f"{self.inicio:%d/%m/%Y} – {self.fin:%d/%m/%Y}"

    def clean(self) -> None:
        if self.inicio and self.fin and self.fin < self.inicio:
            raise ValidationError({"fin": MENSAJE_VENTANA_INVERTIDA})
        vigencia = self._vigencia()
        if vigencia is None:
            return
        desde, hasta = rango_de_vigencia(vigencia)
        errores = {
            campo: (
                f"Las fechas de una actividad del plan {vigencia} deben estar entre el "
                f"{desde:%d/%m/%Y} y el {hasta:%d/%m/%Y}."
            )
            for campo in ("inicio", "fin")
            if getattr(self, campo) and not desde <= getattr(self, campo) <= hasta
        }
        if errores:
            raise ValidationError(errores)

    def _vigencia(self) -> int | None:
        """The vigencia of the window's plan, also while the activity is being created
        (the admin validates the windows before saving a new activity)."""
        actividad = self._state.fields_cache.get("actividad")
        if actividad is None and self.actividad_id is not None:
            actividad = self.actividad
        if actividad is None:
            return None
        if actividad.plan_id is not None:
            return actividad.plan.vigencia
        subcomponente = actividad._state.fields_cache.get("subcomponente")
        if subcomponente is None and actividad.subcomponente_id is not None:
            subcomponente = actividad.subcomponente
        return subcomponente.componente.plan.vigencia if subcomponente else None


def ruta_evidencia(instance: "Evidencia", filename: str) -> str:
    """A path that never collides: one fresh UUID folder per uploaded file."""
    actividad = instance.actividad
    return ruta_unica(f"evidencias/{actividad.plan.vigencia}/{actividad.codigo}", filename)


class EstadoEvidencia(models.TextChoices):
    ENVIADA = "enviada", "Enviada"
    APROBADA = "aprobada", "Aprobada"
    DEVUELTA = "devuelta", "Devuelta"


class Evidencia(ConEstados, ArchivoGuardado):
    Estado = EstadoEvidencia

    # OPGI's review: an evidence is approved or returned (and may be reviewed again
    # either way); only an approved one is published. Publishing does not change the
    # state (`publica` is a flag beside it), so «publicar» leads back to APROBADA.
    TRANSICIONES = {
        "aprobar": Transicion(
            desde=frozenset({EstadoEvidencia.ENVIADA, EstadoEvidencia.DEVUELTA}),
            hacia=EstadoEvidencia.APROBADA,
            mensaje="La evidencia ya está aprobada.",
        ),
        "devolver": Transicion(
            desde=frozenset({EstadoEvidencia.ENVIADA, EstadoEvidencia.APROBADA}),
            hacia=EstadoEvidencia.DEVUELTA,
            mensaje="La evidencia ya está devuelta a la oficina.",
        ),
        "publicar": Transicion(
            desde=frozenset({EstadoEvidencia.APROBADA}),
            hacia=EstadoEvidencia.APROBADA,
            mensaje="Solo una evidencia aprobada puede publicarse.",
        ),
    }

    actividad = models.ForeignKey(Actividad, on_delete=models.PROTECT, related_name="evidencias")
    descripcion = models.CharField("descripción", max_length=500)
    archivo = models.FileField("archivo", upload_to=ruta_evidencia, max_length=300, blank=True)
    enlace = models.URLField("enlace", max_length=500, blank=True)
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidencias_subidas",
        verbose_name="subida por",
        null=True,
        blank=True,
    )
    subida_en = models.DateTimeField("subida en", auto_now_add=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.ENVIADA
    )
    comentario_revision = models.TextField("comentario de la revisión", blank=True)
    revisada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="evidencias_revisadas",
        verbose_name="revisada por",
        null=True,
        blank=True,
    )
    revisada_en = models.DateTimeField("revisada en", null=True, blank=True)
    publica = models.BooleanField(
        "pública",
        default=False,
        help_text="Visible en la página ciudadana (solo si está aprobada).",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "evidencia"
        verbose_name_plural = "evidencias"
        ordering = ["actividad", "-subida_en"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(archivo="") & ~Q(enlace="")) | (~Q(archivo="") & Q(enlace="")),
                name="evidencia_archivo_o_enlace",
                violation_error_message=MENSAJE_ARCHIVO_O_ENLACE,
            ),
            models.CheckConstraint(
                condition=Q(publica=False) | Q(estado=EstadoEvidencia.APROBADA),
                name="evidencia_publica_solo_aprobada",
                violation_error_message="Solo una evidencia aprobada puede ser pública.",
            ),
            models.CheckConstraint(
                condition=Q(archivo="") | ~Q(sha256=""),
                name="evidencia_archivo_con_sha256",
                violation_error_message="Un archivo de evidencia debe tener su huella SHA-256.",
            ),
            restriccion_momento("subida_en", "evidencia_subida_en_rango"),
            restriccion_momento("revisada_en", "evidencia_revision_en_rango"),
        ]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} – {self.descripcion[:60]}"

    @property
    def es_enlace(self) -> bool:
        return bool(self.enlace)

    # What the review form offers (plan/templates/plan/actividad.html): read from the
    # table above, so the page and the services cannot disagree.
    @property
    def puede_aprobarse(self) -> bool:
        return self.admite("aprobar")

    @property
    def puede_devolverse(self) -> bool:
        return self.admite("devolver")

    @property
    def puede_publicarse(self) -> bool:
        return self.admite("publicar") and not self.publica

    @property
    def puede_retirarse(self) -> bool:
        return self.publica

    # What a staff browser may open inline («Vista previa»): the accepted types a
    # browser renders without running anything. Read from the content type stored at
    # upload (nucleo.archivos checked it against the bytes), never from the name.
    TIPOS_VISTA_PREVIA = frozenset({"application/pdf", "image/png", "image/jpeg", "image/webp"})

    @property
    def tiene_vista_previa(self) -> bool:
        return bool(self.archivo) and self.tipo_contenido in self.TIPOS_VISTA_PREVIA

    @property
    def es_imagen(self) -> bool:
        return self.tiene_vista_previa and self.tipo_contenido.startswith("image/")


class Perfil(models.Model):
    """Links a user account to the office (Responsable) they report for."""

    usuario = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="perfil",
        verbose_name="usuario",
    )
    responsable = models.ForeignKey(
        Responsable,
        on_delete=models.PROTECT,
        related_name="usuarios",
        verbose_name="oficina",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "perfil de usuario"
        verbose_name_plural = "perfiles de usuario"

    def __str__(self) -> str:
        return f"{self.usuario} – {self.responsable or 'sin oficina'}"


class EstadoAvance(models.TextChoices):
    ENVIADO = "enviado", "Enviado (pendiente de revisión)"
    APROBADO = "aprobado", "Aprobado"
    DEVUELTO = "devuelto", "Devuelto a la oficina"
    REEMPLAZADO = "reemplazado", "Reemplazado por una corrección"
    ANULADO = "anulado", "Anulado"


class Avance(ConEstados, models.Model):
    """A progress report: the quantity achieved toward the meta as of a date.

    The quantity is cumulative (what has been achieved in total by `fecha`),
    so the activity's progress at any date is the latest approved report up to it.
    An office's report is «enviado» until OPGI reviews it; only approved reports
    count in public figures. Reports are never edited or deleted: a correction is a
    new report (`corrige`) that, once approved, replaces the one it corrects; an
    annulment keeps the row, marked, with who, when and why.
    """

    Estado = EstadoAvance

    TRANSICIONES = {
        "aprobar": Transicion(
            desde=frozenset({EstadoAvance.ENVIADO}),
            hacia=EstadoAvance.APROBADO,
            mensaje="Solo un avance enviado (pendiente de revisión) puede aprobarse.",
        ),
        "devolver": Transicion(
            desde=frozenset({EstadoAvance.ENVIADO}),
            hacia=EstadoAvance.DEVUELTO,
            mensaje="Solo un avance enviado (pendiente de revisión) puede devolverse.",
        ),
        "reemplazar": Transicion(
            desde=frozenset({EstadoAvance.APROBADO}),
            hacia=EstadoAvance.REEMPLAZADO,
            mensaje="Solo un avance aprobado puede corregirse.",
        ),
        "anular": Transicion(
            desde=frozenset({EstadoAvance.ENVIADO, EstadoAvance.APROBADO, EstadoAvance.DEVUELTO}),
            hacia=EstadoAvance.ANULADO,
            mensaje="Ese avance ya fue anulado o reemplazado.",
        ),
    }

    actividad = models.ForeignKey(Actividad, on_delete=models.PROTECT, related_name="avances")
    fecha = models.DateField("fecha del avance", validators=[validar_fecha])
    cantidad = models.DecimalField(
        "cantidad lograda (acumulada)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), MENSAJE_CANTIDAD_NEGATIVA)],
    )
    narrativa = models.TextField("descripción del avance")
    reportado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="avances_reportados",
        verbose_name="reportado por",
        null=True,
    )
    creado_en = models.DateTimeField("registrado en", auto_now_add=True)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.ENVIADO
    )
    # Why the office confirmed a lower cumulative value or a date outside the
    # activity's windows, or why it corrects an approved report.
    motivo = models.TextField("motivo", blank=True)
    corrige = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="correcciones",
        verbose_name="corrige al avance",
        null=True,
        blank=True,
    )
    comentario_revision = models.TextField("comentario de la revisión", blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="avances_revisados",
        verbose_name="revisado por",
        null=True,
        blank=True,
    )
    revisado_en = models.DateTimeField("revisado en", null=True, blank=True)
    motivo_anulacion = models.TextField("motivo de la anulación", blank=True)
    anulado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="avances_anulados",
        verbose_name="anulado por",
        null=True,
        blank=True,
    )
    anulado_en = models.DateTimeField("anulado en", null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "avance"
        verbose_name_plural = "avances"
        ordering = ["actividad", "-fecha", "-creado_en", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cantidad__gte=0),
                name="avance_cantidad_no_negativa",
                violation_error_message=MENSAJE_CANTIDAD_NEGATIVA,
            ),
            restriccion_fecha("fecha", "avance_fecha_en_rango"),
            models.CheckConstraint(
                condition=Q(estado__in=EstadoAvance.values),
                name="avance_estado_valido",
            ),
            models.CheckConstraint(
                condition=~Q(estado=EstadoAvance.ANULADO) | ~Q(motivo_anulacion=""),
                name="avance_anulado_con_motivo",
                violation_error_message="Indique el motivo de la anulación.",
            ),
            models.CheckConstraint(
                condition=Q(corrige__isnull=True) | ~Q(motivo=""),
                name="avance_correccion_con_motivo",
                violation_error_message="Indique el motivo de la corrección.",
            ),
        ]
        indexes = [
            models.Index(fields=["actividad", "fecha"], name="avance_actividad_fecha"),
            models.Index(fields=["actividad", "estado", "fecha"], name="avance_actividad_estado"),
        ]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} – {self.cantidad} al {self.fecha:%d/%m/%Y}"

    @property
    def cuenta(self) -> bool:
        """Whether the report counts in the figures (only approved ones do)."""
        return self.estado == EstadoAvance.APROBADO

    @property
    def revisable(self) -> bool:
        return self.admite("aprobar")

    @property
    def anulable(self) -> bool:
        return self.admite("anular")

    @property
    def corregible(self) -> bool:
        """Only an approved report is corrected (by a new one that replaces it)."""
        return self.admite("reemplazar")

    @property
    def leyenda_estado(self) -> str:
        """The state as staff pages show it, with the reason when there is one."""
        if self.estado == EstadoAvance.DEVUELTO and self.comentario_revision:
            return f"Devuelto: {self.comentario_revision}"
        if self.estado == EstadoAvance.ANULADO:
            return f"Anulado: {self.motivo_anulacion}"
        return self.get_estado_display()


class OrigenObservacion(models.TextChoices):
    CONTROL_INTERNO = "control_interno", "Observación de Control Interno"
    OPGI = "opgi", "Observación de OPGI"


class ObservacionSeguimiento(models.Model):
    """An observation on an activity at a corte: Control Interno's (the audit) or,
    separately and labelled as such, OPGI's. Each has its author, dates and history."""

    Origen = OrigenObservacion

    actividad = models.ForeignKey(Actividad, on_delete=models.CASCADE, related_name="observaciones")
    corte = models.PositiveSmallIntegerField(
        "corte", validators=[MinValueValidator(1), MaxValueValidator(MAXIMO_CORTES)]
    )
    origen = models.CharField(
        "origen",
        max_length=16,
        choices=Origen.choices,
        default=Origen.CONTROL_INTERNO,
    )
    texto = models.TextField("observaciones", blank=True)
    actualizada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observaciones_seguimiento",
        verbose_name="actualizada por",
        null=True,
    )
    creada_en = models.DateTimeField("creada en", auto_now_add=True)
    actualizada_en = models.DateTimeField("actualizada en", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "observación del seguimiento"
        verbose_name_plural = "observaciones del seguimiento"
        ordering = ["actividad", "corte", "origen"]
        constraints = [
            models.UniqueConstraint(
                fields=["actividad", "corte", "origen"],
                name="observacion_unica_por_actividad_corte_origen",
                violation_error_message="Ya hay una observación de esa actividad para ese corte.",
            ),
            models.CheckConstraint(
                condition=Q(corte__gte=1, corte__lte=MAXIMO_CORTES),
                name="observacion_corte_en_rango",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actividad.codigo} – corte {self.corte} ({self.get_origen_display()})"


class CortePlan(models.Model):
    """A follow-up cut of a plan: its end date and, once Control Interno closes it,
    the frozen snapshot of its figures, statuses and observations.

    The corte starts the day after the previous one ends (the first, on 1 January).
    A plan without rows has the three cuatrimestres (30/04, 31/08, 31/12); they are
    written as rows the first time one is closed. OPGI may give a plan other cortes
    (semesters, months…) in the admin, checked by plan.cortes.validar_cortes. While `cerrado_en` is set, every
    report of the corte reads `instantanea`, never the live data.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cortes")
    numero = models.PositiveSmallIntegerField(
        "número", validators=[MinValueValidator(1), MaxValueValidator(MAXIMO_CORTES)]
    )
    fin = models.DateField("fecha de corte", validators=[validar_fecha])
    cerrado_en = models.DateTimeField("cerrado en", null=True, blank=True)
    cerrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cortes_cerrados",
        verbose_name="cerrado por",
        null=True,
        blank=True,
    )
    instantanea = models.JSONField("instantánea del seguimiento", null=True, blank=True)
    publicado_en = models.DateTimeField("publicado en", null=True, blank=True)
    firmado_nombre = models.CharField("firma: nombre", max_length=200, blank=True)
    firmado_cargo = models.CharField("firma: cargo", max_length=200, blank=True)
    reabierto_en = models.DateTimeField("reabierto en", null=True, blank=True)
    reabierto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cortes_reabiertos",
        verbose_name="reabierto por",
        null=True,
        blank=True,
    )
    motivo_reapertura = models.TextField("motivo de la reapertura", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "corte del seguimiento"
        verbose_name_plural = "cortes del seguimiento"
        ordering = ["plan", "numero"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "numero"],
                name="corte_unico_por_plan_y_numero",
                violation_error_message="Ese plan ya tiene un corte con ese número.",
            ),
            models.UniqueConstraint(
                fields=["plan", "fin"],
                name="corte_unico_por_plan_y_fecha",
                violation_error_message="Ese plan ya tiene un corte en esa fecha.",
            ),
            models.CheckConstraint(
                condition=Q(numero__gte=1, numero__lte=MAXIMO_CORTES),
                name="corte_numero_en_rango",
            ),
            restriccion_fecha("fin", "corte_fin_en_rango"),
            models.CheckConstraint(
                condition=Q(cerrado_en__isnull=True) | Q(instantanea__isnull=False),
                name="corte_cerrado_con_instantanea",
            ),
        ]

    def __str__(self) -> str:
        return f"Corte {self.numero} de {self.plan} ({self.fin:%d/%m/%Y})"

    def clean(self) -> None:
        if (
            self.plan_id is not None
            and self.fin is not None
            and self.fin.year != self.plan.vigencia
        ):
            raise ValidationError(
                {"fin": periodos.mensaje_fin_fuera_de_vigencia(self.plan.vigencia)}
            )

    @property
    def cerrado(self) -> bool:
        return self.cerrado_en is not None


def ruta_importacion(instance: "ImportacionPlan", filename: str) -> str:
    return ruta_unica("importaciones", filename)


class ImportacionPlan(models.Model):
    """A whole plan being imported (issue 16): the file uploaded and what the wizard's
    steps decided about it, kept between the steps and after (who imported what, when)."""

    archivo = models.FileField("archivo", upload_to=ruta_importacion, max_length=300)
    nombre_archivo = models.CharField("nombre del archivo", max_length=255)
    entidad = models.CharField("entidad", max_length=200)
    instrumento = models.CharField("instrumento", max_length=4, choices=Instrumento.choices)
    vigencia = models.PositiveSmallIntegerField("vigencia")
    titulo = models.CharField("título", max_length=250)
    hoja = models.CharField("hoja", max_length=100, blank=True)
    # Column index (as text) → plan.importacion.tipos.Campo value, "" for ignored.
    mapeo = models.JSONField("columnas", default=dict, blank=True)
    # Row number (as text) → {field: value} the person edited in the preview.
    ediciones = models.JSONField("correcciones", default=dict, blank=True)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="importaciones_de_plan",
        verbose_name="creada por",
    )
    creada_en = models.DateTimeField("creada en", auto_now_add=True)
    plan = models.OneToOneField(
        Plan,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="importacion",
        verbose_name="plan creado",
    )
    importada_en = models.DateTimeField("importada en", null=True, blank=True)

    class Meta:
        verbose_name = "importación de un plan"
        verbose_name_plural = "importaciones de planes"
        ordering = ["-creada_en"]

    def __str__(self) -> str:
        return f"{self.nombre_archivo} ({self.creada_en:%d/%m/%Y})"

    @property
    def importada(self) -> bool:
        return self.plan_id is not None
