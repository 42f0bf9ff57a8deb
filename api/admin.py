from django.contrib import admin

from .models import ApiKey, ApiRequest, IdempotencyRecord


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are made on the PM's page (the secret is shown once there); here they are read."""

    list_display = ["name", "prefix", "organisation", "access", "created_at", "revoked_at"]
    list_filter = ["access"]
    search_fields = ["name", "prefix", "organisation__name"]
    readonly_fields = [f.name for f in ApiKey._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(ApiRequest)
class ApiRequestAdmin(admin.ModelAdmin):
    list_display = ["at", "key", "method", "endpoint", "status"]
    list_select_related = ["key"]
    readonly_fields = ["key", "at", "method", "endpoint", "status"]

    def has_add_permission(self, request):
        return False


@admin.register(IdempotencyRecord)
class IdempotencyRecordAdmin(admin.ModelAdmin):
    list_display = ["key", "organisation", "session", "created_at"]
    list_select_related = ["organisation", "session"]
    readonly_fields = ["organisation", "key", "session", "fingerprint", "created_at"]

    def has_add_permission(self, request):
        return False
