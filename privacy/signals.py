"""What privacy tells other apps (see sessions_log/signals.py for the rules receivers keep).

learner_erased: sent with sender=Learner, learner and reason ("request" or "retention") by
privacy.services.learner_erase, inside its transaction, once per learner."""

from django.dispatch import Signal

learner_erased = Signal()
