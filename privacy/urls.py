from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("learners/<uuid:public_id>/", views.learner_export, name="learner_export"),
    path("learners/<uuid:public_id>/json/", views.learner_export_json, name="learner_export_json"),
    path("learners/<uuid:public_id>/erase/", views.learner_erase, name="learner_erase"),
]
