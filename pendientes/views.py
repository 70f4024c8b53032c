from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from nucleo import roles
from pendientes.selectors import grupos_de


@login_required
def mis_pendientes(request):
    """Each role's landing page: what is theirs to do, each item a link to where."""
    if roles.rol_de(request.user) is None:
        return redirect("inicio")
    grupos = grupos_de(request.user, hoy=timezone.localdate())
    contexto = {
        "grupos": grupos,
        "total": sum(g.cantidad for g in grupos),
        "urgentes": sum(g.urgentes for g in grupos),
    }
    return render(request, "pendientes/mis_pendientes.html", contexto)
