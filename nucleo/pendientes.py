"""What «Mis pendientes» lists: items of work, each a link to where it is done.

Each app says what is pending in its own domain (plan/pendientes.py,
dialogos/pendientes.py, encuestas/pendientes.py) as `Pendiente` items grouped in a
`Grupo`; the `pendientes` app puts the groups of a user's role on one page. Every
group is one query (or two), whatever the number of items.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pendiente:
    texto: str
    enlace: str
    detalle: str = ""
    urgente: bool = False  # red: a legal deadline within 3 business days, or past


@dataclass(frozen=True)
class Grupo:
    clave: str
    titulo: str
    items: list[Pendiente] = field(default_factory=list)
    vacio: str = "Nada pendiente."

    @property
    def cantidad(self) -> int:
        return len(self.items)

    @property
    def urgentes(self) -> int:
        return sum(item.urgente for item in self.items)
