"""Every write to the data behind the dashboards moves that organisation's figures on to a new
cache version (impact/cache.py). Bulk writes that skip signals call
`impact.cache.data_changed` or `forget_everything` themselves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from learners.models import Consent, Learner, SelfAssessment
from organisations.models import Membership, Organisation, Team
from sessions_log.models import Attendance, SupportSession

from .cache import data_changed
from .models import ProgrammeFunding

WATCHED = (SupportSession, Attendance, Learner, Consent, SelfAssessment, Membership, Team)


@receiver([post_save, post_delete])
def _figures_changed(sender, instance, **kwargs):
    if sender in WATCHED or sender is ProgrammeFunding:
        data_changed(instance.organisation_id)
    elif sender is Organisation:
        data_changed(instance.pk)
