"""Importing a whole plan as an entity writes it (issue 16).

The pipeline, one module per step (each pure except `construccion`):

    lectura        bytes of an XLSX or CSV → `Libro` (sheets of `Celda`)
    encabezados    a `Libro` → `Tabla`: the sheet and header row found, headers mapped
                   to `Campo` by synonyms (accents and case ignored), merged cells and
                   blank-under-filled group cells continued → `FilaLeida` per data row
    metas          a meta cell → `MetaLeida` («Dos (2) informes» → 2 informes, «100%»,
                   Excel percent cells, «Mínimo 29», «N/A» → cualitativa…)
    fechas         date cells → `VentanasLeidas` (Excel dates, dd/mm/aaaa, «15 abril de
                   2017», «22 al 28 de abril de 2017», «Enero 2021», inicio/fin columns…)
    oficinas       a responsables cell → names («;», «,», line break, « y »), the type
                   guessed from the name, the slug, accent/case-insensitive matching
    construccion   `FilaLeida` rows → an editable preview → the plan written all or
                   nothing (the only module that touches the database)

The shared value types are in `plan.importacion.tipos`.
"""
