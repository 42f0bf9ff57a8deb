from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("", views.device, name="device"),
    path("state/", views.state, name="state"),
    path("learners/", views.learners, name="learners"),
]
