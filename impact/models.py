import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone


class ProgrammeFunding(models.Model):
    """Money a programme had for a period, entered by a PM, to show cost per person supported
    and per hour of support. Spread evenly over its days when a report covers part of it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="funding"
    )
    start = models.DateField("from")
    end = models.DateField("to")
    amount = models.DecimalField("amount (£)", max_digits=12, decimal_places=2)
    note = models.CharField("funder or note (optional)", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="funding_end_after_start"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} for {self.organisation} ({self.start} to {self.end})"
