from django.urls import path

from . import views_import

urlpatterns = [
    path("import/", views_import.import_sessions_view, name="import"),
    path("import/template.csv", views_import.import_template, name="import_template"),
    path("import/<uuid:public_id>/", views_import.import_batch, name="import_batch"),
    path("import/<uuid:public_id>/undo/", views_import.import_batch_undo, name="import_undo"),
]
