from django.urls import path

from . import views

app_name = "feedback"

urlpatterns = [
    path("feedback/<str:token>/", views.give, name="give"),
    path("feedback/<str:token>/thanks/", views.thanks, name="thanks"),
    path("organisation/feedback/", views.manage, name="manage"),
    path("organisation/feedback/change-link/", views.change_link, name="change_link"),
    path("organisation/feedback/pause/", views.pause_link, name="pause_link"),
    path("organisation/feedback/resume/", views.resume_link, name="resume_link"),
    path("organisation/feedback/poster/", views.poster, name="poster"),
    path(
        "organisation/feedback/answers/<uuid:public_id>/hide/",
        views.hide_answer,
        name="hide_answer",
    ),
    path(
        "organisation/feedback/answers/<uuid:public_id>/show/",
        views.show_answer,
        name="show_answer",
    ),
]
