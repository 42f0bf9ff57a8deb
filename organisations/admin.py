from django.contrib import admin

from .models import Invitation, Membership, Organisation, Team


class TeamInline(admin.TabularInline):
    model = Team
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "region", "local_authority", "is_active", "created_at"]
    list_filter = ["sector", "region", "is_active"]
    search_fields = ["name", "local_authority"]
    inlines = [TeamInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "champion_kind", "team", "is_active"]
    list_filter = ["role", "champion_kind", "is_active", "organisation__sector"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    list_select_related = ["user", "organisation", "team"]
    raw_id_fields = ["user", "organisation", "team"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "organisation",
        "role",
        "created_at",
        "expires_at",
        "accepted_at",
        "cancelled_at",
    ]
    list_filter = ["role"]
    search_fields = ["email", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "team", "invited_by", "accepted_by"]
    exclude = ["token"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation"]
    search_fields = ["name", "organisation__name"]
    list_select_related = ["organisation"]
