from django.contrib import admin

from .models import Consent, Learner, SelfAssessment


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    exclude = ["organisation"]


@admin.register(Learner)
class LearnerAdmin(admin.ModelAdmin):
    list_display = [
        "reference",
        "display_name",
        "organisation",
        "session_count",
        "last_session_on",
        "anonymised_at",
    ]
    list_filter = ["organisation__sector", "age_band", "anonymised_at"]
    search_fields = ["reference", "display_name", "organisation__name"]
    list_select_related = ["organisation"]
    raw_id_fields = ["organisation", "created_by"]
    inlines = [ConsentInline]


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ["learner", "assessed_on", "foundation", "communicating", "transacting"]
    raw_id_fields = ["organisation", "learner", "recorded_by"]


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["learner", "kind", "given", "method", "recorded_at", "withdrawn_at"]
    list_filter = ["kind", "given", "method"]
    raw_id_fields = ["organisation", "learner", "recorded_by"]
