"""Demo organisations, people and teams. The first two organisations and their people are the
demo logins printed by `make run`; the others give the network dashboard something to compare."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.db import transaction

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


def _person(email: str, name: str, *, network_admin: bool = False) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"name": name, "is_network_admin": network_admin}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
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
    ), champions in SMALL_ORGANISATIONS:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"sector": sector, "region": region, "local_authority": area}
        )
        teams = {
            t: Team.objects.get_or_create(organisation=organisation, name=t)[0] for t in team_names
        }
        pm = _person(pm_email, pm_name)
        Membership.objects.get_or_create(
            user=pm, organisation=organisation, defaults={"role": Role.PROJECT_MANAGER}
        )
        for email, person_name, kind, team in champions:
            champion = _person(email, person_name)
            Membership.objects.get_or_create(
                user=champion,
                organisation=organisation,
                defaults={"role": Role.CHAMPION, "champion_kind": kind, "team": teams[team]},
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
