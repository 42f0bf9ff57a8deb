from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "impact"

    def ready(self):
        from . import signals  # noqa: F401  (connects the cache-version signals)
