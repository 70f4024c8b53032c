from django.shortcuts import render

from plan import selectors


def inicio(request):
    plan = selectors.plan_vigente()
    grupos = selectors.subcomponentes_con_actividades(plan=plan) if plan else []
    return render(request, "plan/inicio.html", {"plan": plan, "grupos": grupos})
