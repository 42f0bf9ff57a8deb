from django.urls import path

from . import views

app_name = "toolkit"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("suggest/", views.resource_suggest, name="suggest"),
    path("r/<uuid:public_id>/", views.resource_detail, name="detail"),
    path("r/<uuid:public_id>/download/", views.resource_download, name="download"),
    path("r/<uuid:public_id>/open/", views.resource_link, name="link"),
    path("r/<uuid:public_id>/cover/", views.resource_cover, name="cover"),
    path("r/<uuid:public_id>/feedback/", views.resource_feedback, name="feedback"),
    path("c/<uuid:public_id>/", views.collection_detail, name="collection"),
    path("c/<uuid:public_id>/steps/<int:step_id>/", views.step_mark, name="step_mark"),
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.resource_create, name="create"),
    path("manage/r/<uuid:public_id>/", views.resource_review, name="detail_manage"),
    path("manage/r/<uuid:public_id>/edit/", views.resource_edit, name="edit"),
    path("manage/r/<uuid:public_id>/status/", views.resource_transition, name="transition"),
    path("manage/collections/new/", views.collection_edit, name="collection_create"),
    path("manage/c/<uuid:public_id>/edit/", views.collection_edit, name="collection_edit"),
    path("usage/", views.usage, name="usage"),
]
