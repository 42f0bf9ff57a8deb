from django.contrib import admin

from .models import Attendance, SessionDraft, SessionRevision, SupportSession


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["learner"]
    exclude = ["organisation"]


@admin.register(SupportSession)
class SupportSessionAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "organisation",
        "champion",
        "format",
        "mode",
        "status",
        "people_count",
        "deleted_at",
    ]
    list_filter = ["status", "format", "mode", "organisation__sector", "date"]
    search_fields = ["organisation__name", "champion__email", "venue", "public_id"]
    list_select_related = ["organisation", "champion"]
    raw_id_fields = ["organisation", "champion", "team", "created_by", "deleted_by"]
    date_hierarchy = "date"
    inlines = [AttendanceInline]


@admin.register(SessionRevision)
class SessionRevisionAdmin(admin.ModelAdmin):
    list_display = ["session", "action", "changed_by", "changed_at"]
    list_filter = ["action"]
    raw_id_fields = ["organisation", "session", "changed_by"]


@admin.register(SessionDraft)
class SessionDraftAdmin(admin.ModelAdmin):
    list_display = ["champion", "organisation", "updated_at"]
    raw_id_fields = ["organisation", "champion"]
