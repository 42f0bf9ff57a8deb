from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/requeue/", views.outbox_requeue_all, name="outbox_requeue_all"),
    path("outbox/<uuid:public_id>/requeue/", views.outbox_requeue, name="outbox_requeue"),
]
