from django.urls import path

from . import views
from .urls_import import urlpatterns as import_urlpatterns

app_name = "sessions_log"

urlpatterns = [
    path("", views.my_sessions, name="mine"),
    path("all/", views.all_sessions, name="all"),
    path("log/", views.session_create, name="create"),
    path("plan/", views.session_plan, name="plan"),
    path("tally/", views.tally, name="tally"),
    path("draft/", views.draft, name="draft"),
    path("learner-search/", views.learner_search, name="learner_search"),
    path("<uuid:public_id>/", views.session_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.session_edit, name="edit"),
    path("<uuid:public_id>/complete/", views.session_complete, name="complete"),
    path("<uuid:public_id>/cancel/", views.session_cancel, name="cancel"),
    path("<uuid:public_id>/delete/", views.session_delete, name="delete"),
    path("<uuid:public_id>/restore/", views.session_restore, name="restore"),
    path("<uuid:public_id>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("<uuid:public_id>/scores/", views.attendance_scores, name="attendance_scores"),
]

urlpatterns += import_urlpatterns
