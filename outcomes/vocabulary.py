"""What a follow-up check asks, as codes with labels (the style of core/vocabulary.py). Kept in
this app's own module while core/vocabulary.py is being reworded for translation by others; the
forms, figures, exports and demo data all import it from here."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CanDoAlone(models.TextChoices):
    YES = "yes", _("Yes, on their own")
    WITH_HELP = "with_help", _("Only with some help")
    NOT_YET = "not_yet", _("Not yet")


class OnlineService(models.TextChoices):
    NHS_APP = "nhs_app", _("NHS App")
    UNIVERSAL_CREDIT = "universal_credit", _("Universal Credit journal")
    ONLINE_BANKING = "online_banking", _("Online banking")
    VIDEO_CALLS = "video_calls", _("Video calls")
    JOB_SITES = "job_sites", _("Job sites")


class Progression(models.TextChoices):
    COURSE = "course", _("Started a course")
    JOB_APPLICATION = "job_application", _("Applied for a job")
    JOB = "job", _("Got a job")
    VOLUNTEERING = "volunteering", _("Started volunteering")
    HELPING_OTHERS = "helping_others", _("Helped someone else get online")


class CheckSource(models.TextChoices):
    CHAMPION = "champion", _("Recorded by a champion")
    LEARNER = "learner", _("Given by the learner through the feedback link")
