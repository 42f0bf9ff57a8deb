"""The floor `make loadtest` compares the portal with: a view that does nothing, reached through
the whole middleware stack (sessions, sign-in, language, CSP, tenancy, MFA) under the same gunicorn,
so the ratio says how much of what one machine serves the portal's own pages use. Routed only when
BENCH_FLOOR_VIEW is set (bench/loadtest.sh sets it for its own gunicorn), never in normal runs."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
