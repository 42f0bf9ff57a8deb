from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import docs, pages, views

app_name = "api"

urlpatterns = [
    # People's pages.
    path("keys/", pages.keys, name="keys"),
    path("network-keys/", pages.network_keys, name="network_keys"),
    path("keys/<uuid:public_id>/revoke/", pages.key_revoke, name="key_revoke"),
    path("webhooks/", pages.webhooks, name="webhooks"),
    path("webhooks/<uuid:public_id>/", pages.webhook_detail, name="webhook_detail"),
    path("webhooks/<uuid:public_id>/pause/", pages.webhook_pause, name="webhook_pause"),
    path("webhooks/<uuid:public_id>/resume/", pages.webhook_resume, name="webhook_resume"),
    path("webhooks/<uuid:public_id>/test/", pages.webhook_test, name="webhook_test"),
    path(
        "webhooks/<uuid:public_id>/retry/",
        pages.webhook_retry_failed,
        name="webhook_retry_failed",
    ),
    path("webhooks/<uuid:public_id>/secret/", pages.webhook_secret, name="webhook_secret"),
    path("webhooks/<uuid:public_id>/delete/", pages.webhook_delete, name="webhook_delete"),
    # The API, version 1. Ids are matched as any string and parsed by the views, so a malformed
    # one is the API's JSON 404, not the site's HTML page.
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("v1/docs/", docs.SwaggerDocs.as_view(url_name="api:schema"), name="docs"),
    path("v1/sessions/", views.SessionList.as_view(), name="sessions"),
    path("v1/sessions/batch/", views.SessionBatch.as_view(), name="session_batch"),
    path("v1/sessions/<str:public_id>/", views.SessionDetail.as_view(), name="session_detail"),
    path(
        "v1/sessions/<str:public_id>/cancel/",
        views.SessionCancel.as_view(),
        name="session_cancel",
    ),
    path(
        "v1/sessions/<str:public_id>/complete/",
        views.SessionComplete.as_view(),
        name="session_complete",
    ),
    path("v1/learners/", views.LearnerList.as_view(), name="learners"),
    path("v1/learners/<str:public_id>/", views.LearnerDetail.as_view(), name="learner_detail"),
    path("v1/teams/", views.TeamList.as_view(), name="teams"),
    path("v1/champions/", views.ChampionList.as_view(), name="champions"),
    path("v1/figures/", views.OrganisationFigures.as_view(), name="figures"),
    path("v1/network/figures/", views.NetworkFigures.as_view(), name="network_figures"),
    path("v1/toolkit/", views.ToolkitList.as_view(), name="toolkit"),
]
