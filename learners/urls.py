from django.urls import path

from . import views

app_name = "learners"

urlpatterns = [
    path("", views.learner_list, name="list"),
    path("new/", views.learner_create, name="create"),
    path("<uuid:public_id>/", views.learner_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.learner_edit, name="edit"),
    path("<uuid:public_id>/assessments/new/", views.assessment_create, name="assessment_create"),
    path(
        "<uuid:public_id>/consents/<str:kind>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
]
