"""Demo data for the lending library: Riverside's stock comes in through the same CSV import a PM
uses (devices/demo_content/riverside_stock.csv), then loans through the services, dated from
today so the demo keeps its shape on any day: devices out, overdue, returned and wiped, returned
with the wipe still pending, one lost; SIMs and vouchers in stock and given."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from core.vocabulary import Role
from learners.models import Learner
from organisations.models import Membership, Organisation

from . import services
from .importing import import_devices
from .models import Device

CONTENT = Path(__file__).parent / "demo_content"
STOCK_FILES = {"Riverside Housing Association": "riverside_stock.csv"}
# (days ago lent, loan length in days, what became of it): each one loan of its own device.
LOANS = [
    (3, 28, "out"),
    (10, 28, "out"),
    (12, 28, "out"),
    (20, 28, "out"),
    (40, 28, "overdue"),
    (35, 21, "overdue"),
    (90, 28, "returned"),
    (75, 28, "returned"),
    (60, 28, "returned"),
    (50, 14, "returned"),
    (30, 14, "wipe pending"),
    (25, 14, "wipe pending"),
    (120, 28, "lost"),
]
NETWORKS = ["Vodafone", "Three", "O2", "EE"]


def seed(*, scale: str, rng, log) -> None:
    if scale != "small":
        return
    for name, file_name in STOCK_FILES.items():
        organisation = Organisation.objects.filter(name=name).first()
        if organisation is None or Device.objects.for_organisation(organisation).exists():
            continue
        pm = (
            Membership.objects.for_organisation(organisation)
            .filter(role=Role.PROJECT_MANAGER)
            .select_related("user")
            .first()
        )
        import_devices(
            text=(CONTENT / file_name).read_text(),
            organisation=organisation,
            importer=pm.user if pm else None,
            file_name=file_name,
        )
        _loans(organisation=organisation, pm=pm.user if pm else None, rng=rng)
        _data(organisation=organisation, pm=pm.user if pm else None, rng=rng)
        log(f"devices: {name} has its stock, loans and SIMs")


def _loans(*, organisation, pm, rng) -> None:
    today = timezone.localdate()
    champions = [
        m.user
        for m in Membership.objects.for_organisation(organisation)
        .champions()
        .select_related("user")
    ] or [pm]
    learners = list(Learner.objects.for_organisation(organisation).not_anonymised()[:60])
    devices = list(Device.objects.for_organisation(organisation).order_by("asset_tag"))
    for (ago, days, outcome), device, learner in zip(
        LOANS, devices, rng.sample(learners, len(LOANS)), strict=False
    ):
        issued = today - timedelta(days=ago)
        champion = rng.choice(champions)
        loan = services.loan_make(
            device=device,
            learner=learner,
            champion=champion,
            issued_on=issued,
            due_on=issued + timedelta(days=days),
        )
        if outcome in ("returned", "wipe pending"):
            back = min(issued + timedelta(days=days - 1), today)
            services.loan_return(loan=loan, returned_on=back, condition="good", returned_to=pm)
            if outcome == "returned":
                services.wipe_record(
                    device=device, wiped_by=pm, wiped_on=back, method="factory_reset"
                )
        elif outcome == "lost":
            services.loan_mark_lost(loan=loan, lost_on=issued + timedelta(days=days + 10))


def _data(*, organisation, pm, rng) -> None:
    today = timezone.localdate()
    learners = list(Learner.objects.for_organisation(organisation).not_anonymised()[:60])
    for n in range(18):
        gift = services.data_gift_create(
            organisation=organisation,
            data={
                "kind": "sim" if n % 3 else "voucher",
                "network": NETWORKS[n % len(NETWORKS)],
                "allowance_gb": 20 if n % 3 else 10,
                "expires_on": today + timedelta(days=180),
                "reference": f"NDB-{organisation.pk}-{n + 1:04}",
                "source": "national_scheme",
                "donor": "National Databank",
            },
        )
        if n < 8 and learners:
            services.data_gift_give(
                gift=gift,
                learner=rng.choice(learners),
                given_by=pm,
                given_on=today - timedelta(days=rng.randint(0, 80)),
            )
