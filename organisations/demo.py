"""Demo organisations, people and teams. The first two organisations and their people are the
demo logins printed by `make run`; the others give the network dashboard something to compare,
and five more housing providers give Riverside's benchmarks (impact/evidence.py: a median only
from five organisations) a sector and a network to be compared with."""

from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core.vocabulary import ChampionKind, Region, Role, Sector

from .models import Membership, Organisation, Team

DEMO_PASSWORD = "champions-demo-2026"
# A fixed secret so the demo network admin can sign in: `manage.py demo_totp` prints the code.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
DEMO_ADMIN_EMAIL = "admin@network.example"

# name, sector, region, local authority, teams, PM email, champions (email, name, kind, team)
SMALL_ORGANISATIONS = [
    (
        "Riverside Housing Association",
        Sector.HOUSING,
        Region.NORTH_WEST,
        "Manchester",
        ["Tenancy support", "Community hubs"],
        ("pm@riverside.example", "Priya Shah"),
        [
            ("champion@riverside.example", "Sam Okafor", ChampionKind.STAFF, "Tenancy support"),
            ("aisha@riverside.example", "Aisha Begum", ChampionKind.VOLUNTEER, "Community hubs"),
            ("tom@riverside.example", "Tom Jenkins", ChampionKind.VOLUNTEER, "Community hubs"),
            ("grace@riverside.example", "Grace Lewis", ChampionKind.STAFF, "Tenancy support"),
        ],
    ),
    (
        "Northgate Libraries",
        Sector.LIBRARY,
        Region.YORKSHIRE,
        "Leeds",
        ["Central library", "Branch libraries"],
        ("pm@northgate.example", "Daniel Murphy"),
        [
            ("champion@northgate.example", "Ewa Nowak", ChampionKind.VOLUNTEER, "Central library"),
            ("raj@northgate.example", "Raj Patel", ChampionKind.STAFF, "Branch libraries"),
        ],
    ),
    (
        "Bristol City Council",
        Sector.COUNCIL,
        Region.SOUTH_WEST,
        "Bristol",
        ["Neighbourhoods and Communities", "Learning and Development"],
        ("pm@bristol.example", "Catherine Makin"),
        [
            (
                "champion@bristol.example",
                "Leon Clarke",
                ChampionKind.STAFF,
                "Neighbourhoods and Communities",
            )
        ],
    ),
    (
        "Valleys Community Trust",
        Sector.CHARITY,
        Region.WALES,
        "Rhondda Cynon Taf",
        ["Drop-in"],
        ("pm@valleys.example", "Rhiannon Evans"),
        [("champion@valleys.example", "Owen Price", ChampionKind.VOLUNTEER, "Drop-in")],
    ),
]
# Housing providers to compare Riverside with: nobody signs in as them (no demo logins), but
# their programmes are as real as the others', of different sizes and ages.
COMPARISON_ORGANISATIONS = [
    (
        "Pennine Vale Homes",
        Sector.HOUSING,
        Region.YORKSHIRE,
        "Calderdale",
        ["Digital inclusion"],
        ("pm@penninevale.example", "Helen Brook"),
        [
            (
                "champion@penninevale.example",
                "Imran Hussain",
                ChampionKind.STAFF,
                "Digital inclusion",
            ),
            ("joy@penninevale.example", "Joy Adeyemi", ChampionKind.VOLUNTEER, "Digital inclusion"),
        ],
    ),
    (
        "Mersey Gate Housing",
        Sector.HOUSING,
        Region.NORTH_WEST,
        "Liverpool",
        ["Neighbourhood officers", "Volunteers"],
        ("pm@merseygate.example", "Kevin Doyle"),
        [
            (
                "champion@merseygate.example",
                "Siobhan Kelly",
                ChampionKind.STAFF,
                "Neighbourhood officers",
            ),
            ("mark@merseygate.example", "Mark Ellis", ChampionKind.STAFF, "Neighbourhood officers"),
            ("bea@merseygate.example", "Bea Santos", ChampionKind.VOLUNTEER, "Volunteers"),
        ],
    ),
    (
        "Thameside Housing Co-operative",
        Sector.HOUSING,
        Region.LONDON,
        "Southwark",
        ["Residents"],
        ("pm@thameside.example", "Olu Bankole"),
        [("champion@thameside.example", "Nadia Rahman", ChampionKind.VOLUNTEER, "Residents")],
    ),
    (
        "Wearside Homes Trust",
        Sector.HOUSING,
        Region.NORTH_EAST,
        "Sunderland",
        ["Sheltered housing"],
        ("pm@wearside.example", "Lorraine Watson"),
        [
            ("champion@wearside.example", "Gary Robson", ChampionKind.STAFF, "Sheltered housing"),
            ("ann@wearside.example", "Ann Forster", ChampionKind.VOLUNTEER, "Sheltered housing"),
        ],
    ),
    (
        "Severn Fields Housing",
        Sector.HOUSING,
        Region.WEST_MIDLANDS,
        "Worcester",
        ["Tenancy sustainment"],
        ("pm@severnfields.example", "Rachel Green"),
        [
            (
                "champion@severnfields.example",
                "Tariq Mahmood",
                ChampionKind.STAFF,
                "Tenancy sustainment",
            ),
            (
                "liz@severnfields.example",
                "Liz Turner",
                ChampionKind.VOLUNTEER,
                "Tenancy sustainment",
            ),
        ],
    ),
]


@dataclass(frozen=True)
class Activity:
    """How busy an organisation's demo programme is (pace: its sessions and learners against
    Riverside's) and how long it has run, so the benchmarks compare programmes that differ."""

    pace: float = 1.0
    days: int = 760  # both "the last 12 months" and the 12 before are full


ACTIVITY = {
    "Pennine Vale Homes": Activity(pace=0.6),
    "Mersey Gate Housing": Activity(pace=1.4),
    "Thameside Housing Co-operative": Activity(pace=0.4, days=420),
    "Wearside Homes Trust": Activity(pace=0.8),
    "Severn Fields Housing": Activity(pace=1.1, days=560),
}


def activity(organisation_name: str) -> Activity:
    return ACTIVITY.get(organisation_name, Activity())


@cache
def _demo_password_hash() -> str:
    """The demo password hashed once for every demo account: the hasher is slow on purpose,
    and hashing it for each of 13 accounts took this step 17.9 s on the shared machine (the
    28 accounts now take 1.6 s)."""
    return make_password(DEMO_PASSWORD)


def _person(email: str, name: str, *, network_admin: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_network_admin": network_admin}
    )
    if created:
        user.password = _demo_password_hash()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@transaction.atomic
def seed(*, scale: str, rng, log) -> None:
    admin = _person(DEMO_ADMIN_EMAIL, "Kathy Valdes", network_admin=True)
    if not Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(admin, DEMO_TOTP_SECRET)
    for name, sector, region, area, team_names, (
        pm_email,
        pm_name,
    ), champions in SMALL_ORGANISATIONS + COMPARISON_ORGANISATIONS:
        # It joined the network when its programme began (the network dashboard's joining).
        joined = timezone.now() - timedelta(days=activity(name).days)
        organisation, _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "sector": sector,
                "region": region,
                "local_authority": area,
                "created_at": joined,
            },
        )
        teams = {
            t: Team.objects.get_or_create(organisation=organisation, name=t)[0] for t in team_names
        }
        pm = _person(pm_email, pm_name)
        Membership.objects.get_or_create(
            user=pm,
            organisation=organisation,
            defaults={"role": Role.PROJECT_MANAGER, "joined_at": joined},
        )
        for email, person_name, kind, team in champions:
            champion = _person(email, person_name)
            Membership.objects.get_or_create(
                user=champion,
                organisation=organisation,
                defaults={
                    "role": Role.CHAMPION,
                    "champion_kind": kind,
                    "team": teams[team],
                    "joined_at": joined,
                },
            )
    # One person in two organisations, to show switching: the Riverside PM volunteers at Northgate.
    Membership.objects.get_or_create(
        user=User.objects.get(email="pm@riverside.example"),
        organisation=Organisation.objects.get(name="Northgate Libraries"),
        defaults={"role": Role.CHAMPION, "champion_kind": ChampionKind.VOLUNTEER},
    )
    log(
        f"organisations: {Organisation.objects.count()} organisations, {User.objects.count()} people"
    )
