from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("organisation/switch/", views.organisation_switch, name="switch"),
    path("organisation/members/", views.member_list, name="member_list"),
    path("organisation/members/<uuid:public_id>/", views.member_edit, name="member_edit"),
    path("organisation/invitations/new/", views.invitation_create, name="invitation_create"),
    path(
        "organisation/invitations/<uuid:public_id>/resend/",
        views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "organisation/invitations/<uuid:public_id>/cancel/",
        views.invitation_cancel,
        name="invitation_cancel",
    ),
    path("organisation/teams/", views.team_list, name="team_list"),
    path("organisation/teams/<uuid:public_id>/", views.team_edit, name="team_edit"),
    path("organisation/teams/<uuid:public_id>/delete/", views.team_delete, name="team_delete"),
    path(
        "organisation/teams/<uuid:public_id>/members/add/",
        views.team_member_add,
        name="team_member_add",
    ),
    path(
        "organisation/teams/<uuid:public_id>/members/<uuid:member_id>/move/",
        views.team_member_move,
        name="team_member_move",
    ),
    path(
        "organisation/teams/<uuid:public_id>/members/<uuid:member_id>/remove/",
        views.team_member_remove,
        name="team_member_remove",
    ),
    path("organisation/settings/", views.organisation_settings, name="settings"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("network/organisations/", views.network_list, name="network_list"),
    path("network/organisations/new/", views.network_create, name="network_create"),
    path("network/organisations/<uuid:public_id>/", views.network_detail, name="network_detail"),
]
