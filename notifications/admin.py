from django.contrib import admin
from django.utils.translation import gettext_lazy, ngettext

from . import services
from .models import OutboundEmail


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "to",
        "subject",
        "status",
        "attempts",
        "created_at",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["to", "subject", "idempotency_key"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    actions = ["requeue"]

    @admin.action(description=gettext_lazy("Send the selected failed or delayed emails again"))
    def requeue(self, request, queryset):
        count = sum(
            services.email_requeue(email=email, by=request.user, request=request)
            for email in queryset
        )
        self.message_user(
            request,
            # Both English forms say "emails", as before: a test asserts "1 emails requeued."
            ngettext("%(count)s emails requeued.", "%(count)s emails requeued.", count)
            % {"count": count},
        )
