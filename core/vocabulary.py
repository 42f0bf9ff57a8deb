"""The vocabulary of the field, in one place. Forms, filters, dashboards, exports and seed data all
import these, so a label changes once.

The codes are what is stored and exported as figures, in every language; the labels are what a
person reads, so each is a lazy translation (looked up in the reader's language when shown). A word
read in two senses carries a context for the translator (a session's "Completed", a resource's
"Link", a device's "Retired")."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sector(models.TextChoices):
    HOUSING = "housing", _("Housing provider")
    COUNCIL = "council", _("Council")
    TRADE_UNION = "trade_union", _("Trade union")
    CHARITY = "charity", _("Charity")
    LIBRARY = "library", _("Library")
    HEALTH = "health", _("Health (NHS trust)")
    EMPLOYER = "employer", _("Employer")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """UK nations, and the English regions (ITL1)."""

    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")
    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    WALES = "wales", _("Wales")
    SCOTLAND = "scotland", _("Scotland")
    NORTHERN_IRELAND = "northern_ireland", _("Northern Ireland")


class Role(models.TextChoices):
    PROJECT_MANAGER = "pm", _("Project manager")
    CHAMPION = "champion", _("Digital Champion")


class ChampionKind(models.TextChoices):
    STAFF = "staff", _("Staff")
    VOLUNTEER = "volunteer", _("Volunteer")


class SkillArea(models.TextChoices):
    """UK Essential Digital Skills framework (DfE 2018/2019): foundation plus five areas."""

    FOUNDATION = "foundation", _("Foundation skills")
    COMMUNICATING = "communicating", _("Communicating")
    HANDLING_INFORMATION = "handling_information", _("Handling information and content")
    TRANSACTING = "transacting", _("Transacting")
    PROBLEM_SOLVING = "problem_solving", _("Problem solving")
    SAFE_AND_LEGAL = "safe_and_legal", _("Being safe and legal online")


class FoundationTask(models.TextChoices):
    DEVICE_CONTROLS = "device_controls", _("Turn on a device and use its controls")
    ACCESSIBILITY_TOOLS = "accessibility_tools", _("Use accessibility tools")
    HOME_SCREEN = "home_screen", _("Use the home screen")
    INTERNET_AND_WIFI = "internet_and_wifi", _("Understand the internet and Wi-Fi")
    SAFE_WIFI = "safe_wifi", _("Connect to safe Wi-Fi")
    BROWSER = "browser", _("Open a browser and find a website")
    PASSWORDS_SAFE = "passwords_safe", _("Keep passwords and personal information safe")
    UPDATE_PASSWORD = "update_password", _("Update a password when prompted")


class Topic(models.TextChoices):
    EMAIL = "email", _("Email")
    VIDEO_CALLS = "video_calls", _("Video calls")
    ONLINE_BANKING = "online_banking", _("Online banking")
    NHS_APP = "nhs_app", _("NHS App and GP booking")
    BENEFITS = "benefits", _("Universal Credit and benefits")
    JOB_SEARCH = "job_search", _("Job search and CVs")
    SOCIAL_MEDIA = "social_media", _("Social media")
    ONLINE_SHOPPING = "online_shopping", _("Online shopping")
    SCAMS = "scams", _("Scams and staying safe")
    DEVICE_SETUP = "device_setup", _("Device set-up")
    ACCESSIBILITY = "accessibility", _("Accessibility settings")
    OTHER = "other", _("Other")


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
    NO_DEVICE = "no_device", _("No device")
    NO_CONNECTIVITY = "no_connectivity", _("No connectivity")
    ACCESSIBILITY = "accessibility", _("Accessibility need")
    LANGUAGE = "language", _("Language")
    COST = "cost", _("Cost")
    CONFIDENCE = "confidence", _("Low confidence or motivation")
    IT_PERMISSIONS = "it_permissions", _("IT permissions")


class SessionFormat(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("Group")
    DROP_IN = "drop_in", _("Drop-in (tally)")


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    ONLINE_CHAT = "online_chat", _("Online chat")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("session status", "Planned")
    COMPLETED = "completed", pgettext_lazy("session status", "Completed")
    CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("session status", "No-show")


class CancelReason(models.TextChoices):
    LEARNER_CANCELLED = "learner_cancelled", _("Learner cancelled")
    CHAMPION_UNAVAILABLE = "champion_unavailable", _("Champion unavailable")
    VENUE = "venue", _("Venue problem")
    DISRUPTION = "disruption", _("Weather or disruption")
    PUBLIC_HEALTH = "public_health", _("Public-health restrictions")
    IT_PROBLEM = "it_problem", _("IT or device problem")
    OTHER = "other", _("Other")


class DeviceSupport(models.TextChoices):
    NONE = "", _("None")
    LENT = "lent", _("Device lent")
    GIFTED = "gifted", _("Device gifted")


class DataSupport(models.TextChoices):
    NONE = "", _("None")
    SIM = "sim", _("SIM card")
    VOUCHER = "voucher", _("Data voucher")


class Signposting(models.TextChoices):
    COURSE = "course", _("A course or further learning")
    LIBRARY = "library", _("A library")
    SERVICE = "service", _("A public or advice service")
    EMPLOYMENT = "employment", _("Employment support")
    OTHER = "other", _("Other help")


class AgeBand(models.TextChoices):
    UNDER_25 = "under_25", _("Under 25")
    AGE_25_44 = "25_44", _("25 to 44")
    AGE_45_64 = "45_64", _("45 to 64")
    AGE_65_74 = "65_74", _("65 to 74")
    AGE_75_PLUS = "75_plus", _("75 or over")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "other", _("Describes themselves another way")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class EmploymentStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed or self-employed")
    UNEMPLOYED = "unemployed", _("Unemployed, looking for work")
    RETIRED = "retired", _("Retired")
    STUDENT = "student", _("In education")
    NOT_WORKING = "not_working", _("Not working for other reasons")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class YesNoPreferNot(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("Prefer not to say")


class HeardFrom(models.TextChoices):
    REFERRAL = "referral", _("Referred by a service")
    FRIEND = "friend", _("Friend or family")
    POSTER = "poster", _("Poster or leaflet")
    STAFF = "staff", _("Staff member")
    ONLINE = "online", _("Online")
    OTHER = "other", _("Other")


class ConsentMethod(models.TextChoices):
    VERBAL = "verbal", _("Verbally, in person")
    WRITTEN = "written", _("Signed a paper form")
    PHONE = "phone", _("Verbally, by phone")
    ONLINE = "online", _("Online form")


class ResourceType(models.TextChoices):
    GUIDE = "guide", pgettext_lazy("resource type", "Guide")
    LESSON_PLAN = "lesson_plan", pgettext_lazy("resource type", "Lesson plan")
    HANDOUT = "handout", pgettext_lazy("resource type", "Handout")
    VIDEO = "video", pgettext_lazy("resource type", "Video")
    TEMPLATE = "template", pgettext_lazy("resource type", "Template")
    CASE_STUDY = "case_study", pgettext_lazy("resource type", "Case study")
    POLICY = "policy", pgettext_lazy("resource type", "Policy")
    LINK = "link", pgettext_lazy("resource type", "Link")


class Audience(models.TextChoices):
    CHAMPIONS = "champions", _("Digital Champions")
    PROJECT_MANAGERS = "project_managers", _("Project managers")
    LEARNERS = "learners", _("Learners")


class Language(models.TextChoices):
    """English, Welsh, and the languages most often asked for in UK community settings."""

    ENGLISH = "en", _("English")
    WELSH = "cy", _("Welsh (Cymraeg)")
    POLISH = "pl", _("Polish")
    URDU = "ur", _("Urdu")
    PUNJABI = "pa", _("Punjabi")
    BENGALI = "bn", _("Bengali")
    ARABIC = "ar", _("Arabic")
    ROMANIAN = "ro", _("Romanian")
    SOMALI = "so", _("Somali")


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
    # A device taken out of use; EmploymentStatus.RETIRED is a person who has stopped work.
    RETIRED = "retired", pgettext_lazy("device status", "Retired")


class WipeMethod(models.TextChoices):
    FACTORY_RESET = "factory_reset", _("Factory reset")
    SECURE_ERASE = "secure_erase", _("Secure-erase software")
    REIMAGED = "reimaged", _("Reinstalled from a clean image")
    MDM = "mdm", _("Remote wipe (device management)")


class DataGiftKind(models.TextChoices):
    SIM = "sim", _("SIM card")
    VOUCHER = "voucher", _("Data voucher")
