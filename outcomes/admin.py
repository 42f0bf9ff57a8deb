from django.contrib import admin

from .models import OutcomeCheck, OutcomeSettings


@admin.register(OutcomeSettings)
class OutcomeSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "check_after_weeks"]


@admin.register(OutcomeCheck)
class OutcomeCheckAdmin(admin.ModelAdmin):
    list_display = ["organisation", "checked_on", "can_do_alone", "source"]
    list_filter = ["source", "can_do_alone"]
    raw_id_fields = ["learner", "recorded_by"]
