from django.contrib import admin

from .models import DataGift, Device, DeviceTransfer, LendingSettings, Loan, Wipe


@admin.register(Device)
class DeviceAdmin(admin.ModelAdmin):
    list_display = ("asset_tag", "serial_number", "kind", "make", "model", "status", "organisation")
    list_filter = ("status", "kind")
    search_fields = ("asset_tag", "serial_number")
    # The status is kept by the services (devices/services.py): change it through the pages.
    readonly_fields = ("status", "loan_count", "organisation")


@admin.register(Loan)
class LoanAdmin(admin.ModelAdmin):
    list_display = ("device", "number", "issued_on", "due_on", "returned_on", "lost_on")
    raw_id_fields = ("device", "learner", "session", "wipe_before")

    def has_change_permission(self, request, obj=None):
        return False


admin.site.register(Wipe)
admin.site.register(DataGift)
admin.site.register(DeviceTransfer)
admin.site.register(LendingSettings)
