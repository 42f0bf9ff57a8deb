from django.contrib import admin

from .models import (
    Badge,
    Collection,
    CollectionStep,
    Feedback,
    Resource,
    ResourceTransition,
    SearchLog,
)


class TransitionInline(admin.TabularInline):
    model = ResourceTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "note"]
    can_delete = False


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "resource_type",
        "status",
        "organisation",
        "is_featured",
        "view_count",
        "download_count",
        "helpful_yes",
        "helpful_no",
        "published_at",
    ]
    list_filter = ["status", "resource_type", "language", "is_featured", "organisation__sector"]
    search_fields = ["title", "summary"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "created_by", "suggested_by"]
    # The translation is linked on the curator's form, which keeps both sides in step.
    readonly_fields = ["view_count", "download_count", "helpful_yes", "helpful_no", "translation"]
    inlines = [TransitionInline]


class StepInline(admin.TabularInline):
    model = CollectionStep
    extra = 0
    raw_id_fields = ["resource"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "is_pathway", "badge_name", "organisation", "is_featured"]
    list_filter = ["is_pathway", "is_featured", "is_published"]
    search_fields = ["title"]
    inlines = [StepInline]


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["resource", "helpful", "comment", "at"]
    list_filter = ["helpful"]
    search_fields = ["resource__title", "comment"]
    raw_id_fields = ["resource", "user"]


@admin.register(SearchLog)
class SearchLogAdmin(admin.ModelAdmin):
    list_display = ["query", "result_count", "organisation", "at"]
    list_filter = ["result_count"]
    search_fields = ["query"]


@admin.register(Badge)
class BadgeAdmin(admin.ModelAdmin):
    list_display = ["user", "collection", "awarded_at"]
    raw_id_fields = ["user", "collection"]
