from django.urls import path

from . import views

app_name = "stories"

urlpatterns = [
    path("", views.story_list, name="list"),
    path("network/", views.network_stories, name="network"),
    path("learners/<uuid:public_id>/new/", views.story_create, name="create"),
    path("<uuid:public_id>/", views.story_detail, name="detail"),
    path("<uuid:public_id>/photo/", views.story_photo, name="photo"),
    path("<uuid:public_id>/approve/", views.story_approve, name="approve"),
    path("<uuid:public_id>/withdraw/", views.story_withdraw, name="withdraw"),
    path("<uuid:public_id>/feature/", views.story_feature, name="feature"),
    path("<uuid:public_id>/case-study/", views.story_case_study, name="case_study"),
]
