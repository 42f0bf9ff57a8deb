from django.urls import path

from . import views_import

urlpatterns = [
    path("import/", views_import.import_sessions_view, name="import"),
    path("import/template.csv", views_import.import_template, name="import_template"),
]
