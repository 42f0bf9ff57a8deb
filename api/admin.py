from django.contrib import admin

from .models import ApiKey, ApiRequest, IdempotencyRecord, WebhookDelivery, WebhookEndpoint


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


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Endpoints are made on the PM's page (the secret is shown once there); here they are
    read, and the secret is not shown."""

    list_display = ["url", "organisation", "is_active", "created_at"]
    list_filter = ["is_active"]
    list_select_related = ["organisation"]
    search_fields = ["url", "organisation__name"]
    exclude = ["secret"]
    readonly_fields = ["organisation", "url", "description", "events", "is_active", "created_by"]

    def has_add_permission(self, request):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "next_attempt_at", "last_error"]
    list_filter = ["status"]
    list_select_related = ["event", "endpoint"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request):
        return False
