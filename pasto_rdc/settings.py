"""Settings of Pasto RdC, read from the environment (see README, «Configuración»)."""

from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE

from pasto_rdc.almacenamiento import almacenamiento_por_defecto
from pasto_rdc.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# Outside development there is no default key: management commands that sign
# nothing (migrate, makemigrations, collectstatic) still run, but serving the
# application refuses to start without one (pasto_rdc/wsgi.py, asgi.py).
SECRET_KEY = env_str("SECRET_KEY") or (
    "solo-para-desarrollo-local-no-usar-en-produccion" if DEBUG else ""
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "import_export",
    "axes",
    "csp",
    "simple_history",
    "django_tasks",
    "dbbackup",
    "nucleo.apps.TareasConfig",  # django_tasks_db, named in Spanish in the admin
    "nucleo.apps.NucleoConfig",
    "plan",
    "dialogos",
    "encuestas",
    "resultados",
    "pendientes.apps.PendientesConfig",
]

MIDDLEWARE = [
    # First: one log line per request, redirects and refusals included (nucleo/registro_json.py).
    "nucleo.registro_json.RegistroDePeticionesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # History rows (django-simple-history) record the user of the request that made them.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Before anything reads the body: an oversize request is refused unread (413).
    "nucleo.limites.LimiteDelCuerpoMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Officials' sessions close after SESION_INACTIVIDAD_MINUTOS without a request.
    "nucleo.sesiones.InactividadMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every admin changelist ignores, with a message, filter values that would be a 500.
    "nucleo.filtros_admin.FiltrosDelAdminMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pasto_rdc.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # {{ CSP_NONCE }} for an inline <script> or <style> block.
                "csp.context_processors.nonce",
                # {{ pendientes_cantidad }}: the count beside «Mis pendientes» (from the session).
                "pendientes.insignia.insignia",
                # {{ institucion }}: name, logo and contact data of the header and footer.
                "nucleo.entidad.institucion",
            ],
        },
    },
]

WSGI_APPLICATION = "pasto_rdc.wsgi.application"

# SQLite is the embedded default; DATABASE_URL=postgres://… selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds the public forms' per-IP rate-limit counters, the public downloads and
# pages built once per version of their data (nucleo/cache_publico.py) and, with Redis,
# the sessions. By default it lives in the database, so every gunicorn worker shares it
# (`manage.py createcachetable`); REDIS_URL=redis://host:6379/0 puts it in Redis (the
# `redis` extra: pip install .[redis]), shared by every server behind the load balancer,
# and the sessions are then read from it (and kept in the database, «cached_db»).
REDIS_URL = env_str("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "pasto_rdc_cache",
        }
    )
}
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Public downloads: how long a browser or proxy may reuse one without asking (seconds),
# and how long a built version stays in the cache (a change of the data makes a new one).
CACHE_PUBLICO_SEGUNDOS = env_int("CACHE_PUBLICO_SEGUNDOS", 300)
CACHE_PUBLICO_DURACION = env_int("CACHE_PUBLICO_DURACION", 24 * 3600)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "es-co"
# One language: the UI is Spanish of Colombia whatever the browser asks for.
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
# Spanish of Colombia for what third-party packages leave in English or in Spain's wording.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True
FORMAT_MODULE_PATH = ["pasto_rdc.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
FIXTURE_DIRS = [BASE_DIR / "fixtures"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploaded files: MEDIA_ROOT, or an S3 bucket with ALMACENAMIENTO=s3 (pasto_rdc/almacenamiento.py).
# Backups (django-dbbackup: dbbackup/mediabackup, README «Respaldos») go to RESPALDOS_DIR.
RESPALDOS_DIR = Path(env_str("RESPALDOS_DIR", str(BASE_DIR / "respaldos")))
STORAGES = {
    "default": almacenamiento_por_defecto(),
    "dbbackup": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(RESPALDOS_DIR)},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Repeated failed logins lock out, for a while (django-axes), in the officials' login
# and in the admin alike: one username from one IP after AXES_FAILURE_LIMIT failures,
# and one IP across usernames (password spraying) after AXES_FALLOS_POR_IP failures,
# counted by nucleo.acceso.ManejadorAccesos from axes' own records.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "nucleo.acceso.ManejadorAccesos"
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_FALLOS_POR_IP = env_int("AXES_FALLOS_POR_IP", 15)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTOS", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/bloqueado.html"

# Behind a reverse proxy the client's IP is in a header (e.g. HTTP_X_REAL_IP); without
# it every citizen would share the proxy's address, in the lockouts and in the public
# forms' rate limits. One function reads it for django-axes and django-ratelimit alike.
# RATELIMIT_IP_META_KEY is the former name of the same variable, still understood.
IP_CLIENTE_ENCABEZADO = env_str("IP_CLIENTE_ENCABEZADO") or env_str(
    "RATELIMIT_IP_META_KEY", "REMOTE_ADDR"
)
AXES_CLIENT_IP_CALLABLE = "nucleo.acceso.ip_cliente"
RATELIMIT_IP_META_KEY = "nucleo.acceso.ip_cliente"

# Minutes without a request after which an official's session closes (0: never).
SESION_INACTIVIDAD_MINUTOS = env_int("SESION_INACTIVIDAD_MINUTOS", 30)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# The signature block of a closed corte's follow-up (plan/servicios_cortes.py): who heads
# Control Interno. Each closing may name someone else; these are the form's defaults.
JEFE_CONTROL_INTERNO_NOMBRE = env_str("JEFE_CONTROL_INTERNO_NOMBRE", "")
JEFE_CONTROL_INTERNO_CARGO = env_str(
    "JEFE_CONTROL_INTERNO_CARGO", "Jefe de la Oficina de Control Interno"
)

# Who the site speaks for (nucleo/entidad.py). The principal `nucleo.Entidad` row, edited
# in the admin, wins over all of these; they stand in until there is one, so their
# defaults are neutral: no municipality's name or address ships as configuration
# (issue 16). `manage.py check` warns (nucleo.W001) when production has neither.
ENTIDAD_NOMBRE = env_str("ENTIDAD_NOMBRE", "Entidad sin configurar")
ENTIDAD_SIGLA = env_str("ENTIDAD_SIGLA", "")
ENTIDAD_NIT = env_str("ENTIDAD_NIT", "")
ENTIDAD_MUNICIPIO = env_str("ENTIDAD_MUNICIPIO", "")
ENTIDAD_DEPARTAMENTO = env_str("ENTIDAD_DEPARTAMENTO", "")
# The institutional header and footer (GOV.CO, Resolución 1519 de 2020, anexo 1).
# ENTIDAD_LOGO is a static path (or a full URL); the default is a neutral shield, not
# the municipal coat of arms: production points it at the entity's own file.
ENTIDAD_LOGO = env_str("ENTIDAD_LOGO", "img/escudo-generico.svg")
ENTIDAD_DIRECCION = env_str("ENTIDAD_DIRECCION", "")
ENTIDAD_HORARIO = env_str("ENTIDAD_HORARIO", "")
ENTIDAD_TELEFONO = env_str("ENTIDAD_TELEFONO", "")
ENTIDAD_CORREO_CONTACTO = env_str("ENTIDAD_CORREO_CONTACTO", "")
# The e-mail for notificaciones judiciales the footer must show.
ENTIDAD_CORREO_NOTIFICACIONES = env_str("ENTIDAD_CORREO_NOTIFICACIONES", "")
# Who answers the Ley 1581 de 2012 requests, named by the notice of the question form.
ENTIDAD_RESPONSABLE_DATOS = env_str("ENTIDAD_RESPONSABLE_DATOS", "")
ENTIDAD_CORREO_DATOS = env_str("ENTIDAD_CORREO_DATOS", "")
ENTIDAD_SITIO = env_str("ENTIDAD_SITIO", "")
# Where this site lives: e-mails need absolute links.
SITIO_URL = env_str("SITIO_URL", "http://127.0.0.1:8000")

# E-mail (nucleo/correo.py). Development prints each message to the terminal; production
# sends through SMTP with the server named here.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Rendición de cuentas <no-responder@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Open data (pasto_rdc/datos_abiertos.py): the licence every dataset is published under,
# and who answers for them (the catalogue's contactPoint, as datos.gov.co asks).
DATOS_ABIERTOS_LICENCIA = {
    "nombre": env_str(
        "DATOS_ABIERTOS_LICENCIA_NOMBRE",
        "Creative Commons Atribución 4.0 Internacional (CC BY 4.0)",
    ),
    "url": env_str(
        "DATOS_ABIERTOS_LICENCIA_URL", "https://creativecommons.org/licenses/by/4.0/deed.es"
    ),
}
DATOS_ABIERTOS_CONTACTO = {
    "nombre": env_str(
        "DATOS_ABIERTOS_CONTACTO_NOMBRE", "Oficina de Planeación de Gestión Institucional"
    ),
    # Without its own variable, the address of DEFAULT_FROM_EMAIL: set it in production
    # (a «no-responder» address is no contact).
    "correo": env_str("DATOS_ABIERTOS_CONTACTO_CORREO") or parseaddr(DEFAULT_FROM_EMAIL)[1],
}

# Background tasks (Django's tasks API, django-tasks): run at once by default, so the
# README's commands need no worker; production sets TASKS_BACKEND=django_tasks_db.DatabaseBackend
# and runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "mis_pendientes"
LOGOUT_REDIRECT_URL = "inicio"

# From this many activities a follow-up report is built by a background task
# (nucleo/generados.py) instead of inside the request.
INFORME_EN_SEGUNDO_PLANO_DESDE = env_int("INFORME_EN_SEGUNDO_PLANO_DESDE", 300)

# /salud/ (nucleo/salud.py) says «degradado» when more than SALUD_TAREAS_MAXIMO tasks
# are still waiting SALUD_TAREAS_MINUTOS after they were due (the worker is behind).
SALUD_TAREAS_MINUTOS = env_int("SALUD_TAREAS_MINUTOS", 15)
SALUD_TAREAS_MAXIMO = env_int("SALUD_TAREAS_MAXIMO", 0)

# Rows per page of every HTML list (the portal, the dashboards…): a page's size does not
# grow with the plan; its summaries still describe every row (issue 17).
TAMANO_PAGINA = env_int("TAMANO_PAGINA", 50)

# Maximum size of an uploaded evidence file (and dialogue attachment), in megabytes.
EVIDENCIA_MAX_MB = env_int("EVIDENCIA_MAX_MB", 20)
# Maximum request body, checked on CONTENT_LENGTH before the body is read
# (nucleo.limites): CUERPO_MAX_KB everywhere; EVIDENCIA_MAX_MB + 1 MB on the
# upload pages below and the admin's add/change/import pages, for logged-in users.
# The proxy in front must allow at least that much (nginx client_max_body_size).
CUERPO_MAX_KB = env_int("CUERPO_MAX_KB", 1024)
CUERPO_RUTAS_CON_ARCHIVOS = ["subir_evidencia", "dialogos:adjunto_nuevo", "importacion_plan"]
# Django's own limits, below the body limit: fields other than files (in memory),
# number of fields and of files per request, and the size above which an uploaded
# file goes to a temporary file instead of memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# (Django's defaults for the counts: the admin's attachment inline sends one file
# part per row, even an empty one.)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 100
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Evidence is served only through the app's permission checks, never by the web server.
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750

IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# Production hardening; `manage.py check --deploy` passes with DEBUG=0.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The load balancer's health check may come over plain HTTP on the internal network.
SECURE_REDIRECT_EXEMPT = [r"^salud/$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts.
# - No page has inline JavaScript; an inline <script> or <style> block needs
#   nonce="{{ CSP_NONCE }}" (the nonce is only sent when a template uses it).
# - style="" attributes are allowed (style-src-attr 'unsafe-inline'): the progress
#   bars set their width with one, and so does Django's admin. An attribute cannot
#   load anything or run script; <style> elements stay nonce-only (style-src-elem).
#   style-src is the fallback of browsers without CSP 3 (-elem/-attr).
# - The one inline handler of import-export's export page is allowed by its hash.
# - PDFs (WeasyPrint) are rendered on the server and are not affected.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "script-src-attr": [
            UNSAFE_HASHES,
            "'sha256-wid4zL8fR53ZYy1ljOepzR77Dn6vWUUxuNnnWWBP3I8='",  # onSelectToggleChange(event)
        ],
        "style-src": [SELF, UNSAFE_INLINE],
        "style-src-elem": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# LOG_JSON=1: one JSON object per line (nucleo/registro_json.py), for journald or a
# collector; plain text otherwise (development, tests).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "nucleo.registro_json.FormatoJSON"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            **({"formatter": "json"} if env_bool("LOG_JSON", False) else {}),
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Every change of state, with the user and the object (nucleo/cambios.py).
        "rdc.cambios": {"level": "INFO"},
        # One line per request: method, path, status, duration, user id.
        "rdc.peticiones": {"level": "INFO"},
    },
}
