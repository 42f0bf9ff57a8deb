from django.urls import path

from . import views

app_name = "outcomes"

urlpatterns = [
    path("outcomes/due/", views.due, name="due"),
    path("outcomes/settings/", views.settings, name="settings"),
    path("outcomes/learners/<uuid:public_id>/check/", views.check, name="check"),
    path("feedback/<str:token>/follow-up/", views.from_learner, name="from_learner"),
]
