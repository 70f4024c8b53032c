"""Plans and offices belong to an `nucleo.Entidad` (issue 16), and a plan has a slug.

Every distinct `Plan.entidad` text becomes an Entidad row; an office belongs to the
entity of the first plan that names it (or the only entity there is). With a single
entity and none principal yet, it becomes the site's entity: an existing installation
keeps speaking for whom it spoke for.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.text import slugify


def _slug_libre(Entidad, nombre):
    base = slugify(nombre)[:55].strip("-") or "entidad"
    slug, n = base, 1
    while Entidad.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def entidades_de_los_planes(apps, schema_editor):
    Entidad = apps.get_model("nucleo", "Entidad")
    Plan = apps.get_model("plan", "Plan")
    HistoricalPlan = apps.get_model("plan", "HistoricalPlan")
    Responsable = apps.get_model("plan", "Responsable")
    HistoricalResponsable = apps.get_model("plan", "HistoricalResponsable")
    por_nombre = {}
    for plan in Plan.objects.order_by("pk"):
        nombre = plan.entidad_texto.strip() or settings.ENTIDAD_NOMBRE
        if nombre not in por_nombre:
            por_nombre[nombre] = Entidad.objects.filter(nombre=nombre).first() or (
                Entidad.objects.create(nombre=nombre, slug=_slug_libre(Entidad, nombre))
            )
        plan.entidad_id = por_nombre[nombre].pk
        plan.slug = f"{por_nombre[nombre].slug}-{plan.instrumento}-{plan.vigencia}"
        plan.save(update_fields=["entidad", "slug"])
    for historia in HistoricalPlan.objects.all():
        actual = Plan.objects.filter(pk=historia.id).first()
        if actual is not None:
            historia.entidad_id, historia.slug = actual.entidad_id, actual.slug
            historia.save(update_fields=["entidad", "slug"])
    if Responsable.objects.exists() and not Entidad.objects.exists():
        nombre = settings.ENTIDAD_NOMBRE
        Entidad.objects.create(nombre=nombre, slug=_slug_libre(Entidad, nombre))
    if Entidad.objects.count() == 1 and not Entidad.objects.filter(principal=True).exists():
        Entidad.objects.update(principal=True)
    principal = Entidad.objects.order_by("-principal", "pk").first()
    for responsable in Responsable.objects.all():
        plan = (
            Plan.objects.filter(actividades__asignaciones__responsable=responsable)
            .order_by("pk")
            .first()
        )
        responsable.entidad_id = plan.entidad_id if plan else principal.pk
        responsable.save(update_fields=["entidad"])
    for historia in HistoricalResponsable.objects.all():
        actual = Responsable.objects.filter(pk=historia.id).first()
        historia.entidad_id = actual.entidad_id if actual else principal.pk if principal else None
        historia.save(update_fields=["entidad"])


class Migration(migrations.Migration):
    dependencies = [
        ("nucleo", "0003_entidad"),
        ("plan", "0008_cadena_de_confianza"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="plan", name="plan_unico_por_entidad_y_vigencia"),
        migrations.RenameField(model_name="plan", old_name="entidad", new_name="entidad_texto"),
        migrations.RenameField(
            model_name="historicalplan", old_name="entidad", new_name="entidad_texto"
        ),
        migrations.AddField(
            model_name="plan",
            name="entidad",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="planes",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="entidad",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="slug",
            field=models.SlugField(max_length=120, null=True, verbose_name="identificador en la URL"),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="slug",
            field=models.SlugField(max_length=120, null=True, verbose_name="identificador en la URL"),
        ),
        migrations.AddField(
            model_name="responsable",
            name="entidad",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responsables",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.AddField(
            model_name="historicalresponsable",
            name="entidad",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.RunPython(entidades_de_los_planes, migrations.RunPython.noop),
        migrations.RemoveField(model_name="plan", name="entidad_texto"),
        migrations.RemoveField(model_name="historicalplan", name="entidad_texto"),
        migrations.AlterField(
            model_name="plan",
            name="entidad",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="planes",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.AlterField(
            model_name="responsable",
            name="entidad",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="responsables",
                to="nucleo.entidad",
                verbose_name="entidad",
            ),
        ),
        migrations.AlterField(
            model_name="plan",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "Entidad, instrumento y vigencia, por ejemplo «alcaldia-de-pasto-paac-2026». "
                    "Vacío: se propone."
                ),
                max_length=120,
                unique=True,
                verbose_name="identificador en la URL",
            ),
        ),
        migrations.AlterField(
            model_name="historicalplan",
            name="slug",
            field=models.SlugField(
                blank=True,
                help_text=(
                    "Entidad, instrumento y vigencia, por ejemplo «alcaldia-de-pasto-paac-2026». "
                    "Vacío: se propone."
                ),
                max_length=120,
                verbose_name="identificador en la URL",
            ),
        ),
    ]
