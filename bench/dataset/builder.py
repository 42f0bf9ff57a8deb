"""The build: organisations, teams and people through the ORM (a few thousand rows), then the big
tables (session_rows, learner_rows) inside the load window."""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from core.vocabulary import ChampionKind, Region, Role, Sector, SessionFormat

from .learner_rows import LearnerRows
from .pgload import LoadWindow, next_id, reset_sequence
from .session_rows import SessionRows
from .shape import (
    ADMIN_EMAIL,
    ADMIN_TOTP_SECRET,
    BIG_MODELS,
    DEFAULT_FORMAT_WEIGHTS,
    EMAIL_DOMAIN,
    FIRST_NAMES,
    FORMAT_WEIGHTS,
    LARGEST_CHAMPION_EMAIL,
    LARGEST_PM_EMAIL,
    LAST_NAMES,
    MONTH,
    PASSWORD,
    PLACES,
    PLANNED_AHEAD_DAYS,
    REGION_WEIGHTS,
    SECTOR_NAMES,
    SECTOR_WEIGHTS,
    TEAM_NAMES,
    WEEKDAY,
    Log,
    Picker,
    Scale,
)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February becomes the 28th in a year that has none."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --- the people ---------------------------------------------------------------------------------


@dataclass
class Org:
    index: int
    id: int = 0
    sector: str = ""
    region: str = ""
    joined: dt.date = dt.date.min
    champions: list = field(default_factory=list)
    team_ids: list = field(default_factory=list)
    learner_ids: list = field(default_factory=list)  # global learner indexes, by start date
    learner_starts: list = field(default_factory=list)  # day numbers, sorted
    format_picker: Picker | None = None


@dataclass
class Champion:
    org: Org
    user_id: int = 0
    team_id: int | None = None
    weight: float = 1.0
    joined: int = 0  # day number
    left: int | None = None  # day number, None while active


class Builder(SessionRows, LearnerRows):
    def __init__(
        self, *, seed: int, log: Log, today: dt.date, scale: Scale, rebuild_later: bool = False
    ):
        self.scale = scale
        # The load's indexes and foreign keys left to seed_large, to build once it commits.
        self.rebuild_later = rebuild_later
        # The stream keeps the name it had when this lived in core/demo_large.py: the same seed
        # gives the same data set as before the move, so benchmark results stay comparable.
        self.rng = random.Random(f"{seed}:core.demo_large")
        self.log = log
        self.today = today
        self.start = years_before(today, scale.years) + dt.timedelta(days=1)
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
            f"{self.scale.organisations} organisations and {self.user_count} people in {time.monotonic() - t:.0f}s"
        )
        # Ids are chosen here, so attendances can point at sessions and learners before those are
        # written, and no query has to share the connection with the COPY thread.
        self.next_ids = {m: next_id(apps.get_model(m)) for m in BIG_MODELS}
        with LoadWindow(self.log, rebuild_later=self.rebuild_later) as self.load_window:
            t = time.monotonic()
            self._learner_profiles()
            self._sessions()
            self.log(f"sessions and attendances in {time.monotonic() - t:.0f}s")
            t = time.monotonic()
            self._learners()
            self.log(f"learners, consents and self-assessments in {time.monotonic() - t:.0f}s")
        for model in BIG_MODELS:
            reset_sequence(apps.get_model(model))

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

        sector_pick = Picker(SECTOR_WEIGHTS, SECTOR_WEIGHTS.values(), rng)
        region_pick = Picker(REGION_WEIGHTS, REGION_WEIGHTS.values(), rng)
        self.orgs: list[Org] = []
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
            org = Org(index=index, sector=sector, region=region, joined=joined)
            fw = FORMAT_WEIGHTS.get(sector, DEFAULT_FORMAT_WEIGHTS)
            org.format_picker = Picker(
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
        self.champions: list[Champion] = []
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
                champion = Champion(org=org, joined=joined)
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
