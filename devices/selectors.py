"""Reads for the lending library: who keeps the stock, the stock list, a device's history, the
loans due for a reminder, a learner's loans, and the figures the dashboards show."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce, Lower

from core.vocabulary import DeviceStatus

from .models import DataGift, Device, LendingSettings, Loan, Wipe

# A loan "coming due" is reminded this many days before its due date.
DUE_SOON_DAYS = 3


def may_keep_stock(*, membership) -> bool:
    """Project managers keep the stock; champions too when the organisation allows it (one
    setting per organisation, LendingSettings.champions_keep_stock)."""
    if membership is None:
        return False
    if membership.is_pm:
        return True
    return LendingSettings.objects.filter(
        organisation_id=membership.organisation_id, champions_keep_stock=True
    ).exists()


def devices_of(*, organisation) -> QuerySet[Device]:
    return Device.objects.for_organisation(organisation)


def devices_labelled(devices: QuerySet[Device], *, field: str, value: str) -> QuerySet[Device]:
    """The devices whose asset tag (or serial number) is `value` in any case, as the unique
    indexes compare them (devices/models.py): Lower(column) = lower(value), with the indexes'
    own condition (not blank) so PostgreSQL can read them."""
    assert field in ("asset_tag", "serial_number")
    return (
        devices.alias(label=Lower(field))
        .filter(label=Lower(Value(value.strip())))
        .exclude(**{field: ""})
    )


def device_by_label(*, organisation, typed: str) -> Device | None:
    """The organisation's device with this asset tag, or else this serial number (any case,
    spaces around it ignored): the label on the device in the champion's hand."""
    typed = (typed or "").strip()
    if not typed:
        return None
    key = Lower(Value(typed))
    return (
        devices_of(organisation=organisation)
        .alias(tag=Lower("asset_tag"), serial=Lower("serial_number"))
        .filter((Q(tag=key) & ~Q(asset_tag="")) | (Q(serial=key) & ~Q(serial_number="")))
        # A tag wins over another device's serial number that happens to read the same.
        .order_by(Case(When(tag=key, then=0), default=1), "pk")
        .first()
    )


def stock_labels(*, organisation, field: str) -> list[str]:
    """Every asset tag (or serial number) the organisation has, as written (the CSV import's
    dry run compares a whole file with them at once)."""
    assert field in ("asset_tag", "serial_number")
    return list(
        devices_of(organisation=organisation).exclude(**{field: ""}).values_list(field, flat=True)
    )


def stock_list(
    *, organisation, status: str = "", kind: str = "", search: str = ""
) -> QuerySet[Device]:
    """The stock list, filtered; each row with its open loan's due date (one query a page)."""
    qs = devices_of(organisation=organisation)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if search:
        qs = qs.filter(
            Q(asset_tag__iexact=search)
            | Q(serial_number__iexact=search)
            | Q(make__icontains=search)
            | Q(model__icontains=search)
            | Q(location__icontains=search)
        )
    return qs.order_by("status", "kind", "asset_tag", "pk")


def stock_counts(*, organisation) -> dict[str, int]:
    """{status: number of devices}, every status present."""
    found = dict(
        devices_of(organisation=organisation)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
    )
    return {status: found.get(status, 0) for status in DeviceStatus.values}


def devices_to_lend(*, organisation) -> QuerySet[Device]:
    """What the session form's "lent a device" offers: devices in stock, wiped and ready."""
    return devices_of(organisation=organisation).filter(status=DeviceStatus.IN_STOCK)


def data_gifts_in_stock(*, organisation) -> QuerySet[DataGift]:
    return DataGift.objects.for_organisation(organisation).filter(given_on__isnull=True)


def device_loans(*, device: Device) -> QuerySet[Loan]:
    return (
        Loan.objects.filter(device=device)
        .select_related("learner", "champion", "wipe_after", "wipe_after__wiped_by")
        .order_by("-number")
    )


def device_wipes(*, device: Device) -> QuerySet[Wipe]:
    return Wipe.objects.filter(device=device).select_related("wiped_by")


def open_loan(*, device: Device) -> Loan | None:
    return Loan.objects.open().filter(device=device).select_related("learner", "champion").first()


def loans_of(*, organisation) -> QuerySet[Loan]:
    return Loan.objects.for_organisation(organisation)


def learner_loans(*, learner) -> QuerySet[Loan]:
    return Loan.objects.filter(learner=learner).select_related("device", "champion")


def learner_data_gifts(*, learner) -> QuerySet[DataGift]:
    return DataGift.objects.filter(given_to=learner)


def loans_due_soon(*, today: date, days: int = DUE_SOON_DAYS) -> QuerySet[Loan]:
    """Open loans due between today and `days` from now: the "coming due" reminder."""
    return (
        Loan.objects.open()
        .filter(due_on__gte=today, due_on__lte=today + timedelta(days=days))
        .select_related("device", "champion", "learner", "organisation")
    )


def loans_overdue(*, today: date) -> QuerySet[Loan]:
    return Loan.objects.overdue(today=today).select_related(
        "device", "champion", "learner", "organisation"
    )


def loan_reminders_due(*, organisation, as_of: date) -> list[tuple[str, Loan]]:
    """("due_soon" or "overdue", loan) for each open loan of the organisation that its champion
    should hear about on `as_of`: due within DUE_SOON_DAYS, or past its due date. The email's
    key names the loan and its due date, so each is sent once (and again after an extension).
    One query."""
    return loan_reminders_due_in(organisations=[organisation], as_of=as_of)


def loan_reminders_due_in(*, organisations, as_of: date) -> list[tuple[str, Loan]]:
    """loan_reminders_due for many organisations at once (one query)."""
    loans = (
        Loan.objects.filter(organisation__in=organisations)
        .open()
        .filter(due_on__lte=as_of + timedelta(days=DUE_SOON_DAYS))
        .select_related("device", "champion", "learner")
        .order_by("due_on", "pk")
    )
    return [("overdue" if loan.due_on < as_of else "due_soon", loan) for loan in loans]


def organisation_overdue_count(*, organisation, today: date) -> int:
    return Loan.objects.for_organisation(organisation).overdue(today=today).count()


def overdue_counts_by_organisation(*, organisations, today: date) -> dict[int, int]:
    """organisation_overdue_count for many organisations at once ({id: n}, one query)."""
    rows = (
        Loan.objects.filter(organisation__in=organisations)
        .overdue(today=today)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    found = {row["organisation_id"]: row["n"] for row in rows}
    return {o.pk: found.get(o.pk, 0) for o in organisations}


def _counts(**querysets: QuerySet) -> dict[str, int]:
    """The number of rows of each queryset, in one statement: one scalar subquery each, so each
    is planned on its own (here: an index-only scan of its own index). Each selects only its
    organisation, a column every one of those indexes holds."""
    selects, params = [], []
    for name, queryset in querysets.items():
        sql, found = queryset.order_by().values("organisation_id").query.sql_with_params()
        selects.append(f"(SELECT count(*) FROM ({sql}) counted) AS {name}")
        params.extend(found)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        return dict(zip(querysets, cursor.fetchone(), strict=True))


@dataclass(frozen=True)
class LendingFigures:
    devices_in_stock: int
    devices_on_loan: int
    loans_made: int
    loans_returned: int
    overdue_now: int
    sims_given: int
    vouchers_given: int
    gigabytes_given: Decimal
    people_lent_kit: int

    @property
    def data_given(self) -> int:
        return self.sims_given + self.vouchers_given


def lending_figures(*, organisations, start: date, end: date, today: date) -> LendingFigures:
    """The lending library's figures for some organisations (a queryset or list of ids, or None
    for the whole network) over a period: stock and overdue as they are now, loans and gifts
    within the period. Four queries, each an aggregate in the database, whatever the stock."""
    scoped = Q() if organisations is None else Q(organisation__in=organisations)
    # Counted by organisation, not id: the id is in none of the indexes these counts read alone.
    devices = Device.objects.filter(scoped).aggregate(
        in_stock=Count("organisation", filter=Q(status=DeviceStatus.IN_STOCK)),
        on_loan=Count("organisation", filter=Q(status=DeviceStatus.ON_LOAN)),
    )
    in_period = Q(issued_on__range=(start, end))
    loans = Loan.objects.filter(scoped)
    # Each count from its own index alone, in one statement: a single aggregate over the OR of
    # the three date arms read every matching loan from the heap (largest national
    # organisation, 166,000 loans: 235 ms; bench/FINDINGS.md, 4 December).
    counted = _counts(
        # Each arm has its own index (devices/models.py).
        made=loans.filter(in_period),
        returned=loans.filter(returned_on__range=(start, end)),
        overdue=loans.overdue(today=today),
        # A loan whose learner was erased still helped one person.
        unnamed=loans.filter(in_period, learner__isnull=True),
    )
    given = DataGift.objects.filter(scoped, given_on__range=(start, end))
    gifts = given.aggregate(
        sims=Count("organisation", filter=Q(kind="sim")),
        vouchers=Count("organisation", filter=Q(kind="voucher")),
        gb=Coalesce(Sum("allowance_gb"), Decimal("0")),
        unnamed=Count("organisation", filter=Q(given_to__isnull=True)),
    )
    # People helped with kit: learners lent a device or given data in the period, each once.
    named = (
        Loan.objects.filter(scoped, learner__isnull=False)
        .filter(in_period)
        .order_by()
        .values("learner_id")
        .union(given.filter(given_to__isnull=False).order_by().values("given_to_id"))
        .count()
    )
    return LendingFigures(
        devices_in_stock=devices["in_stock"],
        devices_on_loan=devices["on_loan"],
        loans_made=counted["made"],
        loans_returned=counted["returned"],
        overdue_now=counted["overdue"],
        sims_given=gifts["sims"],
        vouchers_given=gifts["vouchers"],
        gigabytes_given=gifts["gb"],
        people_lent_kit=named + counted["unnamed"] + gifts["unnamed"],
    )


def lending_figures_by_organisation(
    *, organisation_ids: list[int], start: date, end: date, today: date, every_in: Q | None = None
) -> dict[int, LendingFigures]:
    """lending_figures for each of many organisations, in one statement whatever their number:
    the same counts, grouped by organisation, each counted by its own arm of a UNION ALL (so
    each is planned on its own index, as _counts does). Every one of the organisations gets its
    figures, of zeros when it lends nothing. A learner belongs to one organisation, so each
    one's people lent kit add up to the network's. every_in: the ids are every organisation
    this filter of the rows finds (Q() for the whole network, or Q(organisation__sector=…)),
    read through it instead of testing each row against thousands of ids."""
    scoped = Q(organisation__in=list(organisation_ids)) if every_in is None else every_in
    devices = Device.objects.filter(scoped)
    loans = Loan.objects.filter(scoped)
    in_period = Q(issued_on__range=(start, end))
    given = DataGift.objects.filter(scoped, given_on__range=(start, end))
    counted = Count("organisation")
    arms = {
        "devices_in_stock": (devices.filter(status=DeviceStatus.IN_STOCK), counted),
        "devices_on_loan": (devices.filter(status=DeviceStatus.ON_LOAN), counted),
        "loans_made": (loans.filter(in_period), counted),
        "loans_returned": (loans.filter(returned_on__range=(start, end)), counted),
        "overdue_now": (loans.overdue(today=today), counted),
        "unnamed_loans": (loans.filter(in_period, learner__isnull=True), counted),
        "sims_given": (given.filter(kind="sim"), counted),
        "vouchers_given": (given.filter(kind="voucher"), counted),
        "gigabytes_given": (given, Sum("allowance_gb")),
        "unnamed_gifts": (given.filter(given_to__isnull=True), counted),
    }
    selects, params = [], []
    for name, (queryset, aggregate) in arms.items():
        sql, found = (
            queryset.order_by().values("organisation").annotate(n=aggregate).query.sql_with_params()
        )
        selects.append(f"SELECT %s, arm.organisation, arm.n::numeric FROM ({sql}) arm")
        params.extend([name, *found])
    # People helped with kit: learners lent a device or given data in the period, each once.
    lent = loans.filter(in_period, learner__isnull=False).order_by()
    gifted = given.filter(given_to__isnull=False).order_by()
    sql, found = (
        lent.values_list("organisation_id", "learner_id")
        .union(gifted.values_list("organisation_id", "given_to_id"))
        .query.sql_with_params()
    )
    selects.append(
        f"SELECT %s, people.organisation_id, count(*)::numeric FROM ({sql}) people GROUP BY 2"
    )
    params.extend(["named", *found])
    figures = {pk: {} for pk in organisation_ids}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(selects), params)
        for name, organisation_id, n in cursor.fetchall():
            if organisation_id in figures:
                figures[organisation_id][name] = n
    return {
        pk: LendingFigures(
            devices_in_stock=int(f.get("devices_in_stock", 0)),
            devices_on_loan=int(f.get("devices_on_loan", 0)),
            loans_made=int(f.get("loans_made", 0)),
            loans_returned=int(f.get("loans_returned", 0)),
            overdue_now=int(f.get("overdue_now", 0)),
            sims_given=int(f.get("sims_given", 0)),
            vouchers_given=int(f.get("vouchers_given", 0)),
            gigabytes_given=f.get("gigabytes_given") or Decimal("0"),
            people_lent_kit=int(
                f.get("named", 0) + f.get("unnamed_loans", 0) + f.get("unnamed_gifts", 0)
            ),
        )
        for pk, f in figures.items()
    }


STATUS_COLUMNS = {
    DeviceStatus.IN_STOCK: "in_stock",
    DeviceStatus.ON_LOAN: "on_loan",
    DeviceStatus.NEEDS_WIPE: "needs_wipe",
}


def network_lending_by(*, field: str, organisations=None) -> list[dict]:
    """Counts only (never learners) by organisation, sector or region: devices, in stock, on
    loan and waiting for a wipe (every organisation's when `organisations` is None). `field` is
    "organisation__name", "organisation__sector" or "organisation__region".

    Two queries, whatever the stock: the devices counted by organisation and status from the
    (organisation, status, kind) index alone, then those few rows (one per organisation and
    status) summed into the groups, in the database's order of the groups. Joining each of the
    large set's 50,000 devices to its organisation before grouping took 110-160 ms; this, 10-20."""
    assert field in ("organisation__name", "organisation__sector", "organisation__region")
    from organisations.models import Organisation

    devices = Device.objects.all()
    if organisations is not None:
        devices = devices.filter(organisation__in=organisations)
    counted: dict[int, dict[str, int]] = {}
    for organisation_id, status, n in (
        devices.order_by().values_list("organisation_id", "status").annotate(n=Count("id"))
    ):
        counted.setdefault(organisation_id, {})[status] = n
    attribute = field.removeprefix("organisation__")
    rows: dict = {}
    for organisation_id, group in (
        Organisation.objects.filter(pk__in=list(counted))
        .order_by(attribute, "pk")
        .values_list("pk", attribute)
    ):
        row = rows.setdefault(
            group, {field: group, "devices": 0, **dict.fromkeys(STATUS_COLUMNS.values(), 0)}
        )
        for status, n in counted[organisation_id].items():
            row["devices"] += n
            if status in STATUS_COLUMNS:
                row[STATUS_COLUMNS[status]] += n
    return list(rows.values())
