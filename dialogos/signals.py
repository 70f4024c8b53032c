"""dialogos' domain signals: what later apps (encuestas) react to without dialogos
importing them (the apps go one way: plan → dialogos → encuestas → pendientes).

`espacio_programado` is sent by dialogos.services.espacios.programar_espacio (and by
editar_espacio, since an edit may turn a space into a hearing), inside its transaction,
with `espacio` (the saved EspacioDialogo, its offices set) and `usuario`. A receiver
that fails undoes the programming: what it creates exists with the space or not at all.
encuestas attaches the hearing's evaluation survey on it (encuestas/apps.py).
"""

from django.dispatch import Signal

espacio_programado = Signal()
