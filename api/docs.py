"""The documentation page under the portal's strict CSP (script-src 'self' + nonce, style-src
'self', no CDN). Chosen: Swagger UI in drf-spectacular's *split* view, which serves its start-up
script as a separate file from the same URL (?script) instead of an inline <script>; its assets
come from drf-spectacular-sidecar through our static files. Our template (api/swagger_ui.html)
drops the inline <style> drf-spectacular's template carries and links a static stylesheet
instead. Redoc was not chosen: it injects <style> elements at run time, which style-src 'self'
refuses."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerDocs(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
