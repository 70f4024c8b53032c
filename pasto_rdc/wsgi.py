import os

from django.core.wsgi import get_wsgi_application

from pasto_rdc.env import exigir_secret_key

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasto_rdc.settings")
exigir_secret_key()
application = get_wsgi_application()
