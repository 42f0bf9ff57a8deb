import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "champions_portal.settings.production")

application = get_wsgi_application()

# What a server process has loaded by now (Django, every app, its URLs and so its views) lives
# as long as the process. Frozen, the garbage collector's full passes no longer walk it: they
# took up to 45 ms of a network dashboard computed after a change on the national set, and
# under 11 ms once frozen (bench/FINDINGS.md, 4 December, night).
get_resolver().url_patterns  # noqa: B018 (importing every view is the point)
gc.freeze()
