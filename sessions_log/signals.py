"""What sessions_log tells other apps, so they can act on a change without sessions_log knowing
them (the layers point one way: api listens, sessions_log never imports it). Each is sent by
sessions_log.services inside the transaction that makes the change, so whatever a receiver
writes commits or rolls back with the session. Receivers write their own rows only, never
back into sessions_log, and send nothing over the network (that is for after the commit).

Every signal is sent with sender=SupportSession and the keyword argument session."""

from django.dispatch import Signal

session_logged = Signal()
session_changed = Signal()  # a change that is not a cancellation
session_cancelled = Signal()
