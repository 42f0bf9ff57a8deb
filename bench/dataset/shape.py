"""What the large data set looks like: its size, the people the benchmark and the load test sign
in as, and the mixes of a real programme's records (sectors, regions, topics, formats, the weekly
and yearly rhythm, learners' demographics)."""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, replace

from django.apps import apps

from core.vocabulary import (
    AgeBand,
    Barrier,
    CancelReason,
    ConsentMethod,
    EmploymentStatus,
    Gender,
    HeardFrom,
    Mode,
    Region,
    Sector,
    SessionFormat,
    Topic,
    YesNoPreferNot,
)

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
    years: int = 3  # of sessions, up to the seed's end date
    resources: int = 5_000  # the toolkit's benchmark library
    name: str = "large"

    def fraction(self, share: float) -> Scale:
        """A proportional slice (share 0.01 is 1%): every count times the share, over the same
        years, so a slice's rows per second say how long the whole set takes to build. At least
        two organisations and three champions each, so a slice still has a largest one."""
        if not 0 < share <= 1:
            raise ValueError(f"a fraction is more than 0 and at most 1, not {share}")
        if share == 1:
            return self
        organisations = max(2, round(self.organisations * share))
        return replace(
            self,
            organisations=organisations,
            champions=max(3 * organisations, round(self.champions * share)),
            extra_pms=round(self.extra_pms * share),
            learners=max(20 * organisations, round(self.learners * share)),
            sessions=max(100, round(self.sessions * share)),
            resources=max(1, round(self.resources * share)),
            name=f"{self.name} x{share:g}",
        )


LARGE = Scale()
# A national network (issue 18): ten times large, over five years.
NATIONAL = Scale(
    organisations=2_500,
    champions=50_000,
    extra_pms=500,
    learners=1_000_000,
    sessions=10_000_000,
    years=5,
    resources=50_000,
    name="national",
)
SCALES = {"large": LARGE, "national": NATIONAL}

PLANNED_AHEAD_DAYS = 42
CHUNK = 50_000

Log = Callable[[str], None]


BIG_MODELS = (
    "sessions_log.SupportSession",
    "sessions_log.Attendance",
    "learners.Learner",
    "learners.Consent",
    "learners.SelfAssessment",
)


def big_tables() -> list[str]:
    return [apps.get_model(m)._meta.db_table for m in BIG_MODELS]


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


class Picker:
    """Fast weighted choice: one random() and one bisect per pick."""

    def __init__(self, items, weights, rng: random.Random):
        self.items = list(items)
        self.cum = list(itertools.accumulate(weights))
        self.total = self.cum[-1]
        self.random = rng.random

    def __call__(self):
        return self.items[bisect.bisect_right(self.cum, self.random() * self.total)]
