"""The lending library: an organisation's devices, its SIMs and data vouchers, the loans of its
devices to learners, and the data wipes between loans. The rules (one open loan per device, a
wipe between two loans, unique asset tags and serials) are written in devices/services.py and
held again by the constraints below, so a race or a script cannot break them either."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.vocabulary import (
    DataGiftKind,
    DeviceCondition,
    DeviceKind,
    DeviceSource,
    DeviceStatus,
    WipeMethod,
)


class OrganisationScoped(models.QuerySet):
    def for_organisation(self, organisation):
        return self.filter(organisation=organisation)


class LendingSettings(models.Model):
    """How one organisation runs its loan scheme. Without a row, the defaults below hold: only
    project managers keep the stock, loans last 28 days, agreement version "1"."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="lending_settings"
    )
    champions_keep_stock = models.BooleanField(
        _("champions may keep the stock"),
        default=False,
        help_text=_(
            "Let champions add devices, record returns and wipes, and import stock, as project "
            "managers do. Every champion can lend from the session form either way."
        ),
    )
    loan_days = models.PositiveSmallIntegerField(
        _("usual loan length (days)"),
        default=28,
        help_text=_("The due date a new loan starts with."),
    )
    agreement_version = models.CharField(
        _("loan agreement version"),
        max_length=40,
        default="1",
        help_text=_("The version of the agreement learners accept, as printed on it."),
    )

    class Meta:
        verbose_name = _("lending settings")
        verbose_name_plural = _("lending settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(loan_days__gte=1, loan_days__lte=365), name="lending_loan_days_1_365"
            )
        ]

    def __str__(self) -> str:
        return f"Lending settings of {self.organisation_id}"


class DeviceImport(models.Model):
    """One CSV import of stock: who brought which devices in, and when."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    imported_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=200, blank=True)
    device_count = models.PositiveIntegerField(default=0)

    objects = OrganisationScoped.as_manager()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"Import of {self.device_count} devices on {self.imported_at:%d %b %Y %H:%M}"


class Device(models.Model):
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="devices"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=DeviceKind.choices)
    make = models.CharField(_("make"), max_length=60)
    model = models.CharField(_("model"), max_length=80, blank=True)
    asset_tag = models.CharField(_("asset tag"), max_length=40, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=80, blank=True)
    source = models.CharField(_("where it came from"), max_length=16, choices=DeviceSource.choices)
    donor = models.CharField(_("donor or scheme"), max_length=120, blank=True)
    condition = models.CharField(
        _("condition"), max_length=8, choices=DeviceCondition.choices, default=DeviceCondition.GOOD
    )
    location = models.CharField(_("where it is kept"), max_length=120, blank=True)
    received_on = models.DateField(_("received on"), null=True, blank=True)
    import_batch = models.ForeignKey(
        DeviceImport, on_delete=models.SET_NULL, null=True, blank=True, related_name="devices"
    )
    # Kept by the services from the loans and wipes, so the stock list filters on one column.
    status = models.CharField(
        _("status"), max_length=12, choices=DeviceStatus.choices, default=DeviceStatus.IN_STOCK
    )
    # How many loans the device has had: the next loan's number (see Loan.number).
    loan_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = OrganisationScoped.as_manager()

    class Meta:
        ordering = ["kind", "make", "model", "asset_tag"]
        verbose_name = _("device")
        constraints = [
            # "LAP-001" and "lap-001" are one label (devices.services.label_key; the services
            # store labels trimmed). Lookups by label read these (devices.selectors).
            models.UniqueConstraint(
                F("organisation"),
                Lower("asset_tag"),
                condition=~Q(asset_tag=""),
                name="device_asset_tag_unique_in_org_ci",
            ),
            models.UniqueConstraint(
                F("organisation"),
                Lower("serial_number"),
                condition=~Q(serial_number=""),
                name="device_serial_unique_in_org_ci",
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "status", "kind"], name="device_org_status_kind"),
            models.Index(fields=["organisation", "created_at"], name="device_org_created"),
        ]

    def __str__(self) -> str:
        name = " ".join(part for part in (self.make, self.model) if part)
        return f"{name} ({self.asset_tag})" if self.asset_tag else name

    @property
    def can_be_lent(self) -> bool:
        return self.status == DeviceStatus.IN_STOCK


class Wipe(models.Model):
    """A record that the device's data was wiped: who, when, how. After a return the device
    waits for one before it can be lent again (Loan.wipe_before)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="wipes")
    # The returned loan whose learner's data this wipe removed (none for a wipe before the
    # first loan, a donated device's own data, say).
    after_loan = models.OneToOneField(
        "Loan", on_delete=models.PROTECT, null=True, blank=True, related_name="wipe_after"
    )
    wiped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    wiped_on = models.DateField(_("wiped on"), default=timezone.localdate)
    method = models.CharField(_("how"), max_length=16, choices=WipeMethod.choices)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScoped.as_manager()

    class Meta:
        ordering = ["-wiped_on", "-recorded_at"]
        indexes = [models.Index(fields=["device", "-wiped_on"])]

    def __str__(self) -> str:
        return f"Wipe of {self.device_id} on {self.wiped_on}"


class LoanQuerySet(OrganisationScoped):
    def open(self):
        return self.filter(returned_on__isnull=True, lost_on__isnull=True)

    def overdue(self, *, today):
        return self.open().filter(due_on__lt=today)


class Loan(models.Model):
    """A device lent to a learner: issued, due, and then returned (with its condition) or lost.
    The learner accepted the organisation's loan agreement (its version), and the champion who
    recorded that, and when, are kept. When a learner is erased the loan stays and `learner`
    becomes empty: the kit's history without who had it."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="loans")
    # The device's n-th loan. Every loan after the first names the wipe that followed the loan
    # before it (loan_wipe_between_loans), and a wipe clears the way for one loan only.
    number = models.PositiveIntegerField()
    wipe_before = models.OneToOneField(
        Wipe, on_delete=models.PROTECT, null=True, blank=True, related_name="next_loan"
    )
    learner = models.ForeignKey(
        "learners.Learner", on_delete=models.SET_NULL, null=True, blank=True, related_name="loans"
    )
    champion = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="loans_made"
    )
    # The session at which the device was lent, when lent from the session form.
    session = models.ForeignKey(
        "sessions_log.SupportSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loans",
    )
    issued_on = models.DateField(_("lent on"))
    due_on = models.DateField(_("due back on"))
    extended_count = models.PositiveSmallIntegerField(default=0)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    return_condition = models.CharField(
        _("condition on return"), max_length=8, choices=DeviceCondition.choices, blank=True
    )
    returned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lost_on = models.DateField(_("reported lost on"), null=True, blank=True)
    agreement_version = models.CharField(_("agreement version"), max_length=40)
    agreement_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    agreement_recorded_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)

    objects = LoanQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-created_at"]
        verbose_name = _("loan")
        constraints = [
            # A device cannot be out twice.
            models.UniqueConstraint(
                fields=["device"],
                condition=Q(returned_on__isnull=True, lost_on__isnull=True),
                name="loan_one_open_per_device",
            ),
            models.UniqueConstraint(fields=["device", "number"], name="loan_number_per_device"),
            # A returned device is lent again only after a wipe.
            models.CheckConstraint(
                condition=Q(number=1) | Q(wipe_before__isnull=False),
                name="loan_wipe_between_loans",
            ),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("issued_on")), name="loan_due_after_issue"
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(returned_on__gte=models.F("issued_on")),
                name="loan_returned_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(returned_on__isnull=True) | Q(lost_on__isnull=True),
                name="loan_returned_or_lost_not_both",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "due_on"],
                condition=Q(returned_on__isnull=True, lost_on__isnull=True),
                name="loan_open_by_org_due",
            ),
            models.Index(
                fields=["due_on"],
                condition=Q(returned_on__isnull=True, lost_on__isnull=True),
                name="loan_open_due",
            ),
            # The dashboards' different people lent kit read the learner from the index alone.
            models.Index(
                fields=["organisation", "issued_on"],
                include=["learner"],
                name="loan_org_issued_learner",
            ),
            models.Index(
                fields=["organisation", "returned_on"],
                condition=Q(returned_on__isnull=False),
                name="loan_org_returned",
            ),
            models.Index(fields=["device", "-number"], name="loan_device_number"),
            models.Index(fields=["learner"], name="loan_learner"),
        ]

    def __str__(self) -> str:
        return f"Loan {self.number} of {self.device_id} on {self.issued_on}"

    @property
    def is_open(self) -> bool:
        return self.returned_on is None and self.lost_on is None

    def is_overdue(self, today) -> bool:
        return self.is_open and self.due_on < today


class DataGift(models.Model):
    """A SIM card or data voucher: kept in stock, then given (not lent) to a learner."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="data_gifts"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=DataGiftKind.choices)
    network = models.CharField(_("network"), max_length=60)
    allowance_gb = models.DecimalField(_("data allowance (GB)"), max_digits=7, decimal_places=2)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    source = models.CharField(
        _("where it came from"), max_length=16, choices=DeviceSource.choices, blank=True
    )
    donor = models.CharField(_("donor or scheme"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    given_on = models.DateField(_("given on"), null=True, blank=True)
    given_to = models.ForeignKey(
        "learners.Learner", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        "sessions_log.SupportSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_gifts",
    )

    objects = OrganisationScoped.as_manager()

    class Meta:
        ordering = ["given_on", "expires_on", "network"]
        verbose_name = _("SIM or data voucher")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "reference"],
                condition=~Q(reference=""),
                name="datagift_reference_unique_in_org",
            ),
            models.CheckConstraint(
                condition=Q(allowance_gb__gte=0), name="datagift_allowance_not_negative"
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "given_on"],
                include=["given_to", "kind", "allowance_gb"],
                name="datagift_org_given_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.network} {self.allowance_gb} GB"


class DeviceTransfer(models.Model):
    """Devices a network admin moved from one organisation to another. The devices' loans stay
    in the history of the organisation that made them."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    from_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    devices = models.ManyToManyField(Device, related_name="transfers")
    device_count = models.PositiveIntegerField(default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="transfer_between_two_organisations",
            )
        ]

    def __str__(self) -> str:
        return f"Transfer of {self.device_count} devices on {self.recorded_at:%d %b %Y}"
