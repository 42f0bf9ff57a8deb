"""A national programme's worth of demo data for the benchmark: 250 organisations, ~5,300 people,
100,000 learners and 1,000,000 support sessions over three years up to today.

`seed_large(seed=..., log=...)` is called by `manage.py seed_demo --scale large`. It is
deterministic from the seed (and today's date, since the data runs "up to today"), idempotent (it
does nothing if the data set is already there) and fast: the small tables go in with bulk_create,
the big ones with PostgreSQL COPY from in-memory buffers, in chunks, while the next chunk is being
generated. Secondary indexes and foreign keys of the big tables are dropped for the load and put
back afterwards (one sort per index instead of a million random inserts), then ANALYZE runs, so
the planner sees the real sizes before the first request.

Everything happens in one transaction: a load that fails half-way leaves nothing behind.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import itertools
import queue
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from core.vocabulary import (
    SKILL_AREA_FOR_TOPIC,
    AgeBand,
    Barrier,
    CancelReason,
    ChampionKind,
    ConsentMethod,
    EmploymentStatus,
    FoundationTask,
    Gender,
    HeardFrom,
    Mode,
    Region,
    Role,
    Sector,
    SessionFormat,
    SessionStatus,
    Signposting,
    SkillArea,
    Topic,
    YesNoPreferNot,
)
from impact.rollups import ROLLUP_TABLES, rollups_paused, rollups_rebuild

PASSWORD = "champions-demo-2026"
EMAIL_DOMAIN = "bench.example"
# Known people for the benchmark and the load test.
LARGEST_PM_EMAIL = f"pm-largest@{EMAIL_DOMAIN}"
LARGEST_CHAMPION_EMAIL = f"champion-largest@{EMAIL_DOMAIN}"
ADMIN_EMAIL = f"admin@{EMAIL_DOMAIN}"
ADMIN_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass(frozen=True)
class Scale:
    organisations: int = 250
    champions: int = 5_000
    extra_pms: int = 50  # on top of one PM per organisation, for the larger ones
    network_admins: int = 3
    learners: int = 100_000
    sessions: int = 1_000_000


LARGE = Scale()

YEARS = 3
PLANNED_AHEAD_DAYS = 42
CHUNK = 50_000

Log = Callable[[str], None]


def dataset_exists() -> bool:
    from accounts.models import User

    return User.objects.filter(email=LARGEST_PM_EMAIL).exists()


def seed_large(
    *, seed: int = 2026, log: Log = print, today: dt.date | None = None, scale: Scale = LARGE
) -> bool:
    """Build the large data set unless it is there already. Returns True if it built it."""
    if dataset_exists():
        log("large: data set already present, nothing to do")
        return False
    started = time.monotonic()
    builder = _Builder(seed=seed, log=log, today=today or timezone.localdate(), scale=scale)
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Only this transaction: a faster commit and room to sort while rebuilding indexes.
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        # The dashboards' rollups are summed once at the end, not a million times row by row.
        with rollups_paused():
            builder.build()
        step = time.monotonic()
        rollups_rebuild()
        log(f"large: dashboard rollups rebuilt in {time.monotonic() - step:.0f}s")
    if connection.in_atomic_block:  # inside a test's transaction: VACUUM cannot run there
        return True
    log(f"large: committed in {time.monotonic() - started:.0f}s; vacuuming and analysing")
    step = time.monotonic()
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map, so count-style queries can use index-only scans from
        # the first request, as they would on a database that has been running for a while.
        for table in [*_big_tables(), *ROLLUP_TABLES]:
            cursor.execute(f'VACUUM (ANALYZE) "{table}"')
        for model in ("accounts.User", "organisations.Membership", "organisations.Team"):
            cursor.execute(f'ANALYZE "{apps.get_model(model)._meta.db_table}"')
    log(
        f"large: vacuum/analyse {time.monotonic() - step:.0f}s; total {time.monotonic() - started:.0f}s"
    )
    return True


def _big_tables() -> list[str]:
    return [apps.get_model(m)._meta.db_table for m in _BIG_MODELS]


_BIG_MODELS = (
    "sessions_log.SupportSession",
    "sessions_log.Attendance",
    "learners.Learner",
    "learners.Consent",
    "learners.SelfAssessment",
)


# --- vocabulary weights: what a real programme's records look like ---------------------------

SECTOR_WEIGHTS = {
    Sector.HOUSING: 26,
    Sector.CHARITY: 24,
    Sector.COUNCIL: 14,
    Sector.LIBRARY: 12,
    Sector.HEALTH: 8,
    Sector.TRADE_UNION: 6,
    Sector.EMPLOYER: 6,
    Sector.OTHER: 4,
}
# Roughly by population.
REGION_WEIGHTS = {
    Region.LONDON: 13,
    Region.SOUTH_EAST: 14,
    Region.NORTH_WEST: 11,
    Region.EAST: 9,
    Region.WEST_MIDLANDS: 9,
    Region.SOUTH_WEST: 8,
    Region.YORKSHIRE: 8,
    Region.EAST_MIDLANDS: 7,
    Region.SCOTLAND: 8,
    Region.WALES: 5,
    Region.NORTH_EAST: 4,
    Region.NORTHERN_IRELAND: 3,
}
PLACES = {
    Region.LONDON: (
        ["Hackney", "Lambeth", "Newham", "Camden", "Croydon", "Brent"],
        ["E8", "SE11", "E13", "NW1", "CR0", "NW10"],
    ),
    Region.SOUTH_EAST: (
        ["Brighton", "Reading", "Oxford", "Kent", "Portsmouth", "Slough"],
        ["BN1", "RG1", "OX4", "ME14", "PO1", "SL1"],
    ),
    Region.NORTH_WEST: (
        ["Manchester", "Liverpool", "Preston", "Bolton", "Salford", "Wigan"],
        ["M14", "L8", "PR1", "BL1", "M6", "WN1"],
    ),
    Region.EAST: (
        ["Norwich", "Ipswich", "Luton", "Peterborough", "Colchester", "Cambridge"],
        ["NR1", "IP1", "LU1", "PE1", "CO1", "CB1"],
    ),
    Region.WEST_MIDLANDS: (
        ["Birmingham", "Coventry", "Wolverhampton", "Stoke", "Dudley", "Walsall"],
        ["B10", "CV1", "WV1", "ST4", "DY1", "WS1"],
    ),
    Region.SOUTH_WEST: (
        ["Bristol", "Plymouth", "Exeter", "Swindon", "Gloucester", "Cornwall"],
        ["BS5", "PL1", "EX4", "SN1", "GL1", "TR1"],
    ),
    Region.YORKSHIRE: (
        ["Leeds", "Sheffield", "Bradford", "Hull", "York", "Wakefield"],
        ["LS9", "S2", "BD3", "HU3", "YO1", "WF1"],
    ),
    Region.EAST_MIDLANDS: (
        ["Nottingham", "Leicester", "Derby", "Lincoln", "Northampton", "Mansfield"],
        ["NG7", "LE2", "DE1", "LN1", "NN1", "NG18"],
    ),
    Region.SCOTLAND: (
        ["Glasgow", "Edinburgh", "Dundee", "Aberdeen", "Fife", "Inverness"],
        ["G31", "EH11", "DD1", "AB10", "KY1", "IV1"],
    ),
    Region.WALES: (
        ["Cardiff", "Swansea", "Newport", "Wrexham", "Rhondda", "Bangor"],
        ["CF10", "SA1", "NP20", "LL11", "CF40", "LL57"],
    ),
    Region.NORTH_EAST: (
        ["Newcastle", "Sunderland", "Durham", "Middlesbrough", "Gateshead", "Hartlepool"],
        ["NE6", "SR1", "DH1", "TS1", "NE8", "TS24"],
    ),
    Region.NORTHERN_IRELAND: (
        ["Belfast", "Derry", "Newry", "Lisburn", "Armagh", "Omagh"],
        ["BT5", "BT48", "BT34", "BT28", "BT61", "BT78"],
    ),
}
SECTOR_NAMES = {
    Sector.HOUSING: ["Housing Association", "Homes", "Housing Trust", "Living"],
    Sector.CHARITY: ["Community Trust", "Age Concern", "Community Action", "Citizens Advice"],
    Sector.COUNCIL: ["Council", "City Council", "Borough Council"],
    Sector.LIBRARY: ["Libraries", "Library Service"],
    Sector.HEALTH: ["NHS Foundation Trust", "Health Partnership"],
    Sector.TRADE_UNION: ["Trades Council", "Workers' Learning"],
    Sector.EMPLOYER: ["Logistics", "Care Services", "Retail Group"],
    Sector.OTHER: ["Digital Hub", "Learning Partnership"],
}
TEAM_NAMES = [
    "Community hubs",
    "Tenancy support",
    "Outreach",
    "Drop-in",
    "Central",
    "North",
    "South",
    "East",
    "West",
    "Volunteers",
    "Learning",
    "Customer services",
    "Libraries",
    "Care homes",
    "Employment support",
    "Family support",
]
FIRST_NAMES = (
    "Aisha Amir Anna Ben Bethan Carlos Chloe Daniel Deepa Ellie Emeka Ewa Fatima Finn Grace "
    "Hannah Harry Imran Isla Jack Jamal Joanna Kai Kofi Laura Leon Lily Mohammed Megan Nadia "
    "Niamh Oliver Olu Owen Priya Rachel Raj Rhiannon Rosa Ruth Sam Sara Sean Sophie Tariq Tom "
    "Uma Victor Wei Yusuf Zara Zofia Ahmed Bridget Conor Dev Eilidh Hamza Iris Jon"
).split()
LAST_NAMES = (
    "Ali Begum Brown Campbell Chen Clarke Davies Evans Francis Ghosh Green Hall Hughes Jones "
    "Kaur Khan Kowalski Lewis MacDonald Martin Morgan Murphy Nowak Okafor Owusu Patel Price "
    "Rahman Reid Roberts Robinson Shah Singh Smith Taylor Thomas Walker Watson White Williams "
    "Wilson Wright Young Ahmed Baker Byrne Doherty Ellis Flynn Hussain"
).split()
VENUES = [
    "",
    "",
    "",
    "Community centre",
    "Library",
    "Tenants' hall",
    "Job centre",
    "Café",
    "Church hall",
    "Online",
]
NOTES = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Wants to practise at home.",
    "Bring charger next time.",
    "Son helps at weekends.",
    "Nervous about scams.",
]
TOPIC_WEIGHTS = {
    Topic.EMAIL: 14,
    Topic.VIDEO_CALLS: 7,
    Topic.ONLINE_BANKING: 10,
    Topic.NHS_APP: 11,
    Topic.BENEFITS: 10,
    Topic.JOB_SEARCH: 7,
    Topic.SOCIAL_MEDIA: 6,
    Topic.ONLINE_SHOPPING: 5,
    Topic.SCAMS: 9,
    Topic.DEVICE_SETUP: 12,
    Topic.ACCESSIBILITY: 3,
    Topic.OTHER: 4,
}
BARRIER_WEIGHTS = {
    Barrier.CONFIDENCE: 30,
    Barrier.NO_DEVICE: 12,
    Barrier.NO_CONNECTIVITY: 10,
    Barrier.COST: 10,
    Barrier.ACCESSIBILITY: 8,
    Barrier.LANGUAGE: 7,
    Barrier.IT_PERMISSIONS: 3,
}
CANCEL_WEIGHTS = {
    CancelReason.LEARNER_CANCELLED: 50,
    CancelReason.CHAMPION_UNAVAILABLE: 20,
    CancelReason.VENUE: 8,
    CancelReason.DISRUPTION: 8,
    CancelReason.PUBLIC_HEALTH: 2,
    CancelReason.IT_PROBLEM: 7,
    CancelReason.OTHER: 5,
}
MODE_WEIGHTS = {Mode.IN_PERSON: 66, Mode.PHONE: 18, Mode.VIDEO: 10, Mode.ONLINE_CHAT: 6}
# (one-to-one, group, drop-in) by sector: libraries run drop-ins, employers run groups.
FORMAT_WEIGHTS = {
    Sector.LIBRARY: (50, 20, 30),
    Sector.EMPLOYER: (50, 40, 10),
    Sector.TRADE_UNION: (55, 35, 10),
}
DEFAULT_FORMAT_WEIGHTS = (72, 16, 12)
DURATIONS = {
    SessionFormat.ONE_TO_ONE: [30, 45, 60, 60, 60, 90],
    SessionFormat.GROUP: [60, 90, 90, 120],
    SessionFormat.DROP_IN: [120, 180, 180, 240],
}
WEEKDAY = [1.10, 1.20, 1.20, 1.15, 0.90, 0.30, 0.08]
MONTH = {
    1: 1.05,
    2: 1.0,
    3: 1.05,
    4: 0.95,
    5: 1.0,
    6: 1.0,
    7: 0.9,
    8: 0.6,
    9: 1.1,
    10: 1.1,
    11: 1.05,
    12: 0.85,
}
AGE_WEIGHTS = {
    AgeBand.UNDER_25: 5,
    AgeBand.AGE_25_44: 15,
    AgeBand.AGE_45_64: 24,
    AgeBand.AGE_65_74: 25,
    AgeBand.AGE_75_PLUS: 19,
    AgeBand.PREFER_NOT: 5,
    "": 7,
}
GENDER_WEIGHTS = {
    Gender.WOMAN: 56,
    Gender.MAN: 35,
    Gender.NON_BINARY: 1,
    Gender.SELF_DESCRIBED: 1,
    Gender.PREFER_NOT: 3,
    "": 4,
}
EMPLOYMENT_WEIGHTS = {
    EmploymentStatus.RETIRED: 40,
    EmploymentStatus.UNEMPLOYED: 18,
    EmploymentStatus.EMPLOYED: 15,
    EmploymentStatus.NOT_WORKING: 14,
    EmploymentStatus.STUDENT: 3,
    EmploymentStatus.PREFER_NOT: 4,
    "": 6,
}
DISABILITY_WEIGHTS = {
    YesNoPreferNot.YES: 28,
    YesNoPreferNot.NO: 42,
    YesNoPreferNot.PREFER_NOT: 8,
    "": 22,
}
LANGUAGE_WEIGHTS = {
    YesNoPreferNot.YES: 70,
    YesNoPreferNot.NO: 16,
    YesNoPreferNot.PREFER_NOT: 2,
    "": 12,
}
HEARD_WEIGHTS = {
    HeardFrom.REFERRAL: 25,
    HeardFrom.FRIEND: 22,
    HeardFrom.POSTER: 12,
    HeardFrom.STAFF: 20,
    HeardFrom.ONLINE: 8,
    HeardFrom.OTHER: 3,
    "": 10,
}
CONSENT_METHOD_WEIGHTS = {
    ConsentMethod.VERBAL: 55,
    ConsentMethod.WRITTEN: 25,
    ConsentMethod.PHONE: 15,
    ConsentMethod.ONLINE: 5,
}


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


class _Picker:
    """Fast weighted choice: one random() and one bisect per pick."""

    def __init__(self, items, weights, rng: random.Random):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.random = rng.random

    def __call__(self):
        return self.items[bisect.bisect_right(self.cum, self.random() * self.total)]


def _pg_array(values) -> str:
    return "{" + ",".join(values) + "}"


def _uuid_hex(rng: random.Random) -> str:
    # A version-4 UUID from the seeded generator (uuid4() would not be deterministic).
    value = rng.getrandbits(128)
    value = (value & ~(0xF << 76)) | (0x4 << 76)
    value = (value & ~(0x3 << 62)) | (0x2 << 62)
    return f"{value:032x}"


def _reference(index: int) -> str:
    # A bijection of the index onto 6 characters of the learner alphabet (an odd multiplier
    # modulo 32**6), so references look random and never collide within an organisation.
    from learners.models import REFERENCE_ALPHABET

    value = (index * 0x2545F491 + 0x1234567) % (32**6)
    chars = []
    for _ in range(6):
        value, digit = divmod(value, 32)
        chars.append(REFERENCE_ALPHABET[digit])
    return "L-" + "".join(chars)


# --- the people ---------------------------------------------------------------------------------


@dataclass
class _Org:
    index: int
    id: int = 0
    sector: str = ""
    region: str = ""
    joined: dt.date = dt.date.min
    champions: list = field(default_factory=list)
    team_ids: list = field(default_factory=list)
    learner_ids: list = field(default_factory=list)  # global learner indexes, by start date
    learner_starts: list = field(default_factory=list)  # day numbers, sorted
    format_picker: _Picker | None = None


@dataclass
class _Champion:
    org: _Org
    user_id: int = 0
    team_id: int | None = None
    weight: float = 1.0
    joined: int = 0  # day number
    left: int | None = None  # day number, None while active


class _Builder:
    def __init__(self, *, seed: int, log: Log, today: dt.date, scale: Scale):
        self.scale = scale
        self.rng = random.Random(f"{seed}:core.demo_large")
        self.log = log
        self.today = today
        self.start = today.replace(year=today.year - YEARS) + dt.timedelta(days=1)
        self.days = (today - self.start).days + 1  # day numbers 0..days-1 are in the past
        self.date_strs = [
            (self.start + dt.timedelta(days=i)).isoformat()
            for i in range(self.days + PLANNED_AHEAD_DAYS + 60)
        ]
        self.now_str = timezone.now().isoformat()

    # -- orchestration --
    def build(self) -> None:
        t = time.monotonic()
        self._people()
        self.log(
            f"large: {self.scale.organisations} organisations and {self.user_count} people in {time.monotonic() - t:.0f}s"
        )
        # Ids are chosen here, so attendances can point at sessions and learners before those are
        # written, and no query has to share the connection with the COPY thread.
        self.next_ids = {m: _next_id(apps.get_model(m)) for m in _BIG_MODELS}
        with _LoadWindow(self.log):
            t = time.monotonic()
            self._learner_profiles()
            self._sessions()
            self.log(f"large: sessions and attendances in {time.monotonic() - t:.0f}s")
            t = time.monotonic()
            self._learners()
            self.log(
                f"large: learners, consents and self-assessments in {time.monotonic() - t:.0f}s"
            )
        for model in _BIG_MODELS:
            _reset_sequence(apps.get_model(model))

    # -- organisations, teams, people: a few thousand rows, through the ORM --
    def _people(self) -> None:
        from allauth.account.models import EmailAddress
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP

        from accounts.models import User
        from organisations.models import Membership, Organisation, Team

        rng = self.rng
        # Realistic skew: organisation r (1-based) gets a share proportional to 1/(r+1), so the
        # largest has ~10% of all activity and the smallest a handful of champions.
        scale = self.scale
        weights = [1 / (r + 1) for r in range(1, scale.organisations + 1)]
        total = sum(weights)
        sizes = [max(3, int(scale.champions * w / total)) for w in weights]
        i = 0
        while sum(sizes) < scale.champions:  # hand out what rounding left, largest first
            sizes[i % len(sizes)] += 1
            i += 1

        sector_pick = _Picker(SECTOR_WEIGHTS, SECTOR_WEIGHTS.values(), rng)
        region_pick = _Picker(REGION_WEIGHTS, REGION_WEIGHTS.values(), rng)
        self.orgs: list[_Org] = []
        names: set[str] = set()
        org_rows = []
        for index in range(scale.organisations):
            sector, region = sector_pick(), region_pick()
            if index == 0:
                sector, region = Sector.HOUSING, Region.NORTH_WEST
            places = PLACES[region][0]
            place = rng.choice(places)
            base = f"{place} {rng.choice(SECTOR_NAMES[sector])}"
            name, n = base, 2
            while name in names:
                name, n = f"{base} {n}", n + 1
            names.add(name)
            # The larger organisations were there from the start; others joined over two years.
            if index < 20:
                joined = 0
            else:
                joined = int(self.days * 0.7 * rng.random() ** 1.5)
            org = _Org(index=index, sector=sector, region=region, joined=joined)
            fw = FORMAT_WEIGHTS.get(sector, DEFAULT_FORMAT_WEIGHTS)
            org.format_picker = _Picker(
                [SessionFormat.ONE_TO_ONE, SessionFormat.GROUP, SessionFormat.DROP_IN], fw, rng
            )
            self.orgs.append(org)
            org_rows.append(
                Organisation(
                    name=name,
                    sector=sector,
                    region=region,
                    local_authority=place,
                    reminder_after_days=rng.choice([14, 14, 14, 21, 30]),
                    created_at=self._aware(joined, 9),
                )
            )
        for org, row in zip(self.orgs, Organisation.objects.bulk_create(org_rows), strict=True):
            org.id = row.id

        team_rows, team_owner = [], []
        for org, size in zip(self.orgs, sizes, strict=True):
            for t in range(max(1, min(len(TEAM_NAMES), round(size / 15)))):
                team_rows.append(
                    Team(
                        organisation_id=org.id,
                        name=TEAM_NAMES[t],
                        created_at=self._aware(org.joined, 9),
                    )
                )
                team_owner.append(org)
        for org, row in zip(team_owner, Team.objects.bulk_create(team_rows), strict=True):
            org.team_ids.append(row.id)

        # One password hash for everybody: hashing 5,000 times would take minutes.
        password = make_password(PASSWORD)
        people = []  # (email, name, is_network_admin, joined day)
        for a in range(scale.network_admins):
            people.append(
                (ADMIN_EMAIL if a == 0 else f"admin-{a + 1}@{EMAIL_DOMAIN}", self._name(), True, 0)
            )
        pm_orgs = []
        for org in self.orgs:
            email = LARGEST_PM_EMAIL if org.index == 0 else f"pm-{org.index + 1:03d}@{EMAIL_DOMAIN}"
            people.append((email, self._name(), False, org.joined))
            pm_orgs.append(org)
        for extra in range(scale.extra_pms):
            org = self.orgs[extra % min(25, len(self.orgs))]
            people.append(
                (
                    f"pm-{org.index + 1:03d}-{extra // 25 + 2}@{EMAIL_DOMAIN}",
                    self._name(),
                    False,
                    org.joined,
                )
            )
            pm_orgs.append(org)
        self.champions: list[_Champion] = []
        number = 0
        for org, size in zip(self.orgs, sizes, strict=True):
            for c in range(size):
                number += 1
                email = (
                    LARGEST_CHAMPION_EMAIL
                    if (org.index == 0 and c == 0)
                    else f"champion-{number:05d}@{EMAIL_DOMAIN}"
                )
                # Half start with the organisation, the rest join over time: that is the growth.
                if c == 0 or rng.random() < 0.45:
                    joined = org.joined
                else:
                    joined = org.joined + int((self.days - org.joined) * rng.random() ** 0.8)
                champion = _Champion(org=org, joined=joined)
                # Some champions are far busier than others (staff more than volunteers).
                champion.weight = rng.lognormvariate(0, 0.8)
                if c > 0 and rng.random() < 0.1:
                    champion.left = joined + int((self.days - joined) * rng.random())
                if org.team_ids and rng.random() < 0.9:
                    champion.team_id = rng.choice(org.team_ids)
                self.champions.append(champion)
                org.champions.append(champion)
                people.append((email, self._name(), False, joined))

        users = User.objects.bulk_create(
            User(
                email=email,
                name=name,
                password=password,
                is_network_admin=admin,
                date_joined=self._aware(joined, 8),
            )
            for email, name, admin, joined in people
        )
        self.user_count = len(users)
        EmailAddress.objects.bulk_create(
            EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users
        )
        admins = users[: scale.network_admins]
        pms = users[scale.network_admins : scale.network_admins + len(pm_orgs)]
        champion_users = users[scale.network_admins + len(pm_orgs) :]
        for admin in admins:
            if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
                TOTP.activate(admin, ADMIN_TOTP_SECRET)
        memberships = [
            Membership(
                user=u, organisation_id=org.id, role=Role.PROJECT_MANAGER, joined_at=u.date_joined
            )
            for u, org in zip(pms, pm_orgs, strict=True)
        ]
        for user, champion in zip(champion_users, self.champions, strict=True):
            champion.user_id = user.id
            memberships.append(
                Membership(
                    user=user,
                    organisation_id=champion.org.id,
                    role=Role.CHAMPION,
                    champion_kind=ChampionKind.STAFF
                    if rng.random() < 0.4
                    else ChampionKind.VOLUNTEER,
                    team_id=champion.team_id,
                    is_active=champion.left is None,
                    joined_at=user.date_joined,
                )
            )
        Membership.objects.bulk_create(memberships)

    def _name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def _aware(self, day: int, hour: int) -> dt.datetime:
        return timezone.make_aware(
            dt.datetime.combine(self.start + dt.timedelta(days=day), dt.time(hour))
        )

    # -- the daily shape: growth, weekly cycle, August and Christmas --
    def _day_weight(self, day: int) -> float:
        date = self.start + dt.timedelta(days=day)
        growth = 0.55 + 0.9 * day / self.days
        weight = growth * WEEKDAY[date.weekday()] * MONTH[date.month]
        if (date.month == 12 and date.day >= 20) or (date.month == 1 and date.day <= 2):
            weight *= 0.05 if date.day in (25, 26, 1) else 0.25
        return weight

    def _learner_profiles(self) -> None:
        """Who the 100,000 learners are and when each first came; rows are written later, once
        their sessions are known (first/last session dates and counts)."""
        rng = self.rng
        day_weights = [self._day_weight(d) for d in range(self.days)]
        day_pick = _Picker(range(self.days), day_weights, rng)
        total_champions = len(self.champions)
        self.learner_org: list[_Org] = []
        self.learner_start: list[int] = []
        per_org = []
        for org in self.orgs:
            per_org.append(
                max(20, round(self.scale.learners * len(org.champions) / total_champions))
            )
        per_org[0] = max(20, per_org[0] + self.scale.learners - sum(per_org))
        index = 0
        for org, count in zip(self.orgs, per_org, strict=True):
            starts = []
            for _ in range(count):
                day = day_pick()
                while day < org.joined:
                    day = day_pick()
                starts.append(day)
            starts.sort()
            for day in starts:
                org.learner_ids.append(index)
                org.learner_starts.append(day)
                self.learner_org.append(org)
                self.learner_start.append(day)
                index += 1
        self.learner_count = index
        self.first_session = [None] * index
        self.last_session = [0] * index
        self.session_count = [0] * index

    # -- sessions and attendances: the million rows --
    def _sessions(self) -> None:
        from sessions_log.models import Attendance, SupportSession

        rng = self.rng
        random_ = rng.random
        session_table = _CopyTable(
            SupportSession,
            [
                "id",
                "public_id",
                "organisation_id",
                "champion_id",
                "team_id",
                "status",
                "cancel_reason",
                "cancel_note",
                "date",
                "start_time",
                "duration_minutes",
                "format",
                "mode",
                "venue",
                "skill_areas",
                "topics",
                "barriers",
                "device_support",
                "data_support",
                "signposting",
                "follow_up_needed",
                "follow_up_on",
                "follow_up_done_at",
                "notes",
                "anonymous_count",
                "people_count",
                "created_by_id",
                "created_at",
                "updated_at",
                "deleted_at",
                "deleted_by_id",
            ],
        )
        attendance_table = _CopyTable(
            Attendance,
            [
                "id",
                "organisation_id",
                "session_id",
                "learner_id",
                "date",
                "confidence_before",
                "confidence_after",
                "goal_met",
            ],
        )
        self.session_table, self.attendance_table = session_table, attendance_table
        # Learner ids are assigned now so attendances can point at them before they are written.
        self.learner_id_base = self.next_ids["learners.Learner"]
        session_id = self.next_ids["sessions_log.SupportSession"]
        attendance_id = self.next_ids["sessions_log.Attendance"]

        # How many sessions each day: growth, weekly cycle and holidays, a few planned ahead.
        future_days = range(self.days, self.days + PLANNED_AHEAD_DAYS)
        future_weights = [
            self._day_weight(min(d, self.days - 1))
            * (0.9 - 0.7 * (d - self.days) / PLANNED_AHEAD_DAYS)
            * 0.12
            for d in future_days
        ]
        past_weights = [self._day_weight(d) for d in range(self.days)]
        scale = self.scale.sessions / (sum(past_weights) + sum(future_weights))
        counts, carry = [], 0.0
        for w in past_weights + future_weights:
            carry += w * scale
            n = int(carry)
            carry -= n
            counts.append(n)
        counts[-1 - PLANNED_AHEAD_DAYS] += self.scale.sessions - sum(counts)

        profile = self._profile_pool()
        mode_pick = _Picker(MODE_WEIGHTS, MODE_WEIGHTS.values(), rng)
        cancel_pick = _Picker(CANCEL_WEIGHTS, CANCEL_WEIGHTS.values(), rng)
        before_pick = _Picker(["1", "2", "3", "4", "5"], [14, 30, 32, 18, 6], rng)
        uplift_pick = _Picker([-1, 0, 1, 2], [4, 26, 50, 20], rng)
        durations = {k: [str(v) for v in vals] for k, vals in DURATIONS.items()}
        times = [f"{h:02d}:{m:02d}:00" for h in range(9, 19) for m in (0, 30)]
        today_n = self.days - 1
        date_strs = self.date_strs
        one, group, drop_in = SessionFormat.ONE_TO_ONE, SessionFormat.GROUP, SessionFormat.DROP_IN
        first_session, last_session, session_count = (
            self.first_session,
            self.last_session,
            self.session_count,
        )
        learner_base = self.learner_id_base
        n_total = 0
        active_month = -1
        pick_champion = None
        next_log = 100_000

        for day, n in enumerate(counts):
            if n == 0:
                continue
            month = day // 30
            if month != active_month:
                active_month = month
                active = [
                    c
                    for c in self.champions
                    if c.joined <= day + 30 and (c.left is None or c.left >= day)
                ]
                pick_champion = _Picker(active, [c.weight for c in active], rng)
            date_s = date_strs[day]
            future = day > today_n
            recent = day > today_n - 14
            for _ in range(n):
                champion = pick_champion()
                for _retry in range(5):  # joined later this month: give it to a colleague
                    if champion.joined <= day:
                        break
                    champion = pick_champion()
                org = champion.org
                fmt = org.format_picker()
                r = random_()
                if future:
                    status = SessionStatus.PLANNED
                elif recent and r < 0.03:
                    status = SessionStatus.PLANNED  # not yet marked as done
                elif r < 0.065:
                    status = SessionStatus.CANCELLED
                elif r < 0.105 and fmt == one:
                    status = SessionStatus.NO_SHOW
                else:
                    status = SessionStatus.COMPLETED
                completed = status == SessionStatus.COMPLETED
                # Who came: learners with a record, and people without one.
                learners = ()
                anonymous = 0
                starts = org.learner_starts
                if fmt == one:
                    if random_() < 0.78 and starts:
                        learners = (self._pick_learner(org, day),)
                    else:
                        anonymous = 1
                elif fmt == group:
                    size = 3 + int(random_() * 10)
                    k = min(size, int(random_() * 5))
                    if starts:
                        learners = {self._pick_learner(org, day) for _ in range(k)}
                    anonymous = size - len(learners)
                else:
                    anonymous = 3 + int(22 * random_() ** 1.5)
                skills, topics, barriers, signposting = profile()
                start_time = times[int(random_() * 20)]
                cancel_reason = cancel_pick() if status == SessionStatus.CANCELLED else ""
                follow_up = completed and random_() < 0.1
                follow_on = follow_done = "\\N"
                if follow_up:
                    fday = day + (7 if random_() < 0.6 else 14)
                    follow_on = date_strs[fday]
                    if fday < today_n - 3 and random_() < 0.85:
                        follow_done = f"{date_strs[fday]} 16:00:00+00"
                created = (
                    f"{date_s} {start_time[:2]}:50:00+00"
                    if not future
                    else f"{date_strs[today_n - int(random_() * 14)]} 10:00:00+00"
                )
                deleted = deleted_by = "\\N"
                if random_() < 0.003:
                    deleted, deleted_by = created, str(champion.user_id)
                r = random_()
                device = "lent" if r < 0.03 else ("gifted" if r < 0.045 else "")
                r = random_()
                data = "sim" if r < 0.02 else ("voucher" if r < 0.04 else "")
                people = len(learners) + anonymous
                session_table.write(
                    (
                        str(session_id),
                        _uuid_hex(rng),
                        str(org.id),
                        str(champion.user_id),
                        str(champion.team_id) if champion.team_id else "\\N",
                        status,
                        cancel_reason,
                        "",
                        date_s,
                        start_time,
                        durations[fmt][int(random_() * len(durations[fmt]))],
                        fmt,
                        mode_pick() if fmt != drop_in else "in_person",
                        VENUES[int(random_() * 10)],
                        skills,
                        topics,
                        barriers,
                        device,
                        data,
                        signposting,
                        "t" if follow_up else "f",
                        follow_on,
                        follow_done,
                        NOTES[int(random_() * 13)],
                        str(anonymous),
                        str(people),
                        str(champion.user_id),
                        created,
                        created,
                        deleted,
                        deleted_by,
                    )
                )
                live = deleted == "\\N"
                for learner in learners:
                    before = after = goal = "\\N"
                    if completed and random_() < 0.72:
                        b = before_pick()
                        before = b
                        after = str(max(1, min(5, int(b) + uplift_pick())))
                        goal = "t" if random_() < 0.78 else "f"
                    attendance_table.write(
                        (
                            str(attendance_id),
                            str(org.id),
                            str(session_id),
                            str(learner_base + learner),
                            date_s,
                            before,
                            after,
                            goal,
                        )
                    )
                    attendance_id += 1
                    if completed and live:
                        if first_session[learner] is None:
                            first_session[learner] = day
                        last_session[learner] = day
                        session_count[learner] += 1
                session_id += 1
                n_total += 1
            if n_total >= next_log:
                self.log(f"large: {n_total:,} sessions generated")
                next_log += 100_000
        session_table.close()
        attendance_table.close()
        self.log(f"large: {n_total:,} sessions, {attendance_table.rows:,} attendances")

    def _pick_learner(self, org: _Org, day: int) -> int:
        """Mostly learners who came recently, with a long tail of people who come back."""
        hi = bisect.bisect_right(org.learner_starts, day)
        if hi == 0:
            hi = 1
        return org.learner_ids[hi - 1 - int(hi * self.rng.random() ** 4)]

    def _profile_pool(self) -> Callable[[], tuple]:
        """2,000 realistic combinations of skill areas, topics, barriers and signposting, with
        topics driving skill areas; each session draws one."""
        rng = self.rng
        topic_pick = _Picker(TOPIC_WEIGHTS, TOPIC_WEIGHTS.values(), rng)
        barrier_pick = _Picker(BARRIER_WEIGHTS, BARRIER_WEIGHTS.values(), rng)
        signposts = list(Signposting.values)
        pool = []
        for _ in range(2000):
            topics = sorted({topic_pick() for _ in range(1 + int(rng.random() ** 2 * 3))})
            skills = sorted(
                {SKILL_AREA_FOR_TOPIC[t] for t in topics}
                | ({SkillArea.FOUNDATION} if rng.random() < 0.2 else set())
            )
            barriers = sorted({barrier_pick() for _ in range(int(rng.random() ** 1.5 * 3))})
            signposting = [rng.choice(signposts)] if rng.random() < 0.15 else []
            pool.append(
                (_pg_array(skills), _pg_array(topics), _pg_array(barriers), _pg_array(signposting))
            )
        random_ = rng.random
        return lambda: pool[int(random_() * 2000)]

    # -- learners, consents, self-assessments --
    def _learners(self) -> None:
        from learners.models import Consent, Learner, SelfAssessment

        rng = self.rng
        random_ = rng.random
        learner_table = _CopyTable(
            Learner,
            [
                "id",
                "public_id",
                "organisation_id",
                "reference",
                "display_name",
                "contact_email",
                "contact_phone",
                "age_band",
                "gender",
                "employment_status",
                "disability",
                "first_language_english",
                "postcode_district",
                "heard_from",
                "is_shared",
                "created_by_id",
                "created_at",
                "updated_at",
                "first_session_on",
                "last_session_on",
                "session_count",
                "anonymised_at",
            ],
        )
        consent_table = _CopyTable(
            Consent,
            [
                "id",
                "public_id",
                "organisation_id",
                "learner_id",
                "kind",
                "given",
                "method",
                "notice_version",
                "what_they_were_told",
                "recorded_by_id",
                "recorded_at",
                "withdrawn_at",
            ],
        )
        assessment_table = _CopyTable(
            SelfAssessment,
            [
                "id",
                "public_id",
                "organisation_id",
                "learner_id",
                "assessed_on",
                "foundation",
                "communicating",
                "handling_information",
                "transacting",
                "problem_solving",
                "safe_and_legal",
                "foundation_tasks",
                "recorded_by_id",
                "created_at",
            ],
        )
        pickers = {
            name: _Picker(w, w.values(), rng)
            for name, w in {
                "age": AGE_WEIGHTS,
                "gender": GENDER_WEIGHTS,
                "employment": EMPLOYMENT_WEIGHTS,
                "disability": DISABILITY_WEIGHTS,
                "language": LANGUAGE_WEIGHTS,
                "heard": HEARD_WEIGHTS,
                "method": CONSENT_METHOD_WEIGHTS,
            }.items()
        }
        tasks = list(FoundationTask.values)
        consent_id = self.next_ids["learners.Consent"]
        assessment_id = self.next_ids["learners.SelfAssessment"]
        per_org_index: dict[int, int] = {}
        date_strs = self.date_strs
        for index in range(self.learner_count):
            org = self.learner_org[index]
            number = per_org_index[org.id] = per_org_index.get(org.id, 0) + 1
            learner_id = self.learner_id_base + index
            start = self.learner_start[index]
            first = self.first_session[index]
            created_day = min(start, first) if first is not None else start
            created = f"{date_strs[created_day]} 10:15:00+00"
            champion = org.champions[int(random_() * len(org.champions))]
            recorder = str(champion.user_id)
            contact = random_() < 0.25
            disability = pickers["disability"]()
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}."
            learner_table.write(
                (
                    str(learner_id),
                    _uuid_hex(rng),
                    str(org.id),
                    _reference(number),
                    name,
                    f"learner{learner_id}@example.net" if contact and random_() < 0.5 else "",
                    f"07700 9{learner_id % 100000:05d}" if contact else "",
                    pickers["age"](),
                    pickers["gender"](),
                    pickers["employment"](),
                    disability,
                    pickers["language"](),
                    rng.choice(PLACES[org.region][1]),
                    pickers["heard"](),
                    "t" if random_() < 0.3 else "f",
                    recorder,
                    created,
                    created,
                    date_strs[first] if first is not None else "\\N",
                    date_strs[self.last_session[index]] if first is not None else "\\N",
                    str(self.session_count[index]),
                    "\\N",
                )
            )
            method = pickers["method"]()
            kinds = (
                ["processing"]
                + (["contact"] if contact else [])
                + (["special_category"] if disability else [])
            )
            for kind in kinds:
                consent_table.write(
                    (
                        str(consent_id),
                        _uuid_hex(rng),
                        str(org.id),
                        str(learner_id),
                        kind,
                        "t",
                        method,
                        "2026-1",
                        "",
                        recorder,
                        created,
                        "\\N",
                    )
                )
                consent_id += 1
            # A starting self-assessment for many, and a second one for regulars.
            if first is not None and random_() < 0.45:
                scores = [1 + int(random_() ** 1.3 * 4) for _ in range(6)]
                can_do = sorted(t for t in tasks if random_() < 0.45)
                assessment_table.write(
                    (
                        str(assessment_id),
                        _uuid_hex(rng),
                        str(org.id),
                        str(learner_id),
                        date_strs[first],
                        *map(str, scores),
                        _pg_array(can_do),
                        recorder,
                        f"{date_strs[first]} 11:00:00+00",
                    )
                )
                assessment_id += 1
                last = self.last_session[index]
                if self.session_count[index] >= 3 and last - first >= 14 and random_() < 0.6:
                    scores = [min(5, s + int(random_() * 2.4)) for s in scores]
                    can_do = sorted(set(can_do) | {t for t in tasks if random_() < 0.3})
                    assessment_table.write(
                        (
                            str(assessment_id),
                            _uuid_hex(rng),
                            str(org.id),
                            str(learner_id),
                            date_strs[last],
                            *map(str, scores),
                            _pg_array(can_do),
                            recorder,
                            f"{date_strs[last]} 11:00:00+00",
                        )
                    )
                    assessment_id += 1
        for table in (learner_table, consent_table, assessment_table):
            table.close()
        self.log(
            f"large: {learner_table.rows:,} learners, {consent_table.rows:,} consents, "
            f"{assessment_table.rows:,} self-assessments"
        )


# --- COPY plumbing --------------------------------------------------------------------------------


def _next_id(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{model._meta.db_table}"')
        return cursor.fetchone()[0]


def _reset_sequence(model) -> None:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
            f'(SELECT COALESCE(MAX(id), 1) FROM "{table}"))'
        )


class _Copier:
    """One background thread feeding COPY while the main thread generates the next chunk: the
    database and Python each keep one of the two cores busy. psycopg2 releases the GIL while it
    waits on the server."""

    _instance: _Copier | None = None

    def __init__(self):
        connection.ensure_connection()
        self.raw = connection.connection
        self.jobs: queue.Queue = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            job = self.jobs.get()
            if job is None:
                return
            sql, buffer = job
            try:
                if self.error is None:
                    with self.raw.cursor() as cursor:
                        cursor.copy_expert(sql, buffer)
            except BaseException as exc:  # handed back to the main thread
                self.error = exc

    def submit(self, sql: str, data: str) -> None:
        if self.error:
            raise self.error
        self.jobs.put((sql, io.StringIO(data)))

    def finish(self) -> None:
        self.jobs.put(None)
        self.thread.join()
        if self.error:
            raise self.error


class _CopyTable:
    """Rows for one table, in PostgreSQL's text COPY format, sent in chunks. Columns of the model
    this loader does not know about (added later by the app's owner) get their field default."""

    def __init__(self, model, columns: list[str]):
        self.table = model._meta.db_table
        known = set(columns)
        extra_columns, extra_values = [], []
        for f in model._meta.concrete_fields:
            if f.column in known:
                continue
            per_row_default = callable(f.default) and f.default not in (list, dict, timezone.now)
            if f.unique or per_row_default:
                raise RuntimeError(
                    f"bench.demo_large does not know how to fill {self.table}.{f.column}"
                )
            value = f.get_db_prep_save(f.get_default(), connection)
            extra_columns.append(f.column)
            extra_values.append(_copy_literal(value))
        self.suffix = ("\t" + "\t".join(extra_values)) if extra_values else ""
        cols = ", ".join(f'"{c}"' for c in columns + extra_columns)
        self.sql = f'COPY "{self.table}" ({cols}) FROM STDIN'
        self.lines: list[str] = []
        self.rows = 0

    def write(self, values) -> None:
        self.lines.append("\t".join(values) + self.suffix)
        if len(self.lines) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            _LoadWindow.copier.submit(self.sql, "\n".join(self.lines) + "\n")
            self.rows += len(self.lines)
            self.lines = []

    def close(self) -> None:
        self.flush()


def _copy_literal(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, list | tuple):
        return _pg_array(str(v) for v in value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if hasattr(value, "adapted"):  # psycopg2 Json and friends
        value = value.dumps(value.adapted) if hasattr(value, "dumps") else value.adapted
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


class _LoadWindow:
    """Drops the big tables' secondary indexes and foreign keys for the load and rebuilds them
    exactly as they were (definitions read from the catalogue, so indexes other helpers add later
    are kept too). Primary keys stay: rows arrive in id order, so they are cheap."""

    copier: _Copier

    def __init__(self, log: Log):
        self.log = log

    def __enter__(self):
        tables = _big_tables()
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
                """,
                [tables],
            )
            self.constraints = cursor.fetchall()
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                """,
                [tables],
            )
            self.indexes = cursor.fetchall()
            # Check the deferred foreign keys of the rows written so far now: PostgreSQL will not
            # alter a table with trigger events still pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _ in self.constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _ in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        self.log(
            f"large: dropped {len(self.indexes)} indexes and {len(self.constraints)} constraints for the load"
        )
        _LoadWindow.copier = _Copier()
        return self

    def __exit__(self, exc_type, exc, tb):
        _LoadWindow.copier.finish()
        if exc_type:
            return False
        started = time.monotonic()
        with connection.cursor() as cursor:
            # Unique constraints first (their indexes), then plain indexes, then foreign keys,
            # whose validation can use the indexes just built.
            ordered = sorted(self.constraints, key=lambda c: c[2].startswith("FOREIGN KEY"))
            for table, name, definition in ordered[
                : sum(not c[2].startswith("FOREIGN KEY") for c in ordered)
            ]:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for _, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in ordered:
                if definition.startswith("FOREIGN KEY"):
                    cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        self.log(f"large: indexes and constraints rebuilt in {time.monotonic() - started:.0f}s")
        return False
