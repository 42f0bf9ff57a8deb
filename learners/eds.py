"""The Essential Digital Skills framework's tasks, task by task, in its own first-person wording
("I can turn on a device…"), asked as "can you do this on your own?" (the Lloyds Consumer
Digital Index's question), so distance travelled is counted in tasks gained and compares across
programmes. Foundation tasks keep the codes of core.vocabulary.FoundationTask, so assessments
made before are counted the same way; life tasks are asked for the areas a learner chose."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.vocabulary import FoundationTask, SkillArea

# The foundation level, in the first person, by the codes already stored.
FOUNDATION_FIRST_PERSON = [
    (FoundationTask.DEVICE_CONTROLS, _("I can turn on a device and use its controls")),
    (FoundationTask.ACCESSIBILITY_TOOLS, _("I can use the accessibility tools on my device")),
    (FoundationTask.HOME_SCREEN, _("I can find and open things from the home screen")),
    (FoundationTask.INTERNET_AND_WIFI, _("I understand what the internet and Wi-Fi are")),
    (FoundationTask.SAFE_WIFI, _("I can connect to a safe Wi-Fi network")),
    (FoundationTask.BROWSER, _("I can open a browser and find a website")),
    (FoundationTask.PASSWORDS_SAFE, _("I keep my passwords and personal information safe")),
    (FoundationTask.UPDATE_PASSWORD, _("I can update a password when I am asked to")),
]


class LifeTask(models.TextChoices):
    """Skills for life, a few tasks per area, in the framework's first-person style."""

    SEND_EMAIL = "send_email", _("I can send and reply to an email")
    VIDEO_CALL = "video_call", _("I can make and take a video call")
    SHARE_PHOTO = "share_photo", _("I can share a photo or a document with someone")
    SEARCH_AND_JUDGE = (
        "search_and_judge",
        _("I can search for information and judge if it is trustworthy"),
    )
    SAVE_AND_FIND = "save_and_find", _("I can save a file and find it again")
    BUY_SAFELY = "buy_safely", _("I can buy something online safely")
    BANK_ONLINE = "bank_online", _("I can check my bank account and pay a bill online")
    FILL_FORM = "fill_form", _("I can fill in a form online, such as for benefits or the NHS")
    FIND_HELP = "find_help", _("I can find help online when something does not work")
    FIX_SETTING = "fix_setting", _("I can change a setting to solve a problem on my device")
    SPOT_SCAM = "spot_scam", _("I can spot a scam email, text or call")
    UPDATE_SOFTWARE = "update_software", _("I can update my device when it asks me to")


LIFE_TASK_AREA = {
    LifeTask.SEND_EMAIL: SkillArea.COMMUNICATING,
    LifeTask.VIDEO_CALL: SkillArea.COMMUNICATING,
    LifeTask.SHARE_PHOTO: SkillArea.COMMUNICATING,
    LifeTask.SEARCH_AND_JUDGE: SkillArea.HANDLING_INFORMATION,
    LifeTask.SAVE_AND_FIND: SkillArea.HANDLING_INFORMATION,
    LifeTask.BUY_SAFELY: SkillArea.TRANSACTING,
    LifeTask.BANK_ONLINE: SkillArea.TRANSACTING,
    LifeTask.FILL_FORM: SkillArea.TRANSACTING,
    LifeTask.FIND_HELP: SkillArea.PROBLEM_SOLVING,
    LifeTask.FIX_SETTING: SkillArea.PROBLEM_SOLVING,
    LifeTask.SPOT_SCAM: SkillArea.SAFE_AND_LEGAL,
    LifeTask.UPDATE_SOFTWARE: SkillArea.SAFE_AND_LEGAL,
}
LIFE_AREAS = [area for area in SkillArea if area != SkillArea.FOUNDATION]
