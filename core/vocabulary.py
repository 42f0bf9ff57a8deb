"""The vocabulary of the field, in one place. Forms, filters, dashboards, exports and seed data all
import these, so a label changes once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HOUSING = "housing", "Housing provider"
    COUNCIL = "council", "Council"
    TRADE_UNION = "trade_union", "Trade union"
    CHARITY = "charity", "Charity"
    LIBRARY = "library", "Library"
    HEALTH = "health", "Health (NHS trust)"
    EMPLOYER = "employer", "Employer"
    OTHER = "other", "Other"


class Region(models.TextChoices):
    """UK nations, and the English regions (ITL1)."""

    NORTH_EAST = "north_east", "North East"
    NORTH_WEST = "north_west", "North West"
    YORKSHIRE = "yorkshire", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east_midlands", "East Midlands"
    WEST_MIDLANDS = "west_midlands", "West Midlands"
    EAST = "east", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south_east", "South East"
    SOUTH_WEST = "south_west", "South West"
    WALES = "wales", "Wales"
    SCOTLAND = "scotland", "Scotland"
    NORTHERN_IRELAND = "northern_ireland", "Northern Ireland"


class Role(models.TextChoices):
    PROJECT_MANAGER = "pm", "Project manager"
    CHAMPION = "champion", "Digital Champion"


class ChampionKind(models.TextChoices):
    STAFF = "staff", "Staff"
    VOLUNTEER = "volunteer", "Volunteer"


class SkillArea(models.TextChoices):
    """UK Essential Digital Skills framework (DfE 2018/2019): foundation plus five areas."""

    FOUNDATION = "foundation", "Foundation skills"
    COMMUNICATING = "communicating", "Communicating"
    HANDLING_INFORMATION = "handling_information", "Handling information and content"
    TRANSACTING = "transacting", "Transacting"
    PROBLEM_SOLVING = "problem_solving", "Problem solving"
    SAFE_AND_LEGAL = "safe_and_legal", "Being safe and legal online"


class FoundationTask(models.TextChoices):
    DEVICE_CONTROLS = "device_controls", "Turn on a device and use its controls"
    ACCESSIBILITY_TOOLS = "accessibility_tools", "Use accessibility tools"
    HOME_SCREEN = "home_screen", "Use the home screen"
    INTERNET_AND_WIFI = "internet_and_wifi", "Understand the internet and Wi-Fi"
    SAFE_WIFI = "safe_wifi", "Connect to safe Wi-Fi"
    BROWSER = "browser", "Open a browser and find a website"
    PASSWORDS_SAFE = "passwords_safe", "Keep passwords and personal information safe"
    UPDATE_PASSWORD = "update_password", "Update a password when prompted"


class Topic(models.TextChoices):
    EMAIL = "email", "Email"
    VIDEO_CALLS = "video_calls", "Video calls"
    ONLINE_BANKING = "online_banking", "Online banking"
    NHS_APP = "nhs_app", "NHS App and GP booking"
    BENEFITS = "benefits", "Universal Credit and benefits"
    JOB_SEARCH = "job_search", "Job search and CVs"
    SOCIAL_MEDIA = "social_media", "Social media"
    ONLINE_SHOPPING = "online_shopping", "Online shopping"
    SCAMS = "scams", "Scams and staying safe"
    DEVICE_SETUP = "device_setup", "Device set-up"
    ACCESSIBILITY = "accessibility", "Accessibility settings"
    OTHER = "other", "Other"


# The Essential Digital Skills area each topic mostly belongs to (demo data uses it; a form could
# suggest the area from the topics).
SKILL_AREA_FOR_TOPIC = {
    Topic.EMAIL: SkillArea.COMMUNICATING,
    Topic.VIDEO_CALLS: SkillArea.COMMUNICATING,
    Topic.ONLINE_BANKING: SkillArea.TRANSACTING,
    Topic.NHS_APP: SkillArea.TRANSACTING,
    Topic.BENEFITS: SkillArea.TRANSACTING,
    Topic.JOB_SEARCH: SkillArea.HANDLING_INFORMATION,
    Topic.SOCIAL_MEDIA: SkillArea.COMMUNICATING,
    Topic.ONLINE_SHOPPING: SkillArea.TRANSACTING,
    Topic.SCAMS: SkillArea.SAFE_AND_LEGAL,
    Topic.DEVICE_SETUP: SkillArea.FOUNDATION,
    Topic.ACCESSIBILITY: SkillArea.FOUNDATION,
    Topic.OTHER: SkillArea.PROBLEM_SOLVING,
}


class Barrier(models.TextChoices):
    NO_DEVICE = "no_device", "No device"
    NO_CONNECTIVITY = "no_connectivity", "No connectivity"
    ACCESSIBILITY = "accessibility", "Accessibility need"
    LANGUAGE = "language", "Language"
    COST = "cost", "Cost"
    CONFIDENCE = "confidence", "Low confidence or motivation"
    IT_PERMISSIONS = "it_permissions", "IT permissions"


class SessionFormat(models.TextChoices):
    ONE_TO_ONE = "one_to_one", "One-to-one"
    GROUP = "group", "Group"
    DROP_IN = "drop_in", "Drop-in (tally)"


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    ONLINE_CHAT = "online_chat", "Online chat"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"
    NO_SHOW = "no_show", "No-show"


class CancelReason(models.TextChoices):
    LEARNER_CANCELLED = "learner_cancelled", "Learner cancelled"
    CHAMPION_UNAVAILABLE = "champion_unavailable", "Champion unavailable"
    VENUE = "venue", "Venue problem"
    DISRUPTION = "disruption", "Weather or disruption"
    PUBLIC_HEALTH = "public_health", "Public-health restrictions"
    IT_PROBLEM = "it_problem", "IT or device problem"
    OTHER = "other", "Other"


class DeviceSupport(models.TextChoices):
    NONE = "", "None"
    LENT = "lent", "Device lent"
    GIFTED = "gifted", "Device gifted"


class DataSupport(models.TextChoices):
    NONE = "", "None"
    SIM = "sim", "SIM card"
    VOUCHER = "voucher", "Data voucher"


class Signposting(models.TextChoices):
    COURSE = "course", "A course or further learning"
    LIBRARY = "library", "A library"
    SERVICE = "service", "A public or advice service"
    EMPLOYMENT = "employment", "Employment support"
    OTHER = "other", "Other help"


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", "Under 25"
    AGE_25_44 = "25_44", "25 to 44"
    AGE_45_64 = "45_64", "45 to 64"
    AGE_65_74 = "65_74", "65 to 74"
    AGE_75_PLUS = "75_plus", "75 or over"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    NON_BINARY = "non_binary", "Non-binary"
    SELF_DESCRIBED = "other", "Describes themselves another way"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", "Employed or self-employed"
    UNEMPLOYED = "unemployed", "Unemployed, looking for work"
    RETIRED = "retired", "Retired"
    STUDENT = "student", "In education"
    NOT_WORKING = "not_working", "Not working for other reasons"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class YesNoPreferNot(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    PREFER_NOT = "prefer_not", "Prefer not to say"


class HeardFrom(models.TextChoices):
    REFERRAL = "referral", "Referred by a service"
    FRIEND = "friend", "Friend or family"
    POSTER = "poster", "Poster or leaflet"
    STAFF = "staff", "Staff member"
    ONLINE = "online", "Online"
    OTHER = "other", "Other"


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", "Verbally, in person"
    WRITTEN = "written", "Signed a paper form"
    PHONE = "phone", "Verbally, by phone"
    ONLINE = "online", "Online form"


class ResourceType(models.TextChoices):
    GUIDE = "guide", "Guide"
    LESSON_PLAN = "lesson_plan", "Lesson plan"
    HANDOUT = "handout", "Handout"
    VIDEO = "video", "Video"
    TEMPLATE = "template", "Template"
    CASE_STUDY = "case_study", "Case study"
    POLICY = "policy", "Policy"
    LINK = "link", "Link"


class Audience(models.TextChoices):
    CHAMPIONS = "champions", "Digital Champions"
    PROJECT_MANAGERS = "project_managers", "Project managers"
    LEARNERS = "learners", "Learners"


class Language(models.TextChoices):
    """English, Welsh, and the languages most often asked for in UK community settings."""

    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh (Cymraeg)"
    POLISH = "pl", "Polish"
    URDU = "ur", "Urdu"
    PUNJABI = "pa", "Punjabi"
    BENGALI = "bn", "Bengali"
    ARABIC = "ar", "Arabic"
    ROMANIAN = "ro", "Romanian"
    SOMALI = "so", "Somali"


# Devices and data (the lending library, devices/). Labels are translated; stored values are codes.


class DeviceKind(models.TextChoices):
    LAPTOP = "laptop", _("Laptop")
    TABLET = "tablet", _("Tablet")
    SMARTPHONE = "smartphone", _("Smartphone")
    HOTSPOT = "hotspot", _("Mobile hotspot")


class DeviceSource(models.TextChoices):
    DONATED = "donated", _("Donated")
    BOUGHT = "bought", _("Bought")
    NATIONAL_SCHEME = "national_scheme", _("A national device scheme")


class DeviceCondition(models.TextChoices):
    NEW = "new", _("New")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair: works, with marks or wear")
    POOR = "poor", _("Poor: needs repair")


class DeviceStatus(models.TextChoices):
    IN_STOCK = "in_stock", _("In stock")
    ON_LOAN = "on_loan", _("On loan")
    NEEDS_WIPE = "needs_wipe", _("Returned, data wipe pending")
    LOST = "lost", _("Lost")
    RETIRED = "retired", _("Retired")


class WipeMethod(models.TextChoices):
    FACTORY_RESET = "factory_reset", _("Factory reset")
    SECURE_ERASE = "secure_erase", _("Secure-erase software")
    REIMAGED = "reimaged", _("Reinstalled from a clean image")
    MDM = "mdm", _("Remote wipe (device management)")


class DataGiftKind(models.TextChoices):
    SIM = "sim", _("SIM card")
    VOUCHER = "voucher", _("Data voucher")
